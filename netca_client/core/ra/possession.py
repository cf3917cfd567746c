"""Proof of possession, the client's side: sign the canonical request body and a fresh RA
nonce with the key's signing certificate (docs/ra-protocol.md, section 12).

Shared by every request about a key that can still sign (seal applications, renewal). The
signature itself is made on the key by the caller's ``sign`` (KeySession.sign on the token
thread); this module only builds the message and the proof around it.
"""

from __future__ import annotations

import base64
from collections.abc import Callable

from pydantic import BaseModel

from netca_protocol.possession import (
    PossessionAlgorithm,
    ProofOfPossession,
    possession_message,
)

#: sign(message) -> (signature, algorithm name as KeySignature gives it: sha256_rsa,
#: sha256_ecdsa or sm3_sm2)
Signer = Callable[[bytes], tuple[bytes, str]]


def prove_possession(
    *,
    sign: Signer,
    purpose: str,
    key_serial: str,
    certificate_serial: str,
    nonce: str,
    body: BaseModel,
) -> ProofOfPossession:
    """The proof for ``body``: ``certificate_serial`` is the lower-case hex serial of the
    signing certificate on the key that ``sign`` signs with."""
    message = possession_message(
        purpose=purpose,
        key_serial=key_serial,
        certificate_serial=certificate_serial,
        nonce=nonce,
        body=body,
    )
    signature, algorithm = sign(message)
    return ProofOfPossession(
        certificate_serial=certificate_serial,
        nonce=nonce,
        algorithm=PossessionAlgorithm(algorithm),
        signature=base64.b64encode(signature).decode("ascii"),
    )
