"""Two RA processes on one PostgreSQL behave as one RA: nothing shared lives in process memory."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.ra.helpers import StaffBrowser, applicant_post, create_order, get_order
from tests.ra.servers import PostgresCluster, RaServer


@pytest.fixture(scope="module")
def two_nodes(
    postgres: PostgresCluster, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[RaServer, RaServer]]:
    data_dir: Path = tmp_path_factory.mktemp("ra-nodes")
    url = postgres.create_database("netca_ra_nodes")
    first = RaServer(database_url=url, data_dir=data_dir)
    first.initialise()
    second = RaServer(database_url=url, data_dir=data_dir)  # same CA and secret, as deployed
    first.start()
    second.start()
    yield first, second
    first.stop()
    second.stop()


def test_order_numbers_are_distinct_across_processes(two_nodes: tuple[RaServer, RaServer]) -> None:
    def one(index: int) -> str:
        return str(create_order(two_nodes[index % 2])["order"]["order_no"])

    with ThreadPoolExecutor(max_workers=20) as pool:
        numbers = list(pool.map(one, range(40)))
    assert len(set(numbers)) == 40


def test_a_console_session_from_one_process_works_on_the_other(
    two_nodes: tuple[RaServer, RaServer],
) -> None:
    first, second = two_nodes
    created = create_order(first)
    reviewer = StaffBrowser(first, "reviewer1")
    reviewer.ra = second  # same cookie and CSRF token, other process
    assert reviewer.act(created["order"]["order_no"], "claim").status_code == 200
    assert get_order(first, created)["state"] == "under_review"


def test_sms_limits_and_replays_are_shared(two_nodes: tuple[RaServer, RaServer]) -> None:
    first, second = two_nodes
    created = create_order(first)
    same_key = {"Idempotency-Key": "shared-key-" + created["order"]["order_no"]}
    assert applicant_post(first, created, "/otp", headers=same_key).status_code == 201
    replay = applicant_post(second, created, "/otp", headers=same_key)
    assert replay.status_code == 201  # answered from the first process's stored answer
    statuses = [
        applicant_post(node, created, "/otp").status_code for node in (second, first, second)
    ]
    assert statuses == [201, 201, 429]  # 3 per order per hour, counted across both
    outbox = StaffBrowser(second, "reviewer1").get("/console/sms").text
    assert outbox.count("业务单号" + created["order"]["order_no"]) == 3
