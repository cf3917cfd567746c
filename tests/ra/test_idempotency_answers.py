"""Stored answers to Idempotency-Keys: no bearer secret in the database, replayed only to the
caller who made them (the order token is checked first, every time)."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from pydantic import BaseModel
from sqlalchemy import select, update

from netca_protocol import ErrorCode, OrderState
from netca_ra.db import make_engine, make_session_factory
from netca_ra.errors import ApiError
from netca_ra.migrate import upgrade_to_head
from netca_ra.models import IdempotencyRecord, Order
from netca_ra.services import idempotency
from tests.ra.helpers import (
    KeySetup,
    approve,
    database,
    everything_stored,
    get_order,
    key,
    new_csr,
    order_body,
    staff_headers,
)
from tests.ra.servers import RaServer


class _Token(BaseModel):
    token: str


def test_no_order_token_or_payment_link_is_stored_and_replays_still_carry_them(
    ra: RaServer,
) -> None:
    body, create_key = order_body("GD-MOBILE"), {"Idempotency-Key": key()}
    first = requests.post(ra.api + "/orders", json=body, headers=create_key, timeout=30)
    assert first.status_code == 201, first.text
    token = first.json()["access_token"]
    approve(ra, first.json())
    order_no = first.json()["order"]["order_no"]
    pay_key = {"Idempotency-Key": key(), "X-Order-Token": token}
    payment = requests.post(
        f"{ra.api}/orders/{order_no}/payments",
        json={"method": "simulated"},
        headers=pay_key,
        timeout=30,
    )
    assert payment.status_code == 201, payment.text
    link = payment.json()["payment_url"]
    payer_secret = link.split("t=")[1]

    stored = everything_stored(ra)
    assert token not in stored
    assert payer_secret not in stored

    # A client that lost the answers retries with the same keys and gets them whole.
    again = requests.post(ra.api + "/orders", json=body, headers=create_key, timeout=30)
    assert again.content == first.content
    repaid = requests.post(
        f"{ra.api}/orders/{order_no}/payments",
        json={"method": "simulated"},
        headers=pay_key,
        timeout=30,
    )
    assert repaid.content == payment.content
    assert get_order(ra, first.json())["state"] == "awaiting_payment"
    assert requests.get(link, timeout=30).status_code == 200  # the rebuilt link works


def test_a_replay_is_answered_only_to_the_holder_of_the_order_token(ra: RaServer) -> None:
    created = requests.post(
        ra.api + "/orders", json=order_body(), headers={"Idempotency-Key": key()}, timeout=30
    ).json()
    order_no, token = created["order"]["order_no"], created["access_token"]
    same_key = key()
    cancel = f"{ra.api}/orders/{order_no}/cancel"
    done = requests.post(
        cancel, headers={"Idempotency-Key": same_key, "X-Order-Token": token}, timeout=30
    )
    assert done.json()["state"] == OrderState.CANCELLED.value
    anonymous = requests.post(cancel, headers={"Idempotency-Key": same_key}, timeout=30)
    assert anonymous.status_code == 401, anonymous.text
    assert "id_number" not in anonymous.text
    forged = requests.post(
        cancel, headers={"Idempotency-Key": same_key, "X-Order-Token": "x" * 43}, timeout=30
    )
    assert forged.status_code == 403, forged.text
    assert created["order"]["handler"]["mobile"] not in forged.text


def test_a_staff_answer_is_replayed_to_that_staff_member_only(ra: RaServer) -> None:
    setup = KeySetup(ra)
    assert setup.staff_post(
        f"/orders/{setup.order_no}/provision", json={"key_serial": setup.serial}
    ).ok
    same_key, csr = key(), {"key_serial": setup.serial, "csr_pem": new_csr()}
    issued = setup.staff_post(
        f"/orders/{setup.order_no}/certificate",
        headers={**setup.counter, "Idempotency-Key": same_key},
        json=csr,
    )
    assert issued.status_code == 201, issued.text
    admin = staff_headers(ra, "admin", ra.admin_password)  # may provision too
    other = setup.staff_post(
        f"/orders/{setup.order_no}/certificate",
        headers={**admin, "Idempotency-Key": same_key},
        json=csr,
    )
    assert other.status_code == 422, other.text
    assert other.json()["code"] == "idempotency_key_reused"
    with database(ra) as session:
        callers = session.scalars(
            select(IdempotencyRecord.caller).where(IdempotencyRecord.key == same_key)
        ).all()
    assert len(callers) == 1
    assert callers[0].startswith("staff:")
    assert "counter1" not in callers[0]


def test_a_replay_after_the_secret_key_changed_is_refused_not_wrong(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ra.sqlite3'}"
    upgrade_to_head(url)
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    once = idempotency.Once(
        scope="test",
        call=idempotency.IdempotentCall(key="key-0001", fingerprint="f"),
        caller=lambda _: idempotency.ANYONE,
    )

    def action(_: object, sealer: idempotency.Sealer) -> _Token:
        raise AssertionError("a replay must not act again")

    try:
        first = idempotency.run_once(
            sessions,
            once,
            lambda _, sealer: _Token(token=sealer.new_secret()),
            answer=_Token,
            seal_key=b"old secret key",
        )
        replayed = idempotency.run_once(
            sessions, once, action, answer=_Token, seal_key=b"old secret key"
        )
        assert replayed == first
        with pytest.raises(ApiError) as gone:
            idempotency.run_once(sessions, once, action, answer=_Token, seal_key=b"new secret key")
        assert gone.value.code is ErrorCode.IDEMPOTENCY_ANSWER_GONE
    finally:
        engine.dispose()


def test_a_replay_of_an_answer_this_version_cannot_read_is_refused_as_gone(ra: RaServer) -> None:
    created = requests.post(
        ra.api + "/orders", json=order_body(), headers={"Idempotency-Key": key()}, timeout=30
    ).json()
    order_no, token = created["order"]["order_no"], created["access_token"]
    disguised = "示例科技\u202eexe.pdf"  # an order taken before such names were refused
    with database(ra) as session:
        session.execute(
            update(Order).where(Order.order_no == order_no).values(organisation_name=disguised)
        )
    same_key = {"Idempotency-Key": key(), "X-Order-Token": token}
    cancel = f"{ra.api}/orders/{order_no}/cancel"
    done = requests.post(cancel, headers=same_key, timeout=30)
    assert done.status_code == 200, done.text
    assert done.json()["subject"]["organisation_name"] == disguised
    again = requests.post(cancel, headers=same_key, timeout=30)
    assert again.status_code == 409, again.text
    assert again.json()["code"] == "idempotency_answer_gone"
    assert get_order(ra, created)["state"] == OrderState.CANCELLED.value
