"""Housekeeping: drop rows whose purpose has passed (old idempotency answers, counters, codes)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session, sessionmaker

from netca_protocol import KeyRequestState
from netca_ra.models import (
    IdempotencyRecord,
    KeyCode,
    KeyMaterial,
    KeyRequest,
    OneTimeCode,
    RateCounter,
    StaffSession,
)

R = KeyRequestState
#: requests that ended without a key change
_ENDED = (R.EXPIRED, R.FAILED, R.REJECTED)
#: requests still open (past their expiry they are abandoned); a released SO PIN is never
#: dropped: its confirmation may still come
_OPEN = (R.OTP_SENT, R.MATERIALS_REQUIRED, R.UNDER_REVIEW, R.AUTHORISED)


@dataclass(frozen=True)
class PurgeReport:
    idempotency_records: int
    rate_counters: int
    one_time_codes: int
    staff_sessions: int
    key_codes: int
    abandoned_requests: int


def purge(
    sessions: sessionmaker[Session],
    *,
    now: datetime,
    idempotency_days: int = 7,
    abandoned_days: int = 30,
) -> PurgeReport:
    """One transaction; safe to run from any node at any time (a systemd timer, say daily).

    Key requests abandoned ``abandoned_days`` ago (ended without a key change, or left open
    past their expiry) go with their codes and uploaded materials; the key's audit trail keeps
    what happened.
    """
    idempotency_cutoff = now - timedelta(days=idempotency_days)
    # Rate windows are at most a day (codes per key); older windows have all ended.
    counter_cutoff = int(time.time()) - 86_400
    with sessions.begin() as session:
        counts = [
            session.execute(statement).rowcount  # type: ignore[attr-defined]
            for statement in (
                delete(IdempotencyRecord).where(IdempotencyRecord.created_at < idempotency_cutoff),
                delete(RateCounter).where(RateCounter.window_start < counter_cutoff),
                delete(OneTimeCode).where(OneTimeCode.expires_at < now - timedelta(days=1)),
                delete(StaffSession).where(StaffSession.expires_at < now),
                # a request's codes are kept while it may still be verified (7 days at most)
                delete(KeyCode).where(KeyCode.expires_at < now - timedelta(days=8)),
            )
        ]
        abandoned = _purge_abandoned(session, now - timedelta(days=abandoned_days))
    idempotency, counters, codes, staff_sessions, key_codes = counts
    return PurgeReport(
        idempotency_records=idempotency,
        rate_counters=counters,
        one_time_codes=codes,
        staff_sessions=staff_sessions,
        key_codes=key_codes,
        abandoned_requests=abandoned,
    )


def _purge_abandoned(session: Session, cutoff: datetime) -> int:
    stale = select(KeyRequest.request_id).where(
        or_(
            and_(KeyRequest.state.in_(_ENDED), KeyRequest.updated_at < cutoff),
            and_(KeyRequest.state.in_(_OPEN), KeyRequest.expires_at < cutoff),
        )
    )
    ids = list(session.scalars(stale))
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        session.execute(delete(KeyMaterial).where(KeyMaterial.request_id.in_(batch)))
        session.execute(delete(KeyCode).where(KeyCode.request_id.in_(batch)))
        session.execute(delete(KeyRequest).where(KeyRequest.request_id.in_(batch)))
    return len(ids)
