"""Key pairs on the key: generate a signing pair, read a public key, list the pairs' ids.

Token thread only (KeySession hops there). Public keys leave as SubjectPublicKeyInfo DER,
ids as hex, never as python-pkcs11 objects.
"""

from __future__ import annotations

from typing import Any

from pkcs11 import Attribute, KeyType, ObjectClass

from netca_client.core import errors
from netca_client.core.token import _errors
from netca_client.core.token.open_session import OpenSession

RSA_2048 = "rsa2048"
EC_P256 = "ec-p256"
#: SM2 (GB/T 32918): only through the model's vendor mechanism profile (drivers/models.toml)
SM2 = "sm2"
ALGORITHMS = (RSA_2048, EC_P256, SM2)
_SM2_EC_PARAMS = bytes.fromhex("06082a811ccf5501822d")

_RSA_EXPONENT = b"\x01\x00\x01"
_P256_POINT_LENGTH = 65  # 0x04 || X || Y


def key_id_bytes(key_id: str) -> bytes:
    """CKA_ID from its hex form; ValueError on a malformed or empty id (a caller's bug)."""
    ident = bytes.fromhex(key_id)
    if not ident:
        raise ValueError("a key id needs at least one byte")
    return ident


def private_key(opened: OpenSession, key_id: str) -> Any:
    """The private key object with this CKA_ID; KeyPairNotFound when there is none."""
    found = opened.find(ObjectClass.PRIVATE_KEY, {Attribute.ID: key_id_bytes(key_id)})
    if not found:
        raise errors.KeyPairNotFound(key_id)
    return found[0]


def public_keys(opened: OpenSession, key_id: str) -> list[Any]:
    """The public key objects with this CKA_ID (normally one)."""
    return opened.find(ObjectClass.PUBLIC_KEY, {Attribute.ID: key_id_bytes(key_id)})


def generate(opened: OpenSession, algorithm: str, key_id: str, label: str) -> bytes:
    """Generate a signing key pair on the key; return its SubjectPublicKeyInfo (DER). SM2
    pairs use the model's vendor mechanism (UnsupportedKeyAlgorithm when it has none).

    The private key never leaves the key (sensitive, not extractable) and only signs:
    a Chinese CA's encryption key pair is made by its key management centre, not here.
    """
    ident = key_id_bytes(key_id)
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unknown key algorithm {algorithm!r}; known: {', '.join(ALGORITHMS)}")
    opened.require_rw("C_GenerateKeyPair")
    opened.require_user("generating a key pair")
    taken = opened.find(ObjectClass.PRIVATE_KEY, {Attribute.ID: ident}) or public_keys(
        opened, key_id
    )
    if taken:
        raise errors.KeyIdInUse(key_id)
    public_template: dict[Attribute, Any] = {
        Attribute.TOKEN: True,
        Attribute.PRIVATE: False,
        Attribute.VERIFY: True,
        Attribute.ENCRYPT: False,
        Attribute.WRAP: False,
    }
    private_template: dict[Attribute, Any] = {
        Attribute.TOKEN: True,
        Attribute.PRIVATE: True,
        Attribute.SENSITIVE: True,
        Attribute.EXTRACTABLE: False,
        Attribute.SIGN: True,
        Attribute.DECRYPT: False,
        Attribute.UNWRAP: False,
    }
    mechanism = None
    if algorithm == RSA_2048:
        key_type, bits = KeyType.RSA, 2048
        public_template[Attribute.PUBLIC_EXPONENT] = _RSA_EXPONENT
    elif algorithm == SM2:
        from netca_client.core.token.mechanisms import require_sm2_profile, vendor_mechanism

        profile = require_sm2_profile(opened, generate=True)
        assert profile.sm2_key_pair_gen is not None  # require_sm2_profile checked it
        mechanism = vendor_mechanism(profile.sm2_key_pair_gen)
        key_type, bits = KeyType.EC, None
        public_template[Attribute.EC_PARAMS] = _SM2_EC_PARAMS
        private_template[Attribute.DERIVE] = False
    else:
        from pkcs11.util.ec import encode_named_curve_parameters

        key_type, bits = KeyType.EC, None
        public_template[Attribute.EC_PARAMS] = encode_named_curve_parameters("secp256r1")
        private_template[Attribute.DERIVE] = False
    with _errors.translated("C_GenerateKeyPair"):
        public, _private = opened.live().generate_keypair(
            key_type,
            bits,
            id=ident,
            label=label,
            store=True,
            mechanism=mechanism,
            public_template=public_template,
            private_template=private_template,
        )
        return public_key_info(public)


def public_key_der(opened: OpenSession, key_id: str) -> bytes:
    """SubjectPublicKeyInfo (DER) of the public key object with this CKA_ID."""
    publics = public_keys(opened, key_id)
    if not publics:
        raise errors.KeyPairNotFound(key_id)
    with _errors.translated("C_GetAttributeValue"):
        return public_key_info(publics[0])


def public_key_info(public: Any) -> bytes:
    """SubjectPublicKeyInfo (DER) from a public key object's attributes (RSA or EC)."""
    from asn1crypto import keys as asn1_keys  # on use: listing keys needs no ASN.1 (issue 16)

    key_type = public[Attribute.KEY_TYPE]
    if key_type == KeyType.RSA:
        rsa = asn1_keys.RSAPublicKey(
            {
                "modulus": int.from_bytes(public[Attribute.MODULUS], "big"),
                "public_exponent": int.from_bytes(public[Attribute.PUBLIC_EXPONENT], "big"),
            }
        )
        return bytes(asn1_keys.PublicKeyInfo.wrap(rsa, "rsa").dump())
    if key_type == KeyType.EC:
        params = asn1_keys.ECDomainParameters.load(bytes(public[Attribute.EC_PARAMS]))
        info = asn1_keys.PublicKeyInfo(
            {
                "algorithm": {"algorithm": "ec", "parameters": params},
                "public_key": _ec_point(bytes(public[Attribute.EC_POINT])),
            }
        )
        return bytes(info.dump())
    raise errors.TokenOperationFailed("reading a public key", f"unsupported key type {key_type!r}")


def _ec_point(value: bytes) -> bytes:
    # PKCS#11 says CKA_EC_POINT is a DER OCTET STRING; some vendor modules return the
    # raw point. A raw uncompressed P-256 point is 65 bytes, its OCTET STRING 67.
    if len(value) == _P256_POINT_LENGTH and value[0] == 0x04:
        return value
    from asn1crypto import core as asn1_core

    return bytes(asn1_core.OctetString.load(value).native)


def private_key_ids(opened: OpenSession) -> list[str]:
    """Hex CKA_IDs of the private keys, sorted. Needs a user login (they are private)."""
    opened.require_user("listing key pairs")
    return _ids(opened, ObjectClass.PRIVATE_KEY)


def public_key_ids(opened: OpenSession) -> list[str]:
    """Hex CKA_IDs of the public keys, sorted. Public: no login needed."""
    return _ids(opened, ObjectClass.PUBLIC_KEY)


def _ids(opened: OpenSession, object_class: ObjectClass) -> list[str]:
    objects = opened.find(object_class, {})
    with _errors.translated("C_GetAttributeValue"):
        return sorted({bytes(o[Attribute.ID] or b"").hex() for o in objects})
