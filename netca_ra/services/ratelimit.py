"""Fixed-window counters in the database, so every RA process sees the same limits."""

from __future__ import annotations

import time

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from netca_ra.models import RateCounter


def bump(session: Session, *, scope: str, key: str, window_seconds: int) -> tuple[int, int]:
    """Atomically add one to this window's counter (no commit); the new count and seconds left."""
    now = int(time.time())
    window = now // window_seconds * window_seconds
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(RateCounter)
        .values(scope=scope, key=key, window_start=window, count=1)
        .on_conflict_do_update(
            index_elements=["scope", "key", "window_start"],
            set_={"count": RateCounter.count + 1},
        )
        .returning(RateCounter.count)
    )
    return session.execute(statement).scalar_one(), window + window_seconds - now


def current(session: Session, *, scope: str, key: str, window_seconds: int) -> int:
    window = int(time.time()) // window_seconds * window_seconds
    row = session.get(RateCounter, (scope, key, window))
    return row.count if row else 0
