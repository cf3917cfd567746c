"""Built-in CA: issue for a paid order, revoke, CRL and OCSP checked by openssl, RFC 3161 TSA."""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from asn1crypto import ocsp as asn1_ocsp
from cryptography import x509
from cryptography.x509 import ocsp
from cryptography.x509.oid import NameOID

from tests.ra.helpers import (
    KeySetup,
    StaffBrowser,
    applicant_post,
    approve,
    create_order,
    get_order,
    issue_certificate,
    new_csr,
    pay,
)
from tests.ra.servers import RaServer


def _openssl(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["openssl", *args], cwd=cwd, capture_output=True, text=True, check=False)


def _ca_files(ra: RaServer, where: Path) -> None:
    certs = requests.get(ra.api + "/ca/certificates", timeout=30).json()
    (where / "root.pem").write_text(certs["root_pem"])
    (where / "issuing.pem").write_text(certs["issuing_pem"])
    (where / "chain.pem").write_text(certs["issuing_pem"] + certs["root_pem"])


def test_certificate_carries_the_order_subject_and_chains_to_the_root(
    ra: RaServer, tmp_path: Path
) -> None:
    employee = KeySetup(ra).provision().certificate  # GD-EMP: onto a key at the counter
    subject = x509.load_pem_x509_certificate(employee["certificate_pem"].encode()).subject
    assert subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "李四"
    created, issued = issue_certificate(ra, "GD-MOBILE")
    cert = x509.load_pem_x509_certificate(issued["certificate_pem"].encode())
    subject = cert.subject
    assert subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "广州示例科技有限公司"
    assert (
        subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == "广州示例科技有限公司"
    )
    assert subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)[0].value == "信息部"
    uscc = subject.get_attributes_for_oid(x509.ObjectIdentifier("2.5.4.97"))
    assert uscc[0].value == "91440101MA5ABCDE1X"
    years = (cert.not_valid_after_utc - cert.not_valid_before_utc).days
    assert 3 * 365 <= years <= 3 * 365 + 1  # the ordered validity, not more
    assert get_order(ra, created)["state"] == "issued"
    _ca_files(ra, tmp_path)
    (tmp_path / "leaf.pem").write_text(issued["certificate_pem"])
    verify = _openssl(
        "verify", "-CAfile", "root.pem", "-untrusted", "issuing.pem", "leaf.pem", cwd=tmp_path
    )
    assert verify.stdout.strip() == "leaf.pem: OK", verify.stderr
    assert applicant_post(ra, created, "/installed").json()["state"] == "installed"


def test_a_second_certificate_for_the_same_order_is_refused(ra: RaServer) -> None:
    created, _ = issue_certificate(ra)
    again = applicant_post(ra, created, "/certificate", json={"csr_pem": new_csr()})
    assert again.status_code == 409
    assert again.json()["code"] == "illegal_transition"


def test_garbage_csr_is_refused_with_csr_invalid(ra: RaServer) -> None:
    created = create_order(ra, "GD-MOBILE")
    approve(ra, created)
    pay(ra, created)
    response = applicant_post(ra, created, "/certificate", json={"csr_pem": "-----BEGIN junk"})
    assert response.status_code == 422
    assert response.json()["code"] == "csr_invalid"
    assert get_order(ra, created)["state"] == "paid"


