"""Issue 17 end to end: 证书续期 through vkey keys, the live RA (SQLite and PostgreSQL) and the
`netca` CLI in its own processes; revocation checked with `openssl ocsp` against the RA."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from netca_ra.sms.gateway import read_outbox
from tests.e2e.renewal_world import HANDLER, INVOICE, ORGANISATION, Planted, RenewalWorld

RENEW = ["renew", "--years", "2", *HANDLER, *INVOICE, "--accept-agreement", "--wait", "120"]


def ocsp_status(world: RenewalWorld, planted: Planted, cert_pem: bytes, tmp: Path) -> str:
    ca = world.ra.data_dir / "ca"
    leaf = tmp / f"leaf-{os.urandom(4).hex()}.pem"
    leaf.write_bytes(cert_pem)
    done = subprocess.run(
        ["openssl", "ocsp", "-issuer", str(ca / "issuing.crt.pem"), "-cert", str(leaf),
         "-CAfile", str(ca / "root.crt.pem"), "-url", f"{world.ra.api}/ca/ocsp"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert "Response verify OK" in done.stderr + done.stdout, done.stderr
    return done.stdout.split(":", 1)[1].split()[0]  # good / revoked / unknown


def signs_a_pdf_that_verifies(world: RenewalWorld, planted: Planted, tmp: Path) -> int:
    """Sign a PDF with the key's (new) certificate through our KeySigner, verify it with our
    verifier trusting only the RA's root; the signer's certificate serial."""
    from cryptography import x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    from netca_client.core.pdf.signer import KeySigner
    from netca_client.core.pdf.verify import verify_pdf
    from tests.e2e.renewal_world import PIN
    from tests.pdf.documents import tender

    ca = world.ra.data_dir / "ca"
    root = x509.load_pem_x509_certificate((ca / "root.crt.pem").read_bytes())
    issuing = x509.load_pem_x509_certificate((ca / "issuing.crt.pem").read_bytes())
    source, signed = tmp / "plain.pdf", tmp / "signed-by-renewed.pdf"
    tender(source)
    with world.library.open(world.key(planted.serial)) as session:
        session.login(PIN)
        (obj,) = session.certificate_objects()
        leaf = x509.load_der_x509_certificate(obj.der)
        signer = KeySigner(session, key_id=obj.key_id, certificate=leaf, chain=[issuing, root])
        with source.open("rb") as handle, signed.open("wb") as out:
            writer = IncrementalPdfFileWriter(handle, strict=False)
            signers.sign_pdf(
                writer, signers.PdfSignatureMetadata(field_name="Renewed"), signer=signer,
                output=out,
            )  # fmt: skip
    (report,) = verify_pdf(signed, trust_roots=[root]).signatures
    assert report.intact
    assert report.valid
    assert report.trusted
    return leaf.serial_number


def test_renew_a_certificate_20_days_from_expiry_for_2_years(
    world: RenewalWorld, tmp_path: Path
) -> None:
    planted = world.plant("renew-a", days_left=20)
    old = planted.certificate
    done = world.netca(*RENEW, "--key", planted.serial, "--pay", "simulated", pins=2,
                       pay_online=True)  # fmt: skip
    assert done.returncode == 0, done.stdout
    assert "费用 ¥200.00" in done.stdout  # GD-EMP: ¥100.00 a year, 2 years
    assert "证书安装成功" in done.stdout
    on_key = world.certificates(planted.serial)
    assert len(on_key) == 1  # the old signing pair (EC: signing only) is gone
    _, new = on_key[0]
    assert new.subject == old.subject
    assert new.public_key().public_bytes(Encoding.PEM, _SPKI) != old.public_key().public_bytes(
        Encoding.PEM, _SPKI
    )
    expected = old.not_valid_after_utc + dt.timedelta(days=730)
    assert abs(new.not_valid_after_utc - expected) < dt.timedelta(minutes=10)
    issuing = (world.ra.data_dir / "ca" / "issuing.crt.pem").read_bytes()
    from cryptography import x509

    new.verify_directly_issued_by(x509.load_pem_x509_certificate(issuing))
    assert signs_a_pdf_that_verifies(world, planted, tmp_path) == new.serial_number
    # GD-EMP revokes the old certificate when the new one is installed
    assert ocsp_status(world, planted, old.public_bytes(Encoding.PEM), tmp_path) == "revoked"
    assert ocsp_status(world, planted, new.public_bytes(Encoding.PEM), tmp_path) == "good"
    invoices = list((world.ra.data_dir / "invoice-outbox").glob("*.pdf"))
    assert invoices
    text = subprocess.run(["pdftotext", str(invoices[-1]), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    assert ORGANISATION in text
    assert "¥200.00" in text
    fonts = subprocess.run(["pdffonts", str(invoices[-1])], capture_output=True, text=True,
                           check=True).stdout  # fmt: skip
    assert "CJK" in fonts
    assert " yes yes " in fonts  # embedded, as a subset
    sms = [m.text for m in read_outbox(world.ra.data_dir) if "续期业务已经审核通过" in m.text]
    assert sms
    assert not list((world.home / "journal").glob("*.json"))
    assert world.counts(planted.cert_serial) == (1, 1)


from cryptography.hazmat.primitives.serialization import PublicFormat  # noqa: E402

_SPKI = PublicFormat.SubjectPublicKeyInfo


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"not_after": dt.datetime.now(dt.UTC) - dt.timedelta(days=1)}, "过期，不能在线续期"),
        ({"revoked_at": dt.datetime.now(dt.UTC)}, "已被吊销"),
        ({"not_after": dt.datetime.now(dt.UTC) + dt.timedelta(days=200)}, "到期前 90 天内"),
    ],
    ids=["expired", "revoked", "outside-window"],
)
def test_refusals_say_why_and_what_to_do(
    world: RenewalWorld, change: dict[str, object], says: str
) -> None:
    planted = world.plant(f"refused-{os.urandom(3).hex()}", days_left=20)
    world.change_certificate(planted.cert_serial, **change)
    refused = world.netca(*RENEW, "--key", planted.serial, pins=1)
    assert refused.returncode != 0
    assert says in refused.stdout, refused.stdout
    assert world.counts(planted.cert_serial) == (0, 0)
    assert len(world.certificates(planted.serial)) == 1
