"""Limits a client cannot get round: per client address and for everyone, on by default,
counted in the database (SQLite and PostgreSQL). A client is named by X-Forwarded-For, which
the RA trusts from 127.0.0.1 (the proxy in production), so one test plays many clients.

The server here runs with the RA's default limits, except a few lowered so that reaching
them takes seconds: everyone's orders and SMS per hour, key requests and uploaded bytes per
client per hour, failed sign-ins per user name and per client.
"""

from __future__ import annotations

import itertools
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import select, update

from netca_ra.models import KeyEvent, KeyMaterial, KeyRequest, RateCounter, utcnow
from tests.ra.helpers import (
    HANDLER_CHANGED,
    KeyFlow,
    KeySetup,
    database,
    fresh_mobile,
    handler_of,
    key,
    new_secret,
    order_body,
)
from tests.ra.servers import STAFF_PASSWORD, PostgresCluster, RaServer
from tests.ra.test_keys_api import png_bytes

LOWERED = {
    "NETCA_RA_ORDERS_PER_HOUR": "90",
    "NETCA_RA_SMS_PER_HOUR": "45",
    "NETCA_RA_KEY_REQUESTS_PER_CLIENT_PER_HOUR": "12",
    "NETCA_RA_MATERIAL_BYTES_PER_CLIENT_PER_HOUR": str(6 * 1024 * 1024),
    "NETCA_RA_FAILED_LOGINS_PER_USER": "15",
    "NETCA_RA_FAILED_LOGINS_PER_CLIENT": "12",
}
_addresses = (f"198.18.{i // 250}.{i % 250 + 1}" for i in itertools.count())


def client() -> dict[str, str]:
    """Headers that make the next requests come from a client address of their own."""
    return {"X-Forwarded-For": next(_addresses)}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def limited(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RaServer]:
    data_dir: Path = tmp_path_factory.mktemp(f"ra-limited-{request.param}")
    if request.param == "postgresql":
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        url = cluster.create_database("netca_ra_limited")
    else:
        url = f"sqlite:///{data_dir / 'ra.sqlite3'}"
    server = RaServer(database_url=url, data_dir=data_dir, limits=dict(LOWERED))
    server.initialise()
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _whole_window() -> None:
    """Fixed windows restart on the hour: do not begin a test in the last 40 s of one."""
    left = 3600 - int(time.time()) % 3600
    if left < 40:
        time.sleep(left + 1)


