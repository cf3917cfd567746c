"""The client's 国密 layer: SM2/SM3 signatures, Z_A, chain checks and SM2 CSRs.

Built on ``netca_gm`` (the ctypes bindings to the system's OpenSSL 3 libcrypto, shared with
the RA and the seal format); core modules import SM2 from here. The bottom layer of core:
it imports neither token, certs, seals nor pdf. Where libcrypto has no SM2, ``available()``
is False, ``unavailable_reason()`` says why, and every operation raises Sm2Unavailable
(a NetcaError-free RuntimeError that front ends word as "SM2 not available here").
docs/gm.md describes the ID convention (``configured_id``).
"""

from __future__ import annotations

import os

from netca_gm import (
    DEFAULT_ID,
    RAW_SIGNATURE_LENGTH,
    SM2_CURVE,
    SM2_WITH_SM3,
    SM3,
    Sm2KeyError,
    Sm2Unavailable,
    available,
    der_to_raw,
    e_value,
    is_sm2_public_key,
    libcrypto_version,
    public_point,
    raw_to_der,
    register,
    sm3,
    unavailable_reason,
    verify,
    z_a,
)
from netca_gm.x509 import (
    ChainCheck,
    certificate_signed_by,
    check_chain,
    csr_signature_valid,
    is_sm2_certificate,
    is_sm2_signed,
    key_algorithm,
    public_key_der,
    signature_algorithm_name,
    verify_signed,
)

#: the environment variable that sets another SM2 distinguishing ID (UTF-8 text)
ID_ENV = "NETCA_SM2_ID"


def configured_id() -> bytes:
    """The distinguishing ID this client signs and verifies with: ``NETCA_SM2_ID`` when set,
    else GM/T 0009's 1234567812345678 (never OpenSSL 3.0's empty default)."""
    value = os.environ.get(ID_ENV)
    return value.encode("utf-8") if value else DEFAULT_ID


__all__ = [
    "DEFAULT_ID",
    "ID_ENV",
    "RAW_SIGNATURE_LENGTH",
    "SM2_CURVE",
    "SM2_WITH_SM3",
    "SM3",
    "ChainCheck",
    "Sm2KeyError",
    "Sm2Unavailable",
    "available",
    "certificate_signed_by",
    "check_chain",
    "configured_id",
    "csr_signature_valid",
    "der_to_raw",
    "e_value",
    "is_sm2_certificate",
    "is_sm2_public_key",
    "is_sm2_signed",
    "key_algorithm",
    "libcrypto_version",
    "public_key_der",
    "public_point",
    "raw_to_der",
    "register",
    "signature_algorithm_name",
    "sm3",
    "unavailable_reason",
    "verify",
    "verify_signed",
    "z_a",
]
