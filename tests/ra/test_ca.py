"""Built-in CA: issue for a paid order, revoke, CRL and OCSP checked by openssl, RFC 3161 TSA."""

from __future__ import annotations

import subprocess
from pathlib import Path

import requests
from cryptography import x509
from cryptography.x509.oid import NameOID

from tests.ra.helpers import (
    StaffBrowser,
    applicant_post,
    approve,
    create_order,
    get_order,
    issue_certificate,
    new_csr,
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
    created, issued = issue_certificate(ra, "GD-EMP")
    cert = x509.load_pem_x509_certificate(issued["certificate_pem"].encode())
    subject = cert.subject
    assert subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "李四"
    assert (
        subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == "广州示例科技有限公司"
    )
    assert subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)[0].value == "信息部"
    uscc = subject.get_attributes_for_oid(x509.ObjectIdentifier("2.5.4.97"))
    assert uscc[0].value == "91440101MA5ABCDE1X"
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
    created = create_order(ra, "GD-PROC", business_type="unlock")
    approve(ra, created)
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
