"""Abuse of the key API: guessing codes, stale and foreign codes, replays, missing authority,
and no secret left behind in the database or the logs."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from netca_ra.models import KeyCode, KeyEvent, KeyRecord, KeyRequest, RateCounter, utcnow
from netca_ra.sms.gateway import read_outbox
from tests.ra.helpers import (
    HANDLER_CHANGED,
    KeyFlow,
    KeySetup,
    StaffBrowser,
    database,
    everything_stored,
    handler_of,
    key,
    new_csr,
)
from tests.ra.servers import RaServer
from tests.ra.test_keys_api import pdf_bytes, png_bytes


def _problem(response: requests.Response, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, object] = response.json()
    assert body["code"] == code, body
    return body


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def _allow_resend(ra: RaServer, request_id: str) -> None:
    """What waiting a minute would do: the last code counts as sent two minutes ago."""
    with database(ra) as session:
        session.execute(
            update(KeyRequest)
            .where(KeyRequest.request_id == request_id)
            .values(last_code_at=utcnow() - timedelta(minutes=2))
        )


def test_five_wrong_codes_lock_the_request_even_with_a_fresh_code(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck()
    flow = KeyFlow.start(ra, setup.serial, purpose="activate")
    first = flow.code(setup.mobile)
    for left in (4, 3, 2, 1):
        body = _problem(flow.verify(_wrong(first)), 422, "otp_invalid")
        assert body["attempts_left"] == left
    _allow_resend(ra, flow.request_id)
    resent = flow.call("POST", "/otp")
    assert resent.status_code == 200, resent.text
    assert resent.json()["attempts_left"] == 1  # a new code does not reset the count
    fresh = flow.code(setup.mobile)
    assert _problem(flow.verify(_wrong(fresh)), 409, "otp_locked")["attempts_left"] == 0
    _problem(flow.verify(fresh), 409, "otp_locked")
    _problem(flow.call("POST", "/otp"), 409, "otp_locked")
    _problem(flow.call("POST", "/so-pin"), 409, "otp_locked")
    assert flow.call("GET").json()["state"] == "failed"


def test_concurrent_guesses_are_each_counted(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck()
    flow = KeyFlow.start(ra, setup.serial, purpose="activate")
    wrong = _wrong(flow.code(setup.mobile))
    with ThreadPoolExecutor(max_workers=12) as pool:
        codes = sorted(pool.map(lambda _: flow.verify(wrong).json()["code"], range(12)))
    assert codes == ["otp_invalid"] * 4 + ["otp_locked"] * 8
    with database(ra) as session:
        request = session.get(KeyRequest, flow.request_id)
        assert request is not None
        assert (request.failed_attempts, request.state) == (5, "failed")


def test_an_expired_code_is_refused(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck()
    flow = KeyFlow.start(ra, setup.serial, purpose="activate")
    with database(ra) as session:
        session.execute(
            update(KeyCode)
            .where(KeyCode.request_id == flow.request_id)
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    _problem(flow.verify(flow.code(setup.mobile)), 422, "otp_expired")
    assert flow.call("GET").json()["attempts_left"] == 5  # an expired code is not a guess


def _age_request(ra: RaServer, request_id: str) -> None:
    with database(ra) as session:
        session.execute(
            update(KeyRequest)
            .where(KeyRequest.request_id == request_id)
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )


def test_an_expired_request_takes_no_code_but_a_released_one_may_still_be_confirmed(
    ra: RaServer,
) -> None:
    setup = KeySetup(ra).provision().recheck()
    stale = KeyFlow.start(ra, setup.serial, purpose="activate")
    code = stale.code(setup.mobile)
    _age_request(ra, stale.request_id)
    _problem(stale.verify(code), 409, "request_state_conflict")
    assert stale.call("GET").json()["state"] == "expired"

    released = KeyFlow.start(ra, setup.serial, purpose="activate")
    released.verify(released.code(setup.mobile))
    versions = released.release()
    _age_request(ra, released.request_id)
    _allow_resend(ra, released.request_id)
    _problem(released.call("POST", "/otp"), 409, "request_state_conflict")
    assert released.confirm(versions["next_version"]).json()["state"] == "completed"


def test_a_used_code_does_not_work_twice(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck()
    flow = KeyFlow.start(ra, setup.serial, purpose="activate")
    code = flow.code(setup.mobile)
    assert flow.verify(code).status_code == 200
    _problem(flow.verify(code), 409, "request_state_conflict")


def test_a_code_for_one_key_is_refused_for_another(ra: RaServer) -> None:
    first = KeySetup(ra).provision().recheck()
    second = KeySetup(ra).provision().recheck()
    flow_a = KeyFlow.start(ra, first.serial, purpose="activate")
    flow_b = KeyFlow.start(ra, second.serial, purpose="activate")
    code_a, code_b = flow_a.code(first.mobile), flow_b.code(second.mobile)
    while code_a == code_b:  # one time in a million: give key B another code
        _allow_resend(ra, flow_b.request_id)
        assert flow_b.call("POST", "/otp").status_code == 200
        code_b = flow_b.code(second.mobile)
    _problem(flow_b.verify(code_a), 422, "otp_invalid")
    # Nor does key B's request secret open key A's request.
    _problem(flow_a.call("GET", token=flow_b.secret), 403, "forbidden")
    assert flow_b.verify(code_b).status_code == 200


def test_replaying_a_confirmation_has_no_effect(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck()
    flow = KeyFlow.start(ra, setup.serial, purpose="activate")
    flow.verify(flow.code(setup.mobile))
    released = flow.release()
    first = flow.confirm(released["next_version"])
    assert first.status_code == 200

    def state() -> tuple[int, int]:
        with database(ra) as session:
            record = session.get(KeyRecord, setup.serial)
            assert record is not None
            events = session.scalars(select(KeyEvent).where(KeyEvent.key_serial == setup.serial))
            return record.so_pin_version, len(list(events))

    before = state()
    assert before[0] == 2
    for _ in range(3):
        replay = flow.confirm(released["next_version"])
        assert replay.json() == first.json()
    assert state() == before  # not version 3, 4, 5; no new audit rows
    _problem(flow.confirm(3), 409, "request_state_conflict")
    _problem(flow.call("POST", "/so-pin"), 409, "request_state_conflict")


def test_the_so_pin_is_released_once(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck()
    flow = KeyFlow.start(ra, setup.serial, purpose="activate")
    _problem(flow.call("POST", "/so-pin"), 409, "request_state_conflict")  # not yet authorised
    flow.verify(flow.code(setup.mobile))
    flow.release()
    _problem(flow.call("POST", "/so-pin"), 409, "so_pin_already_released")
    _problem(flow.confirm(5), 409, "key_state_conflict")  # only the next version


def test_a_wrong_or_missing_request_token_is_refused(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck()
    flow = KeyFlow.start(ra, setup.serial, purpose="activate")
    code = flow.code(setup.mobile)
    for path, body in (("/verify", {"code": code}), ("/so-pin", None), ("/otp", None)):
        _problem(flow.call("POST", path, token="x" * 40, json=body), 403, "forbidden")
        _problem(flow.call("POST", path, token="", json=body), 401, "unauthorised")
    assert flow.call("GET").json()["attempts_left"] == 5


def test_a_second_code_within_a_minute_is_refused(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck()
    flow = KeyFlow.start(ra, setup.serial, purpose="activate")
    refused = flow.call("POST", "/otp")
    body = _problem(refused, 429, "rate_limited")
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    assert body["retry_after"] == int(refused.headers["Retry-After"])


def test_the_daily_cap_on_codes_per_key(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck()
    window = int(time.time()) // 86_400 * 86_400
    with database(ra) as session:
        insert = pg_insert if ra.backend == "postgresql" else sqlite_insert
        session.execute(
            insert(RateCounter)
            .values(scope="keycodes", key=setup.serial, window_start=window, count=9)
            .on_conflict_do_nothing()
        )
    KeyFlow.start(ra, setup.serial, purpose="activate")  # the tenth code today
    refused = KeyFlow.create(ra, setup.serial, purpose="activate")[0]
    assert "a day" in str(_problem(refused, 429, "rate_limited")["detail"])


def test_only_counter_staff_may_provision_issue_register_and_authorise(ra: RaServer) -> None:
    setup = KeySetup(ra)
    applicant_token = {"Authorization": "Bearer " + setup.created["access_token"]}
    provision = f"/orders/{setup.order_no}/provision"
    body = {"key_serial": setup.serial}
    _problem(requests.post(f"{ra.api}/staff{provision}", json=body, timeout=30), 401,
             "unauthorised")  # fmt: skip
    _problem(setup.staff_post(provision, headers=applicant_token, json=body), 401, "unauthorised")
    _problem(setup.staff_post(provision, headers=setup.reviewer, json=body), 403, "forbidden")
    certificate = {"key_serial": setup.serial, "csr_pem": new_csr()}
    for headers, status in ((setup.reviewer, 403), (applicant_token, 401), ({}, 401)):
        answer = setup.staff_post(
            f"/orders/{setup.order_no}/certificate",
            headers={**headers, "Idempotency-Key": key()},
            json=certificate,
        )
        assert answer.status_code == status, answer.text
    setup.provision()
    register = {"certificate_serial": setup.certificate["serial_hex"]}
    _problem(setup.staff_post(f"/keys/{setup.serial}/register", headers=setup.reviewer,
                              json=register), 403, "forbidden")  # fmt: skip
    _problem(setup.staff_post(f"/keys/{setup.serial}/return", headers=setup.reviewer), 403,
             "forbidden")  # fmt: skip
    _problem(setup.staff_post(f"/orders/{setup.order_no}/recheck"), 403, "forbidden")  # counter
    setup.recheck()
    flow = KeyFlow.start(ra, setup.serial, purpose="activate")
    authorise = f"/key-requests/{flow.request_id}/authorise"
    _problem(setup.staff_post(authorise, headers=setup.reviewer), 403, "forbidden")
    _problem(setup.staff_post(authorise, headers=applicant_token), 401, "unauthorised")
    _problem(setup.staff_post(authorise, headers={"X-Request-Token": flow.secret}), 401,
             "unauthorised")  # fmt: skip
    assert flow.call("GET").json()["state"] == "otp_sent"
    # Console pages for materials are for reviewers; counter staff get a refusal.
    counter = StaffBrowser(ra, "counter1")
    assert counter.get("/console/key-requests").status_code == 403


# --- nothing secret is left behind -------------------------------------------------------


@pytest.fixture(scope="module")
def logged_ra(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RaServer]:
    """A server of its own whose output (with access lines) goes to a file we can read."""
    data_dir: Path = tmp_path_factory.mktemp("ra-logged")
    server = RaServer(database_url=f"sqlite:///{data_dir / 'ra.sqlite3'}", data_dir=data_dir)
    server.log_path = data_dir / "server.log"
    server.initialise()
    server.start()
    yield server
    server.stop()


def test_no_so_pin_or_code_is_stored_or_logged(logged_ra: RaServer) -> None:
    ra = logged_ra
    setup = KeySetup(ra).provision().recheck()
    pins = {setup.ticket["so_pin"]}
    activation = KeyFlow.start(ra, setup.serial, purpose="activate")
    activation.verify(activation.code(setup.mobile))
    released = activation.release()
    pins |= {released["so_pin"], released["next_so_pin"]}
    activation.confirm(released["next_version"])

    unlock = KeyFlow.start(ra, setup.serial, purpose="unlock", handler=handler_of(setup.created))
    unlock.verify(_wrong(unlock.code(setup.mobile)))
    unlock.verify(unlock.code(setup.mobile))
    released = unlock.release()
    pins |= {released["so_pin"], released["next_so_pin"]}
    unlock.confirm(released["next_version"])

    new_handler = {**handler_of(setup.created), "name": "赵六", "mobile": "135" + setup.mobile[3:]}
    review = KeyFlow.start(
        ra, setup.serial, purpose="unlock", handler=new_handler, unlock_path=HANDLER_CHANGED
    )
    for name, data in (("a.png", png_bytes()), ("b.pdf", pdf_bytes())):
        assert review.call("POST", "/materials", files={"file": (name, data)}).status_code == 201
    review.call("POST", "/submit")
    assert StaffBrowser(ra, "reviewer1").post(f"/console/key-requests/{review.request_id}/approve")
    review.verify(review.code(new_handler["mobile"]))
    released = review.release()
    pins |= {released["so_pin"], released["next_so_pin"]}
    assert review.confirm(released["next_version"]).status_code == 200

    codes = {
        found
        for message in read_outbox(ra.data_dir)
        for found in re.findall(r"验证码为(\d{6})", message.text)
    }
    assert len(codes) >= 3
    assert len(pins) == 4  # versions 1..4 of this key's SO PIN
    stored = everything_stored(ra)
    assert "验证码为******" in stored  # the masked copies of the messages are there
    log = (ra.log_path or Path()).read_text(encoding="utf-8", errors="replace")
    assert "POST /api/v1/key-requests/" in log  # access lines were written
    for secret in pins | codes:
        assert secret not in stored, "a secret is in the database"
        assert secret not in log, "a secret is in the server's output"
