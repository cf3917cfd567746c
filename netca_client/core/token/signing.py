"""Signing with a private key on the key: SHA-256 with RSA PKCS#1 v1.5, or ECDSA P-256 (DER).

Token thread only (KeySession.sign hops there). pyhanko's PKCS#11 signer is not used:
it would import pkcs11 outside core/token and run C_Sign on its own executor thread.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from pkcs11 import Attribute, KeyType, Mechanism
from pkcs11.util.ec import encode_ecdsa_signature

from netca_client.core import errors
from netca_client.core.token import _errors
from netca_client.core.token.key_pairs import private_key
from netca_client.core.token.open_session import OpenSession


@dataclass(frozen=True)
class KeySignature:
    """A signature made on the key and what made it (for CMS: sha256_rsa or sha256_ecdsa)."""

    value: bytes
    algorithm: str


def sign(opened: OpenSession, data: bytes, key_id: str) -> KeySignature:
    """Sign ``data`` with the private key whose CKA_ID is ``key_id`` (hex). Needs a user
    login; KeyPairNotFound when the key holds no such private key."""
    opened.live()  # an unplugged key is KeyRemoved before anything else
    opened.require_user("sign")
    key = private_key(opened, key_id)
    with _errors.translated("C_Sign"):
        key_type = key[Attribute.KEY_TYPE]
        if key_type == KeyType.RSA:
            value = key.sign(data, mechanism=Mechanism.SHA256_RSA_PKCS)
            return KeySignature(bytes(value), "sha256_rsa")
        if key_type == KeyType.EC:
            # SoftHSM2 (and many keys) have no hashed ECDSA mechanism: hash here
            # (docs/dependencies.md).
            raw = key.sign(hashlib.sha256(data).digest(), mechanism=Mechanism.ECDSA)
            return KeySignature(encode_ecdsa_signature(raw), "sha256_ecdsa")
    raise errors.TokenOperationFailed("sign", f"unsupported key type {key_type!r}")
