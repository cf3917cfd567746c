"""SMS one-time codes: dev outbox, verification, per-order rate limit kept in the database."""

from __future__ import annotations

import http.server
import json
import re
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
import requests
from sqlalchemy import select

from netca_ra.models import SmsMessage
from netca_ra.sms.gateway import OUTBOX_FILE, latest_code, read_outbox
from tests.ra.helpers import (
    StaffBrowser,
    applicant_post,
    create_order,
    database,
    fresh_mobile,
    key,
)
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


def test_per_phone_limit_counts_across_orders(ra: RaServer) -> None:
    mobile = fresh_mobile()
    first = create_order(
        ra, handler={"name": "张三", "id_number": "44010119900101123X", "mobile": mobile}
    )
    second = create_order(
        ra, handler={"name": "张三", "id_number": "44010119900101123X", "mobile": mobile}
    )
    statuses = [applicant_post(ra, first, "/otp").status_code for _ in range(3)]
    statuses += [applicant_post(ra, second, "/otp").status_code for _ in range(3)]
    assert statuses == [201, 201, 201, 201, 201, 429]
    assert "phone" in applicant_post(ra, second, "/otp").json()["detail"]


class _Provider(http.server.BaseHTTPRequestHandler):
    """Stands in for an SMS provider's HTTP API: records each JSON body it is sent."""

    received: ClassVar[list[dict[str, str]]] = []
    status = 200

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        type(self).received.append(json.loads(self.rfile.read(length)))
        self.send_response(type(self).status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def http_sms_ra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RaServer]:
    provider = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Provider)
    threading.Thread(target=provider.serve_forever, daemon=True).start()
    _Provider.received.clear()
    _Provider.status = 200
    monkeypatch.setenv("NETCA_RA_SMS_OUTBOX", "0")
    monkeypatch.setenv(
        "NETCA_RA_SMS_HTTP_URL", f"http://127.0.0.1:{provider.server_address[1]}/send"
    )
    monkeypatch.setenv("NETCA_RA_SMS_HTTP_TEMPLATE", '{"mobile": "{phone}", "content": "{text}"}')
    server = RaServer(database_url=f"sqlite:///{tmp_path / 'ra.sqlite3'}", data_dir=tmp_path)
    server.initialise()
    server.start()
    yield server
    server.stop()
    provider.shutdown()
    provider.server_close()


def test_http_provider_gets_the_templated_message_and_only_a_masked_copy_is_kept(
    http_sms_ra: RaServer,
) -> None:
    ra = http_sms_ra
    created = create_order(ra)
    order_no = created["order"]["order_no"]
    assert applicant_post(ra, created, "/otp").status_code == 201
    (message,) = _Provider.received
    assert message["mobile"] == created["order"]["handler"]["mobile"]
    code = re.search(r"验证码为(\d{6})", message["content"])
    assert code, message
    stored = StaffBrowser(ra, "reviewer1").get("/console/sms").text
    assert f"验证码为******，5分钟内有效。业务单号{order_no}" in stored
    assert code.group(1) not in stored
    verified = requests.post(
        f"{ra.api}/orders/{order_no}/otp/verify",
        json={"code": code.group(1)},
        headers={"X-Order-Token": created["access_token"]},
        timeout=30,
    )
    assert verified.json() == {"verified": True}


def test_provider_failure_is_sms_failed_and_does_not_use_up_the_limit(
    http_sms_ra: RaServer,
) -> None:
    ra = http_sms_ra
    created = create_order(ra)
    _Provider.status = 500
    for _ in range(4):
        failed = applicant_post(ra, created, "/otp")
        assert failed.status_code == 502
        assert failed.json()["code"] == "sms_failed"
    _Provider.status = 200
    assert applicant_post(ra, created, "/otp").status_code == 201


def test_dev_outbox_is_a_private_file_and_the_database_keeps_only_a_masked_copy(
    ra: RaServer,
) -> None:
    created = create_order(ra)
    order_no = created["order"]["order_no"]
    mobile = created["order"]["handler"]["mobile"]
    assert applicant_post(ra, created, "/otp").status_code == 201
    code = latest_code(ra.data_dir, mobile)
    assert code is not None
    assert stat.S_IMODE((ra.data_dir / OUTBOX_FILE).stat().st_mode) == 0o600
    (message,) = [m for m in read_outbox(ra.data_dir) if m.phone == mobile]
    assert f"验证码为{code}" in message.text
    with database(ra) as session:
        stored = session.scalars(select(SmsMessage.text).where(SmsMessage.order_no == order_no))
        assert list(stored) == [message.text.replace(code, "******")]
