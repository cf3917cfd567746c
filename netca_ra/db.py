"""Engine and session factory: SQLite (serialised writers, WAL) or PostgreSQL by URL, and
read-only transactions that take no write lock."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str, *, pool_size: int = 10, foreign_keys: bool = True) -> Engine:
    """``foreign_keys=False`` (SQLite only) is for migrations that rebuild a table."""
    if url.startswith("sqlite"):
        # As many pooled connections as the worker's request threads may want at once, so a
        # busy RA does not open (and set up) a new SQLite connection per request.
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=pool_size,
            max_overflow=30,
        )
        _serialise_sqlite_writers(engine, foreign_keys=foreign_keys)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_size=pool_size, max_overflow=20, pool_pre_ping=True)


def _serialise_sqlite_writers(engine: Engine, *, foreign_keys: bool) -> None:
    # pysqlite's deferred BEGIN lets two transactions both read and then fail to upgrade
    # to a write lock (SQLITE_BUSY without waiting); BEGIN IMMEDIATE makes them queue
    # on busy_timeout instead. https://docs.sqlalchemy.org/en/20/dialects/sqlite.html
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A read-only transaction (``reading``) begins deferred: in WAL mode it never waits
        # for a writer nor holds one back, where BEGIN IMMEDIATE would queue every read
        # behind the one write lock.
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


#: execution option marking a transaction that only reads (see ``reading``)
READ_ONLY = "netca_read_only"


@contextmanager
def reading(sessions: sessionmaker[Session]) -> Iterator[Connection]:
    """A Core connection in a transaction that only reads, for hot read paths (an ORM session
    costs ~20x a Core query, measured in docs/performance.md). On SQLite it begins deferred:
    no write lock, so reads run beside each other and beside a write; on PostgreSQL a plain
    transaction takes no lock for a SELECT. Writing in it is a bug: on SQLite the first write
    would have to upgrade the lock and could fail as busy."""
    engine = sessions.kw["bind"]
    with engine.connect() as connection:
        connection.execution_options(**{READ_ONLY: True})
        with connection.begin():
            yield connection
