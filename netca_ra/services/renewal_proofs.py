"""Proof of possession: single-use, short-lived nonces and the check of a key's signature.

A nonce is 256 random bits (base64url); the RA keeps only its SHA-256, with its expiry and
when it was used. ``consume`` marks it used in the caller's transaction, so a nonce proves
one request only: a second request with it, or one after ``NONCE_LIFETIME_SECONDS``, is
``proof_stale``. A signature that does not verify with the certificate's public key is
``proof_invalid``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
from datetime import timedelta

from cryptography import x509
from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from netca_protocol.errors import ErrorCode
from netca_protocol.renewal import NONCE_LIFETIME_SECONDS, NonceOut
from netca_ra.errors import ApiError
from netca_ra.models import RenewalNonce, utcnow
from netca_ra.services import ratelimit
from netca_ra.services.key_signatures import CannotVerify, signed_by

#: nonces one client may ask for in an hour (each proof needs one)
NONCES_PER_CLIENT_PER_HOUR = 600


def _hash(nonce: str) -> str:
    return hashlib.sha256(nonce.encode("ascii")).hexdigest()


def issue_nonce(session: Session, *, client: str) -> NonceOut:
    ratelimit.consume(
        session, scope="nonce-client", key=client, what="nonces from this client",
        limit=NONCES_PER_CLIENT_PER_HOUR, window_seconds=ratelimit.HOUR,
    )  # fmt: skip
    now = utcnow()
    # Expired nonces are of no use to anyone: drop them as new ones are made.
    session.execute(delete(RenewalNonce).where(RenewalNonce.expires_at < now - timedelta(days=1)))
    nonce = secrets.token_urlsafe(32)
    expires = now + timedelta(seconds=NONCE_LIFETIME_SECONDS)
    session.add(RenewalNonce(nonce_hash=_hash(nonce), created_at=now, expires_at=expires))
    return NonceOut(nonce=nonce, expires_at=expires)


def consume(session: Session, nonce: str) -> None:
    """Mark ``nonce`` used (one atomic update): ``proof_stale`` unless it was handed out, is
    unused and has not expired."""
    now = utcnow()
    result = session.execute(
        update(RenewalNonce)
        .where(
            RenewalNonce.nonce_hash == _hash(nonce),
            RenewalNonce.used_at.is_(None),
            RenewalNonce.expires_at > now,
        )
        .values(used_at=now)
    )
    if getattr(result, "rowcount", 0) != 1:
        raise ApiError(
            ErrorCode.PROOF_STALE,
            401,
            "the nonce is unknown, used already or expired: ask for a new one and sign again",
        )


def verify_signature(certificate_pem: str, *, signature_b64: str, message: bytes) -> None:
    """``proof_invalid`` unless ``signature_b64`` is the certificate key's signature of
    ``message`` (SHA-256 with RSA PKCS#1 v1.5 or ECDSA, DER; SM3-with-SM2 for an SM2
    certificate: services/key_signatures.py)."""
    try:
        signature = base64.b64decode(signature_b64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ApiError(ErrorCode.PROOF_INVALID, 403, "the proof is not base64") from exc
    cert = x509.load_pem_x509_certificate(certificate_pem.encode("ascii"))
    try:
        fits = signed_by(cert, signature, message)
    except CannotVerify as exc:
        raise ApiError(ErrorCode.PROOF_INVALID, 403, str(exc)) from exc
    if not fits:
        raise ApiError(
            ErrorCode.PROOF_INVALID,
            403,
            "the proof of possession does not verify with the certificate's key",
        )
