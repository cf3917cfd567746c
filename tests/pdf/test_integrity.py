"""Tampering is caught: a changed signed byte breaks the signature for us and for pdfsig; a
slice taken off a page, or the signature's stamp moved, in a later revision is a change our
verifier reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from netca_client.core.pdf import (
    CrossPage,
    SignOptions,
    Verdict,
    page_size,
    render_page,
    sign_pdf,
    verify_pdf,
)
from tests.pdf.conftest import Signing
from tests.pdf.documents import red_pixels, snapshot, tender
from tests.pdf.validators import pdfsig, pdfsig_valid


@pytest.fixture
def cross_page_pdf(signing: Signing, tmp_path: Path) -> Path:
    source = tender(tmp_path / "in.pdf", pages=5)
    target = tmp_path / "signed.pdf"
    before = snapshot([source])
    sign_pdf(signing.session, seal=signing.seal, source=source, target=target,
             options=SignOptions(placements=(CrossPage(),)))  # fmt: skip
    assert snapshot([source]) == before
    return target


def test_changing_one_signed_byte_makes_both_verifiers_say_invalid(
    signing: Signing, cross_page_pdf: Path, tmp_path: Path
) -> None:
    data = bytearray(cross_page_pdf.read_bytes())
    # A page's size, in the first signed byte range: the page would look different.
    at = data.index(b"/MediaBox [ 0 0 595.2756")
    data[at + len(b"/MediaBox [ 0 0 59")] = ord("4")
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))

    report = verify_pdf(tampered, trust_roots=[signing.world.root])
    [signature] = report.signatures
    assert signature.verdict is Verdict.INVALID
    assert not signature.intact
    assert "signed bytes altered" in signature.problems
    # the GUI's quick first answer checks integrity too
    [quick] = verify_pdf(
        tampered, trust_roots=[signing.world.root], analyse_changes=False
    ).signatures
    assert quick.verdict is Verdict.INVALID
    assert "signed bytes altered" in quick.problems
    out = pdfsig(tampered)
    assert "Signature is Valid" not in out
    assert "Signature is Invalid" in out or "Digest Mismatch" in out, out


def _later_revision(source: Path, target: Path, page: int, change: str) -> None:
    """An incremental update that takes the stamp off ``page`` (the slice drawn in its
    content: the page's content as it was before stamping) or moves the signature widget."""
    with source.open("rb") as handle:
        writer = IncrementalPdfFileWriter(handle)
        page_ref, _ = writer.find_page_for_modification(page - 1)
        page_obj = page_ref.get_object()
        if change == "remove":
            # sign_pdf wrapped the original content: [q, original…, Q + stamps]
            contents = page_obj["/Contents"]
            page_obj["/Contents"] = generic.ArrayObject(
                list(contents.raw_get(i) for i in range(1, len(contents) - 1))
            )
            writer.update_container(page_obj)
        else:
            widget = next(a for a in page_obj["/Annots"] if a.get_object().get("/FT") == "/Sig")
            annotation = widget.get_object()
            annotation["/Rect"] = generic.ArrayObject(
                generic.FloatObject(float(v) - 100) for v in annotation["/Rect"]
            )
            writer.mark_update(widget)
        with target.open("wb") as out:
            writer.write(out)


def test_a_slice_removed_later_is_a_change_and_pdfsig_sees_a_partial_signature(
    signing: Signing, cross_page_pdf: Path, tmp_path: Path
) -> None:
    changed = tmp_path / "changed.pdf"
    _later_revision(cross_page_pdf, changed, page=3, change="remove")
    assert red_pixels(render_page(changed, 3, dpi=72), _right_edge(changed, 3), dpi=72,
                      page_height=page_size(changed, 3)[1]) == 0  # fmt: skip

    [signature] = verify_pdf(changed, trust_roots=[signing.world.root]).signatures
    assert signature.intact
    assert signature.trusted
    assert not signature.covers_whole_document
    assert signature.verdict is Verdict.CHANGED
    assert "document changed after signing" in signature.problems
    assert signature.changes, signature
    out = pdfsig(changed)
    assert "Not total document signed" in out
    assert pdfsig_valid(changed), out  # the signed revision itself is still intact


def test_the_quick_answer_leaves_a_later_revision_pending_and_the_full_one_decides(
    signing: Signing, cross_page_pdf: Path, tmp_path: Path
) -> None:
    changed = tmp_path / "changed.pdf"
    _later_revision(cross_page_pdf, changed, page=3, change="remove")
    roots = [signing.world.root]

    [quick] = verify_pdf(changed, trust_roots=roots, analyse_changes=False).signatures
    assert quick.intact
    assert quick.trusted
    assert not quick.changes_analysed
    assert quick.verdict is Verdict.PENDING  # never "valid" before the analysis
    assert quick.modification_level is None
    [full] = verify_pdf(changed, trust_roots=roots).signatures
    assert full.changes_analysed
    assert full.verdict is Verdict.CHANGED

    # A signature over the whole file has nothing left to analyse: the quick answer is final.
    [whole] = verify_pdf(cross_page_pdf, trust_roots=roots, analyse_changes=False).signatures
    assert whole.changes_analysed
    assert whole.verdict is Verdict.VALID


def test_the_signature_stamp_moved_later_is_named(
    signing: Signing, cross_page_pdf: Path, tmp_path: Path
) -> None:
    changed = tmp_path / "moved.pdf"
    _later_revision(cross_page_pdf, changed, page=1, change="move")

    [signature] = verify_pdf(changed, trust_roots=[signing.world.root]).signatures
    assert signature.verdict is Verdict.CHANGED
    assert [(c.kind, c.page) for c in signature.stamp_changes] == [("moved", 1)]
    assert "Not total document signed" in pdfsig(changed)


def test_an_untrusted_signer_is_indeterminate_not_valid(
    cross_page_pdf: Path,
) -> None:
    [signature] = verify_pdf(cross_page_pdf).signatures  # the RA root not given
    assert signature.intact
    assert not signature.trusted
    assert signature.verdict is Verdict.INDETERMINATE
    assert "signer not trusted here" in signature.problems


def _right_edge(path: Path, page: int) -> tuple[float, float, float, float]:
    width, height = page_size(path, page)
    return (width - 30, 0, width, height)
