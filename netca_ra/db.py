"""Engine and session factory: SQLite (serialised writers, WAL) or PostgreSQL by URL, and
``HotReads``: the single-statement reads of the hottest API paths, awaited from async routes.
"""

from __future__ import annotations

import functools
import sqlite3
from collections import namedtuple
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import anyio
import anyio.to_thread
from sqlalchemy import Engine, Select, create_engine, event
from sqlalchemy.engine.interfaces import Dialect
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.compiler import Compiled

#: connections a worker process keeps open for its request threads; a connection over it is
#: closed when given back, so it must cover the usual concurrency or a busy RA opens (on
#: PostgreSQL: forks a backend for) a connection per request
POOL_SIZE = 20
#: connections beyond ``POOL_SIZE`` for a moment; with ``HOT_READ_THREADS`` a worker holds
#: at most 30 (docs/ra-deploy.md sizes PostgreSQL's max_connections by it)
POOL_OVERFLOW = 6
#: hot reads at once per worker on PostgreSQL, each on a thread and a connection of their
#: own: a read holds them for one round trip, so a few cover thousands of reads a second,
#: and fewer threads than the API's 40 take the interpreter lock from each other less
HOT_READ_THREADS = 4


def make_engine(url: str, *, foreign_keys: bool = True) -> Engine:
    """``foreign_keys=False`` (SQLite only) is for migrations that rebuild a table."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=POOL_SIZE,
            max_overflow=POOL_OVERFLOW,
        )
        _serialise_sqlite_writers(engine, foreign_keys=foreign_keys)
        return engine
    return create_engine(
        _psycopg(url), pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW, pool_pre_ping=True
    )


def _psycopg(url: str) -> str:
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


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


class HotRead:
    """One SELECT for ``HotReads``, compiled once per database dialect (a module constant).

    Its rows are named tuples with the statement's column keys, their values converted by
    the columns' SQLAlchemy types as a Core query would (enum members, UTC datetimes); its
    parameters go through the types' bind processors."""

    def __init__(self, statement: Select[Any]) -> None:
        self.statement = statement
        self._compiled: dict[str, _Compiled] = {}

    def compiled(self, dialect: Dialect) -> _Compiled:
        compiled = self._compiled.get(dialect.name)
        if compiled is None:
            compiled = self._compiled[dialect.name] = _Compiled.of(self.statement, dialect)
        return compiled


@dataclass(frozen=True)
class _Compiled:
    compiled: Compiled
    sql: str
    #: parameter names in the order of the SQL's placeholders; None: the driver takes a dict
    positions: tuple[str, ...] | None
    binds: Mapping[str, Callable[[Any], Any]]
    results: tuple[tuple[int, Callable[[Any], Any]], ...]
    row: Callable[..., Any]

    @classmethod
    def of(cls, statement: Select[Any], dialect: Dialect) -> _Compiled:
        compiled = statement.compile(dialect=dialect)
        binds = {
            name: processor
            for name, bind in compiled.binds.items()
            if (processor := bind.type.dialect_impl(dialect).bind_processor(dialect))
        }
        columns = list(statement.selected_columns)
        row_type: Any = namedtuple("Row", [column.key for column in columns])  # type: ignore[misc]
        results = tuple(
            (index, processor)
            for index, column in enumerate(columns)
            if (processor := column.type.dialect_impl(dialect).result_processor(dialect, None))
        )
        return cls(
            compiled=compiled,
            sql=compiled.string,
            positions=tuple(compiled.positiontup or ()) if compiled.positional else None,
            binds=binds,
            results=results,
            row=row_type._make,
        )

    def parameters(self, given: Mapping[str, Any]) -> Any:
        """``given`` with the statement's own values, as the driver takes them: through the
        bind processors, in the placeholders' order."""
        values = dict(self.compiled.construct_params(given) or {})
        for name, processor in self.binds.items():
            values[name] = processor(values[name])
        return values if self.positions is None else tuple(values[n] for n in self.positions)

    def rows(self, raw: Sequence[Any]) -> list[Any]:
        if not self.results:
            return [self.row(values) for values in raw]
        out = []
        for values in raw:
            converted = list(values)
            for index, processor in self.results:
                converted[index] = processor(converted[index])
            out.append(self.row(converted))
        return out


