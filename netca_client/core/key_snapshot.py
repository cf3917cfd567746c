"""KeySnapshot: everything a front end shows about one key (its PIN state, certificates,
seals, activation mark), read in one token-thread job; any thread may ask for one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from netca_client.core.errors import KeyNotInitialised, TokenError
from netca_client.core.token.models import KeyInfo, KeyRef, PinStatus

if TYPE_CHECKING:
    from netca_client.core.certs import CertificateSummary
    from netca_client.core.certs.reminders import Expiring
    from netca_client.core.seals import KeySeal, SealTrust
    from netca_client.core.token.library import TokenLibrary
    from netca_client.core.token.session import KeySession

# Certificates (cryptography's X.509) and seals (netca_seal, Pillow) are imported where a
# snapshot is read, on the thread reading it: `netca keys` and the window's first paint do
# not wait for them (issue 16).

#: a public data object the client writes at provisioning and removes at activation, so a
#: key awaiting activation (激活证书) is recognised offline (CKA_APPLICATION, CKA_LABEL)
ACTIVATION_MARK = ("netca-client", "awaiting-activation")


def awaiting_activation(session: KeySession) -> bool:
    """Whether the key was provisioned at a counter and its holder has not activated it."""
    return ACTIVATION_MARK in {(o.application, o.label) for o in session.data_objects()}


def pin_locked(session: KeySession) -> bool:
    """Whether the key's user PIN is locked (忘记密码 unlocks it)."""
    return session.pin_status().locked


@dataclass(frozen=True)
class KeySnapshot:
    """A key's state at one moment. ``pin`` is None for a blank key."""

    key: KeyRef
    info: KeyInfo | None
    pin: PinStatus | None
    certificates: tuple[CertificateSummary, ...]
    seals: tuple[KeySeal, ...]
    #: provisioned at an acceptance point; the holder has not activated it (set a PIN) yet
    awaiting_activation: bool = False

    @property
    def signing_certificate(self) -> CertificateSummary | None:
        """The certificate a holder is known by: the first signing one, else the first."""
        current = self.current_certificates
        signing = [c for c in current if c.purpose.value in ("signing", "both")]
        chosen = signing or current
        return max(chosen, key=lambda c: c.not_after) if chosen else None

    @property
    def current_certificates(self) -> list[CertificateSummary]:
        """The certificates in use: not the pairs a renewal archived (kept for decryption)."""
        from netca_client.core.certs.archive import is_archived

        return [c for c in self.certificates if not is_archived(c.label)]

    @property
    def holder(self) -> str:
        cert = self.signing_certificate
        if cert is None:
            return self.key.label
        if cert.subject_o and cert.subject_o != cert.subject_cn:
            return f"{cert.subject_cn}（{cert.subject_o}）"
        return cert.subject_cn

    def expiring(self, now: dt.datetime | None = None) -> list[Expiring]:
        """Certificates and seals with their days left, for reminders."""
        from netca_client.core.certs import days_between
        from netca_client.core.certs.reminders import Expiring

        now = now or dt.datetime.now(dt.UTC)
        items = [
            Expiring(c.sha256, c.subject_cn, c.days_left, "certificate")
            for c in self.current_certificates
        ]
        for seal in self.seals:
            if seal.seal is not None:
                days = days_between(now, seal.seal.valid_to)
                items.append(Expiring(seal.seal.seal_id, seal.name, days, "seal"))
        return items

    @property
    def days_left(self) -> int | None:
        """Days until the soonest certificate expiry, None without certificates."""
        return min((c.days_left for c in self.current_certificates), default=None)


def read_snapshot(
    library: TokenLibrary,
    key: KeyRef,
    *,
    trust: SealTrust | None = None,
    now: dt.datetime | None = None,
) -> KeySnapshot:
    """Read info, PIN status, certificates and seals of ``key``; any thread may call it."""
    from netca_client.core.certs import key_certificates
    from netca_client.core.seals import key_seals, load_seal_trust

    def read() -> KeySnapshot:
        if not key.initialized:
            return KeySnapshot(key, None, None, (), ())
        try:
            with library.open(key) as session:
                marks = {(o.application, o.label) for o in session.data_objects()}
                return KeySnapshot(
                    key=key,
                    info=session.info(),
                    pin=session.pin_status(),
                    certificates=tuple(key_certificates(session, now=now)),
                    seals=tuple(key_seals(session, trust=trust or load_seal_trust(), now=now)),
                    awaiting_activation=ACTIVATION_MARK in marks,
                )
        except KeyNotInitialised:
            return KeySnapshot(key, None, None, (), ())

    return library.module_for(key).run(read)


__all__ = [
    "ACTIVATION_MARK",
    "KeySnapshot",
    "TokenError",
    "awaiting_activation",
    "pin_locked",
    "read_snapshot",
]
