"""Provisioning through the key layer, on SoftHSM2 and on a vkey key: key pairs, CSRs,
certificates, the SO PIN and the client's public marks. pkcs11-tool reads back what we wrote."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    PublicFormat,
    load_der_public_key,
)
from cryptography.x509.oid import NameOID

from netca_client.core import errors
from netca_client.core.certs import CsrNotValid, build_csr, key_certificates
from netca_client.core.token import KeyRef, KeySession, KeySignature, TokenLibrary
from netca_seal import SEAL_APPLICATION
from tests.conftest import PIN, SO_PIN
from tests.support.pki import MiniCa
from tests.support.softhsm import SoftHsm
from tests.support.vkey import VkeyWorld

LABEL = "发放Key"
NEW_SO_PIN = "So-Pin-2468013579"
APP = "netca-client"
MARK = "awaiting-activation"
_DER = Encoding.DER
_SPKI = PublicFormat.SubjectPublicKeyInfo


@dataclass
class Blank:
    """A freshly initialised key with no objects, the tool that made it, and our library."""

    world: SoftHsm
    library: TokenLibrary
    key: KeyRef
    kind: str

    def open(self) -> KeySession:
        return self.library.open(self.key, rw=True)

    def read_cert(self, key_id: str, out: Path) -> bytes:
        self.world.tool(LABEL, "--read-object", "--type", "cert", "--id", key_id, "-o", str(out))
        return out.read_bytes()


@pytest.fixture(params=["softhsm", "vkey"])
def blank(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Blank]:
    world: SoftHsm
    if request.param == "softhsm":
        world = SoftHsm.create(tmp_path / "softhsm")
        monkeypatch.setenv("SOFTHSM2_CONF", str(world.conf))
    else:
        world = VkeyWorld.create(tmp_path / "world")
        monkeypatch.setenv("NETCA_VKEY_DIR", str(world.state_dir))
    serial = world.init_token(LABEL, pin=PIN, so_pin=SO_PIN)
    library = TokenLibrary.load(world.module)  # loaded after the token exists: no reinitialize
    try:
        yield Blank(world, library, library.find(serial), request.param)
    finally:
        library.close()


def _issue(ca: MiniCa, public_der: bytes, cn: str) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    return ca.issue(
        public_der,
        cn=cn,
        not_before=now - dt.timedelta(days=1),
        not_after=now + dt.timedelta(days=30),
    )


@pytest.mark.parametrize("algorithm", ["rsa2048", "ec-p256"])
def test_a_generated_key_pair_signs_its_csr_and_takes_its_certificate(
    blank: Blank, test_ca: MiniCa, algorithm: str, tmp_path: Path
) -> None:
    with blank.open() as session:
        session.login(PIN)
        public_der = session.generate_key_pair(algorithm, key_id="a1", label="签名密钥")
        public = load_der_public_key(public_der)
        if algorithm == "rsa2048":
            assert isinstance(public, rsa.RSAPublicKey)
            assert public.key_size == 2048
            assert public.public_numbers().e == 65537
        else:
            assert isinstance(public, ec.EllipticCurvePublicKey)
            assert public.curve.name == "secp256r1"
        assert session.key_pair_ids() == ["a1"]
        assert session.public_key_ids() == ["a1"]

        def sign(data: bytes) -> KeySignature:
            return session.sign(data, key_id="a1")

        csr = build_csr(public_der, common_name="张三", sign=sign)
        assert csr.is_signature_valid
        assert csr.public_key().public_bytes(_DER, _SPKI) == public_der
        assert csr.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "张三"

        cert = _issue(test_ca, csr.public_key().public_bytes(_DER, _SPKI), "张三")
        session.write_certificate(cert.public_bytes(_DER), key_id="a1", label="签名证书")
        [summary] = key_certificates(session)
    assert (summary.key_id, summary.label, summary.subject_cn) == ("a1", "签名证书", "张三")
    assert summary.serial == format(cert.serial_number, "X")
    assert blank.read_cert("a1", tmp_path / "cert.der") == cert.public_bytes(_DER)
    # The private key as another PKCS#11 client sees it: on the key, sensitive, sign-only.
    listing = blank.world.tool(LABEL, "--list-objects", "--type", "privkey", pin=PIN)
    assert "never extractable" in listing
    assert "sensitive" in listing
    usage = next(line for line in listing.splitlines() if "Usage:" in line)
    assert "sign" in usage
    assert "decrypt" not in usage


def test_a_certificate_for_another_key_is_refused_and_nothing_is_written(
    blank: Blank, test_ca: MiniCa
) -> None:
    stranger = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(_DER, _SPKI)
    cert = _issue(test_ca, stranger, "李四").public_bytes(_DER)
    with blank.open() as session:
        session.login(PIN)
        session.generate_key_pair("ec-p256", key_id="a1", label="k")
        with pytest.raises(errors.CertificateKeyMismatch) as other:
            session.write_certificate(cert, key_id="a1", label="c")
        assert other.value.key_id == "a1"
        with pytest.raises(errors.CertificateKeyMismatch, match="no public key"):
            session.write_certificate(cert, key_id="b2", label="c")
        assert session.certificate_objects() == []
    listing = blank.world.tool(LABEL, "--list-objects", "--type", "cert")
    assert "Certificate Object" not in listing


def test_a_new_certificate_replaces_the_one_with_the_same_id(blank: Blank, test_ca: MiniCa) -> None:
    with blank.open() as session:
        session.login(PIN)
        public_der = session.generate_key_pair("ec-p256", key_id="a1", label="k")
        first, second = (_issue(test_ca, public_der, "张三") for _ in range(2))
        session.write_certificate(first.public_bytes(_DER), key_id="a1", label="c")
        session.write_certificate(second.public_bytes(_DER), key_id="a1", label="c")
        assert [c.serial for c in key_certificates(session)] == [format(second.serial_number, "X")]


def test_key_pairs_need_a_login_and_a_free_id(blank: Blank) -> None:
    with blank.open() as session:
        with pytest.raises(errors.NotLoggedIn):
            session.generate_key_pair("ec-p256", key_id="a1", label="k")
        with pytest.raises(errors.NotLoggedIn):
            session.key_pair_ids()
        assert session.public_key_ids() == []
        session.login(PIN)
        assert session.key_pair_ids() == []
        session.generate_key_pair("ec-p256", key_id="a1", label="k")
        with pytest.raises(errors.KeyIdInUse):
            session.generate_key_pair("rsa2048", key_id="a1", label="k2")
        with pytest.raises(ValueError, match="unknown key algorithm"):
            session.generate_key_pair("dsa1024", key_id="b2", label="k2")  # SM2: tests/gm
        assert session.key_pair_ids() == ["a1"]
        public_der = session.generate_key_pair("ec-p256", key_id="b2", label="k2")
        session.logout()
        assert session.public_key_ids() == ["a1", "b2"]
        assert session.public_key_der("b2") == public_der
        with pytest.raises(errors.KeyPairNotFound):
            session.public_key_der("c3")
        session.login(PIN)
        with pytest.raises(errors.KeyPairNotFound):
            session.sign(b"data", key_id="c3")  # the one error for a missing key pair


def test_the_so_changes_its_own_pin(blank: Blank) -> None:
    vkey = blank.kind == "vkey"  # SoftHSM2 counts no tries: tries left is unknown there
    with blank.open() as session:
        with pytest.raises(errors.NotLoggedIn):
            session.set_so_pin(SO_PIN, NEW_SO_PIN)
        session.login_so(SO_PIN)
        with pytest.raises(errors.PinPolicyViolation) as long:
            session.set_so_pin(SO_PIN, "x" * 300)
        assert long.value.reasons == ("too-long",)
        with pytest.raises(errors.PinIncorrect) as wrong:
            session.set_so_pin("So-Pin-wrong-000", NEW_SO_PIN)
        assert wrong.value.so
        assert wrong.value.tries_left == (9 if vkey else None)
        session.set_so_pin(SO_PIN, NEW_SO_PIN)
        session.logout()
        session.login_so(NEW_SO_PIN)
        session.logout()
        with pytest.raises(errors.PinIncorrect) as old:
            session.login_so(SO_PIN)
        assert old.value.so
        assert old.value.tries_left == (9 if vkey else None)
        session.login_so(NEW_SO_PIN)  # and the user PIN is untouched
        session.logout()
        session.login(PIN)


def test_public_marks_are_written_replaced_and_deleted_without_a_login(
    blank: Blank, tmp_path: Path
) -> None:
    out = tmp_path / "mark.bin"
    with blank.open() as session:
        assert session.read_data(APP, MARK) is None
        session.write_data(APP, MARK, b"ticket-1")
        session.write_data(APP, "other", b"keep")
        session.write_data(APP, MARK, b"ticket-2")
        assert session.read_data(APP, MARK) == b"ticket-2"
        assert sorted((d.label, d.private) for d in session.data_objects()) == [
            (MARK, False),
            ("other", False),
        ]
        blank.world.tool(LABEL, "--read-object", "--type", "data", "--application-label", APP,
                         "--label", MARK, "-o", str(out))  # fmt: skip
        assert out.read_bytes() == b"ticket-2"
        assert session.delete_data(APP, MARK) == 1
        assert session.delete_data(APP, MARK) == 0
        assert session.read_data(APP, MARK) is None
        assert session.read_data(APP, "other") == b"keep"
        with pytest.raises(ValueError, match="write_seal"):
            session.write_data(SEAL_APPLICATION, "seal", b"x")
    with blank.library.open(blank.key) as read_only:
        with pytest.raises(errors.TokenOperationFailed, match="read-write"):
            read_only.write_data(APP, MARK, b"x")
        assert read_only.read_data(APP, "other") == b"keep"


def test_a_csr_signed_by_another_key_is_refused(blank: Blank) -> None:
    stranger = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(_DER, _SPKI)
    with blank.open() as session:
        session.login(PIN)
        session.generate_key_pair("ec-p256", key_id="a1", label="k")
        with pytest.raises(CsrNotValid):
            build_csr(stranger, common_name="x", sign=lambda d: session.sign(d, key_id="a1"))
