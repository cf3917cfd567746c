"""HotReads (netca_ra.db), the order poll's read path: its rows are what a Core query of the
same statement gives, on SQLite and PostgreSQL; SQLite's read on the event loop never makes
the loop wait for a lock; a broken PostgreSQL connection costs no failed read."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import Column, Engine, Integer, MetaData, String, Table, bindparam, insert, select

from netca_protocol import OrderState
from netca_ra.db import HotRead, HotReads, make_engine
from netca_ra.models import UtcDateTime, values_of
from tests.ra.servers import PostgresCluster

_METADATA = MetaData()
#: the column types the order poll reads: enum values, UTC datetimes, NULLs, integers
_THINGS = Table(
    "things",
    _METADATA,
    Column("id", Integer, primary_key=True),
    Column("name", String(20)),
    Column("state", values_of(OrderState, length=20)),
    Column("at", UtcDateTime),
    Column("note", String(20), nullable=True),
)
_BY_NAME = HotRead(
    select(_THINGS, _THINGS.c.id.label("thing_id"))
    .where(_THINGS.c.name == bindparam("name"))
    .order_by(_THINGS.c.id)
)
_CHINA = timezone(timedelta(hours=8))


def _fill(engine: Engine) -> None:
    _METADATA.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            insert(_THINGS),
            [
                {
                    "name": "a",
                    "state": OrderState.SUBMITTED,
                    "at": datetime(2026, 1, 2, 3, 4, 5, 678, tzinfo=UTC),
                    "note": None,
                },
                {
                    "name": "a",
                    "state": OrderState.PAID,
                    "at": datetime(2026, 6, 1, 9, 0, tzinfo=_CHINA),
                    "note": "付款",
                },
                {
                    "name": "b",
                    "state": OrderState.CANCELLED,
                    "at": datetime(2026, 7, 1, tzinfo=UTC),
                    "note": None,
                },
            ],
        )


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "postgresql":
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        url = cluster.create_database("hot_" + uuid.uuid4().hex[:12])
    else:
        url = f"sqlite:///{tmp_path / 'hot.sqlite3'}"
    engine = make_engine(url)
    _fill(engine)
    yield engine
    engine.dispose()


def _read(reads: HotReads, name: str) -> list[Any]:
    return asyncio.run(reads.rows(_BY_NAME, {"name": name}))


def test_rows_are_what_a_core_query_gives(engine: Engine) -> None:
    reads = HotReads(engine)
    try:
        for name in ("a", "b", "nobody"):
            with engine.connect() as connection:
                expected = connection.execute(_BY_NAME.statement, {"name": name}).all()
            got = _read(reads, name)
            assert [tuple(row) for row in got] == [tuple(row) for row in expected]
            for row, expected_row in zip(got, expected, strict=True):
                assert row._fields == tuple(expected_row._fields)
        first, second = _read(reads, "a")
        assert (first.state, second.state) == (OrderState.SUBMITTED, OrderState.PAID)
        assert isinstance(second.state, OrderState)
        assert second.at == datetime(2026, 6, 1, 1, 0, tzinfo=UTC)
        assert second.at.tzinfo is UTC
        assert (first.note, second.note, second.thing_id) == (None, "付款", second.id)
    finally:
        reads.dispose()


def test_sqlite_never_makes_the_event_loop_wait_for_a_lock(tmp_path: Path) -> None:
    path = tmp_path / "locked.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    _fill(engine)
    engine.dispose()
    # Another connection holding the whole database (exclusive locking mode; WAL recovery
    # after a crash holds it the same way): a reader has to wait until it lets go.
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("SELECT count(*) FROM things").fetchall()
    reads = HotReads(engine)

    async def read_while_the_loop_ticks() -> tuple[list[Any], int, float]:
        ticks = 0
        done = asyncio.Event()

        async def tick() -> None:
            nonlocal ticks
            while not done.is_set():
                ticks += 1
                await asyncio.sleep(0.01)

        ticker = asyncio.create_task(tick())
        threading.Timer(0.5, holder.close).start()
        started = time.monotonic()
        rows = await reads.rows(_BY_NAME, {"name": "a"})
        waited = time.monotonic() - started
        done.set()
        await ticker
        return rows, ticks, waited

    try:
        rows, ticks, waited = asyncio.run(read_while_the_loop_ticks())
    finally:
        reads.dispose()
    assert [row.state for row in rows] == [OrderState.SUBMITTED, OrderState.PAID]
    assert waited >= 0.4  # it did wait for the lock: on a worker thread,
    assert ticks >= 20  # while the event loop went on


def test_a_broken_postgresql_connection_costs_no_failed_read(postgres: PostgresCluster) -> None:
    url = postgres.create_database("hot_" + uuid.uuid4().hex[:12])
    engine = make_engine(url)
    _fill(engine)
    reads = HotReads(engine)
    try:
        assert len(_read(reads, "a")) == 2
        # The database drops every connection of this database (a restart, a failover):
        with psycopg.connect(url, autocommit=True) as admin:
            dropped = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).fetchone()
        assert dropped is not None
        assert dropped[0] >= 1
        assert [row.name for row in _read(reads, "a")] == ["a", "a"]
        assert len(_read(reads, "b")) == 1
    finally:
        reads.dispose()
        engine.dispose()
