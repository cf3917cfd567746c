"""Sliding-window counters in the database, so every RA process sees the same limits.

A counter is bumped with one atomic upsert that returns the new count, and the limit is
judged on that count: parallel requests each take their own slot (never check-then-bump).
A refusal rolls back with the caller's transaction, so refused requests do not count.

Counts are kept per fixed window, and judged over the last full window length: this
window's count plus the previous window's weighted by how much of it still lies within the
last ``window_seconds`` (the sliding-window counter approximation). A fixed window alone
would let a client spend its limit just before a window boundary and again just after.
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


def _with_previous(
    session: Session,
    *,
    scope: str,
    key: str,
    window: int,
    now: int,
    window_seconds: int,
    count: int,
) -> int:
    """This window's ``count`` plus the share of the previous window's that still lies
    within the last ``window_seconds`` (rounded up: never more lenient than the limit)."""
    previous = session.get(RateCounter, (scope, key, window - window_seconds))
    if previous is None or previous.count <= 0:
        return count
    still_inside = window + window_seconds - now  # of the previous window, in seconds
    return count + -(-previous.count * still_inside // window_seconds)


def bump(
    session: Session, *, scope: str, key: str, window_seconds: int, amount: int = 1
) -> tuple[int, int]:
    """Atomically add ``amount`` to this window's counter (no commit); the count over the
    last ``window_seconds`` and the seconds left in this window."""
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
    count = session.execute(statement).scalar_one()
    total = _with_previous(session, scope=scope, key=key, window=window, now=now,
                           window_seconds=window_seconds, count=count)  # fmt: skip
    return total, window + window_seconds - now


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
    """The count over the last ``window_seconds``, as ``bump`` judges it."""
    window, now = _window(window_seconds)
    row = session.get(RateCounter, (scope, key, window))
    return _with_previous(session, scope=scope, key=key, window=window, now=now,
                          window_seconds=window_seconds, count=row.count if row else 0)  # fmt: skip
