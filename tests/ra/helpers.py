"""Small clients the RA tests drive the server with: the applicant's API and a staff browser."""

from __future__ import annotations

import itertools
import re
import uuid
from typing import Any

import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.ra.servers import STAFF_PASSWORD, RaServer

_phones = itertools.count(1)


def key() -> str:
    return "test-" + uuid.uuid4().hex


def fresh_mobile() -> str:
    """A distinct handler phone per order, so per-phone SMS limits never couple tests."""
    return f"139{uuid.uuid4().int % 10**8:08d}"


def order_body(service_id: str = "GD-ORG", **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "service_id": service_id,
        "business_type": "new",
        "validity_years": 3,
        "subject": {
            "organisation_name": "广州示例科技有限公司",
            "unified_social_credit_code": "91440101MA5ABCDE1X",
            "organisation_unit": "信息部",
        },
        "handler": {"name": "张三", "id_number": "44010119900101123X", "mobile": fresh_mobile()},
    }
    if service_id == "GD-EMP":
        body["subject"]["person_name"] = "李四"
    body.update(changes)
    return body


def create_order(ra: RaServer, service_id: str = "GD-ORG", **changes: Any) -> dict[str, Any]:
    body = order_body(service_id, **changes)
    headers = {"Idempotency-Key": key()}
    response = requests.post(ra.api + "/orders", json=body, headers=headers, timeout=30)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def applicant_post(
    ra: RaServer, created: dict[str, Any], path: str, **kwargs: Any
) -> requests.Response:
    order_no = created["order"]["order_no"]
    headers = {"X-Order-Token": created["access_token"], "Idempotency-Key": key()}
    headers.update(kwargs.pop("headers", {}))
    return requests.post(f"{ra.api}/orders/{order_no}{path}", headers=headers, timeout=30, **kwargs)


def get_order(ra: RaServer, created: dict[str, Any]) -> dict[str, Any]:
    order_no = created["order"]["order_no"]
    response = requests.get(
        f"{ra.api}/orders/{order_no}",
        headers={"X-Order-Token": created["access_token"]},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    order: dict[str, Any] = response.json()
    return order


class StaffBrowser:
    """A staff member using the console over HTTP the way a browser would (cookies, forms)."""

    def __init__(self, ra: RaServer, username: str, password: str = STAFF_PASSWORD) -> None:
        self.ra = ra
        self.http = requests.Session()
        page = self.http.get(ra.base_url + "/console/login", timeout=30)
        response = self.http.post(
            ra.base_url + "/console/login",
            data={"username": username, "password": password, "csrf": _csrf(page.text)},
            timeout=30,
        )
        assert response.url.endswith("/console/"), response.url
        self.csrf = _csrf(response.text)

    def get(self, path: str) -> requests.Response:
        return self.http.get(self.ra.base_url + path, timeout=30)

    def post(self, path: str, data: dict[str, str] | None = None) -> requests.Response:
        form = {"csrf": self.csrf, **(data or {})}
        return self.http.post(self.ra.base_url + path, data=form, timeout=30)

    def act(self, order_no: str, action: str, reason: str = "") -> requests.Response:
        return self.post(f"/console/orders/{order_no}/action", {"action": action, "reason": reason})


def _csrf(page: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', page)
    assert match, "no CSRF field on the page"
    return match.group(1)


def approve(ra: RaServer, created: dict[str, Any]) -> None:
    """Move an order to awaiting_payment the way a reviewer does."""
    reviewer = StaffBrowser(ra, "reviewer1")
    order_no = created["order"]["order_no"]
    assert reviewer.act(order_no, "claim").status_code == 200
    assert reviewer.act(order_no, "approve", "材料齐全").status_code == 200


def new_csr() -> str:
    """A CSR for a fresh P-256 key (the RA takes only the key from it)."""
    key = ec.generate_private_key(ec.SECP256R1())
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "ignored")]))
        .sign(key, hashes.SHA256())
    )
    return csr.public_bytes(serialization.Encoding.PEM).decode()


def issue_certificate(
    ra: RaServer, service_id: str = "GD-ORG"
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A paid unlock order of ``service_id`` and the certificate issued for it."""
    created = create_order(ra, service_id, business_type="unlock")
    approve(ra, created)
    if get_order(ra, created)["state"] != "paid":
        counter = StaffBrowser(ra, "counter1")
        payment = applicant_post(
            ra,
            created,
            "/payments",
            json={
                "method": "bank_transfer",
                "bank_transfer": {
                    "payer_account": "6222 0000 1111",
                    "payer_name": "示例",
                    "amount_fen": created["order"]["amount_fen"],
                    "transfer_date": "2026-11-20",
                },
            },
        ).json()
        assert counter.post(f"/console/payments/{payment['payment_id']}/confirm").ok
    response = applicant_post(ra, created, "/certificate", json={"csr_pem": new_csr()})
    assert response.status_code == 201, response.text
    return created, response.json()
