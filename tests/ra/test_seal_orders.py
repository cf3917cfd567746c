"""Seal orders over HTTP on SQLite and PostgreSQL: proof of possession, the form, scans and
their checks, submit, 修改资料 with history, staff review with the extracted picture, the
seal made for the key's certificate, install, and who may do what."""

from __future__ import annotations

import base64
import hashlib
import io
import subprocess
from typing import Any

import pytest
import requests
from cryptography import x509
from PIL import Image

from netca_demo.seal_scan import stamp_scan
from netca_ra.services.seal_form import SAMPLE_BOXES_MM
from netca_seal import check_seal, parse_seal
from tests.ra import helpers
from tests.ra.seal_helpers import SealKey, SealOrder, details
from tests.ra.servers import RaServer

pytestmark = pytest.mark.slow


def _pdf_text(pdf: bytes, tmp_path: Any) -> str:
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _scan(order: SealOrder, name: str) -> bytes:
    return stamp_scan(order.form(), organisation=name, boxes_mm=SAMPLE_BOXES_MM).jpeg


def _problem(response: requests.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == code


def test_an_application_goes_from_form_to_installed_seal(ra: RaServer, tmp_path: Any) -> None:
    key = SealKey.ready(ra)
    created = key.apply()
    assert created.status_code == 201, created.text
    order = SealOrder(ra, created.json())
    assert order.get()["state"] == "materials_required"
    text = _pdf_text(order.form(), tmp_path)
    assert order.order_no in text
    assert "电子印章申请表" in text
    assert "广州示例科技有限公司" in text
    assert text.count("样本") >= 3
    scan = _scan(order, "广州示例科技有限公司")
    assert order.upload("scan.jpg", scan, "image/jpeg").status_code == 201
    submitted = order.post("/submit")
    assert submitted.json()["state"] == "under_review"
    assert (
        helpers.get_order(ra, {"order": {"order_no": order.order_no}, "access_token": order.token})[
            "state"
        ]
        == "under_review"
    )
    # 修改资料: a second revision; the first stays in the history with its scan
    edited = order.post("/edit", json=details("广州示例科技有限公司合同专用章", kind="contract"),
                        idempotent=True)  # fmt: skip
    assert edited.status_code == 200, edited.text
    body = edited.json()
    assert body["state"] == "materials_required"
    assert body["revision"] == 2
    assert [len(r["materials"]) for r in body["history"]] == [1, 0]
    assert (
        order.upload("scan2.jpg", _scan(order, "广州示例科技有限公司"), "image/jpeg").status_code
        == 201
    )
    assert order.post("/submit").json()["state"] == "under_review"
    reviewer = helpers.StaffBrowser(ra, "reviewer1")
    page = reviewer.get(f"/console/seal-orders/{order.order_no}")
    assert page.status_code == 200
    assert 'id="proposal"' in page.text
    assert "第 2 版" in page.text
    preview = reviewer.get(f"/console/seal-orders/{order.order_no}/proposal.png")
    assert preview.headers["content-type"] == "image/png"
    approved = reviewer.post(f"/console/seal-orders/{order.order_no}/approve")
    assert approved.status_code == 200, approved.text
    state = order.get()
    assert state["state"] == "approved"
    assert state["seal_id"]
    issued = requests.get(order.url("/seal"), headers=order.headers(), timeout=30).json()
    der = base64.b64decode(issued["seal_der_base64"])
    assert hashlib.sha256(der).hexdigest() == issued["sha256"]
    seal = parse_seal(der)
    holder = x509.load_pem_x509_certificate(key.certificate["certificate_pem"].encode())
    assert seal.allows(holder)
    assert seal.name == "广州示例科技有限公司合同专用章"
    roots = requests.get(f"{ra.api}/ca/certificates", timeout=30).json()
    trust = [x509.load_pem_x509_certificate(roots["root_pem"].encode())]
    middle = [x509.load_pem_x509_certificate(roots["issuing_pem"].encode())]
    result = check_seal(seal, trusted_roots=trust, intermediates=middle, holder_cert=holder)
    assert result.verdict.value == "valid", result.as_dict()
    picture = Image.open(io.BytesIO(seal.picture.data))
    assert picture.mode == "RGBA"
    assert picture.getpixel((0, 0))[3] == 0
    done = order.post("/installed", json={"seal_id": issued["seal_id"], "sha256": issued["sha256"]},
                      idempotent=True)  # fmt: skip
    assert done.json()["state"] == "installed"
    audit = helpers.get_order(
        ra, {"order": {"order_no": order.order_no}, "access_token": order.token}
    )
    assert audit["state"] == "completed"


def test_a_rejection_carries_the_reason_the_holder_sees(ra: RaServer) -> None:
    key = SealKey.ready(ra)
    order = SealOrder(ra, key.apply().json())
    assert (
        order.upload("scan.jpg", _scan(order, "广州示例科技有限公司"), "image/jpeg").status_code
        == 201
    )
    order.post("/submit")
    reviewer = helpers.StaffBrowser(ra, "reviewer1")
    reviewer.post(f"/console/seal-orders/{order.order_no}/reject", {"reason": "印章采集不清晰"})
    state = order.get()
    assert state["state"] == "rejected"
    assert state["review_reason"] == "印章采集不清晰"
    # and the key may apply again once the order is over
    assert key.apply().status_code == 201


def test_uploads_are_refused_by_size_type_and_content(ra: RaServer) -> None:
    key = SealKey.ready(ra)
    order = SealOrder(ra, key.apply().json())
    _problem(order.upload("big.jpg", b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024 + 10), "image/jpeg"),
             413, "material_too_large")  # fmt: skip
    _problem(order.upload("scan.gif", b"GIF89a....", "image/gif"), 422, "material_invalid")
    _problem(order.upload("scan.jpg", b"\xff\xd8\xff not really a jpeg", "image/jpeg"),
             422, "material_invalid")  # fmt: skip
    _problem(order.upload("scan.pdf", b"%PDF-1.4 truncated", "application/pdf"),
             422, "material_invalid")  # fmt: skip
    _problem(order.post("/submit"), 409, "seal_order_state_conflict")


