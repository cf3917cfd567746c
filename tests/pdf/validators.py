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
    """pyhanko's validator on the last signature; for B-LT, the PAdES LT profile offline."""
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_ltv_signature, validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints  # noqa: F401
    from pyhanko_certvalidator import ValidationContext

    trust = [asn1_x509.Certificate.load(root.public_bytes(Encoding.DER))]
    with path.open("rb") as handle:
        reader = PdfFileReader(handle)
        signature = reader.embedded_regular_signatures[-1]
        if ltv:
            from pyhanko.sign.validation import RevocationInfoValidationType

            return validate_pdf_ltv_signature(
                signature,
                RevocationInfoValidationType.PADES_LT,
                validation_context_kwargs={"trust_roots": trust, "allow_fetching": False},
            )
        return validate_pdf_signature(
            signature, ValidationContext(trust_roots=trust, allow_fetching=False)
        )
