"""The renewal conversation over HTTP on both backends: offers, the proof of possession (missing,
stale, reused, another key), idempotent creation, staff review per profile, install report."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import update

from netca_protocol.renewal import RenewalCreate, installed_message, proof_message
from netca_ra.db import make_engine, make_session_factory
from netca_ra.models import RenewalNonce
from tests.e2e.renewal_world import issue_for_order
from tests.ra import helpers
from tests.ra.servers import RaServer


class Holder:
    """A certificate of a completed order whose private key this test holds."""

    def __init__(self, ra: RaServer, *, days_left: float = 20, service_id: str = "GD-EMP") -> None:
        self.ra = ra
        self.key = ec.generate_private_key(ec.SECP256R1())
        order_no = helpers.paid_new_order(ra, service_id)["order"]["order_no"]
        csr = _csr(self.key)
        self.cert = issue_for_order(ra, csr, order_no, days_left=days_left, service_id=service_id)
        self.serial = format(self.cert.serial_number, "x")
        self.new_key = ec.generate_private_key(ec.SECP256R1())

    def offer(self) -> dict[str, Any]:
        response = requests.get(f"{self.ra.api}/renewals/offers/{self.serial}", timeout=30)
        assert response.status_code == 200, response.text
        offer: dict[str, Any] = response.json()
        return offer

    def request(self, *, nonce: str | None = None, signer: Any = None) -> dict[str, Any]:
        """A renewal request for 2 years, signed by ``signer`` (default: the old key)."""
        body = RenewalCreate.model_validate(
            {
                "items": [{"certificate_serial": self.serial, "key_serial": "TKRENEW01",
                           "csr_pem": _csr(self.new_key).public_bytes(_PEM).decode()}],
                "validity_years": 2,
                "handler": {"name": "张三", "id_number": "44010119900101123X",
                            "mobile": helpers.fresh_mobile()},
                "invoice": {"title": "广州示例科技有限公司", "tax_id": "91440101MA5ABCDE1X",
                            "email": "fin@example.cn"},
                "agreement_version": self.offer()["agreement_version"],
                "encryption_warning_acknowledged": True,
                "nonce": nonce or new_nonce(self.ra),
            }
        )  # fmt: skip
        signature = (signer or self.key).sign(proof_message(body), ec.ECDSA(hashes.SHA256()))
        proof = {
            "certificate_serial": self.serial,
            "signature": base64.b64encode(signature).decode(),
        }
        return {**body.model_dump(mode="json"), "proofs": [proof]}


_PEM = serialization.Encoding.PEM


def _csr(key: ec.EllipticCurvePrivateKey) -> x509.CertificateSigningRequest:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "renewal")])
    return x509.CertificateSigningRequestBuilder().subject_name(name).sign(key, hashes.SHA256())


def new_nonce(ra: RaServer) -> str:
    response = requests.post(f"{ra.api}/renewals/nonces", timeout=30)
    assert response.status_code == 201, response.text
    return str(response.json()["nonce"])


def post(ra: RaServer, body: dict[str, Any], key: str | None = None) -> requests.Response:
    headers = {"Idempotency-Key": key or helpers.key()}
    return requests.post(f"{ra.api}/renewals", json=body, headers=headers, timeout=60)


def _code(response: requests.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == code


def test_the_offer_names_the_profiles_fee_window_and_agreement(ra: RaServer) -> None:
    offer = Holder(ra).offer()
    assert offer["eligible"] is True
    assert offer["per_year_fen"] == 10000  # GD-EMP
    assert offer["window_days"] == 90
    assert "电子认证服务协议" in offer["agreement_title"]
    assert len(offer["agreement_version"]) == 16
    unknown = requests.get(f"{ra.api}/renewals/offers/abc123", timeout=30).json()
    assert unknown["eligible"] is False
    assert unknown["refusal"] == "unknown_certificate"


def test_a_request_without_a_proof_is_refused(ra: RaServer) -> None:
    holder = Holder(ra)
    _code(post(ra, {**holder.request(), "proofs": []}), 401, "proof_required")


def test_a_proof_by_another_key_is_refused(ra: RaServer) -> None:
    holder = Holder(ra)
    other = ec.generate_private_key(ec.SECP256R1())
    _code(post(ra, holder.request(signer=other)), 403, "proof_invalid")


def test_a_nonce_proves_one_request_only(ra: RaServer) -> None:
    holder = Holder(ra)
    nonce = new_nonce(ra)
    body, key = holder.request(nonce=nonce), helpers.key()
    first = post(ra, body, key)
    assert first.status_code == 201, first.text
    replay = post(ra, body, key)  # a retry with the same key: the same answer, no 2nd order
    assert replay.status_code == 201
    assert replay.json() == first.json()
    _code(post(ra, holder.request(nonce=nonce)), 401, "proof_stale")  # reused in a new request


def test_an_expired_nonce_is_refused(ra: RaServer) -> None:
    holder = Holder(ra)
    nonce = new_nonce(ra)
    engine = make_engine(ra.database_url)
    try:
        with make_session_factory(engine).begin() as session:
            past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
            session.execute(update(RenewalNonce).values(expires_at=past))
    finally:
        engine.dispose()
    _code(post(ra, holder.request(nonce=nonce)), 401, "proof_stale")


def test_paying_issues_and_the_new_key_reports_the_install(ra: RaServer) -> None:
    holder = Holder(ra)
    created = post(ra, holder.request())
    assert created.status_code == 201, created.text
    renewal = created.json()["renewal"]
    assert renewal["order_state"] == "awaiting_payment"  # approved at once (GD-EMP)
    assert renewal["amount_fen"] == 20000
    order = {"order": {"order_no": renewal["order_no"], "amount_fen": 20000},
             "access_token": created.json()["access_token"]}  # fmt: skip
    helpers.pay(ra, order)
    issued = requests.get(f"{ra.api}/renewals/{renewal['renewal_id']}", timeout=30).json()
    assert issued["order_state"] == "issued"
    assert issued["invoice_no"]
    item = issued["items"][0]
    new = x509.load_pem_x509_certificate(item["certificate"]["certificate_pem"].encode())
    assert new.subject == holder.cert.subject
    assert item["old_revoked"] is False  # GD-EMP revokes at install
    nonce = new_nonce(ra)
    message = installed_message(
        nonce=nonce, renewal_id=renewal["renewal_id"],
        old_serial=holder.serial, new_serial=item["certificate"]["serial_hex"],
    )  # fmt: skip
    url = f"{ra.api}/renewals/{renewal['renewal_id']}/items/{holder.serial}/installed"
    wrong = holder.key.sign(message, ec.ECDSA(hashes.SHA256()))  # the OLD key cannot report it
    body = {"nonce": nonce, "signature": base64.b64encode(wrong).decode()}
    _code(requests.post(url, json=body, timeout=30), 403, "proof_invalid")
    right = holder.new_key.sign(message, ec.ECDSA(hashes.SHA256()))
    body["signature"] = base64.b64encode(right).decode()
    done = requests.post(url, json=body, timeout=30)
    assert done.status_code == 200, done.text
    assert done.json()["order_state"] == "completed"
    assert done.json()["items"][0]["old_revoked"] is True


def test_a_profile_with_staff_review_waits_and_revokes_at_issue(ra: RaServer) -> None:
    holder = Holder(ra, service_id="GD-PROC", days_left=20)
    created = post(ra, holder.request())
    assert created.status_code == 201, created.text
    renewal = created.json()["renewal"]
    assert renewal["order_state"] == "submitted"
    assert renewal["approval"] == "staff"
    order = {"order": {"order_no": renewal["order_no"], "amount_fen": renewal["amount_fen"]},
             "access_token": created.json()["access_token"]}  # fmt: skip
    helpers.approve(ra, order)
    helpers.pay(ra, order)
    issued = requests.get(f"{ra.api}/renewals/{renewal['renewal_id']}", timeout=30).json()
    assert issued["order_state"] == "issued"
    assert issued["items"][0]["old_revoked"] is True  # GD-PROC: immediately


@pytest.mark.parametrize("days_left", [200, -1])
def test_outside_the_window_or_expired_no_order_is_opened(ra: RaServer, days_left: int) -> None:
    holder = Holder(ra, days_left=30)
    body = holder.request()
    engine = make_engine(ra.database_url)
    try:
        from netca_ra.models import IssuedCertificate

        with make_session_factory(engine).begin() as session:
            row = session.get(IssuedCertificate, holder.serial)
            assert row is not None
            row.not_after = dt.datetime.now(dt.UTC) + dt.timedelta(days=days_left)
    finally:
        engine.dispose()
    refused = post(ra, body)
    _code(refused, 422, "renewal_not_allowed")
    assert refused.json()["refusal"] == ("too_early" if days_left > 0 else "expired")