def test_the_proof_of_possession_is_checked(ra: RaServer) -> None:
    key = SealKey.ready(ra)
    application = {"business_type": "seal_apply", "details": details()}
    url = f"{ra.api}/keys/{key.serial}/seal-orders"

    def post(body: dict[str, Any]) -> requests.Response:
        return requests.post(url, json=body, headers={"Idempotency-Key": helpers.key()}, timeout=30)

    # signed for another key, or a body changed after signing: refused
    _problem(post(key.signed(application, sign_as="TKOTHER")), 403, "possession_invalid")
    tampered = key.signed(application)
    tampered["application"]["details"]["seal_name"] = "另一家公司"
    _problem(post(tampered), 403, "possession_invalid")
    # a nonce works once
    nonce = key.nonce()
    assert post(key.signed(application, nonce=nonce)).status_code == 201
    _problem(post(key.signed(application, nonce=nonce)), 422, "possession_nonce_invalid")
    # an open application blocks a second; an unknown kind is refused
    _problem(post(key.signed(application)), 409, "seal_order_open")


def test_only_offered_kinds_and_only_the_token_holder(ra: RaServer) -> None:
    key = SealKey.ready(ra)
    _problem(key.apply(kind="finance"), 422, "seal_kind_not_offered")
    order = SealOrder(ra, key.apply().json())
    wrong = requests.get(order.url(), headers={"X-Order-Token": "x" * 43}, timeout=30)
    _problem(wrong, 403, "forbidden")
    _problem(requests.get(order.url("/form"), timeout=30), 401, "unauthorised")
    _problem(requests.get(order.url("/seal"), headers=order.headers(), timeout=30),
             409, "seal_order_state_conflict")  # fmt: skip
    # the general order review cannot approve a seal order (no seal would be made)
    reviewer = helpers.StaffBrowser(ra, "reviewer1")
    assert reviewer.act(order.order_no, "claim").status_code == 422
    counter = helpers.StaffBrowser(ra, "counter1")
    assert counter.get(f"/console/seal-orders/{order.order_no}").status_code == 403
