"""Idempotent state changes: the first answer to an ``Idempotency-Key`` is stored and replayed."""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from netca_protocol.errors import ErrorCode
from netca_ra.errors import ApiError
from netca_ra.models import IdempotencyRecord

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{8,128}$")


def check_key(key: str | None) -> str:
    if key is None:
        raise ApiError(
            ErrorCode.IDEMPOTENCY_KEY_MISSING, 400, "state-changing requests need Idempotency-Key"
        )
    if not KEY_PATTERN.fullmatch(key):
        raise ApiError(
            ErrorCode.IDEMPOTENCY_KEY_MISSING, 400, "Idempotency-Key: 8-128 of [A-Za-z0-9_.:-]"
        )
    return key


def request_fingerprint(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def run_once(
    sessions: sessionmaker[Session],
    *,
    scope: str,
    key: str,
    fingerprint: str,
    action: Callable[[Session], BaseModel],
    status_code: int = 201,
) -> tuple[int, str]:
    """Run ``action`` in one transaction with the record of its answer, or replay that answer."""
    check_key(key)
    try:
        with sessions.begin() as session:
            replay = _stored(session, scope=scope, key=key, fingerprint=fingerprint)
            if replay is not None:
                return replay
            body = action(session).model_dump_json()
            session.add(
                IdempotencyRecord(
                    scope=scope,
                    key=key,
                    request_hash=fingerprint,
                    status_code=status_code,
                    response_body=body,
                )
            )
            return status_code, body
    except IntegrityError:
        # A concurrent request with the same key committed first; its answer is ours.
        with sessions.begin() as session:
            replay = _stored(session, scope=scope, key=key, fingerprint=fingerprint)
        if replay is None:
            raise
        return replay


def _stored(session: Session, *, scope: str, key: str, fingerprint: str) -> tuple[int, str] | None:
    record = session.scalar(
        select(IdempotencyRecord).where(
            IdempotencyRecord.scope == scope, IdempotencyRecord.key == key
        )
    )
    if record is None:
        return None
    if not hmac.compare_digest(record.request_hash, fingerprint):
        raise ApiError(
            ErrorCode.IDEMPOTENCY_KEY_REUSED,
            422,
            "this Idempotency-Key was used for a different request",
        )
    return record.status_code, record.response_body
