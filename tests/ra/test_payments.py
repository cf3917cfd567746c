"""Payments: the simulated online provider and staff-confirmed bank transfers, amounts in fen."""

from __future__ import annotations

import re
from typing import Any

import requests

from tests.ra.helpers import (
    StaffBrowser,
    applicant_post,
    approve,
    create_order,
    get_order,
    staff_headers,
)
from tests.ra.servers import RaServer


def _awaiting_payment(ra: RaServer) -> dict[str, Any]:
    created = create_order(ra)
    approve(ra, created)
    assert get_order(ra, created)["state"] == "awaiting_payment"
    return created


def _transfer(amount_fen: int) -> dict[str, Any]:
    return {
        "method": "bank_transfer",
        "bank_transfer": {
            "payer_account": "4400 1234 5678 9012",
            "payer_name": "广州示例科技有限公司",
            "amount_fen": amount_fen,
            "transfer_date": "2026-11-20",
        },
    }


def test_payment_before_approval_is_an_illegal_transition(ra: RaServer) -> None:
    created = create_order(ra)
    response = applicant_post(ra, created, "/payments", json={"method": "simulated"})
    assert response.status_code == 409
    assert response.json()["code"] == "illegal_transition"


def test_simulated_provider_pays_through_its_confirm_page(ra: RaServer) -> None:
    created = _awaiting_payment(ra)
    response = applicant_post(ra, created, "/payments", json={"method": "simulated"})
    assert response.status_code == 201, response.text
    payment = response.json()
    assert payment["amount_fen"] == 70000
    assert payment["payment_url"].startswith(ra.base_url + "/pay/sim/")
    page = requests.get(payment["payment_url"], timeout=30)
    assert "¥700.00" in page.text
    forged = requests.post(
        payment["payment_url"].split("?")[0], data={"t": "wrong-token"}, timeout=30
    )
    assert forged.status_code == 403
    assert get_order(ra, created)["state"] == "awaiting_payment"
    token = re.search(r"\?t=(.+)$", payment["payment_url"])
    assert token
    paid = requests.post(
        payment["payment_url"].split("?")[0], data={"t": token.group(1)}, timeout=30
    )
    assert "支付成功" in paid.text
    order = get_order(ra, created)
    assert order["state"] == "paid"
    assert order["paid_fen"] == 70000
    assert order["audit"][-1]["actor"] == "payment:simulated"
    polled = requests.get(
        f"{ra.api}/orders/{order['order_no']}/payments/{payment['payment_id']}",
        headers={"X-Order-Token": created["access_token"]},
        timeout=30,
    )
    assert polled.json()["state"] == "confirmed"


def test_bank_transfer_with_the_wrong_amount_is_refused(ra: RaServer) -> None:
    created = _awaiting_payment(ra)
    response = applicant_post(ra, created, "/payments", json=_transfer(69999))
    assert response.status_code == 422
    assert response.json()["code"] == "payment_amount_mismatch"


def test_bank_transfer_is_paid_when_counter_staff_confirm_the_match(ra: RaServer) -> None:
    created = _awaiting_payment(ra)
    response = applicant_post(ra, created, "/payments", json=_transfer(70000))
    assert response.status_code == 201, response.text
    payment_id = response.json()["payment_id"]
    assert get_order(ra, created)["state"] == "awaiting_payment"

    reviewer = StaffBrowser(ra, "reviewer1")
    assert reviewer.post(f"/console/payments/{payment_id}/confirm").status_code == 403
    counter = StaffBrowser(ra, "counter1")
    listing = counter.get("/console/payments")
    assert "4400 1234 5678 9012" in listing.text
    assert counter.post(f"/console/payments/{payment_id}/confirm").status_code == 200
    order = get_order(ra, created)
    assert order["state"] == "paid"
    assert order["paid_fen"] == 70000
    assert order["audit"][-1]["actor"] == "staff"  # no staff user name for the applicant
    staff_view = requests.get(
        f"{ra.api}/staff/orders/{order['order_no']}",
        headers=staff_headers(ra, "counter1"),
        timeout=30,
    ).json()
    assert staff_view["audit"][-1]["actor"] == "staff:counter1"
    twice = counter.post(f"/console/payments/{payment_id}/confirm")
    assert twice.status_code == 409


def test_free_business_is_paid_on_approval(ra: RaServer) -> None:
    created = create_order(ra, "GD-PROC", business_type="unlock")
    approve(ra, created)
    order = get_order(ra, created)
    assert order["state"] == "paid"
    assert order["audit"][-1]["reason"] == "本业务免费"
