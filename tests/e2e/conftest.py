"""Fixtures of the renewal tests: a live RA with vkey keys and the CLI (renewal_world.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from netca_client.core.token import TokenLibrary
from tests.e2e.renewal_world import RenewalWorld
from tests.ra.servers import PostgresCluster, RaServer, postgres_bin
from tests.support.vkey import VkeyWorld


def _world(root, backend: str) -> Iterator[RenewalWorld]:  # type: ignore[no-untyped-def]
    data_dir = root / "ra"
    data_dir.mkdir()
    cluster = None
    if backend == "postgresql":
        bin_dir = postgres_bin()
        assert bin_dir is not None, "PostgreSQL is missing: run `make sysdeps`"
        cluster = PostgresCluster(bin_dir)
        cluster.start()
        url = cluster.create_database("netca_renewals")
    else:
        url = f"sqlite:///{data_dir / 'ra.sqlite3'}"
    server = RaServer(database_url=url, data_dir=data_dir, log_path=root / "ra.log")
    server.initialise()
    server.start()
    vkeys = VkeyWorld.create(root / "keys")
    vkeys.state_dir.mkdir(parents=True, exist_ok=True)
    saved = os.environ.get("NETCA_VKEY_DIR")
    os.environ["NETCA_VKEY_DIR"] = str(vkeys.state_dir)
    library = TokenLibrary.load(vkeys.module)
    home = root / "home"
    home.mkdir()
    try:
        yield RenewalWorld(server, vkeys, home, library)
    finally:
        library.close()
        server.stop()
        if cluster is not None:
            cluster.stop()
        if saved is None:
            os.environ.pop("NETCA_VKEY_DIR", None)
        else:
            os.environ["NETCA_VKEY_DIR"] = saved


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RenewalWorld]:
    """Both backends: the renewal conversation must hold on each."""
    yield from _world(tmp_path_factory.mktemp(f"renewal-{request.param}"), request.param)


@pytest.fixture(scope="module")
def sqlite_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RenewalWorld]:
    """One backend, for the crash, batch and console tests."""
    yield from _world(tmp_path_factory.mktemp("renewal-crash"), "sqlite")
