"""国密 SM2/SM3 on the system's OpenSSL 3 libcrypto, shared by the client, the RA and the
seal format (it imports none of them). docs/gm.md describes what is supported."""

from netca_gm._libcrypto import (
    OpenSslError,
    Sm2Unavailable,
    unavailable_reason,
)
from netca_gm._libcrypto import version as libcrypto_version
from netca_gm.oids import SM2_CURVE, SM2_WITH_SM3, SM3, register
from netca_gm.sm2 import (
    DEFAULT_ID,
    RAW_SIGNATURE_LENGTH,
    Sm2KeyError,
    Sm2PrivateKey,
    der_to_raw,
    e_value,
    is_sm2_public_key,
    public_point,
    raw_to_der,
    sm3,
    verify,
    z_a,
)

register()  # asn1crypto learns the SM2/SM3 names before anyone parses with them


def available() -> bool:
    """Whether SM2 signing and verification work on this platform."""
    return unavailable_reason() is None


__all__ = [
    "DEFAULT_ID",
    "RAW_SIGNATURE_LENGTH",
    "SM2_CURVE",
    "SM2_WITH_SM3",
    "SM3",
    "OpenSslError",
    "Sm2KeyError",
    "Sm2PrivateKey",
    "Sm2Unavailable",
    "available",
    "der_to_raw",
    "e_value",
    "is_sm2_public_key",
    "libcrypto_version",
    "public_point",
    "raw_to_der",
    "register",
    "sm3",
    "unavailable_reason",
    "verify",
    "z_a",
]
