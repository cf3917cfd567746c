"""Orders over HTTP: numbering, fees, state machine, idempotency, problem+json errors."""

from __future__ import annotations

import re
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from zoneinfo import ZoneInfo

import requests

from tests.ra.helpers import (
    StaffBrowser,
    applicant_post,
    create_order,
    get_order,
    key,
    order_body,
)
from tests.ra.servers import RaServer


def _problem(response: requests.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == code
    assert body["status"] == status


def test_profiles_are_seeded_with_fees_in_fen(ra: RaServer) -> None:
    profiles = {p["service_id"]: p for p in requests.get(ra.api + "/profiles", timeout=30).json()}
    assert profiles["GD-ORG"]["fees"] == {
        "per_year_fen": 20000, "first_year_fen": None, "medium_fen": 10000,
        "change_fen": 2000, "unlock_fen": 2000,
    }  # fmt: skip
    assert profiles["GD-MOBILE"]["fees"]["first_year_fen"] == 24000
    assert profiles["GD-ORG"]["validity_years"] == [1, 2, 3, 4, 5]


def test_fees_come_from_the_profile(ra: RaServer) -> None:
    assert create_order(ra, "GD-ORG")["order"]["amount_fen"] == 70000  # 3 × 200 + 100 medium
    assert create_order(ra, "GD-EMP")["order"]["amount_fen"] == 40000  # 3 × 100 + 100 medium
    assert create_order(ra, "GD-PROC")["order"]["amount_fen"] == 60000  # no medium fee
    assert create_order(ra, "GD-MOBILE", validity_years=2)["order"]["amount_fen"] == 44000
    assert create_order(ra, "GD-ORG", business_type="renewal")["order"]["amount_fen"] == 60000
    assert create_order(ra, "GD-ORG", business_type="unlock")["order"]["amount_fen"] == 2000
    assert create_order(ra, "GD-PROC", business_type="unlock")["order"]["amount_fen"] == 0


def test_order_number_is_17_digits_with_prefix_and_china_date(ra: RaServer) -> None:
    order_no = create_order(ra)["order"]["order_no"]
    today = datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y%m%d")
    assert re.fullmatch(r"00\d{15}", order_no)
    assert order_no[2:10] == today


def test_fifty_concurrent_creations_get_fifty_distinct_consecutive_numbers(ra: RaServer) -> None:
    def one(_: int) -> str:
        return str(create_order(ra)["order"]["order_no"])

    with ThreadPoolExecutor(max_workers=50) as pool:
        numbers = list(pool.map(one, range(50)))
    assert len(set(numbers)) == 50
    sequences = sorted(int(n[10:]) for n in numbers)
    assert sequences == list(range(sequences[0], sequences[0] + 50))


def test_retry_with_the_same_key_replays_the_first_answer(ra: RaServer) -> None:
    body, headers = order_body(), {"Idempotency-Key": key()}
    first = requests.post(ra.api + "/orders", json=body, headers=headers, timeout=30)
    second = requests.post(ra.api + "/orders", json=body, headers=headers, timeout=30)
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    follow = create_order(ra)["order"]["order_no"]
    assert int(follow[10:]) == int(first.json()["order"]["order_no"][10:]) + 1


def test_same_key_with_another_body_is_refused(ra: RaServer) -> None:
    headers = {"Idempotency-Key": key()}
    assert requests.post(ra.api + "/orders", json=order_body(), headers=headers, timeout=30).ok
    again = requests.post(
        ra.api + "/orders", json=order_body(validity_years=5), headers=headers, timeout=30
    )
    _problem(again, 422, "idempotency_key_reused")


def test_state_changes_without_a_key_are_refused(ra: RaServer) -> None:
    response = requests.post(ra.api + "/orders", json=order_body(), timeout=30)
    _problem(response, 400, "idempotency_key_missing")


def test_invalid_bodies_get_validation_failed(ra: RaServer) -> None:
    bad = order_body()
    bad["subject"]["unified_social_credit_code"] = "not-a-code"
    response = requests.post(
        ra.api + "/orders", json=bad, headers={"Idempotency-Key": key()}, timeout=30
    )
    _problem(response, 422, "validation_failed")
    assert "unified_social_credit_code" in response.json()["detail"]


def test_business_rules_have_their_own_codes(ra: RaServer) -> None:
    def post(body: dict[str, object]) -> requests.Response:
        return requests.post(
            ra.api + "/orders", json=body, headers={"Idempotency-Key": key()}, timeout=30
        )

    _problem(post(order_body("NOPE")), 404, "profile_not_found")
    _problem(
        post(order_body("GD-MOBILE", business_type="unlock")), 422, "business_type_not_allowed"
    )
    employee = order_body("GD-EMP")
    del employee["subject"]["person_name"]
    _problem(post(employee), 422, "validation_failed")


def test_order_needs_its_token(ra: RaServer) -> None:
    created = create_order(ra)
    url = f"{ra.api}/orders/{created['order']['order_no']}"
    _problem(requests.get(url, timeout=30), 401, "unauthorised")
    _problem(requests.get(url, headers={"X-Order-Token": "x" * 43}, timeout=30), 403, "forbidden")
    missing = requests.get(
        f"{ra.api}/orders/00199901010000001", headers={"X-Order-Token": "x"}, timeout=30
    )
    _problem(missing, 404, "order_not_found")
    assert get_order(ra, created)["handler"]["name"] == "张三"


def test_the_poll_answers_as_the_orm_path_does(ra: RaServer) -> None:
    """GET /orders/{no} reads on a path of its own (netca_ra.db.HotReads): its refusals are
    byte for byte the ORM path's (cancel authorises through authorise_applicant), for a
    missing token, a wrong one, and an order that is not there; its answer is the one the
    ORM path gives for the same order."""
    created = create_order(ra)
    url = f"{ra.api}/orders/{created['order']['order_no']}"
    missing = f"{ra.api}/orders/00199901010000001"
    for target, token, status in (
        (url, None, 401),
        (url, "x" * 43, 403),
        (missing, "x" * 43, 404),
        (missing, None, 401),
    ):
        headers = {"X-Order-Token": token} if token else {}
        poll = requests.get(target, headers=headers, timeout=30)
        move = requests.post(
            target + "/cancel", headers={**headers, "Idempotency-Key": key()}, timeout=30
        )
        _problem(poll, status, move.json()["code"])
        assert move.status_code == status
        assert poll.content == move.content
        assert poll.headers.get("www-authenticate") == move.headers.get("www-authenticate")
    cancelled = applicant_post(ra, created, "/cancel")
    assert cancelled.status_code == 200, cancelled.text
    polled = requests.get(url, headers={"X-Order-Token": created["access_token"]}, timeout=30)
    assert polled.headers["content-type"] == cancelled.headers["content-type"]
    assert polled.content == cancelled.content
    assert [entry["to_state"] for entry in polled.json()["audit"]] == ["submitted", "cancelled"]


def test_illegal_transitions_are_refused_with_a_code(ra: RaServer) -> None:
    created = create_order(ra)
    _problem(applicant_post(ra, created, "/installed"), 409, "illegal_transition")
    assert applicant_post(ra, created, "/cancel").status_code == 200
    again = applicant_post(ra, created, "/cancel")
    _problem(again, 409, "illegal_transition")
    assert again.json()["from_state"] == "cancelled"
    assert get_order(ra, created)["state"] == "cancelled"


def test_staff_cannot_approve_before_claiming_the_review(ra: RaServer) -> None:
    created = create_order(ra)
    reviewer = StaffBrowser(ra, "reviewer1")
    response = reviewer.act(created["order"]["order_no"], "approve")
    assert response.status_code == 409
    assert "illegal_transition" in response.text
    assert get_order(ra, created)["state"] == "submitted"


def test_review_moves_are_audited_with_who_and_why(ra: RaServer) -> None:
    created = create_order(ra)
    order_no = created["order"]["order_no"]
    reviewer = StaffBrowser(ra, "reviewer1")
    assert reviewer.act(order_no, "claim").ok
    refused = reviewer.act(order_no, "reject")  # a rejection needs a reason
    assert refused.status_code == 422
    assert reviewer.act(order_no, "reject", "营业执照扫描件不清晰").ok
    audit = get_order(ra, created)["audit"]
    assert [(e["from_state"], e["to_state"]) for e in audit] == [
        (None, "submitted"),
        ("submitted", "under_review"),
        ("under_review", "rejected"),
    ]
    assert audit[0]["actor"] == "applicant:张三"
    assert audit[2]["actor"] == "staff"  # applicants never learn staff user names
    assert audit[2]["reason"] == "营业执照扫描件不清晰"


def test_counter_staff_may_not_review(ra: RaServer) -> None:
    created = create_order(ra)
    counter = StaffBrowser(ra, "counter1")
    assert counter.act(created["order"]["order_no"], "claim").status_code == 403
    assert get_order(ra, created)["state"] == "submitted"


def test_console_forms_without_the_csrf_token_are_refused(ra: RaServer) -> None:
    created = create_order(ra)
    reviewer = StaffBrowser(ra, "reviewer1")
    response = reviewer.http.post(
        f"{ra.base_url}/console/orders/{created['order']['order_no']}/action",
        data={"action": "claim", "csrf": "forged"},
        timeout=30,
    )
    assert response.status_code == 403
    assert get_order(ra, created)["state"] == "submitted"


def test_console_requires_login(ra: RaServer) -> None:
    response = requests.get(ra.base_url + "/console/", allow_redirects=False, timeout=30)
    assert response.status_code == 303
    assert response.headers["location"] == "/console/login"


def test_console_login_is_throttled_after_ten_failures(ra: RaServer) -> None:
    username = "throttled" + uuid.uuid4().hex[:8]
    ra.ra("staff", "add", username, "--name", "限流", "--role", "counter", "--password-stdin",
          stdin="Correct-Horse-9!\n")  # fmt: skip
    http = requests.Session()

    def attempt(password: str) -> str:
        page = http.get(ra.base_url + "/console/login", timeout=30).text
        csrf = re.search(r'name="csrf" value="([^"]+)"', page)
        assert csrf
        response = http.post(
            ra.base_url + "/console/login",
            data={"username": username, "password": password, "csrf": csrf.group(1)},
            timeout=30,
        )
        return response.url

    assert attempt("Correct-Horse-9!").endswith("/console/")
    for _ in range(10):
        assert attempt("wrong password").endswith("error=credentials")
    assert attempt("Correct-Horse-9!").endswith("error=throttled")
    shown = http.get(ra.base_url + "/console/login?error=throttled", timeout=30).text
    assert "登录失败次数过多" in shown
    forged = http.get(ra.base_url + "/console/login?error=请拨打400电话", timeout=30).text
    assert "请拨打400电话" not in forged


def test_concurrent_retries_with_one_key_create_one_order(ra: RaServer) -> None:
    body, headers = order_body(), {"Idempotency-Key": key()}

    def post(_: int) -> requests.Response:
        return requests.post(ra.api + "/orders", json=body, headers=headers, timeout=60)

    with ThreadPoolExecutor(max_workers=10) as pool:
        responses = list(pool.map(post, range(10)))
    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["order"]["order_no"] for r in responses}) == 1
    assert len({r.json()["access_token"] for r in responses}) == 1
    follow = create_order(ra)["order"]["order_no"]
    assert int(follow[10:]) == int(responses[0].json()["order"]["order_no"][10:]) + 1


