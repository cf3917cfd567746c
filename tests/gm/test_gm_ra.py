"""国密 through the live RA over HTTP: a GD-SM2 (SM2) order provisioned onto a vkey key by
the client's own workflow (SM2 key pair generated on the key, CSR signed by it, certificate
issued by the RA's SM2 CA, installed); a PDF signed with it under an SM2 seal verifies in
`netca verify` (chain, RA time stamp, and revocation data fetched from the RA's SM2
CRL/OCSP at signing and embedded: B-LT) and in BouncyCastle; a tampered copy fails; once
staff revoke the certificate the SM2 CRL lists it and `netca sign` refuses it. The profile
decides the algorithm: the RA refuses CSRs of the other kind."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from keyring.backends import fail

from netca_client.core import gm
from netca_client.core.certs import key_certificates
from netca_client.core.ra.client import RaClient
from netca_client.core.seals import key_seals, load_seal_trust, write_seal
from netca_client.core.secrets import SecretStore
from netca_client.core.token import TokenLibrary
from netca_client.core.workflows import provision as provision_module
from netca_client.core.workflows.journal import Journal
from netca_client.core.workflows.key_requests import KeyRequests
from netca_client.core.workflows.provision import Provisioner
from netca_client.core.workflows.staff import StaffSession
from netca_demo.gm_demo import sm2_seal
from netca_demo.seal_scan import stamp_scan
from netca_protocol.models import KeyRequestPurpose
from netca_ra.services.seal_form import SAMPLE_BOXES_MM
from netca_ra.sms.gateway import latest_code
from tests.gm.oracles import STANDARD_ID, bouncycastle, openssl, openssl_verifies, pem_file
from tests.gm.test_gm_pdf import SAMPLE, _cms_and_content
from tests.ra import helpers
from tests.ra.servers import STAFF_PASSWORD, RaServer
from tests.support.vkey import VkeyWorld

FACTORY_SO_PIN = "87654321"
HOLDER_PIN = "Guo-Mi-2026!"


@dataclass
class RaWorld:
    ra: RaServer
    vkeys: VkeyWorld
    home: Path

    def netca(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        env = {**self.vkeys.env, "NETCA_CONFIG": str(self.home / "none.toml"),
               "HOME": str(self.home), "XDG_CONFIG_HOME": str(self.home / "config"),
               "XDG_STATE_HOME": str(self.home / "state"), "NETCA_LANG": "en"}  # fmt: skip
        return subprocess.run([sys.executable, "-m", "netca_client.cli", *args], env=env,
                              input=stdin, capture_output=True, text=True, timeout=300,
                              check=False)  # fmt: skip


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RaWorld]:
    root = tmp_path_factory.mktemp("gm-ra")
    data_dir = root / "ra"
    data_dir.mkdir()
    server = RaServer(database_url=f"sqlite:///{data_dir / 'ra.sqlite3'}", data_dir=data_dir,
                      log_path=root / "ra.log")  # fmt: skip
    server.initialise()
    server.start()
    vkeys = VkeyWorld.create(root / "keys")
    vkeys.state_dir.mkdir(parents=True, exist_ok=True)
    home = root / "home"
    home.mkdir()
    try:
        yield RaWorld(server, vkeys, home)
    finally:
        server.stop()


def _staff(ra: RaServer) -> StaffSession:
    with RaClient(ra.base_url) as client:
        out = client.staff_login("counter1", STAFF_PASSWORD)
    return StaffSession(ra.base_url, out.token, out.username, out.display_name, out.role.value,
                        out.expires_at)  # fmt: skip


def _provision(world: RaWorld, library: TokenLibrary, order_no: str, serial: str) -> Any:
    """The counter provisions ``order_no`` onto the blank key ``serial`` (client workflow)."""
    with RaClient(world.ra.base_url) as client:
        provisioner = Provisioner(library, client, ra_url=world.ra.base_url,
                                  journal=Journal(world.home / "journal"))  # fmt: skip
        return provisioner.provision(_staff(world.ra), order_no, library.find(serial),
                                     factory_so_pin=FACTORY_SO_PIN)  # fmt: skip


def _get(ra: RaServer, path: str) -> bytes:
    answer = requests.get(ra.api + path, timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.content


def _openssl_sm2_csr(tmp: Path) -> str:
    key, csr = tmp / "sm2.key", tmp / "sm2.csr"
    assert openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2",
                   "-out", str(key)).returncode == 0  # fmt: skip
    done = openssl("req", "-new", "-key", str(key), "-sm3", "-sigopt", f"distid:{STANDARD_ID}",
                   "-subj", "/CN=ignored", "-out", str(csr))  # fmt: skip
    assert done.returncode == 0, done.stderr
    return csr.read_text()


def test_the_profile_decides_the_key_algorithm(world: RaWorld, tmp_path: Path) -> None:
    profiles = {p["service_id"]: p for p in requests.get(world.ra.api + "/profiles",
                                                         timeout=30).json()}  # fmt: skip
    assert profiles["GD-SM2"]["key_algorithm"] == "sm2"
    assert profiles["GD-ORG"]["key_algorithm"] == "rsa2048"
    # the applicant path (a medium other than a USB key): no SM2 request on an RSA profile
    created = helpers.paid_new_order(world.ra, "GD-MOBILE")
    refused = helpers.applicant_post(world.ra, created, "/certificate",
                                     json={"csr_pem": _openssl_sm2_csr(tmp_path)})  # fmt: skip
    assert refused.status_code == 422, refused.text
    assert refused.json()["code"] == "csr_invalid"
    assert "not SM2" in refused.text
    # the counter path: an SM2 order's ticket asks for SM2, and an RSA request is refused
    setup = helpers.KeySetup.__new__(helpers.KeySetup)
    setup.ra, setup.counter = world.ra, helpers.staff_headers(world.ra, "counter1")
    order_no = helpers.paid_new_order(world.ra, "GD-SM2")["order"]["order_no"]
    serial = helpers.new_serial()
    ticket = setup.staff_post(f"/orders/{order_no}/provision",
                              json={"key_serial": serial, "key_model": "vkey"})  # fmt: skip
    assert ticket.status_code == 200, ticket.text
    assert ticket.json()["algorithm"] == "sm2", ticket.text
    rsa = setup.staff_post(f"/orders/{order_no}/certificate",
                           headers={**setup.counter, "Idempotency-Key": helpers.key()},
                           json={"key_serial": serial, "csr_pem": helpers.rsa_csr()})  # fmt: skip
    assert rsa.status_code == 422, rsa.text
    assert "SM2 key" in rsa.text, rsa.text


def test_an_sm2_order_provisioned_on_vkey_signs_a_pdf_that_verifies_and_revokes(
    world: RaWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ra = world.ra
    order = helpers.paid_new_order(ra, "GD-SM2")
    order_no = order["order"]["order_no"]
    organisation = order["order"]["subject"]["organisation_name"]
    serial = world.vkeys.init_token("国密Key", pin="12345678", so_pin=FACTORY_SO_PIN)
    seen: list[str] = []
    real = provision_module.random_user_pin

    def observed(length: int = 16) -> str:
        seen.append(real(length))
        return seen[-1]

    monkeypatch.setattr(provision_module, "random_user_pin", observed)
    monkeypatch.setenv("NETCA_VKEY_DIR", str(world.vkeys.state_dir))
    library = TokenLibrary.load(world.vkeys.module)
    try:
        result = _provision(world, library, order_no, serial)
        (pin,) = seen
        library.reinitialize()
        with library.open(library.find(serial), rw=True) as session:
            (on_key,) = key_certificates(session)
            assert on_key.key_algorithm == "SM2"
            leaf = x509.load_der_x509_certificate(on_key.der)
            assert format(leaf.serial_number, "x") == result.certificate_serial
            # the key pair behind it was made on the key: its public key is the certificate's
            session.login(pin)
            (key_id,) = session.key_pair_ids()
            assert session.public_key_der(key_id) == gm.public_key_der(leaf)
            # an SM2 seal for this certificate from the RA's SM2 seal maker, onto the key
            write_seal(session, sm2_seal(ra.data_dir / "ca", holder=leaf,
                                         organisation=organisation,
                                         now=dt.datetime.now(dt.UTC)),
                       label="国密公章")  # fmt: skip
    finally:
        library.close()

    # the RA published the SM2 chain: openssl (with the standard ID) and our chain check agree
    issuing = x509.load_der_x509_certificate(_get(ra, "/ca/sm2/issuing.crt"))
    root = x509.load_der_x509_certificate(_get(ra, "/ca/sm2/root.crt"))
    assert leaf.issuer == issuing.subject
    assert issuing.issuer == root.subject
    assert gm.check_chain(leaf, roots=[root], intermediates=[issuing]).ok
    done = openssl("verify", "-vfyopt", f"distid:{STANDARD_ID}", "-partial_chain", "-CAfile",
                   str(pem_file(tmp_path / "issuing.pem", issuing)),
                   str(pem_file(tmp_path / "leaf.pem", leaf)))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert ": OK" in done.stdout, done.stderr
    # trusted: the SM2 root and issuing CA, and the RSA root (the RA's time stamps are RSA)
    rsa_root = x509.load_der_x509_certificate(_get(ra, "/ca/root.crt"))
    trust = tmp_path / "trust.pem"
    trust.write_bytes(b"".join(c.public_bytes(Encoding.PEM) for c in (root, issuing, rsa_root)))

    library = TokenLibrary.load(world.vkeys.module)
    try:
        with library.open(library.find(serial)) as session:
            (seal,) = key_seals(session, trust=load_seal_trust(extra_files=[trust]))
    finally:
        library.close()
    assert seal.check is not None, seal.check
    assert seal.check.verdict.value == "valid", seal.check

    def sign(name: str) -> tuple[Path, subprocess.CompletedProcess[str]]:
        """`netca sign` at B-LT: an RA time stamp over the SM2 signature, and the SM2 CA's
        revocation answers (fetched from the RA) embedded in the file."""
        out = tmp_path / name
        done = world.netca("sign", str(SAMPLE), "-o", str(out), "--seal", seal.label, "--page",
                           "1", "--at", "300,300", "--trust", str(trust), "--level", "B-LT",
                           "--ra-url", ra.base_url, "--pin-stdin", stdin=pin + "\n")  # fmt: skip
        return out, done

    out, signed = sign("signed.pdf")
    assert signed.returncode == 0, signed.stderr + signed.stdout
    verified = world.netca("verify", str(out), "--json", "--trust", str(trust))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    (signature,) = json.loads(verified.stdout)["signatures"]
    assert signature["verdict"] == "valid", signature
    assert signature["trusted"], signature
    assert organisation in signature["signer_subject"]
    # adbe.pkcs7.detached with a time stamp and the SM2 CA's revocation answers inside
    assert signature["level"] == "PKCS#7 + LT"
    assert signature["revocation"] == "good"
    assert signature["timestamp"] is not None

    contents, content = _cms_and_content(out.read_bytes())
    # PKCS#7 signedData over data (not GM/T 0010's types), with the B-LT revocation archive
    signed_data = cms.ContentInfo.load(contents)
    assert signed_data["content_type"].dotted == "1.2.840.113549.1.7.2"
    assert signed_data["content"]["encap_content_info"]["content_type"].dotted == (
        "1.2.840.113549.1.7.1"
    )
    attributes = signed_data["content"]["signer_infos"][0]["signed_attrs"]
    assert "adobe_revocation_info_archival" in [a["type"].native for a in attributes]
    tampered = bytearray(content)
    tampered[len(tampered) // 3] ^= 0x01
    results = bouncycastle(tmp_path, [("cms", [contents, content]),
                                      ("cms", [contents, bytes(tampered)])])  # fmt: skip
    assert results[0] == "ok 1.2.156.10197.1.501/1.2.156.10197.1.401", results
    assert not results[1].startswith("ok")
    pdf = bytearray(out.read_bytes())
    pdf[pdf.find(b"/Producer") + 2] ^= 0x01
    broken = tmp_path / "tampered.pdf"
    broken.write_bytes(bytes(pdf))
    failed = world.netca("verify", str(broken), "--json", "--trust", str(trust))
    assert failed.returncode != 0
    assert json.loads(failed.stdout)["signatures"][0]["verdict"] == "invalid"

    # staff revoke it: the SM2 CRL lists it (SM2-signed, openssl-checked over its TBS)
    admin = helpers.StaffBrowser(ra, "admin", ra.admin_password)
    revoked = admin.post(f"/console/certificates/{result.certificate_serial}/revoke",
                         {"order_no": order_no})  # fmt: skip
    assert revoked.status_code == 200, revoked.text
    from asn1crypto import crl as asn1_crl

    crl = asn1_crl.CertificateList.load(_get(ra, "/ca/sm2/crl"))
    listed = [r["user_certificate"].native for r in crl["tbs_cert_list"]["revoked_certificates"]]
    assert leaf.serial_number in listed
    assert openssl_verifies(tmp_path, gm.public_key_der(issuing), crl["tbs_cert_list"].dump(),
                            crl["signature"].native, STANDARD_ID)  # fmt: skip
    # signed and time-stamped before the revocation: still valid (PAdES B-LT)
    before = world.netca("verify", str(out), "--json", "--trust", str(trust))
    assert before.returncode == 0, before.stdout
    # a revoked certificate signs nothing more: the SM2 CA's answer (fetched for B-LT) says so
    late, done = sign("late.pdf")
    assert done.returncode != 0
    assert not late.exists()
    assert "could not be validated" in done.stdout + done.stderr, done.stdout + done.stderr


def test_an_sm2_key_applies_for_a_seal_online_and_installs_it(
    world: RaWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """申请印章 from an SM2 key: the proof of possession is signed SM3-with-SM2 (it used to
    stop in the client with an internal error, the seal protocol knowing RSA and ECDSA only),
    the RA checks it with libcrypto, the seal it makes for the SM2 certificate installs and is
    valid; a proof claiming another algorithm is refused."""
    ra = world.ra
    order = helpers.paid_new_order(ra, "GD-SM2")
    order_no = order["order"]["order_no"]
    phone = order["order"]["handler"]["mobile"]
    organisation = order["order"]["subject"]["organisation_name"]
    serial = world.vkeys.init_token("国密印章Key", pin="12345678", so_pin=FACTORY_SO_PIN)
    monkeypatch.setenv("NETCA_VKEY_DIR", str(world.vkeys.state_dir))
    reviewer = helpers.StaffBrowser(ra, "reviewer1")
    library = TokenLibrary.load(world.vkeys.module)
    try:
        _provision(world, library, order_no, serial)
        assert reviewer.post(f"/console/orders/{order_no}/recheck").status_code in (200, 303)
        library.reinitialize()
        # 激活证书 through the core workflow, the code from the RA's dev outbox
        with RaClient(ra.base_url) as client:
            jobs = KeyRequests(library, client, ra_url=ra.base_url,
                               journal=Journal(world.home / "journal"),
                               secrets=SecretStore(backend=fail.Keyring()))  # fmt: skip
            job = jobs.start(library.find(serial), KeyRequestPurpose.ACTIVATE)
            code = latest_code(ra.data_dir, phone)
            assert code is not None
            job = jobs.reset_pin(jobs.verify(job, code), library.find(serial), HOLDER_PIN)
            assert job.result is not None, job.next_step()
    finally:
        library.close()
    at = ("--ra-url", ra.base_url)
    form = tmp_path / "form.pdf"
    applied = world.netca("seal", "apply", "--key", serial, *at, "--pin-stdin",
                          "--name", organisation,
                          "--kind", "official", "--handler-name", "张三", "--id-number",
                          "44010119900101123X", "--mobile", phone, "--form", str(form),
                          stdin=HOLDER_PIN + "\n")  # fmt: skip
    assert applied.returncode == 0, applied.stdout + applied.stderr
    seal_order = re.search(r"\b(\d{17})\b", applied.stdout)
    assert seal_order, applied.stdout
    scan = tmp_path / "scan.jpg"
    scan.write_bytes(stamp_scan(form.read_bytes(), organisation=organisation,
                                boxes_mm=SAMPLE_BOXES_MM, seed=21).jpeg)  # fmt: skip
    submitted = world.netca("seal", "submit", "--key", serial, *at, "--scan", str(scan))
    assert submitted.returncode == 0, submitted.stdout + submitted.stderr
    approved = reviewer.post(f"/console/seal-orders/{seal_order.group(1)}/approve")
    assert approved.status_code == 200, approved.text
    installed = world.netca("seal", "install", "--key", serial, *at, "--pin-stdin",
                            stdin=HOLDER_PIN + "\n")  # fmt: skip
    assert installed.returncode == 0, installed.stdout + installed.stderr

    trust = tmp_path / "trust.pem"
    roots = [x509.load_der_x509_certificate(_get(ra, p)) for p in
             ("/ca/root.crt", "/ca/issuing.crt", "/ca/sm2/root.crt",
              "/ca/sm2/issuing.crt")]  # fmt: skip
    trust.write_bytes(b"".join(c.public_bytes(Encoding.PEM) for c in roots))
    library = TokenLibrary.load(world.vkeys.module)
    try:
        with library.open(library.find(serial)) as session:
            (seal,) = key_seals(session, trust=load_seal_trust(extra_files=[trust]))
    finally:
        library.close()
    assert seal.verdict == "valid", seal.check
    assert any(a.on_key for a in seal.allowed)  # made for this key's SM2 certificate


def test_a_seal_proof_must_name_the_certificate_keys_algorithm(tmp_path: Path) -> None:
    """The RA's one possession check (renewal and seals): an SM2 certificate's proof says
    sm3_sm2; another name is refused before any signature check, a bad SM2 signature after."""
    from netca_protocol.possession import PossessionAlgorithm, ProofOfPossession
    from netca_ra.errors import ApiError
    from netca_ra.services.possession import _verify

    key, cert = tmp_path / "sm2.key", tmp_path / "sm2.pem"
    assert openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2",
                   "-out", str(key)).returncode == 0  # fmt: skip
    made = openssl("req", "-x509", "-new", "-key", str(key), "-sm3", "-sigopt",
                   f"distid:{STANDARD_ID}", "-subj", "/CN=sm2", "-days", "1",
                   "-out", str(cert))  # fmt: skip
    assert made.returncode == 0, made.stderr
    sm2_cert = x509.load_pem_x509_certificate(cert.read_bytes())
    proof = ProofOfPossession(certificate_serial="1f", nonce="A" * 43,
                              algorithm=PossessionAlgorithm.SHA256_ECDSA,
                              signature="AAAAAAAAAAAA")  # fmt: skip
    with pytest.raises(ApiError, match="signs with sm3_sm2"):
        _verify(sm2_cert, proof, b"message")
    wrong = proof.model_copy(update={"algorithm": PossessionAlgorithm.SM3_SM2})
    with pytest.raises(ApiError, match="does not verify"):
        _verify(sm2_cert, wrong, b"message")
