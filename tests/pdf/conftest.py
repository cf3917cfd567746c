"""PDF stamping against real parts: a real RA (CA, TSA, OCSP, CRL) served on loopback, a vkey key
holding an EC P-256 certificate from that CA, the CA's issuing certificate, and a seal made
by the RA's seal maker for that certificate. One key session, logged in, per test module."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from netca_client.core.seals import KeySeal, find_seal, key_seals, load_seal_trust, write_seal
from netca_client.core.token import KeySession, TokenLibrary
from netca_demo.content import compact_png
from netca_demo.tokens import TokenTool, build_csr
from netca_ra.ca import keystore
from netca_ra.ca.builtin import BuiltinCa
from netca_ra.ca.interface import SubjectKind, SubjectProfile
from netca_ra.services.certificates import record_certificate
from netca_seal import make_seal
from netca_seal.art import render_organisation_seal
from netca_seal.model import SealType
from tests.ra.servers import RaServer
from tests.support.vkey import VkeyWorld

PIN = "Pin-1234"
SO_PIN = "So-Pin-87654321"
ORG = "广州测试科技有限公司"
LABEL = "投标专用Key"
RSA_LABEL = "单位Key"


@dataclass
class PdfWorld:
    ra: RaServer
    ca: BuiltinCa
    vkeys: VkeyWorld
    signer_cert: x509.Certificate
    rsa_cert: x509.Certificate

    @property
    def tsa_url(self) -> str:
        return self.ra.api + "/ca/tsa"

    @property
    def tsa_name(self) -> str:
        """The common name of the RA's time-stamping certificate."""
        cert = keystore.load_certificate(self.ra.data_dir / "ca" / "tsa.crt.pem")
        return str(cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value)

    @property
    def root(self) -> x509.Certificate:
        return self.ca.root

    def root_pem(self, directory: Path) -> Path:
        """The RA's root, and its issuing CA to build chains with (the seal maker's too)."""
        path = directory / "ra-root.pem"
        path.write_bytes(b"".join(c.public_bytes(Encoding.PEM) for c in self.ca.chain()))
        return path


@pytest.fixture(scope="session")
def pdf_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PdfWorld]:
    data_dir = tmp_path_factory.mktemp("pdf-ra")
    server = RaServer(database_url=f"sqlite:///{data_dir / 'ra.sqlite3'}", data_dir=data_dir)
    server.initialise()
    server.start()
    try:
        ca = BuiltinCa.load(data_dir / "ca", base_url=server.base_url)
        vkeys = VkeyWorld.create(tmp_path_factory.mktemp("pdf-vkey"))
        cert = _provision(vkeys, ca, data_dir)
        rsa_cert = _provision(vkeys, ca, data_dir, label=RSA_LABEL, key_type="rsa:2048")
        _record(server, cert)
        _record(server, rsa_cert)
        yield PdfWorld(server, ca, vkeys, cert, rsa_cert)
    finally:
        server.stop()


