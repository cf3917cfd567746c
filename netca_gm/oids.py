"""GM/T OIDs (GM/T 0006) and their names in asn1crypto, which knows none of them.

register() adds the names to asn1crypto's maps (``_map`` and the prebuilt ``_reverse_map``)
once per process; certificates, CMS and CSRs then say "sm3_sm2" and "sm3" instead of
dotted OIDs, and can be built with them.
"""

from __future__ import annotations

import threading

SM2_CURVE = "1.2.156.10197.1.301"
SM2_SIGN = "1.2.156.10197.1.301.1"
SM3 = "1.2.156.10197.1.401"
SM2_WITH_SM3 = "1.2.156.10197.1.501"
#: GM/T 0010 content types (data, signedData); we write the PKCS#7 ones, as PDF asks
GM_DATA = "1.2.156.10197.6.1.4.2.1"
GM_SIGNED_DATA = "1.2.156.10197.6.1.4.2.2"

#: asn1crypto names
SM3_SM2_NAME = "sm3_sm2"
SM2_SIGN_NAME = "sm2sign"
SM3_NAME = "sm3"
SM2_CURVE_NAME = "sm2p256v1"

_done: list[bool] = []
_lock = threading.Lock()


def register() -> None:
    """Teach asn1crypto the SM2/SM3 names (idempotent, thread-safe)."""
    if _done:
        return
    with _lock:
        if _done:
            return
        from asn1crypto import algos, keys

        for cls, oid, name in (
            (algos.SignedDigestAlgorithmId, SM2_WITH_SM3, SM3_SM2_NAME),
            (algos.SignedDigestAlgorithmId, SM2_SIGN, SM2_SIGN_NAME),
            (algos.DigestAlgorithmId, SM3, SM3_NAME),
            (algos.HmacAlgorithmId, "1.2.156.10197.1.401.2", "hmac_sm3"),
        ):
            cls._map[oid] = name
            if cls._reverse_map is not None:
                cls._reverse_map[name] = oid
        if SM2_CURVE not in keys.NamedCurve._map:
            keys.NamedCurve.register(SM2_CURVE_NAME, SM2_CURVE, 32)
        _done.append(True)