def test_ocsp_and_crl_tell_revoked_from_good(ra: RaServer, tmp_path: Path) -> None:
    good_order, good = issue_certificate(ra)
    bad_order, bad = issue_certificate(ra)
    admin = StaffBrowser(ra, "admin", ra.admin_password)
    revoked = admin.post(
        f"/console/certificates/{bad['serial_hex']}/revoke",
        {"order_no": bad_order["order"]["order_no"]},
    )
    assert revoked.status_code == 200
    assert "已吊销" in revoked.text
    assert "工作人员 admin" in revoked.text
    _ca_files(ra, tmp_path)
    (tmp_path / "good.pem").write_text(good["certificate_pem"])
    (tmp_path / "bad.pem").write_text(bad["certificate_pem"])
    url = ra.api + "/ca/ocsp"
    for name, expected in (("good.pem", "good.pem: good"), ("bad.pem", "bad.pem: revoked")):
        answer = _openssl(
            "ocsp", "-issuer", "issuing.pem", "-cert", name, "-CAfile", "chain.pem",
            "-url", url, cwd=tmp_path,
        )  # fmt: skip
        assert "Response verify OK" in answer.stderr + answer.stdout, answer.stderr
        assert expected in answer.stdout, answer.stdout

    (tmp_path / "crl.der").write_bytes(requests.get(ra.api + "/ca/crl", timeout=30).content)
    crl = _openssl(
        "crl", "-inform", "DER", "-in", "crl.der", "-CAfile", "chain.pem", "-noout", "-text",
        cwd=tmp_path,
    )  # fmt: skip
    assert "verify OK" in crl.stderr + crl.stdout, crl.stderr
    assert bad["serial_hex"].upper() in crl.stdout.replace(":", "").upper()
    assert good["serial_hex"].upper() not in crl.stdout.upper()
    _openssl("crl", "-inform", "DER", "-in", "crl.der", "-out", "crl.pem", cwd=tmp_path)
    (tmp_path / "chain_crl.pem").write_text(
        (tmp_path / "chain.pem").read_text() + (tmp_path / "crl.pem").read_text()
    )
    check = _openssl(
        "verify", "-crl_check", "-CAfile", "chain_crl.pem", "bad.pem", "good.pem", cwd=tmp_path
    )
    assert "good.pem: OK" in check.stdout
    assert "certificate revoked" in check.stdout + check.stderr
    assert get_order(ra, good_order)["state"] == "issued"


def test_time_stamp_token_verifies_with_openssl_ts(ra: RaServer, tmp_path: Path) -> None:
    _ca_files(ra, tmp_path)
    (tmp_path / "tender.pdf").write_bytes(b"%PDF-1.7 pretend tender document\n")
    query = _openssl(
        "ts", "-query", "-data", "tender.pdf", "-sha256", "-cert", "-out", "q.tsq", cwd=tmp_path
    )
    assert query.returncode == 0, query.stderr
    reply = requests.post(
        ra.api + "/ca/tsa",
        data=(tmp_path / "q.tsq").read_bytes(),
        headers={"Content-Type": "application/timestamp-query"},
        timeout=30,
    )
    assert reply.headers["content-type"] == "application/timestamp-reply"
    (tmp_path / "r.tsr").write_bytes(reply.content)
    verify = _openssl(
        "ts", "-verify", "-data", "tender.pdf", "-in", "r.tsr", "-CAfile", "root.pem",
        "-untrusted", "issuing.pem", cwd=tmp_path,
    )  # fmt: skip
    assert "Verification: OK" in verify.stdout, verify.stderr
    (tmp_path / "other.pdf").write_bytes(b"%PDF-1.7 another document\n")
    mismatch = _openssl(
        "ts", "-verify", "-data", "other.pdf", "-in", "r.tsr", "-CAfile", "root.pem",
        "-untrusted", "issuing.pem", cwd=tmp_path,
    )  # fmt: skip
    assert "Verification: OK" not in mismatch.stdout


def test_seal_maker_certificate_is_published_for_digital_signature_only(ra: RaServer) -> None:
    certs = requests.get(ra.api + "/ca/certificates", timeout=30).json()
    seal_maker = x509.load_pem_x509_certificate(certs["seal_maker_pem"].encode())
    usage = seal_maker.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature
    assert not usage.content_commitment
    assert not usage.key_cert_sign
    issuing = x509.load_pem_x509_certificate(certs["issuing_pem"].encode())
    assert seal_maker.issuer == issuing.subject


def test_garbage_tsa_and_ocsp_requests_get_protocol_level_refusals(
    ra: RaServer, tmp_path: Path
) -> None:
    tsa = requests.post(ra.api + "/ca/tsa", data=b"\x30\x03\x02\x01\x01", timeout=30)
    assert tsa.status_code == 200
    (tmp_path / "rej.tsr").write_bytes(tsa.content)
    shown = _openssl("ts", "-reply", "-in", "rej.tsr", "-text", cwd=tmp_path)
    assert "Status: Rejected." in shown.stdout
    ocsp = requests.post(ra.api + "/ca/ocsp", data=b"not der at all", timeout=30)
    assert ocsp.status_code == 200
    assert ocsp.content == bytes.fromhex("30030a0101")  # OCSPResponse{malformedRequest}


