"""Signing with a private key on the key: SHA-256 with RSA PKCS#1 v1.5, ECDSA on the NIST
curves (DER), or SM2/SM3 through the model's vendor mechanism profile (sm2_signing).

Token thread only (KeySession.sign hops there). pyhanko's PKCS#11 signer is not used:
it would import pkcs11 outside core/token and run C_Sign on its own executor thread.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from pkcs11 import Attribute, KeyType, Mechanism
from pkcs11.exceptions import AttributeTypeInvalid
from pkcs11.util.ec import encode_ecdsa_signature

from netca_client.core import errors
from netca_client.core.token import _errors
from netca_client.core.token.key_pairs import private_key, public_keys
from netca_client.core.token.open_session import OpenSession
from netca_client.core.token.sm2_signing import sign_sm2

#: CKA_EC_PARAMS (named curve OIDs, DER) of the curves ECDSA is known right on
ECDSA_CURVES = {
    bytes.fromhex("06082a8648ce3d030107"): "P-256",
    bytes.fromhex("06052b81040022"): "P-384",
    bytes.fromhex("06052b81040023"): "P-521",
}
SM2_EC_PARAMS = bytes.fromhex("06082a811ccf5501822d")


@dataclass(frozen=True)
class KeySignature:
    """A signature made on the key and what made it (for CMS: sha256_rsa, sha256_ecdsa or
    sm3_sm2)."""

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
        curve = _curve(opened, key, key_id)
        if curve == SM2_EC_PARAMS:
            # Never CKM_ECDSA on an SM2 key: SoftHSM2 would make an ECDSA signature with it.
            value, algorithm = sign_sm2(opened, key, data, key_id)
            return KeySignature(value, algorithm)
        if curve not in ECDSA_CURVES:
            raise errors.UnsupportedKeyAlgorithm(
                f"EC {curve.hex() if curve else '?'}", "ECDSA is signed only on P-256/384/521"
            )
        with _errors.translated("C_Sign"):
            # SoftHSM2 (and many keys) have no hashed ECDSA mechanism: hash here
            # (docs/dependencies.md).
            raw = key.sign(hashlib.sha256(data).digest(), mechanism=Mechanism.ECDSA)
            return KeySignature(encode_ecdsa_signature(raw), "sha256_ecdsa")
    raise errors.UnsupportedKeyAlgorithm(f"key type {key_type!r}", "not RSA, EC or SM2")


def _curve(opened: OpenSession, key: Any, key_id: str) -> bytes | None:
    """CKA_EC_PARAMS of an EC private key, from its public key when the module keeps them
    off the private one."""
    with _errors.translated("C_GetAttributeValue"):
        try:
            params = key[Attribute.EC_PARAMS]
        except (AttributeTypeInvalid, KeyError):
            params = None
        if not params:
            publics = public_keys(opened, key_id)
            params = publics[0][Attribute.EC_PARAMS] if publics else None
    return bytes(params) if params else None