class HotReads:
    """Reads of ONE SELECT each for the API's hottest path (the applicant's order poll),
    awaited from an ``async def`` route. No ORM session (~20x a Core query), no BEGIN/COMMIT
    (a single statement sees one snapshot on both databases), and the statement runs on the
    pooled driver connection with SQLAlchemy's compiled SQL and column types (``HotRead``),
    without the Core execution layer, which cost as much as the database round trip
    (docs/performance.md). Nothing is written: SQLite's connections are ``query_only``,
    PostgreSQL's autocommit.

    SQLite: the read runs on the event loop itself. A few indexed rows of a local WAL
    database cost less than the hop to a worker thread and back, and these connections never
    wait: ``busy_timeout`` 0. Where SQLite would make a reader wait (another connection
    recovering the WAL after a crash, or holding the database in exclusive locking mode) the
    read is run again on a worker thread with the usual 30 s busy timeout, and the event loop
    goes on meanwhile.

    PostgreSQL: network I/O never runs on the event loop. The read runs on a worker thread,
    at most ``HOT_READ_THREADS`` at once, on a pool of their own without pre-ping (its round
    trip cost as much as the read): a connection found broken is thrown away with the rest of
    that pool, and the read, which changes nothing, runs once more on a new connection.
    """

    def __init__(self, engine: Engine) -> None:
        self._limiter = anyio.CapacityLimiter(HOT_READ_THREADS)
        self._inline: Engine | None
        if engine.dialect.name == "sqlite":
            self._inline = _sqlite_reader(engine, busy_timeout_ms=0)
            self._threaded = _sqlite_reader(engine, busy_timeout_ms=30000)
        else:
            self._inline = None
            self._threaded = create_engine(
                engine.url,
                pool_size=HOT_READ_THREADS,
                max_overflow=0,
                isolation_level="AUTOCOMMIT",
            )

    async def rows(self, read: HotRead, parameters: Mapping[str, Any]) -> list[Any]:
        """Every row ``read`` selects (named tuples)."""
        if self._inline is not None:
            try:
                return _rows(self._inline, read, parameters)
            except sqlite3.OperationalError as exc:
                code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
                if code not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                    raise
        return await anyio.to_thread.run_sync(
            functools.partial(_rows, self._threaded, read, parameters, broken_again=True),
            limiter=self._limiter,
        )

    def dispose(self) -> None:
        """Close the connections of its pools."""
        if self._inline is not None:
            self._inline.dispose()
        self._threaded.dispose()


def _rows(
    engine: Engine, read: HotRead, parameters: Mapping[str, Any], *, broken_again: bool = False
) -> list[Any]:
    """``read``'s rows on a connection of ``engine``'s pool; with ``broken_again``, once more
    on a new connection if that one turns out broken."""
    compiled = read.compiled(engine.dialect)
    broken = False
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        try:
            cursor.execute(compiled.sql, compiled.parameters(parameters))
            raw = cursor.fetchall()
        finally:
            cursor.close()
    except engine.dialect.loaded_dbapi.Error as exc:
        if not broken_again or not engine.dialect.is_disconnect(
            exc, connection.dbapi_connection, None
        ):
            raise
        connection.invalidate(exc)
        broken = True
    finally:
        connection.close()  # back to the pool, which rolls back whatever is left
    if broken:
        # The database restarted or a proxy dropped the connection, and so the pool's other
        # connections from before: throw them all away.
        engine.dispose()
        return _rows(engine, read, parameters)
    return compiled.rows(raw)


def _sqlite_reader(engine: Engine, *, busy_timeout_ms: int) -> Engine:
    """Read-only connections to ``engine``'s SQLite file in autocommit (one statement, one
    snapshot: no write lock, so reads run beside each other and beside a write). The event
    loop's (busy timeout 0) are used one at a time: a read does not await."""
    reader = create_engine(
        engine.url,
        connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000},
        pool_size=1 if busy_timeout_ms == 0 else HOT_READ_THREADS,
        max_overflow=3 if busy_timeout_ms == 0 else 0,
    )

    @event.listens_for(reader, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.execute("PRAGMA query_only=ON")
        cursor.close()

    return reader
