"""Alembic environment: runs online against the URL or connection the caller hands over.

On SQLite, a migration that changes a table rebuilds it ("batch" mode: copy, drop, rename),
which fails while foreign keys are enforced on the tables that refer to it; so migrations run
with them off and check every foreign key before they commit
(https://alembic.sqlalchemy.org/en/latest/batch.html#dealing-with-referencing-foreign-keys).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from netca_ra.db import make_engine
from netca_ra.models import Base

config = context.config
target_metadata = Base.metadata


def _check_sqlite_foreign_keys(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        raise RuntimeError(f"migrations left rows with dangling foreign keys: {broken[:10]}")


def _run(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    context.configure(
        connection=connection, target_metadata=target_metadata, render_as_batch=sqlite
    )
    with context.begin_transaction():
        context.run_migrations()
        if sqlite:
            _check_sqlite_foreign_keys(connection)


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "", foreign_keys=False)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


run_migrations_online()
