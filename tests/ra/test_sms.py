"""SMS one-time codes: dev outbox, verification, per-order rate limit kept in the database."""

from __future__ import annotations

import re

import requests

from tests.ra.helpers import StaffBrowser, applicant_post, create_order, key
from tests.ra.servers import RaServer


def _code_from_outbox(ra: RaServer, order_no: str) -> str:
    page = StaffBrowser(ra, "reviewer1").get("/console/sms").text
    match = re.search(r"验证码为(\d{6})，\d+分钟内有效。业务单号" + order_no, page)
    assert match, "the code is not in the outbox"
    return match.group(1)


def test_code_goes_to_the_outbox_and_verifies_once(ra: RaServer) -> None:
    created = create_order(ra)
    order_no = created["order"]["order_no"]
    sent = applicant_post(ra, created, "/otp")
    assert sent.status_code == 201, sent.text
    mobile = created["order"]["handler"]["mobile"]
    assert sent.json()["sent_to"] == mobile[:3] + "****" + mobile[-4:]
    code = _code_from_outbox(ra, order_no)
    wrong = "000000" if code != "000000" else "111111"
    verify = f"{ra.api}/orders/{order_no}/otp/verify"
    headers = {"X-Order-Token": created["access_token"]}
    bad = requests.post(verify, json={"code": wrong}, headers=headers, timeout=30)
    assert bad.status_code == 422
    assert bad.json()["code"] == "otp_invalid"
    good = requests.post(verify, json={"code": code}, headers=headers, timeout=30)
    assert good.json() == {"verified": True}
    reused = requests.post(verify, json={"code": code}, headers=headers, timeout=30)
    assert reused.json()["code"] == "otp_expired"


def test_a_retried_send_is_not_sent_twice(ra: RaServer) -> None:
    created = create_order(ra)
    same = {"Idempotency-Key": key()}
    first = applicant_post(ra, created, "/otp", headers=same)
    second = applicant_post(ra, created, "/otp", headers=same)
    assert first.json() == second.json()
    page = StaffBrowser(ra, "reviewer1").get("/console/sms").text
    assert page.count("业务单号" + created["order"]["order_no"]) == 1


def test_per_order_limit_refuses_the_fourth_code_in_an_hour(ra: RaServer) -> None:
    created = create_order(ra)
    statuses = [applicant_post(ra, created, "/otp").status_code for _ in range(4)]
    assert statuses == [201, 201, 201, 429]
    refused = applicant_post(ra, created, "/otp")
    assert refused.json()["code"] == "rate_limited"
    assert refused.json()["retry_after"] > 0
