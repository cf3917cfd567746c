"""Unlock without oracles or shortcuts: the same answer whatever the handler's name, ID number
and phone (only the path the holder chose decides it), no personal data by serial, attempts
limited per key, counter staff unable to change the handler, and SO PIN versions that no
earlier release told."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import requests
from sqlalchemy import delete, func, select, update

from netca_ra.models import KeyEvent, KeyRecord, KeyRequest, RateCounter, utcnow
from netca_ra.services.sms import mask_phone
from netca_ra.sms.gateway import read_outbox
from tests.ra.helpers import (
    HANDLER_CHANGED,
    KeyFlow,
    KeySetup,
    StaffBrowser,
    database,
    fresh_mobile,
    handler_of,
)
from tests.ra.servers import RaServer
from tests.ra.test_keys_api import png_bytes

#: what differs between any two requests anyway (ids, times)
_OWN = {"request_id", "expires_at", "code_expires_at", "resend_after"}


def _problem(response: requests.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["code"] == code, body
    return body


def _shape(body: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in body.items() if name not in _OWN}


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def _allow_resend(ra: RaServer, *request_ids: str, phone: str = "") -> None:
    """What waiting would do: the last codes count as sent two minutes ago, and (given a
    phone) an hour has passed for that phone's hourly SMS limit."""
    with database(ra) as session:
        session.execute(
            update(KeyRequest)
            .where(KeyRequest.request_id.in_(request_ids))
            .values(last_code_at=utcnow() - timedelta(minutes=2))
        )
        session.execute(
            delete(RateCounter).where(RateCounter.scope == "phone", RateCounter.key == phone)
        )


def _messages_to(ra: RaServer, phone: str) -> list[str]:
    return [m.text for m in read_outbox(ra.data_dir) if m.phone == phone]


