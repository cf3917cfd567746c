"""Reading a key's seals through a KeySession and picking one by name or seal id.

Any thread may call these; the session hops to the token thread for every PKCS#11 call.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from cryptography import x509

from netca_client.core.certs import KeyPurpose
from netca_client.core.errors import SealAmbiguous, SealNotFound
from netca_client.core.seals.objects import KeySeal, describe_seals
from netca_client.core.seals.trust import SealTrust

if TYPE_CHECKING:
    from netca_client.core.token.session import KeySession

# Certificates that can stamp: an encryption-only certificate never signs a document.
_SIGNING = frozenset({KeyPurpose.SIGNING, KeyPurpose.BOTH, KeyPurpose.UNKNOWN})


def key_seals(
    session: KeySession, *, trust: SealTrust, now: datetime | None = None
) -> list[KeySeal]:
    """Every seal object on the key, parsed and checked against the key's signing certificates.

    Seal objects are public, so no PIN is needed.
    """
    objects = session.seals()
    certs = [
        x509.load_der_x509_certificate(c.der)
        for c in session.certificates(now=now)
        if c.purpose in _SIGNING and c.der
    ]
    return describe_seals(objects, key_certificates=certs, trust=trust, now=now)


def find_seal(seals: Sequence[KeySeal], name: str) -> KeySeal:
    """The seal whose label (or seal id) is ``name``; two seals may share a label."""
    by_label = [s for s in seals if s.label == name]
    if len(by_label) == 1:
        return by_label[0]
    if len(by_label) > 1:
        ids = tuple(s.seal.seal_id if s.seal else "?" for s in by_label)
        raise SealAmbiguous(name, ids)
    by_id = [s for s in seals if s.seal is not None and s.seal.seal_id == name]
    if len(by_id) == 1:
        return by_id[0]
    if len(by_id) > 1:
        raise SealAmbiguous(name, tuple(s.label for s in by_id))
    raise SealNotFound(name)
