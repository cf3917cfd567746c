"""The space reserved for a signature comes from what it embeds (no throwaway signature per
file); a time-stamp authority whose tokens are larger than allowed for still gets the file
signed, on a second attempt with pyhanko's own estimate, and nothing of the first is left."""

from __future__ import annotations

from pathlib import Path

from netca_client.core.pdf import (
    AtPosition,
    CrossPage,
    SignatureLevel,
    SignOptions,
    sign_pdf,
    verify_pdf,
)
from netca_client.core.pdf.signer import key_chain, signing_certificate
from netca_client.core.pdf.signing import reservation
from tests.pdf.conftest import Signing
from tests.pdf.documents import leftovers, tender
from tests.pdf.validators import pdfsig_valid


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
