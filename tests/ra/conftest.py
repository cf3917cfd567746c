"""Fixtures: every RA test runs against real `netca-ra serve` processes, SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ra.servers import PostgresCluster, RaServer, postgres_bin


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    bin_dir = postgres_bin()
    if bin_dir is None:
        pytest.fail("PostgreSQL server binaries are missing: run `make sysdeps`")
    cluster = PostgresCluster(bin_dir)
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def ra(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RaServer]:
    data_dir = tmp_path_factory.mktemp(f"ra-{request.param}")
    if request.param == "postgresql":
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        url = cluster.create_database("netca_ra_tests")
    else:
        url = f"sqlite:///{data_dir / 'ra.sqlite3'}"
    server = RaServer(database_url=url, data_dir=data_dir)
    server.initialise()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def sqlite_ra(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RaServer]:
    """A SQLite-backed server of its own, for tests that need only one backend (browser, fuzz)."""
    data_dir: Path = tmp_path_factory.mktemp("ra-single")
    server = RaServer(database_url=f"sqlite:///{data_dir / 'ra.sqlite3'}", data_dir=data_dir)
    server.initialise()
    server.start()
    yield server
    server.stop()
