"""Independent checks of a signed PDF: poppler's pdfsig and pyhanko's own validator."""

from __future__ import annotations

import subprocess
from pathlib import Path

from cryptography import x509


def pdfsig(path: Path) -> str:
    """pdfsig's report (no online revocation checks: the verdict is about the bytes)."""
    done = subprocess.run(
        ["pdfsig", "-nocert", "-no-ocsp", str(path)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    return done.stdout + done.stderr


def pdfsig_valid(path: Path, *, signatures: int = 1) -> bool:
    out = pdfsig(path)
    return out.count("Signature Validation: Signature is Valid.") == signatures


def pyhanko_status(path: Path, root: x509.Certificate, *, ltv: bool = False) -> object:
    """pyhanko's validator on the last signature, offline. With ``ltv``, revocation is
    hard-fail from the file's DSS alone: it passes only if the OCSP/CRL data is embedded."""
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import DocumentSecurityStore, validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    trust = [asn1_x509.Certificate.load(root.public_bytes(Encoding.DER))]
    with path.open("rb") as handle:
        reader = PdfFileReader(handle)
        signature = reader.embedded_regular_signatures[-1]
        if ltv:
            context = DocumentSecurityStore.read_dss(reader).as_validation_context(
                {"trust_roots": trust, "allow_fetching": False, "revocation_mode": "hard-fail"}
            )
        else:
            context = ValidationContext(trust_roots=trust, allow_fetching=False)
        return validate_pdf_signature(signature, context)


def embedded_ocsp(path: Path) -> list[tuple[int, str, str]]:
    """(serial, status, responder CN) of every OCSP response in the file's DSS."""
    from cryptography.x509 import ocsp
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import DocumentSecurityStore

    out = []
    with path.open("rb") as handle:
        dss = DocumentSecurityStore.read_dss(PdfFileReader(handle))
        for ref in dss.ocsps:
            response = ocsp.load_der_ocsp_response(ref.get_object().data)
            responder = response.certificates[0].subject if response.certificates else None
            name = responder.rfc4514_string() if responder else str(response.responder_key_hash)
            out.append((response.serial_number, response.certificate_status.name, name))
    return out


def document_timestamp_ok(path: Path, root: x509.Certificate) -> bool:
    """pyhanko's check of the file's last document time-stamp (PAdES B-LTA), offline."""
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import DocumentSecurityStore, validate_pdf_timestamp

    trust = [asn1_x509.Certificate.load(root.public_bytes(Encoding.DER))]
    with path.open("rb") as handle:
        reader = PdfFileReader(handle)
        [timestamp] = [
            s for s in reader.embedded_signatures if s.sig_object.get("/Type") == "/DocTimeStamp"
        ]
        context = DocumentSecurityStore.read_dss(reader).as_validation_context(
            {"trust_roots": trust, "allow_fetching": False}
        )
        status = validate_pdf_timestamp(timestamp, validation_context=context)
        return bool(status.intact and status.valid and status.trusted)