def test_unlock_answers_the_same_whatever_the_name_id_number_and_phone(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck().activate()
    right = handler_of(setup.created)
    # Another phone with the same first three and last four digits: even its masked form is
    # the one on record, so nothing but the RA's own choice could tell the answers apart.
    middle = f"{(int(setup.mobile[3:7]) + 1) % 10**4:04d}"
    other_phone = setup.mobile[:3] + middle + setup.mobile[7:]
    guesses = [
        right,
        {**right, "id_number": "44010119900101555X"},  # a wrong ID number
        {**right, "name": "张三丰"},  # a wrong name
        {**right, "mobile": other_phone},  # a phone that is not the one on record
    ]
    before = len(_messages_to(ra, setup.mobile))
    flows = [KeyFlow.start(ra, setup.serial, purpose="unlock", handler=h) for h in guesses]
    shapes = [_shape(f.body) for f in flows]
    assert shapes[0] == shapes[1] == shapes[2] == shapes[3], shapes
    assert (shapes[0]["state"], shapes[0]["handler_matched"]) == ("otp_sent", None)
    for flow in flows:
        assert flow.body["code_expires_at"] is not None
        assert _shape(flow.call("GET").json()) == shapes[0]

    # Only the phone on record sees the difference: one code, three notices without a code;
    # the phone given that is not on record gets nothing.
    texts = _messages_to(ra, setup.mobile)[before:]
    assert len(texts) == 4
    assert sum("验证码为" in t for t in texts) == 1
    assert sum("与登记的不一致" in t and "验证码为" not in t for t in texts) == 3
    assert _messages_to(ra, other_phone) == []

    # A wrong code, a resend, another wrong code: the same answers each time.
    code = flows[0].code(setup.mobile)
    wrong = [_shape(f.verify(_wrong(code)).json()) for f in flows]
    assert wrong[0] == wrong[1] == wrong[2] == wrong[3]
    assert wrong[0]["attempts_left"] == 4
    _allow_resend(ra, *(f.request_id for f in flows), phone=setup.mobile)
    resent = [_shape(f.call("POST", "/otp").json()) for f in flows]
    assert resent[0] == resent[1] == resent[2] == resent[3], resent
    # Counter staff see who is who: only the matching request may be authorised there.
    for decoy in flows[1:]:
        refused = setup.staff_post(f"/key-requests/{decoy.request_id}/authorise")
        _problem(refused, 409, "request_state_conflict")
    assert setup.staff_post(f"/key-requests/{flows[0].request_id}/authorise").ok


def test_an_unlock_to_any_other_phone_names_that_phone_and_texts_nobody_else(
    ra: RaServer,
) -> None:
    setup = KeySetup(ra).provision().recheck().activate()
    stranger = fresh_mobile()
    before = len(_messages_to(ra, setup.mobile))
    flow = KeyFlow.start(
        ra,
        setup.serial,
        purpose="unlock",
        handler={**handler_of(setup.created), "mobile": stranger},
    )
    # Exactly what the handler on record would see for their own phone: the phone given,
    # masked, and a code on its way. No code is ever sent; the handler on record is told.
    assert (flow.body["state"], flow.body["sent_to"]) == ("otp_sent", mask_phone(stranger))
    assert _messages_to(ra, stranger) == []
    (notice,) = _messages_to(ra, setup.mobile)[before:]
    assert "与登记的不一致" in notice
    assert "验证码为" not in notice


def test_the_handler_changed_path_asks_for_materials_whoever_is_given(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck().activate()
    right = handler_of(setup.created)
    sent = len(read_outbox(ra.data_dir))
    flows = [
        KeyFlow.start(ra, setup.serial, purpose="unlock", handler=h, unlock_path=HANDLER_CHANGED)
        for h in (right, {**right, "name": "王新", "mobile": fresh_mobile()})
    ]
    shapes = [_shape(f.body) for f in flows]
    assert shapes[0] == shapes[1], shapes
    assert (shapes[0]["state"], shapes[0]["sent_to"]) == ("materials_required", None)
    assert len(read_outbox(ra.data_dir)) == sent  # no SMS to anyone before the review
    refused, _ = KeyFlow.create(ra, setup.serial, purpose="activate", unlock_path=HANDLER_CHANGED)
    assert refused.status_code == 422, refused.text


def test_the_key_registry_shows_no_personal_data_to_anyone(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck().activate()
    public = requests.get(f"{ra.api}/keys/{setup.serial}", timeout=30).json()
    assert public["state"] == "active"
    assert (public["holder_name"], public["handler_name_masked"]) == ("", "")
    assert public["handler_mobile_masked"] == ""
    assert "李四" not in str(public)
    assert setup.mobile[-4:] not in str(public)


def test_unlock_attempts_are_limited_per_key(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck()
    setup.activate()  # the activation request was the first of the day for this key
    other = {**handler_of(setup.created), "mobile": fresh_mobile()}
    statuses = [
        KeyFlow.create(
            ra, setup.serial, purpose="unlock", handler=other, unlock_path=HANDLER_CHANGED
        )[0].status_code
        for _ in range(10)
    ]
    assert statuses == [201] * 9 + [429]  # 10 requests per key per day by default
    refused = KeyFlow.create(ra, setup.serial, purpose="unlock", handler=handler_of(setup.created))
    assert int(_problem(refused[0], 429, "rate_limited")["retry_after"]) > 0


def test_counter_staff_cannot_put_another_handler_on_record(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck().activate()
    claimed = {"name": "王新", "id_number": "44010119950505123X", "mobile": fresh_mobile()}
    flow = KeyFlow.start(
        ra, setup.serial, purpose="unlock", handler=claimed, unlock_path=HANDLER_CHANGED
    )
    assert flow.body["state"] == "materials_required"
    authorise = f"/key-requests/{flow.request_id}/authorise"
    _problem(setup.staff_post(authorise), 409, "request_state_conflict")
    assert flow.call("POST", "/materials", files={"file": ("a.png", png_bytes())}).ok
    assert flow.call("POST", "/submit").json()["state"] == "under_review"
    _problem(setup.staff_post(authorise), 409, "request_state_conflict")  # still the review's
    reviewer = StaffBrowser(ra, "reviewer1")
    with database(ra) as session:
        waiting = session.scalar(
            select(func.count()).select_from(KeyRequest).where(KeyRequest.state == "under_review")
        )
    assert f"共 {waiting} 笔待审核" in reviewer.get("/console/key-requests").text

    # The unlock that counter staff may authorise keeps the handler on record.
    matched = KeyFlow.start(ra, setup.serial, purpose="unlock", handler=handler_of(setup.created))
    assert setup.staff_post(f"/key-requests/{matched.request_id}/authorise").ok
    released = matched.release()
    assert matched.confirm(released["next_version"]).ok
    with database(ra) as session:
        record = session.get(KeyRecord, setup.serial)
        assert record is not None
        assert (record.handler_name, record.handler_mobile) == ("张三", setup.mobile)
        trail = session.scalars(
            select(KeyEvent.detail).where(KeyEvent.request_id == matched.request_id)
        ).all()
    assert any("受理点现场核验授权（登记的经办人在场）" in d for d in trail), trail
    assert not any("材料审核" in d for d in trail), trail

    # Only after a reviewer approved the materials does the handler on record change.
    assert reviewer.post(f"/console/key-requests/{flow.request_id}/approve").ok
    assert setup.staff_post(authorise).ok  # approved: the counter may stand in for the code
    released = flow.release()
    assert flow.confirm(released["next_version"]).ok
    with database(ra) as session:
        record = session.get(KeyRecord, setup.serial)
        assert record is not None
        assert (record.handler_name, record.handler_mobile) == ("王新", claimed["mobile"])
        replaced = session.scalars(
            select(KeyEvent.detail).where(
                KeyEvent.request_id == flow.request_id, KeyEvent.action == "handler_replaced"
            )
        ).all()
    assert replaced == ["登记的经办人更换为本次申请的经办人（材料审核通过：审核员 reviewer1）"]


def test_no_release_tells_the_so_pin_a_later_unlock_will_set(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck().activate()  # the key holds version 2
    handler = handler_of(setup.created)
    snooped = KeyFlow.start(ra, setup.serial, purpose="unlock", handler=handler)
    snooped.verify(snooped.code(setup.mobile))
    seen = snooped.release()  # someone got a release and never confirmed it
    assert (seen["version"], seen["next_version"]) == (2, 3)
    assert "unconfirmed_so_pins" not in seen  # none to name: older clients parse it as before

    _allow_resend(ra, snooped.request_id)
    legit = KeyFlow.start(ra, setup.serial, purpose="unlock", handler=handler)
    legit.verify(legit.code(setup.mobile))
    released = legit.release()
    assert released["version"] == 2
    assert released["so_pin"] == seen["so_pin"]
    assert released["next_version"] == 4
    assert released["next_so_pin"] not in (seen["next_so_pin"], seen["so_pin"])
    # The snooped version may be on the key (its client may have died setting it): named.
    assert released["unconfirmed_so_pins"] == [seen["next_so_pin"]]
    assert legit.confirm(3).status_code == 409  # only the version allocated to it
    assert legit.confirm(4).json()["so_pin_version"] == 4
    _problem(snooped.confirm(3), 409, "key_state_conflict")  # the key moved on
