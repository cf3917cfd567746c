"""Seals on a key through a KeySession: read and check them, write one, find the key that
holds one. Any thread may call these; the session hops to the token thread for PKCS#11."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from cryptography import x509

from netca_client.core.certs import KeyPurpose, key_certificates
from netca_client.core.errors import (
    KeyNotFound,
    KeyNotInitialised,
    KeyRemoved,
    SealAmbiguous,
    SealNotFound,
    SealOnNoKey,
    SealOnSeveralKeys,
)
from netca_client.core.seals.der import key_seal_template
from netca_client.core.seals.objects import KeySeal, describe_seals
from netca_client.core.seals.trust import SealTrust
from netca_client.core.token.models import DataObjectSummary, KeyRef

if TYPE_CHECKING:
    from netca_client.core.token.library import TokenLibrary
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
        for c in key_certificates(session, now=now)
        if c.purpose in _SIGNING and c.der
    ]
    return describe_seals(objects, key_certificates=certs, trust=trust, now=now)


def write_seal(session: KeySession, der: bytes, *, label: str | None = None) -> DataObjectSummary:
    """Write a seal (docs/seal-format.md), replacing the seal with the same label only after
    the new object reads back as written (else SealNotVerified, the old one stays).

    Refuses DER that does not parse (SealUnreadable) and a ``label`` that cannot be a seal
    name, but stores a seal whose checks fail: the client cannot repair the RA's seal.
    Needs a user login on a read-write session.
    """
    return session.write_seal_object(key_seal_template(der, label=label))


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


def key_holding_seal(
    library: TokenLibrary, name: str, *, trust: SealTrust, wanted: str | None = None
) -> tuple[KeyRef, KeySeal]:
    """The key that holds the seal ``name`` (its label or seal id), and that seal.

    With ``wanted`` the key is the one named so; without, every key present is searched.
    KeyNotFound without any key; SealOnNoKey / SealNotFound when no key holds the seal;
    SealOnSeveralKeys when several do; SealAmbiguous when one key holds two of that name.
    """
    keys = [library.find(wanted)] if wanted is not None else library.keys()
    if not keys:
        raise KeyNotFound()
    found: list[tuple[KeyRef, KeySeal]] = []
    for key in keys:
        try:
            with library.open(key) as session:
                seal = find_seal(key_seals(session, trust=trust), name)
        except SealNotFound:
            continue
        except (KeyRemoved, KeyNotInitialised):
            if wanted is not None:
                raise
            continue
        found.append((key, seal))
    if not found:
        if wanted is not None:
            raise SealNotFound(name)
        raise SealOnNoKey(name, len(keys))
    if len(found) > 1:
        raise SealOnSeveralKeys(name, [key for key, _ in found])
    return found[0]
