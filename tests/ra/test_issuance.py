"""Which orders get a certificate, and where: business type, validity the profile still offers,
and the medium (a USB-key order only onto a key at the counter; others only to the applicant)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from netca_demo.seal_scan import stamp_scan
from netca_ra.models import IssuedCertificate, Order, ServiceProfile
from netca_ra.services.seal_form import SAMPLE_BOXES_MM
from tests.ra import helpers
from tests.ra.helpers import (
    KeySetup,
    applicant_post,
    approve,
    create_order,
    database,
    get_order,
    new_csr,
    new_serial,
    order_body,
    pay,
    staff_headers,
)
from tests.ra.seal_helpers import SealKey, SealOrder
from tests.ra.servers import RaServer


def _problem(response: requests.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.json()["code"] == code, response.text


def _certificates_of(ra: RaServer, created: dict[str, Any]) -> int:
    with database(ra) as session:
        order_id = session.scalar(
            select(Order.id).where(Order.order_no == created["order"]["order_no"])
        )
        return (
            session.scalar(
                select(func.count())
                .select_from(IssuedCertificate)
                .where(IssuedCertificate.order_id == order_id)
            )
            or 0
        )


@pytest.mark.parametrize(
    ("service_id", "business_type"), [("GD-ORG", "unlock"), ("GD-EMP", "change")]
)
def test_orders_that_make_no_certificate_get_none(
    ra: RaServer, service_id: str, business_type: str
) -> None:
    created = create_order(ra, service_id, business_type=business_type)
    approve(ra, created)
    pay(ra, created)
    assert get_order(ra, created)["state"] == "paid"
    refused = applicant_post(ra, created, "/certificate", json={"csr_pem": new_csr()})
    _problem(refused, 422, "business_type_not_allowed")
    assert get_order(ra, created)["state"] == "paid"
    assert _certificates_of(ra, created) == 0


def test_a_seal_order_is_made_only_at_its_own_endpoint_and_never_gets_a_certificate(
    ra: RaServer,
) -> None:
    """Finding 1's seal_apply case since seal orders have their own conversation (issue 18):
    the plain order endpoint refuses them, and an approved seal order (fee 0) is refused a
    certificate."""
    body = order_body("GD-ORG", business_type="seal_apply")
    headers = {"Idempotency-Key": helpers.key()}
    refused = requests.post(ra.api + "/orders", json=body, headers=headers, timeout=30)
    _problem(refused, 422, "business_type_not_allowed")
    created = SealKey.ready(ra).apply()
    assert created.status_code == 201, created.text
    order = SealOrder(ra, created.json())
    scan = stamp_scan(order.form(), organisation="广州示例科技有限公司", boxes_mm=SAMPLE_BOXES_MM)
    assert order.upload("scan.jpg", scan.jpeg, "image/jpeg").status_code == 201
    assert order.post("/submit").json()["state"] == "under_review"
    reviewer = helpers.StaffBrowser(ra, "reviewer1")
    assert reviewer.post(f"/console/seal-orders/{order.order_no}/approve").status_code == 200
    as_created = {"order": {"order_no": order.order_no}, "access_token": order.token}
    refused = applicant_post(ra, as_created, "/certificate", json={"csr_pem": new_csr()})
    # its order moved on with the seal (issued): refused as a transition, before the type
    _problem(refused, 409, "illegal_transition")
    assert _certificates_of(ra, as_created) == 0


def test_a_usb_key_order_is_issued_only_onto_a_key_at_the_counter(ra: RaServer) -> None:
    setup = KeySetup(ra)  # a paid GD-EMP (USB key) order
    refused = applicant_post(ra, setup.created, "/certificate", json={"csr_pem": new_csr()})
    _problem(refused, 422, "medium_not_allowed")
    assert _certificates_of(ra, setup.created) == 0
    setup.provision()  # the counter path still works
    assert _certificates_of(ra, setup.created) == 1


def test_a_mobile_order_is_not_provisioned_onto_a_usb_key(ra: RaServer) -> None:
    created = create_order(ra, "GD-MOBILE")
    approve(ra, created)
    pay(ra, created)
    ticket = requests.post(
        f"{ra.api}/staff/orders/{created['order']['order_no']}/provision",
        json={"key_serial": new_serial()},
        headers=staff_headers(ra, "counter1"),
        timeout=30,
    )
    _problem(ticket, 422, "medium_not_allowed")
    issued = applicant_post(ra, created, "/certificate", json={"csr_pem": new_csr()})
    assert issued.status_code == 201, issued.text


def test_the_profile_must_still_offer_the_ordered_validity(ra: RaServer) -> None:
    service_id = "T-" + uuid.uuid4().hex[:10].upper()
    with database(ra) as session:
        session.add(
            ServiceProfile(
                service_id=service_id, name="测试项目", certificate_kind="organisation",
                medium="mobile", per_year_fen=100, first_year_fen=None, medium_fen=0,
                change_fen=0, unlock_fen=0, business_types="new,renewal",
                validity_years="1,2,3", active=True,
            )
        )  # fmt: skip
    created = create_order(ra, service_id)  # 3 years, offered today
    approve(ra, created)
    pay(ra, created)
    with database(ra) as session:
        profile = session.get(ServiceProfile, service_id)
        assert profile is not None
        profile.validity_years = "1"  # the project no longer sells 3 years
    refused = applicant_post(ra, created, "/certificate", json={"csr_pem": new_csr()})
    _problem(refused, 422, "validity_not_allowed")
    assert _certificates_of(ra, created) == 0
