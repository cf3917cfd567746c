"""Engine and session factory: SQLite (serialised writers, WAL) or PostgreSQL by URL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str, *, pool_size: int = 10, foreign_keys: bool = True) -> Engine:
    """``foreign_keys=False`` (SQLite only) is for migrations that rebuild a table."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
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
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