def _revoked(ra: RaServer, tmp_path: Path) -> dict[str, str]:
    """A certificate revoked by an admin in the console, with the CA files written."""
    order, bad = issue_certificate(ra)
    admin = StaffBrowser(ra, "admin", ra.admin_password)
    revoked = admin.post(
        f"/console/certificates/{bad['serial_hex']}/revoke",
        {"order_no": order["order"]["order_no"]},
    )
    assert revoked.status_code == 200
    _ca_files(ra, tmp_path)
    (tmp_path / "bad.pem").write_text(bad["certificate_pem"])
    return bad


def test_ocsp_over_get_tells_revoked_even_when_the_base64_holds_a_slash(
    ra: RaServer, tmp_path: Path
) -> None:
    bad = _revoked(ra, tmp_path)
    for _ in range(200):  # a fresh nonce each time, until the base64 holds a "/"
        made = _openssl(
            "ocsp", "-issuer", "issuing.pem", "-cert", "bad.pem", "-nonce", "-reqout", "req.der",
            cwd=tmp_path,
        )  # fmt: skip
        assert made.returncode == 0, made.stderr
        encoded = base64.b64encode((tmp_path / "req.der").read_bytes()).decode()
        if "/" in encoded:
            break
    else:
        pytest.fail("200 requests without a '/' in their base64")
    request = ocsp.load_der_ocsp_request((tmp_path / "req.der").read_bytes())
    nonce = request.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce
    # RFC 6960 A.1: the URL-encoded base64, and the plain form that many clients send.
    for path in (quote(encoded, safe=""), encoded):
        answer = requests.get(f"{ra.api}/ca/ocsp/{path}", timeout=30)
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"] == "application/ocsp-response"
        (tmp_path / "resp.der").write_bytes(answer.content)
        checked = _openssl(
            "ocsp", "-respin", "resp.der", "-issuer", "issuing.pem", "-cert", "bad.pem",
            "-CAfile", "chain.pem", "-no_nonce", cwd=tmp_path,
        )  # fmt: skip
        assert "Response verify OK" in checked.stderr + checked.stdout, checked.stderr
        assert "bad.pem: revoked" in checked.stdout, checked.stdout
        response = ocsp.load_der_ocsp_response(answer.content)
        assert response.serial_number == int(bad["serial_hex"], 16)
        assert response.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce == nonce
        assert response.revocation_reason is None  # "unspecified" is left out (RFC 5280)


def test_a_revocation_without_a_reason_carries_no_reason_code(ra: RaServer, tmp_path: Path) -> None:
    bad = _revoked(ra, tmp_path)
    crl = x509.load_der_x509_crl(requests.get(ra.api + "/ca/crl", timeout=30).content)
    entry = crl.get_revoked_certificate_by_serial_number(int(bad["serial_hex"], 16))
    assert entry is not None
    assert [e.oid for e in entry.extensions] == []  # RFC 5280 5.3.1: no CRLReason


def _ocsp_request(*, count: int, algorithm: str = "sha1") -> bytes:
    single = {
        "req_cert": {
            "hash_algorithm": {"algorithm": algorithm},
            "issuer_name_hash": b"\x01" * 20,
            "issuer_key_hash": b"\x02" * 20,
            "serial_number": 1,
        }
    }
    request = asn1_ocsp.OCSPRequest({"tbs_request": {"request_list": [single] * count}})
    return bytes(request.dump())


MALFORMED = bytes.fromhex("30030a0101")  # OCSPResponse{malformedRequest}
UNAUTHORIZED = bytes.fromhex("30030a0106")  # OCSPResponse{unauthorized}


@pytest.mark.parametrize(
    ("request_der", "expected"),
    [
        (_ocsp_request(count=2), MALFORMED),
        (_ocsp_request(count=0), MALFORMED),
        (_ocsp_request(count=1, algorithm="md5"), UNAUTHORIZED),
        (_ocsp_request(count=1, algorithm="sha3_256"), UNAUTHORIZED),
        (_ocsp_request(count=1, algorithm="1.2.3.4.5"), UNAUTHORIZED),
    ],
    ids=["two-requests", "no-request", "md5", "sha3", "unknown-oid"],
)
def test_ocsp_requests_it_cannot_answer_get_an_ocsp_refusal_not_a_500(
    ra: RaServer, request_der: bytes, expected: bytes
) -> None:
    for answer in (
        requests.post(ra.api + "/ca/ocsp", data=request_der, timeout=30),
        requests.get(f"{ra.api}/ca/ocsp/{quote(base64.b64encode(request_der))}", timeout=30),
    ):
        assert answer.status_code == 200, answer.text
        assert answer.content == expected
