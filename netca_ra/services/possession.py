"""Proof of possession (docs/ra-protocol.md, section 12): fresh nonces, and the check that a
request about a key was signed by the signing certificate the RA issued onto that key.

Shared by every request about a key that can still sign (seal applications now, renewal next).
Nonces are stored as SHA-256 only and used once; the check runs inside the caller's
transaction (a helper: it never commits).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
from datetime import datetime, timedelta

from cryptography import x509
from pydantic import BaseModel
from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from netca_protocol import KeyState
from netca_protocol.errors import ErrorCode
from netca_protocol.possession import (
    NONCE_TTL_SECONDS,
    PossessionNonce,
    ProofOfPossession,
    possession_message,
)
from netca_ra.errors import ApiError
from netca_ra.models import IssuedCertificate, KeyRecord, utcnow
from netca_ra.models import PossessionNonce as NonceRow
from netca_ra.services import ratelimit
from netca_ra.services.key_signatures import CannotVerify, signed_by, signing_algorithm
from netca_ra.services.keys import lock_key

#: nonces one client may ask for in an hour (each proof needs one)
NONCES_PER_CLIENT_PER_HOUR = 120


def _nonce_hash(nonce: str) -> str:
    return hashlib.sha256(nonce.encode("ascii")).hexdigest()


def _refused(detail: str) -> ApiError:
    return ApiError(ErrorCode.POSSESSION_INVALID, 403, detail)


class PossessionService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def new_nonce(self, *, client: str) -> PossessionNonce:
        """A fresh nonce, usable once within NONCE_TTL_SECONDS."""
        now = utcnow()
        nonce = secrets.token_urlsafe(32)
        with self._sessions.begin() as session:
            ratelimit.consume(
                session, scope="nonce-client", key=client, what="nonces from this client",
                limit=NONCES_PER_CLIENT_PER_HOUR, window_seconds=ratelimit.HOUR,
            )  # fmt: skip
            session.execute(delete(NonceRow).where(NonceRow.expires_at < now - timedelta(days=1)))
            expires = now + timedelta(seconds=NONCE_TTL_SECONDS)
            session.add(NonceRow(nonce_hash=_nonce_hash(nonce), created_at=now, expires_at=expires))
        return PossessionNonce(nonce=nonce, expires_at=expires)


def consume_nonce(session: Session, nonce: str, *, now: datetime) -> None:
    """Spend ``nonce``: refused (possession_nonce_invalid) when unknown, used or expired."""
    row = session.get(NonceRow, _nonce_hash(nonce), with_for_update=True)
    if row is None or row.used_at is not None or row.expires_at < now:
        raise ApiError(
            ErrorCode.POSSESSION_NONCE_INVALID,
            422,
            "the nonce is unknown, used or expired: ask for a new one",
        )
    row.used_at = now


def check_possession(
    session: Session,
    *,
    key_serial: str,
    proof: ProofOfPossession,
    purpose: str,
    body: BaseModel,
    now: datetime,
) -> tuple[KeyRecord, IssuedCertificate]:
    """The active key and its certificate that signed ``body`` (403 possession_invalid when
    the certificate is not this key's, is revoked or expired, or the signature fails).
    The nonce is not spent here (``consume_nonce``): a replay of a stored answer checks the
    signature again without a fresh nonce."""
    record = lock_key(session, key_serial, lock=False)
    if record.state is not KeyState.ACTIVE:
        raise ApiError(
            ErrorCode.KEY_STATE_CONFLICT, 409, f"key {key_serial} is {record.state.value}"
        )
    issued = next(
        (c.certificate for c in record.certificates if c.serial_hex == proof.certificate_serial),
        None,
    )
    if issued is None:
        raise _refused("the certificate was not issued onto this key")
    if issued.revoked_at is not None:
        raise _refused("the certificate is revoked")
    if not issued.not_before <= now <= issued.not_after:
        raise _refused("the certificate is not valid now")
    message = possession_message(
        purpose=purpose,
        key_serial=key_serial,
        certificate_serial=proof.certificate_serial,
        nonce=proof.nonce,
        body=body,
    )
    _verify(x509.load_pem_x509_certificate(issued.pem.encode()), proof, message)
    return record, issued


def _verify(cert: x509.Certificate, proof: ProofOfPossession, message: bytes) -> None:
    try:
        signature = base64.b64decode(proof.signature, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise _refused("the signature is not base64") from exc
    try:
        expected = signing_algorithm(cert)
        if proof.algorithm.value != expected:
            raise _refused(f"this certificate's key signs with {expected}")
        fits = signed_by(cert, signature, message)
    except CannotVerify as exc:
        raise _refused(str(exc)) from exc
    if not fits:
        raise _refused("the signature does not verify with the key's certificate")
