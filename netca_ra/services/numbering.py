"""17-digit order numbers: 2-digit prefix, China-time date (8), daily sequence (7), from the DB."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from netca_protocol.errors import ErrorCode
from netca_ra.errors import ApiError
from netca_ra.models import OrderSequence

CHINA = ZoneInfo("Asia/Shanghai")
MAX_SEQUENCE = 9_999_999


def next_order_no(session: Session, *, prefix: str, now: datetime) -> str:
    """The next number, in the caller's transaction (one atomic upsert, no read-then-write)."""
    day = now.astimezone(CHINA).strftime("%Y%m%d")
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(OrderSequence)
        .values(day=day, last_value=1)
        .on_conflict_do_update(
            index_elements=["day"], set_={"last_value": OrderSequence.last_value + 1}
        )
        .returning(OrderSequence.last_value)
    )
    value = session.execute(statement).scalar_one()
    if value > MAX_SEQUENCE:
        raise ApiError(ErrorCode.RATE_LIMITED, 503, "daily order numbers exhausted")
    return f"{prefix}{day}{value:07d}"
