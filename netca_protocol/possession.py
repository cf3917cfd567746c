"""Proof of possession: a request about a key that can still sign carries a signature, made
with the key's signing certificate, over the canonical request body and a fresh server nonce.

Shared by every such request (seal applications now, renewal next): the client builds the
message with ``possession_message`` and signs it on the key; the RA rebuilds the same bytes
and verifies them with the certificate it issued (docs/ra-protocol.md, "Proof of possession").
"""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

#: a nonce from ``POST /possession/nonces``: 43 characters of base64url (256 bits)
NONCE_PATTERN = r"^[A-Za-z0-9_-]{43}$"
#: how long a nonce may be used, and only once
NONCE_TTL_SECONDS = 300
#: the first line of every signed message (the format's version)
MESSAGE_PREFIX = b"netca-possession-v1"


class PossessionAlgorithm(StrEnum):
    """How the key signed: SHA-256 with RSA PKCS#1 v1.5, ECDSA with SHA-256 (DER), or
    SM3-with-SM2 (GM/T 0009, ID 1234567812345678, DER) for an SM2 certificate."""

    SHA256_RSA = "sha256_rsa"
    SHA256_ECDSA = "sha256_ecdsa"
    SM3_SM2 = "sm3_sm2"


class PossessionNonce(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    nonce: str
    expires_at: datetime


class ProofOfPossession(BaseModel):
    """The signature over ``possession_message(...)``, and which certificate made it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: the serial (lower-case hex) of the key's signing certificate, issued by this RA
    certificate_serial: Annotated[str, Field(pattern=r"^[0-9a-f]{1,40}$")]
    nonce: Annotated[str, Field(pattern=NONCE_PATTERN)]
    algorithm: PossessionAlgorithm
    #: base64 (standard alphabet) of the signature
    signature: Annotated[str, Field(min_length=8, max_length=2048, pattern=r"^[A-Za-z0-9+/=]+$")]


def canonical_json(value: Any) -> bytes:
    """The one byte form of a JSON value both sides sign and check: keys sorted, no spaces,
    UTF-8 (no \\u escapes for non-ASCII)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def possession_message(
    *, purpose: str, key_serial: str, certificate_serial: str, nonce: str, body: BaseModel
) -> bytes:
    """The bytes the key signs: the format, what is asked (``purpose`` names the endpoint,
    e.g. ``seal-order``), about which key and certificate, the nonce, and the body."""
    head = "\n".join((purpose, key_serial, certificate_serial, nonce)).encode()
    return MESSAGE_PREFIX + b"\n" + head + b"\n" + canonical_json(body.model_dump(mode="json"))
