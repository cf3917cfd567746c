"""What the GUI asks before any PIN: page count and size, previews, stamp boxes; and the
report for a file with no signature or with a second stamping on top of the first."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from netca_client.core.errors import PageOutOfRange, PdfError
from netca_client.core.pdf import (
    AtPosition,
    ByKeyword,
    CrossPage,
    SignOptions,
    Verdict,
    page_count,
    page_size,
    plan_stamps,
    render_page,
    sign_pdf,
    verify_pdf,
)
from tests.pdf.conftest import Signing
from tests.pdf.documents import tender
from tests.pdf.validators import pdfsig


def test_page_count_size_and_preview_of_an_unsigned_document(tmp_path: Path) -> None:
    source = tender(tmp_path / "in.pdf", pages=3)
    assert page_count(source) == 3
    assert page_size(source, 2) == pytest.approx((595.2756, 841.8898), abs=0.01)
    image = Image.open(io.BytesIO(render_page(source, 1, dpi=144)))
    assert image.size == (1191, 1684)
    report = verify_pdf(source)
    assert report.signatures == ()
    assert report.verdict is Verdict.UNSIGNED
    with pytest.raises(PageOutOfRange):
        render_page(source, 4)


def test_cross_page_on_chosen_pages_and_bad_placements(tmp_path: Path) -> None:
    source = tender(tmp_path / "in.pdf", pages=5)
    boxes = plan_stamps(source, placements=[CrossPage(pages=(2, 4))], seal_size_mm=(40, 40))
    assert [(b.page, b.slice_index, b.slice_count) for b in boxes] == [(2, 0, 2), (4, 1, 2)]
    assert boxes[0].x1 - boxes[0].x0 == pytest.approx(40 / 25.4 * 72 / 2)
    with pytest.raises(PageOutOfRange) as caught:
        plan_stamps(source, placements=[AtPosition(6, 100, 100)], seal_size_mm=(40, 40))
    assert (caught.value.page, caught.value.page_count) == (6, 5)
    with pytest.raises(PageOutOfRange):
        plan_stamps(source, placements=[CrossPage(pages=(1, 9))], seal_size_mm=(40, 40))
    with pytest.raises(PdfError):
        plan_stamps(source, placements=[], seal_size_mm=(40, 40))


def test_a_second_stamping_keeps_the_first_signature_valid(
    signing: Signing, tmp_path: Path
) -> None:
    source = tender(tmp_path / "in.pdf", pages=3)
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    for src, dst, placement in ((source, first, AtPosition(1, 200, 200)),
                                (first, second, CrossPage())):  # fmt: skip
        sign_pdf(signing.session, seal=signing.seal, source=src, target=dst,
                 options=SignOptions(placements=(placement,)))  # fmt: skip

    report = verify_pdf(second, trust_roots=[signing.world.root])
    earlier, *later = report.signatures
    assert len(later) == 3  # the cross-page seal's slices, one signature each
    assert [s.verdict for s in later] == [Verdict.VALID] * 3
    assert earlier.verdict is Verdict.VALID, earlier.changes
    assert not earlier.covers_whole_document
    assert earlier.later_signatures == 3
    assert "Signature is Valid" in pdfsig(second).split("Signature #2")[0]


def test_keyword_first_last_and_all_on_a_long_document(tmp_path: Path) -> None:
    """first reads from the front and last from the back, each stopping at the page with a
    hit; all reads every page; the boxes are the same whichever way a page is reached."""
    source = tender(tmp_path / "in.pdf", pages=6, keyword_lines=[2, 5])
    every = plan_stamps(source, placements=[ByKeyword("盖章", which="all")], seal_size_mm=(40, 40))
    first = plan_stamps(source, placements=[ByKeyword("盖章")], seal_size_mm=(40, 40))
    last = plan_stamps(source, placements=[ByKeyword("盖章", which="last")], seal_size_mm=(40, 40))
    assert [b.page for b in every] == [2, 5]
    assert first == every[:1]
    assert last == every[-1:]