def _problem(response: requests.Response, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text
    body: dict[str, object] = response.json()
    assert body["code"] == code, body
    return body


def _counted(ra: RaServer, scope: str) -> int:
    window = int(time.time()) // 3600 * 3600
    with database(ra) as session:
        row = session.get(RateCounter, (scope, "*", window))
        return row.count if row else 0


def _order(ra: RaServer, headers: dict[str, str], **changes: object) -> requests.Response:
    return requests.post(
        ra.api + "/orders",
        json=order_body(**changes),
        headers={"Idempotency-Key": key(), **headers},
        timeout=30,
    )


def test_key_requests_are_limited_per_client(limited: RaServer) -> None:
    keys = [KeySetup(limited).provision().recheck() for _ in range(2)]
    here, elsewhere = client(), client()

    def ask(serial: str, headers: dict[str, str]) -> requests.Response:
        body = {"purpose": "activate", "request_secret": new_secret(), "send_code": False}
        return requests.post(
            f"{limited.api}/keys/{serial}/requests",
            json=body,
            headers={"Idempotency-Key": key(), **headers},
            timeout=30,
        )

    statuses = [ask(keys[i % 2].serial, here).status_code for i in range(12)]
    assert statuses == [201] * 12
    refused = _problem(ask(keys[0].serial, here), 429, "rate_limited")
    assert "from this client" in str(refused["detail"])
    assert ask(keys[1].serial, elsewhere).status_code == 201


def _pdf(size: int) -> bytes:
    head = b"%PDF-1.4\n% " + uuid.uuid4().hex.encode() + b"\n"
    return head + b"0" * (size - len(head) - 7) + b"\n%%EOF\n"


def test_uploads_are_limited_per_request_and_per_client(limited: RaServer) -> None:
    setup = KeySetup(limited).provision().recheck().activate()
    other = {**handler_of(setup.created), "mobile": fresh_mobile()}
    flow = KeyFlow.start(
        limited, setup.serial, purpose="unlock", handler=other, unlock_path=HANDLER_CHANGED
    )
    size = 4_900_000

    def upload(headers: dict[str, str]) -> requests.Response:
        files = {"file": ("授权书.pdf", _pdf(size), "application/pdf")}
        return flow.call("POST", "/materials", files=files, headers=headers)

    first = client()
    assert upload(first).status_code == 201
    _problem(upload(first), 429, "rate_limited")  # 6 MB per client per hour here
    for _ in range(3):
        assert upload(client()).status_code == 201  # 4 files, 19.6 MB
    too_much = _problem(upload(client()), 413, "material_too_large")  # 20 MB a request
    assert "a request" in str(too_much["detail"])
    assert flow.call("GET").json()["materials"] == 4


def test_abandoned_requests_are_purged_with_their_materials(limited: RaServer) -> None:
    setup = KeySetup(limited).provision().recheck().activate()
    other = {**handler_of(setup.created), "mobile": fresh_mobile()}
    left = KeyFlow.start(
        limited, setup.serial, purpose="unlock", handler=other, unlock_path=HANDLER_CHANGED
    )
    assert left.call("POST", "/materials", files={"file": ("a.png", png_bytes())}).ok
    with database(limited) as session:
        session.execute(
            update(KeyRequest)
            .where(KeyRequest.request_id == left.request_id)
            .values(expires_at=utcnow() - timedelta(days=1))
        )
    out = limited.ra("purge", "--abandoned-days", "0")
    assert "abandoned key requests" in out
    with database(limited) as session:
        assert session.get(KeyRequest, left.request_id) is None
        gone = select(KeyMaterial).where(KeyMaterial.request_id == left.request_id)
        assert session.scalars(gone).all() == []
        trail = session.scalars(
            select(KeyEvent.action).where(KeyEvent.request_id == left.request_id)
        ).all()
        assert "material_uploaded" in trail  # the audit trail keeps what happened
        # the activation that completed is kept
        kept = select(KeyRequest).where(
            KeyRequest.key_serial == setup.serial, KeyRequest.state == "completed"
        )
        assert len(session.scalars(kept).all()) == 1


def _sign_in(ra: RaServer, username: str, password: str, headers: dict[str, str]) -> int:
    answer = requests.post(
        ra.api + "/staff/sessions",
        json={"username": username, "password": password},
        headers=headers,
        timeout=30,
    )
    return answer.status_code


def test_failed_sign_ins_are_limited_per_client_whatever_the_name(limited: RaServer) -> None:
    here = client()
    names = [f"nobody{i}-{uuid.uuid4().hex[:6]}" for i in range(13)]
    statuses = [_sign_in(limited, name, "guess-guess", here) for name in names]
    assert statuses == [401] * 12 + [429]
    assert _sign_in(limited, "counter1", STAFF_PASSWORD, here) == 429  # this client waits
    assert _sign_in(limited, "counter1", STAFF_PASSWORD, client()) == 201  # others do not


def test_failed_sign_ins_for_one_name_are_limited_from_everywhere(limited: RaServer) -> None:
    name = "ghost-" + uuid.uuid4().hex[:8]
    statuses = [_sign_in(limited, name, "guess-guess", client()) for _ in range(16)]
    assert statuses == [401] * 15 + [429]


def test_parallel_guesses_never_pass_the_limit(limited: RaServer) -> None:
    name, here = "ghost-" + uuid.uuid4().hex[:8], client()
    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = sorted(pool.map(lambda _: _sign_in(limited, name, "guess", here), range(24)))
    assert statuses == [401] * 10 + [429] * 14


def test_sms_are_limited_per_client_and_for_everyone(limited: RaServer) -> None:
    here = client()
    created = [_order(limited, here).json() for _ in range(21)]

    def code_for(order: dict[str, object], headers: dict[str, str]) -> requests.Response:
        number = order["order"]["order_no"]  # type: ignore[index]
        return requests.post(
            f"{limited.api}/orders/{number}/otp",
            headers={"X-Order-Token": str(order["access_token"]), "Idempotency-Key": key(),
                     **headers},
            timeout=30,
        )  # fmt: skip

    statuses = [code_for(order, here).status_code for order in created]
    assert statuses == [201] * 20 + [429]  # an own phone per order: the client's limit
    left = 45 - _counted(limited, "sms-all")
    assert left > 0
    sent = 0
    while sent < left:
        order = _order(limited, client()).json()
        for _ in range(min(3, left - sent)):  # 3 a phone per hour; one client each
            assert code_for(order, client()).status_code == 201
            sent += 1
    refused = _problem(code_for(_order(limited, client()).json(), client()), 429, "rate_limited")
    assert refused["detail"] == "too many SMS messages; try again later"


def test_new_orders_are_limited_per_client_and_for_everyone(limited: RaServer) -> None:
    here = client()
    body, same = order_body(), {"Idempotency-Key": key(), **here}
    first = requests.post(limited.api + "/orders", json=body, headers=same, timeout=30)
    assert first.status_code == 201
    statuses = [_order(limited, here).status_code for _ in range(30)]
    assert statuses == [201] * 29 + [429]  # 30 per client per hour by default
    replay = requests.post(limited.api + "/orders", json=body, headers=same, timeout=30)
    assert replay.content == first.content  # a replay is not a new order
    assert _order(limited, client()).status_code == 201
    for _ in range(90 - _counted(limited, "orders-all")):
        assert _order(limited, client()).status_code == 201
    everyone = _problem(_order(limited, client()), 429, "rate_limited")
    assert everyone["detail"] == "too many new orders; try again later"
    assert int(str(everyone["retry_after"])) > 0
