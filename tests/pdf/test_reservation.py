"""The space reserved for a signature comes from what it embeds (no throwaway signature per
file); a time-stamp authority whose tokens are larger than allowed for still gets the file
signed, on a second attempt with pyhanko's own estimate, and nothing of the first is left."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import Iterator
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

from netca_client.core.pdf import (
    AtPosition,
    CrossPage,
    SignatureLevel,
    SignOptions,
    sign_pdf,
    verify_pdf,
)
from netca_client.core.pdf.signer import key_chain, signing_certificate, to_asn1
from netca_client.core.pdf.signing import reservation
from tests.pdf.conftest import Signing
from tests.pdf.documents import leftovers, tender
from tests.pdf.validators import pdfsig_valid


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


def _contents_lengths(path: Path) -> list[int]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    with path.open("rb") as handle:
        reader = PdfFileReader(handle)
        return [len(s.sig_object["/Contents"]) * 2 for s in reader.embedded_regular_signatures]


def test_a_tsa_with_oversized_tokens_still_gets_the_file_signed(
    signing: Signing, bulky_tsa: str, tmp_path: Path
) -> None:
    source = tender(tmp_path / "in.pdf", pages=3)
    signed = tmp_path / "signed.pdf"
    sign_pdf(signing.session, seal=signing.seal, source=source, target=tmp_path / "first.pdf",
             options=SignOptions(placements=(AtPosition(1, 150, 150),)))  # fmt: skip
    options = SignOptions(
        placements=(CrossPage(), AtPosition(2, 300, 300)),
        level=SignatureLevel.B_T,
        tsa_url=bulky_tsa,
    )
    # An already-signed input: one signature per stamp, each retried after the first miss.
    result = sign_pdf(signing.session, seal=signing.seal, source=tmp_path / "first.pdf",
                      target=signed, options=options)  # fmt: skip

    _, certificate = signing_certificate(signing.session, signing.seal)
    reserved = reservation(certificate, key_chain(signing.session, certificate), SignatureLevel.B_T)
    lengths = _contents_lengths(signed)
    assert len(lengths) == 1 + len(result.signatures) == 5
    assert all(length > reserved for length in lengths[1:])  # pyhanko's estimate was used
    report = verify_pdf(signed, trust_roots=[signing.world.root])
    assert [s.intact and s.valid for s in report.signatures] == [True] * 5
    assert all(s.timestamp_time is not None for s in report.signatures[1:])
    assert pdfsig_valid(signed, signatures=5)
    assert leftovers(tmp_path) == []


def test_the_reservation_fits_an_ordinary_signature_and_time_stamp(
    signing: Signing, tmp_path: Path
) -> None:
    """With the RA's TSA the first attempt fits: the space reserved is our estimate."""
    source = tender(tmp_path / "in.pdf")
    target = tmp_path / "out.pdf"
    options = SignOptions(placements=(AtPosition(1, 300, 300),), level=SignatureLevel.B_T,
                          tsa_url=signing.world.tsa_url)  # fmt: skip
    sign_pdf(signing.session, seal=signing.seal, source=source, target=target, options=options)

    _, certificate = signing_certificate(signing.session, signing.seal)
    reserved = reservation(certificate, key_chain(signing.session, certificate), SignatureLevel.B_T)
    assert _contents_lengths(target) == [reserved]
    [signature] = verify_pdf(target, trust_roots=[signing.world.root]).signatures
    assert signature.verdict == "valid"
