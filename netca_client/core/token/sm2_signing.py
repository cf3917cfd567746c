"""Signing with an SM2 key on the key, through the model's vendor mechanism profile.

Token thread only (signing.sign dispatches here). The mechanism is the profile's, never a
guess: SM3-with-SM2 with the standard ID (DER, else r‖s) when the configured ID is the
standard one, else the pre-hashed mechanism over e = SM3(Z_A ‖ M) computed here (hashing
only; the signature is the key's). Every signature is checked with libcrypto before it is
returned, so a module whose mechanism means something else than its profile says (another
ID, no Z_A) is caught here and not in a verifier's hands.
"""

from __future__ import annotations

from typing import Any

from netca_client.core import errors
from netca_client.core.token import _errors
from netca_client.core.token.key_pairs import public_key_der
from netca_client.core.token.mechanisms import require_sm2_profile, vendor_mechanism
from netca_client.core.token.open_session import OpenSession

#: what KeySignature.algorithm says for SM2 (asn1crypto's name once netca_gm registered it)
SM3_SM2 = "sm3_sm2"


def sign_sm2(opened: OpenSession, key: Any, data: bytes, key_id: str) -> tuple[bytes, str]:
    """DER SM2/SM3 signature of ``data`` by ``key`` (with the configured ID)."""
    from netca_client.core import gm  # the SM2 bindings load with the first SM2 signature

    profile = require_sm2_profile(opened)
    if not gm.available():
        raise errors.Sm2NotAvailable(gm.unavailable_reason() or "unknown")
    public = public_key_der(opened, key_id)
    distid = gm.configured_id()
    standard = distid == gm.DEFAULT_ID
    with _errors.translated("C_Sign"):
        if standard and profile.sm3_sm2_id_der is not None:
            der = bytes(key.sign(data, mechanism=vendor_mechanism(profile.sm3_sm2_id_der)))
        elif standard and profile.sm3_sm2_id_raw is not None:
            raw = bytes(key.sign(data, mechanism=vendor_mechanism(profile.sm3_sm2_id_raw)))
            der = _der(raw)
        elif profile.sm2_sign_e is not None:
            e = gm.e_value(public, data, distid)
            der = _der(bytes(key.sign(e, mechanism=vendor_mechanism(profile.sm2_sign_e))))
        else:
            raise errors.UnsupportedKeyAlgorithm(
                "SM2", f"profile {profile.id} signs only with the standard ID"
            )
    if not gm.verify(public, data, der, distid):
        raise errors.TokenOperationFailed(
            "C_Sign",
            f"the SM2 signature made with profile {profile.id} does not verify: the module's "
            "mechanisms do not mean what the profile says",
        )
    return der, SM3_SM2


def _der(raw: bytes) -> bytes:
    from netca_client.core import gm

    try:
        return gm.raw_to_der(raw)
    except ValueError as exc:
        raise errors.TokenOperationFailed("C_Sign", f"not an SM2 signature: {exc}") from exc
