"""The published contract: OpenAPI is current and served; migrations build the schema from empty."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from netca_ra.app import openapi_document
from netca_ra.db import make_engine
from netca_ra.migrate import upgrade_to_head
from netca_ra.models import Base
from tests.ra.servers import PostgresCluster, RaServer

DOCS = Path(__file__).resolve().parents[2] / "docs" / "ra-openapi.json"


def test_committed_openapi_is_current() -> None:
    committed = json.loads(DOCS.read_text(encoding="utf-8"))
    assert committed == openapi_document(), (
        "docs/ra-openapi.json is stale: run `netca-ra openapi -o docs/ra-openapi.json`"
    )


def test_server_publishes_the_same_openapi(ra: RaServer) -> None:
    served = requests.get(ra.api + "/openapi.json", timeout=30).json()
    assert served == json.loads(DOCS.read_text(encoding="utf-8"))
    assert "/api/v1/orders" in served["paths"]


def _assert_migrated_matches_models(url: str) -> None:
    upgrade_to_head(url)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
            tables = set(inspect(connection).get_table_names())
    finally:
        engine.dispose()
    assert diff == []
    assert {"orders", "order_events", "order_sequences", "idempotency_records"} <= tables


def test_migrations_run_up_from_empty_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    assert inspect(create_engine(url)).get_table_names() == []
    _assert_migrated_matches_models(url)


@pytest.mark.usefixtures("postgres")
def test_migrations_run_up_from_empty_on_postgresql(postgres: PostgresCluster) -> None:
    url = postgres.create_database("netca_ra_migrations")
    _assert_migrated_matches_models(url)
