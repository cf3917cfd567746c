"""SM2 in pyHanko: the signature validator pyhanko-certvalidator calls for CMS signer infos,
certificate chains, CRLs and OCSP answers (ValidationContext(signature_validator=…)).

SM2-with-SM3 (and sm2sign with SM3) are checked by libcrypto through core.gm with the
configured ID; every other algorithm goes to pyhanko's own validator unchanged.
"""

from __future__ import annotations

from typing import Any

from asn1crypto import algos, keys
from cryptography.exceptions import InvalidSignature
from pyhanko_certvalidator.errors import AlgorithmNotSupported
from pyhanko_certvalidator.sig_validate import (
    DEFAULT_VALIDATION_CONTEXT,
    DefaultSignatureValidator,
    SignatureValidationContext,
)

from netca_client.core import gm

SM2_ALGORITHMS = frozenset({"sm3_sm2", "sm2sign"})


class Sm2SignatureValidator(DefaultSignatureValidator):
    """pyHanko's validator plus SM2/SM3 (libcrypto, the configured distinguishing ID)."""

    def validate_signature(
        self,
        signature: bytes,
        signed_data: bytes,
        public_key_info: keys.PublicKeyInfo,
        signature_algorithm: algos.SignedDigestAlgorithm,
        context: SignatureValidationContext = DEFAULT_VALIDATION_CONTEXT,
    ) -> Any:
        if signature_algorithm["algorithm"].native not in SM2_ALGORITHMS:
            return super().validate_signature(
                signature, signed_data, public_key_info, signature_algorithm, context
            )
        if context.prehashed:
            raise AlgorithmNotSupported("SM2 signatures over a pre-hashed digest")
        reason = gm.unavailable_reason()
        if reason is not None:
            raise AlgorithmNotSupported(f"SM2 is not available here: {reason}")
        spki = public_key_info.dump()
        if not gm.is_sm2_public_key(spki):
            raise InvalidSignature("an SM2 signature needs an SM2 public key")
        if not gm.verify(spki, signed_data, signature, gm.configured_id()):
            raise InvalidSignature("the SM2 signature does not verify")


SM2_VALIDATOR = Sm2SignatureValidator()
