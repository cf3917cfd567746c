"""Upgrading a database the previous release made (revision 0004, data in it) keeps every
order with its state and audit trail, payments, staff, the certificates on each key in their
order, key requests and stored answers: checked through the upgraded RA's API, on SQLite and
PostgreSQL. An upgrade that meets a value it cannot read changes nothing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from alembic import command
from alembic.runtime.migration import MigrationContext
from cryptography import x509
from sqlalchemy import func, select, text

from netca_protocol import OrderState
from netca_ra.db import make_engine
from netca_ra.migrate import alembic_config, upgrade_to_head
from netca_ra.models import KeyEvent
from tests.ra.helpers import database
from tests.ra.old_release import (
    KEYS,
    PATHS,
    PREVIOUS_REVISION,
    STAFF,
    STORED_OTP_ANSWER,
    OldOrder,
    OldRelease,
)
from tests.ra.servers import STAFF_PASSWORD, PostgresCluster, RaServer


@pytest.fixture(params=["sqlite", "postgresql"])
def old_database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of either backend, for the previous release to fill."""
    if request.param == "postgresql":
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        return cluster.create_database(f"netca_ra_upgrade_{uuid.uuid4().hex[:12]}")
    return f"sqlite:///{tmp_path / 'ra.sqlite3'}"


@pytest.fixture
def upgraded(old_database: str, tmp_path: Path) -> Iterator[tuple[RaServer, OldRelease]]:
    """The previous release's database, upgraded by `netca-ra init` and served."""
    old = OldRelease(old_database).fill()
    server = RaServer(database_url=old_database, data_dir=tmp_path / "data")
    init = server.ra("init")  # applies the migrations since 0004
    assert "first admin" not in init  # the staff of the old release are there
    server.start()
    yield server, old
    server.stop()


def _revision(url: str) -> str | None:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def _staff_token(ra: RaServer, username: str) -> dict[str, str]:
    signed_in = requests.post(
        ra.api + "/staff/sessions",
        json={"username": username, "password": STAFF_PASSWORD},
        timeout=30,
    )
    assert signed_in.status_code == 201, signed_in.text
    assert signed_in.json()["role"] == STAFF[username]
    return {"Authorization": "Bearer " + signed_in.json()["token"]}


def _check_order(ra: RaServer, order: OldOrder, staff: dict[str, str]) -> None:
    token = {"X-Order-Token": order.token}
    seen = requests.get(f"{ra.api}/orders/{order.order_no}", headers=token, timeout=30)
    assert seen.status_code == 200, seen.text
    body = seen.json()
    assert body["state"] == order.state.value
    assert (body["business_type"], body["certificate_kind"]) == ("new", "employee")
    assert body["certificate_serial"] == order.certificate_serial
    moves = [(entry["from_state"], entry["to_state"]) for entry in body["audit"]]
    path = [s.value for s in PATHS[order.state]]
    assert moves == list(zip([None, *path[:-1]], path, strict=True))
    later = len(path) - 1
    assert [entry["actor"] for entry in body["audit"]] == ["applicant:张三"] + ["staff"] * later
    as_staff = requests.get(f"{ra.api}/staff/orders/{order.order_no}", headers=staff, timeout=30)
    assert as_staff.json()["state"] == order.state.value
    assert [entry["actor"] for entry in as_staff.json()["audit"]][1:] == ["staff:old.admin"] * later
    for payment_id, (method, state) in order.payments.items():
        payment = requests.get(
            f"{ra.api}/orders/{order.order_no}/payments/{payment_id}", headers=token, timeout=30
        ).json()
        assert (payment["method"], payment["state"]) == (method, state)


def test_every_order_key_request_and_stored_answer_survives_the_upgrade(
    upgraded: tuple[RaServer, OldRelease],
) -> None:
    ra, old = upgraded
    assert _revision(ra.database_url) != PREVIOUS_REVISION
    admin = _staff_token(ra, "old.admin")
    for username in STAFF:
        _staff_token(ra, username)
    assert set(old.orders) == set(PATHS)  # every order state
    for order in old.orders.values():
        _check_order(ra, order, admin)
    for serial, (state, order_state, serials) in KEYS.items():
        key = requests.get(f"{ra.api}/keys/{serial}", timeout=30).json()
        assert key["state"] == state
        assert key["order_no"] == old.orders[order_state].order_no
        assert key["certificate_serials"] == serials  # split into rows, in the listed order
    for request_id, (secret, purpose, state) in old.key_requests.items():
        seen = requests.get(
            f"{ra.api}/key-requests/{request_id}", headers={"X-Request-Token": secret}, timeout=30
        ).json()
        assert (seen["purpose"], seen["state"]) == (purpose, state)
    with database(ra) as session:
        assert session.scalar(select(func.count()).select_from(KeyEvent)) == old.key_events
    paid = old.orders[OrderState.PAID]
    replay = requests.post(
        f"{ra.api}/orders/{paid.order_no}/otp",
        headers={"X-Order-Token": paid.token, "Idempotency-Key": old.idempotency_key},
        timeout=30,
    )
    assert replay.status_code == 201, replay.text
    assert replay.content == STORED_OTP_ANSWER.encode()  # the stored answer, byte for byte


def test_a_key_upgraded_with_several_certificates_is_returned_with_all_of_them_revoked(
    upgraded: tuple[RaServer, OldRelease],
) -> None:
    ra, _ = upgraded
    counter = _staff_token(ra, "old.counter")
    returned = requests.post(
        f"{ra.api}/staff/keys/OLDKEY-AWAITING/return", headers=counter, timeout=30
    )
    assert returned.status_code == 200, returned.text
    assert returned.json()["state"] == "returned"
    crl = x509.load_der_x509_crl(requests.get(ra.api + "/ca/crl", timeout=30).content)
    for serial_hex in KEYS["OLDKEY-AWAITING"][2]:
        assert crl.get_revoked_certificate_by_serial_number(int(serial_hex, 16)) is not None
    assert crl.get_revoked_certificate_by_serial_number(int("c3", 16)) is None


def test_a_downgrade_joins_the_certificates_of_each_key_again(old_database: str) -> None:
    OldRelease(old_database).fill()
    upgrade_to_head(old_database)
    command.downgrade(alembic_config(old_database), PREVIOUS_REVISION)
    engine = make_engine(old_database)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT serial, certificate_serials FROM key_records"))
            joined = {serial: serials for serial, serials in rows}
    finally:
        engine.dispose()
    assert joined == {serial: ",".join(serials) for serial, (_, _, serials) in KEYS.items()}


def test_an_upgrade_that_meets_an_unknown_state_changes_nothing(old_database: str) -> None:
    OldRelease(old_database).fill()
    engine = make_engine(old_database)
    try:
        with engine.begin() as connection:
            connection.execute(
                text("UPDATE key_records SET state = 'lost' WHERE serial = 'OLDKEY-RETURNED'")
            )
    finally:
        engine.dispose()
    with pytest.raises(RuntimeError, match=r"key_records\.state = 'lost'"):
        upgrade_to_head(old_database)
    assert _revision(old_database) == PREVIOUS_REVISION
    engine = make_engine(old_database)
    try:
        with engine.connect() as connection:
            kept = connection.execute(text("SELECT certificate_serials FROM key_records")).all()
    finally:
        engine.dispose()
    assert len(kept) == len(KEYS)