def test_nul_and_control_characters_never_reach_the_database(ra: RaServer) -> None:
    # PostgreSQL refuses NUL in text; such input must be a 4xx, not a 500.
    _problem(requests.get(ra.api + "/profiles/GD%00ORG", timeout=30), 422, "validation_failed")
    body = order_body()
    body["handler"]["name"] = "张\x00三"
    response = requests.post(
        ra.api + "/orders", json=body, headers={"Idempotency-Key": key()}, timeout=30
    )
    _problem(response, 422, "validation_failed")
    reviewer = StaffBrowser(ra, "reviewer1")
    order_no = create_order(ra)["order"]["order_no"]
    assert reviewer.act(order_no, "claim").ok
    assert reviewer.act(order_no, "reject", "扫描件\x00不清晰").status_code == 422
    login = requests.post(
        ra.base_url + "/console/login", data={"username": "a\x00b", "password": "x"}, timeout=30
    )
    assert login.status_code == 422


def test_purge_forgets_idempotency_answers_older_than_asked(ra: RaServer) -> None:
    body, headers = order_body(), {"Idempotency-Key": key()}
    first = requests.post(ra.api + "/orders", json=body, headers=headers, timeout=30).json()
    kept = ra.ra("purge")  # default: answers are kept 7 days
    assert "idempotency records 0" in kept
    replay = requests.post(ra.api + "/orders", json=body, headers=headers, timeout=30).json()
    assert replay["order"]["order_no"] == first["order"]["order_no"]
    purged = ra.ra("purge", "--idempotency-days", "0")
    assert re.search(r"idempotency records [1-9]", purged), purged
    again = requests.post(ra.api + "/orders", json=body, headers=headers, timeout=30).json()
    assert again["order"]["order_no"] != first["order"]["order_no"]
