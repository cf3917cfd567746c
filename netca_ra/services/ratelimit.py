"""Fixed-window counters in the database, so every RA process sees the same limits.

A counter is bumped with one atomic upsert that returns the new count, and the limit is
judged on that count: parallel requests each take their own slot (never check-then-bump).
A refusal rolls back with the caller's transaction, so refused requests do not count.
"""

from __future__ import annotations

import hashlib
import time

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from netca_protocol.errors import ErrorCode
from netca_ra.errors import ApiError
from netca_ra.models import RateCounter

HOUR = 3600
DAY = 86_400
#: every client together
EVERYONE = "*"


def counter_key(*parts: str) -> str:
    """A counter key for several parts (a user name and a client, say) that fits 64 chars."""
    joined = "\0".join(parts)
    return joined if len(parts) == 1 and len(joined) <= 64 else _digest(joined)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]


def _window(window_seconds: int) -> tuple[int, int]:
    now = int(time.time())
    return now // window_seconds * window_seconds, now


def bump(
    session: Session, *, scope: str, key: str, window_seconds: int, amount: int = 1
) -> tuple[int, int]:
    """Atomically add ``amount`` to this window's counter (no commit); the new count and the
    seconds left in the window."""
    window, now = _window(window_seconds)
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(RateCounter)
        .values(scope=scope, key=key, window_start=window, count=amount)
        .on_conflict_do_update(
            index_elements=["scope", "key", "window_start"],
            set_={"count": RateCounter.count + amount},
        )
        .returning(RateCounter.count)
    )
    return session.execute(statement).scalar_one(), window + window_seconds - now


def give_back(session: Session, *, scope: str, key: str, window_seconds: int) -> None:
    """Undo one bump of this window (a sign-in that turned out right does not count)."""
    window, _ = _window(window_seconds)
    session.execute(
        update(RateCounter)
        .where(
            RateCounter.scope == scope,
            RateCounter.key == key,
            RateCounter.window_start == window,
            RateCounter.count > 0,
        )
        .values(count=RateCounter.count - 1)
    )


def consume(
    session: Session,
    *,
    scope: str,
    key: str,
    limit: int,
    window_seconds: int,
    what: str,
    amount: int = 1,
) -> None:
    """Count ``amount`` against ``limit`` for this window; past it refuse with 429 (the
    caller's transaction rolls the count back)."""
    count, retry_after = bump(
        session, scope=scope, key=key, window_seconds=window_seconds, amount=amount
    )
    if count > limit:
        raise ApiError(
            ErrorCode.RATE_LIMITED,
            429,
            f"too many {what}; try again later",
            retry_after=retry_after,
        )


def current(session: Session, *, scope: str, key: str, window_seconds: int) -> int:
    window, _ = _window(window_seconds)
    row = session.get(RateCounter, (scope, key, window))
    return row.count if row else 0