def _provision(
    vkeys: VkeyWorld,
    ca: BuiltinCa,
    data_dir: Path,
    *,
    label: str = LABEL,
    key_type: str = "EC:prime256v1",
) -> x509.Certificate:
    """Key pair on the key, CSR signed on the key, certificate and CA chain written back,
    and a seal from the RA's seal maker bound to the certificate."""
    vkeys.init_token(label, pin=PIN, so_pin=SO_PIN)
    public = vkeys.generate_key_pair(label, pin=PIN, key_type=key_type, key_id="01")
    tool = TokenTool(vkeys.module, vkeys.env)
    csr = build_csr(tool, label, pin=PIN, key_id="01", public_der=public, subject="张三")
    now = dt.datetime.now(dt.UTC)
    profile = SubjectProfile(SubjectKind.EMPLOYEE, "张三", ORG, organisation_unit="投标部")
    cert = ca.issue(csr=csr, subject=profile, not_after=now + dt.timedelta(days=365), now=now)
    vkeys.write_certificate(label, cert.public_bytes(Encoding.DER), pin=PIN, key_id="01")
    vkeys.write_certificate(label, ca.issuing.public_bytes(Encoding.DER), pin=PIN, key_id="ca")
    ca_dir = data_dir / "ca"
    maker_cert = keystore.load_certificate(ca_dir / "seal-maker.crt.pem")
    maker_key = keystore.load_key(ca_dir / "seal-maker.key.pem", keystore.read_passphrase(ca_dir))
    seal = make_seal(
        picture_png=compact_png(render_organisation_seal(ORG).png),
        name=ORG, seal_type=SealType.ORGANISATION, allowed_certs=[cert],
        valid_from=now - dt.timedelta(minutes=5), valid_to=now + dt.timedelta(days=365),
        maker_cert=maker_cert, maker_key=maker_key, vendor_id="netca-tests",
        seal_id="44010000000099",
    )  # fmt: skip
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NETCA_VKEY_DIR", str(vkeys.state_dir))
        library = TokenLibrary.load(vkeys.module)
        try:
            with library.open(library.find(label), rw=True) as session:
                session.login(PIN)
                write_seal(session, seal, label=ORG)
        finally:
            library.close()
    return cert


def _record(server: RaServer, cert: x509.Certificate) -> None:
    """The RA's OCSP responder answers from its database: record the certificate there."""
    engine = create_engine(server.database_url)
    with Session(engine) as session, session.begin():
        record_certificate(session, cert, profile="employee")
    engine.dispose()


def _open_signing(world: PdfWorld, label: str) -> Iterator[Signing]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NETCA_VKEY_DIR", str(world.vkeys.state_dir))
        library = TokenLibrary.load(world.vkeys.module)
        try:
            session = library.open(library.find(label))
            session.login(PIN)
            trust = load_seal_trust(extra_certificates=world.ca.chain())
            seal = find_seal(key_seals(session, trust=trust), ORG)
            assert seal.verdict == "valid", seal.check
            yield Signing(session, seal, world)
            session.close()
        finally:
            library.close()


@dataclass
class Signing:
    session: KeySession
    seal: KeySeal
    world: PdfWorld


@pytest.fixture(scope="module")
def signing(pdf_world: PdfWorld) -> Iterator[Signing]:
    """A logged-in session on the EC test key and its seal, as the GUI holds them."""
    yield from _open_signing(pdf_world, LABEL)


@pytest.fixture(scope="module")
def rsa_signing(pdf_world: PdfWorld) -> Iterator[Signing]:
    """The same on the RSA 2048 key (organisation keys are often RSA)."""
    yield from _open_signing(pdf_world, RSA_LABEL)


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Per-user data and config directories of this test's own (no real trust roots)."""
    home = tmp_path / "user"
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("NETCA_CONFIG", raising=False)
    return home


def _certificate(name: str, key: rsa.RSAPrivateKey, *, tsa: bool = False) -> x509.Certificate:
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
    )  # fmt: skip
    if tsa:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
        )
    return builder.sign(key, hashes.SHA256())


@pytest.fixture(scope="module")
def bulky_tsa() -> Iterator[str]:
    """An RFC 3161 TSA on loopback (pyhanko's own) whose every token carries twelve
    RSA-4096 certificates: a token far larger than the reservation allows for."""
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    from netca_client.core.pdf.signer import to_asn1

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tsa_cert = _certificate("Bulky TSA", key, tsa=True)
    extra_key = rsa.generate_private_key(public_exponent=65537, key_size=4096)
    extra = [to_asn1(_certificate(f"Padding {n}", extra_key)) for n in range(12)]
    stamper = DummyTimeStamper(
        tsa_cert=to_asn1(tsa_cert),
        tsa_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
        ),
        certs_to_embed=extra,  # type: ignore[arg-type]
    )

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            answer = asyncio.run(stamper.async_request_tsa_response(request)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tsa"
    finally:
        server.shutdown()
        server.server_close()
