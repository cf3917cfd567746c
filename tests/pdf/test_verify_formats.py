"""The verifier names what it finds: a PKCS#7 signature (adbe.pkcs7.detached) made by another
program is not called PAdES, and an untrusted signer gives a message, never a traceback."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from netca_client.core.pdf import Verdict, verify_pdf
from tests.pdf.documents import tender


def _software_signed(path: Path, *, subfilter: str) -> x509.Certificate:
    """``path`` signed by another program: pyhanko with a key and self-signed certificate
    made here, the widget invisible."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.sign.signers.pdf_cms import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    from netca_client.core.pdf.signer import to_asn1

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Other Signer")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    from asn1crypto import keys
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    der = key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
    signer = SimpleSigner(
        signing_cert=to_asn1(cert),
        signing_key=keys.PrivateKeyInfo.load(der),
        cert_registry=SimpleCertificateStore.from_certs([to_asn1(cert)]),
    )
    source = tender(path.with_suffix(".in.pdf"), pages=2)
    with source.open("rb") as handle, path.open("wb") as out:
        meta = signers.PdfSignatureMetadata(
            field_name="Other", subfilter=fields.SigSeedSubFilter(subfilter)
        )
        signers.sign_pdf(IncrementalPdfFileWriter(handle), meta, signer=signer, output=out)
    return cert


def test_a_pkcs7_signature_is_named_as_such_not_pades(tmp_path: Path) -> None:
    target = tmp_path / "pkcs7.pdf"
    cert = _software_signed(target, subfilter="/adbe.pkcs7.detached")

    [signature] = verify_pdf(target, trust_roots=[cert]).signatures
    assert signature.subfilter == "adbe.pkcs7.detached"
    assert signature.level == "PKCS#7"
    assert signature.verdict is Verdict.VALID
    cades = tmp_path / "cades.pdf"
    cert = _software_signed(cades, subfilter="/ETSI.CAdES.detached")
    [signature] = verify_pdf(cades, trust_roots=[cert]).signatures
    assert (signature.subfilter, signature.level) == ("ETSI.CAdES.detached", "PAdES B-B")


def test_netca_verify_of_an_untrusted_signer_prints_no_traceback(tmp_path: Path) -> None:
    target = tmp_path / "pkcs7.pdf"
    _software_signed(target, subfilter="/adbe.pkcs7.detached")
    env = {**os.environ, "NETCA_LANG": "zh_CN"}
    done = subprocess.run(
        [sys.executable, "-m", "netca_client.cli", "verify", str(target)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode != 0  # not valid: the signer is not trusted here
    assert "Traceback" not in done.stderr, done.stderr
    assert "PathBuildingError" not in done.stdout + done.stderr
    assert "PKCS#7" in done.stdout, done.stdout
    assert "Other Signer" in done.stdout
