"""Installing a seal the RA made: checked before it is written, written beside the old one,
read back and verified, and only then the old one removed (docs/seal-format.md, "Install").

Any thread may call these; the KeySession hops to the token thread. Each function is one
step of SealJobs.install, which journals before each of them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from netca_client.core.certs import key_certificates
from netca_client.core.errors import SealNotVerified, SealUnreadable, WrongKey
from netca_client.core.seals import SealTrust, SealVerdict, key_seal_template, parse_key_seal
from netca_client.core.seals.objects import seal_verdict
from netca_client.core.token.session import KeySession
from netca_seal import Seal, check_seal


@dataclass(frozen=True)
class CheckedSeal:
    """A seal ready to install: parsed, made by the RA's seal maker, valid for this key."""

    der: bytes
    seal: Seal
    holder: x509.Certificate

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.der).hexdigest()


def check_for_key(
    session: KeySession,
    der: bytes,
    *,
    trust: SealTrust,
    maker: x509.Certificate,
    now: datetime | None = None,
) -> CheckedSeal:
    """The seal if it is fit for this key: it parses, its maker is ``maker`` (the RA's seal
    maker) and chains to ``trust``, it is valid now, its picture decodes, and it names a
    signing certificate on this key (WrongKey otherwise: a seal goes only onto the key whose
    certificate it names). SealNotVerified says what else is wrong."""
    try:
        seal = parse_key_seal(der)
    except SealUnreadable as exc:
        raise SealNotVerified(f"the seal from the RA does not parse: {exc.reason}") from exc
    if seal.maker_cert_der != maker.public_bytes(Encoding.DER):
        raise SealNotVerified("the seal was not made by the RA's seal maker")
    on_key = [
        x509.load_der_x509_certificate(c.der)
        for c in key_certificates(session, now=now)
        if c.der and c.purpose.value in ("signing", "both", "unknown")
    ]
    holder = next((cert for cert in on_key if seal.allows(cert)), None)
    if holder is None:
        raise WrongKey("the key whose certificate the seal names", session.key.serial)
    result = check_seal(
        seal, trusted_roots=trust.roots, intermediates=trust.intermediates,
        holder_cert=holder, now=now,
    )  # fmt: skip
    if seal_verdict(result) is not SealVerdict.VALID:
        codes = "; ".join(f"{p.code} ({p.message})" for p in result.problems) or "?"
        raise SealNotVerified(f"the seal does not verify: {codes}")
    return CheckedSeal(der, seal, holder)


def write_beside(session: KeySession, checked: CheckedSeal) -> None:
    """Write the new seal object; the old seals stay. Read back byte for byte by the key
    layer (SealNotVerified and nothing left behind when it does not)."""
    session.add_seal_object(key_seal_template(checked.der))


def verify_written(
    session: KeySession,
    sha256: str,
    *,
    trust: SealTrust,
    maker: x509.Certificate,
    now: datetime | None = None,
) -> CheckedSeal:
    """Read the seal with this digest back from the key and check it again in full."""
    for obj in session.seals():
        if hashlib.sha256(obj.value).hexdigest() == sha256:
            return check_for_key(session, obj.value, trust=trust, maker=maker, now=now)
    raise SealNotVerified("the new seal is not on the key")


def remove_seals(session: KeySession, seal_id: str, *, keep_sha256: str) -> int:
    """Delete the seals with id ``seal_id`` except the one with digest ``keep_sha256``."""
    removed = 0
    for obj in session.seals():
        if hashlib.sha256(obj.value).hexdigest() == keep_sha256:
            continue
        try:
            parsed = parse_key_seal(obj.value)
        except SealUnreadable:
            continue
        if parsed.seal_id == seal_id:
            removed += session.delete_seal_value(obj.value)
    return removed
