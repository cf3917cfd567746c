"""Housekeeping: drop rows whose purpose has passed (old idempotency answers, counters, codes)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from netca_ra.models import IdempotencyRecord, KeyCode, OneTimeCode, RateCounter, StaffSession


@dataclass(frozen=True)
class PurgeReport:
    idempotency_records: int
    rate_counters: int
    one_time_codes: int
    staff_sessions: int
    key_codes: int


def purge(
    sessions: sessionmaker[Session], *, now: datetime, idempotency_days: int = 7
) -> PurgeReport:
    """One transaction; safe to run from any node at any time (a systemd timer, say daily)."""
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
    return PurgeReport(*counts)
