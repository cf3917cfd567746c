"""Small clients the RA tests drive the server with: the applicant's API and a staff browser."""

from __future__ import annotations

import contextlib
import itertools
import re
import uuid
from collections.abc import Iterator
from typing import Any

import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import LargeBinary, String, Text, select
from sqlalchemy.orm import Session

from netca_ra.db import make_engine, make_session_factory
from netca_ra.models import Base
from tests.ra.servers import STAFF_PASSWORD, RaServer

_phones = itertools.count(1)

#: the unlock path of a holder whose handler changed: materials for staff review
HANDLER_CHANGED = "handler_changed"


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


def pay(ra: RaServer, created: dict[str, Any]) -> None:
    """Pay an approved order by bank transfer and have the counter confirm it."""
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


def issue_certificate(
    ra: RaServer, service_id: str = "GD-MOBILE"
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A paid new order of ``service_id`` (a medium the applicant may get a certificate for,
    unlike a USB key) and the certificate issued to the applicant for it."""
    created = create_order(ra, service_id)
    approve(ra, created)
    pay(ra, created)
    response = applicant_post(ra, created, "/certificate", json={"csr_pem": new_csr()})
    assert response.status_code == 201, response.text
    return created, response.json()


# --- keys: provisioning, activation and unlock (issue 8) -----------------------------------


def staff_headers(ra: RaServer, username: str, password: str = STAFF_PASSWORD) -> dict[str, str]:
    """``Authorization: Bearer`` for a fresh staff API session."""
    response = requests.post(
        ra.api + "/staff/sessions", json={"username": username, "password": password}, timeout=30
    )
    assert response.status_code == 201, response.text
    return {"Authorization": "Bearer " + response.json()["token"]}


def new_serial() -> str:
    return "TK" + uuid.uuid4().hex[:14].upper()


def new_secret() -> str:
    return "rs_" + uuid.uuid4().hex + uuid.uuid4().hex


def paid_new_order(ra: RaServer, service_id: str = "GD-EMP", **changes: Any) -> dict[str, Any]:
    created = create_order(ra, service_id, **changes)
    approve(ra, created)
    pay(ra, created)
    return created


def rsa_csr() -> str:
    from cryptography.hazmat.primitives.asymmetric import rsa

    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "on the key")]))
        .sign(private, hashes.SHA256())
    )
    return csr.public_bytes(serialization.Encoding.PEM).decode()


class KeySetup:
    """One key taken through the counter: order, serial, ticket, certificate, staff sessions."""

    def __init__(self, ra: RaServer) -> None:
        self.ra = ra
        self.counter = staff_headers(ra, "counter1")
        self.reviewer = staff_headers(ra, "reviewer1")
        self.created = paid_new_order(ra)
        self.order_no: str = self.created["order"]["order_no"]
        self.mobile: str = self.created["order"]["handler"]["mobile"]
        self.serial = new_serial()
        self.ticket: dict[str, Any] = {}
        self.certificate: dict[str, Any] = {}

    def staff_post(
        self, path: str, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> requests.Response:
        return requests.post(
            f"{self.ra.api}/staff{path}", headers=headers or self.counter, timeout=60, **kwargs
        )

    def provision(self) -> KeySetup:
        ticket = self.staff_post(
            f"/orders/{self.order_no}/provision",
            json={"key_serial": self.serial, "key_model": "vkey"},
        )
        assert ticket.status_code == 200, ticket.text
        self.ticket = ticket.json()
        issued = self.staff_post(
            f"/orders/{self.order_no}/certificate",
            headers={**self.counter, "Idempotency-Key": key()},
            json={"key_serial": self.serial, "csr_pem": new_csr()},
        )
        assert issued.status_code == 201, issued.text
        self.certificate = issued.json()
        registered = self.staff_post(
            f"/keys/{self.serial}/register",
            json={"certificate_serial": self.certificate["serial_hex"]},
        )
        assert registered.status_code == 200, registered.text
        return self

    def recheck(self) -> KeySetup:
        response = self.staff_post(f"/orders/{self.order_no}/recheck", headers=self.reviewer)
        assert response.status_code == 200, response.text
        return self

    def activate(self) -> KeySetup:
        flow = KeyFlow.start(self.ra, self.serial, purpose="activate")
        flow.verify(flow.code(self.mobile))
        released = flow.release()
        assert flow.confirm(released["next_version"]).status_code == 200
        return self


class KeyFlow:
    """The holder's side of one activation or unlock request."""

    def __init__(self, ra: RaServer, body: dict[str, Any], secret: str) -> None:
        self.ra = ra
        self.body = body
        self.secret = secret
        self.request_id: str = body["request_id"]

    @classmethod
    def create(
        cls,
        ra: RaServer,
        serial: str,
        *,
        purpose: str,
        handler: dict[str, str] | None = None,
        unlock_path: str | None = None,
    ) -> tuple[requests.Response, str]:
        """The raw answer to a new request, and the request secret it was created with.
        ``unlock_path`` as the holder chose it (none sent: the RA's default, the handler on
        record)."""
        secret = new_secret()
        body: dict[str, Any] = {"purpose": purpose, "request_secret": secret}
        if handler is not None:
            body["handler"] = handler
        if unlock_path is not None:
            body["unlock_path"] = unlock_path
        response = requests.post(
            f"{ra.api}/keys/{serial}/requests",
            json=body,
            headers={"Idempotency-Key": key()},
            timeout=30,
        )
        return response, secret

    @classmethod
    def start(
        cls,
        ra: RaServer,
        serial: str,
        *,
        purpose: str,
        handler: dict[str, str] | None = None,
        unlock_path: str | None = None,
    ) -> KeyFlow:
        response, secret = cls.create(
            ra, serial, purpose=purpose, handler=handler, unlock_path=unlock_path
        )
        assert response.status_code == 201, response.text
        return cls(ra, response.json(), secret)

    def call(
        self, method: str, path: str = "", token: str | None = None, **kwargs: Any
    ) -> requests.Response:
        headers = {"X-Request-Token": self.secret if token is None else token}
        headers.update(kwargs.pop("headers", {}))
        return requests.request(
            method,
            f"{self.ra.api}/key-requests/{self.request_id}{path}",
            headers=headers,
            timeout=60,
            **kwargs,
        )

    def code(self, phone: str) -> str:
        from netca_ra.sms.gateway import latest_code

        code = latest_code(self.ra.data_dir, phone)
        assert code is not None, f"no code for {phone} in the outbox"
        return code

    def verify(self, code: str) -> requests.Response:
        response = self.call("POST", "/verify", json={"code": code})
        if response.status_code == 200:
            self.body = response.json()
        return response

    def release(self) -> dict[str, Any]:
        response = self.call("POST", "/so-pin")
        assert response.status_code == 200, response.text
        assert response.headers["Cache-Control"].startswith("no-store")
        released: dict[str, Any] = response.json()
        return released

    def confirm(self, version: int) -> requests.Response:
        return self.call("POST", "/confirm", json={"so_pin_version": version})


def handler_of(created: dict[str, Any]) -> dict[str, str]:
    handler: dict[str, str] = dict(created["order"]["handler"])
    return handler


@contextlib.contextmanager
def database(ra: RaServer) -> Iterator[Session]:
    """A transaction on the server's own database, for what only time could do otherwise."""
    engine = make_engine(ra.database_url)
    try:
        with make_session_factory(engine).begin() as session:
            yield session
    finally:
        engine.dispose()


def everything_stored(ra: RaServer) -> str:
    """Every text and binary column of every table, as one string."""
    parts: list[str] = []
    with database(ra) as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, String | Text | LargeBinary)]
            if not columns:
                continue
            for row in session.execute(select(*columns)):
                for value in row:
                    if isinstance(value, bytes):
                        parts.append(value.decode("latin-1"))
                    elif value is not None:
                        parts.append(str(value))
    return "\n".join(parts)
