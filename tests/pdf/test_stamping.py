"""Stamping real PDFs through a vkey key: coordinates, Chinese keywords, cross-page seals and
several placements under one signature (its widget shows the first stamp, the rest are page
content of the signed revision); every output checked by our verifier and pdfsig, and every
stamp rendered where it was placed."""

from __future__ import annotations

from pathlib import Path

import pytest

from netca_client.core.errors import KeywordNotFound
from netca_client.core.pdf import (
    AtPosition,
    ByKeyword,
    CrossPage,
    SignOptions,
    SignResult,
    StampBox,
    Verdict,
    page_size,
    plan_stamps,
    render_page,
    sign_pdf,
    verify_pdf,
)
from tests.pdf.conftest import Signing
from tests.pdf.documents import red_pixels, snapshot, stamps_on_pages, tender, word_centre
from tests.pdf.validators import pdfsig, pdfsig_valid

FIXTURES = Path(__file__).parent / "fixtures"


def _seal_width_pt(signing: Signing) -> float:
    """The stamp width the seal asks for: its picture's width in mm, in points."""
    assert signing.seal.seal is not None
    return float(signing.seal.seal.picture.width_mm) / 25.4 * 72


def _sign(signing: Signing, source: Path, target: Path, *placements: object) -> SignResult:
    """Stamp, and check the input is byte-identical afterwards, whatever happened."""
    before = snapshot([source])
    try:
        return sign_pdf(signing.session, seal=signing.seal, source=source, target=target,
                        options=SignOptions(placements=tuple(placements)))  # type: ignore[arg-type]  # fmt: skip
    finally:
        assert snapshot([source]) == before


def _assert_valid(signing: Signing, path: Path, *, signatures: int = 1) -> None:
    """Every signature valid for us and for pdfsig; the last one covers the whole file."""
    report = verify_pdf(path, trust_roots=[signing.world.root])
    assert [s.verdict for s in report.signatures] == [Verdict.VALID] * signatures, report.as_dict()
    assert report.signatures[-1].covers_whole_document
    assert pdfsig_valid(path, signatures=signatures), pdfsig(path)
    assert "Total document signed" in pdfsig(path).split("Signature #")[-1]


def _assert_drawn(path: Path, boxes: tuple[StampBox, ...], *, minimum: int = 40) -> None:
    """Each stamp shows the seal's red inside its box, as a user sees the page (pdfium)."""
    for box in boxes:
        png = render_page(path, box.page, dpi=72)
        height = page_size(path, box.page)[1]
        rect = (box.x0, box.y0, box.x1, box.y1)
        assert red_pixels(png, rect, dpi=72, page_height=height) > minimum, box


def test_seal_at_coordinates_is_centred_there_sized_by_the_seal_and_drawn(
    signing: Signing, tmp_path: Path
) -> None:
    source = tender(tmp_path / "in.pdf")
    before = snapshot([source])
    target = tmp_path / "out.pdf"
    _sign(signing, source, target, AtPosition(page=1, x=400, y=300))

    [(kind, rect)] = stamps_on_pages(target)[1]
    assert kind == "/Widget"
    assert (rect[0] + rect[2]) / 2 == pytest.approx(400, abs=0.01)
    assert (rect[1] + rect[3]) / 2 == pytest.approx(300, abs=0.01)
    assert rect[2] - rect[0] == pytest.approx(_seal_width_pt(signing), abs=0.01)
    _assert_valid(signing, target)
    # What a user sees in the preview: the seal's red ring inside the box, nothing outside.
    png = render_page(target, 1, dpi=72)
    height = page_size(target, 1)[1]
    assert red_pixels(png, rect, dpi=72, page_height=height) > 500  # type: ignore[arg-type]
    assert red_pixels(png, (0, 0, 200, 200), dpi=72, page_height=height) == 0
    assert snapshot([source]) == before


def test_chinese_keyword_gets_the_seal_centred_on_the_word(
    signing: Signing, tmp_path: Path
) -> None:
    source = tender(tmp_path / "in.pdf", pages=2, keyword_lines=[2])
    target = tmp_path / "out.pdf"
    _sign(signing, source, target, ByKeyword("盖章"))

    stamps = stamps_on_pages(target)
    assert list(stamps) == [2]
    [(_, rect)] = stamps[2]
    x, y = word_centre(source, 2, "盖章")
    assert (rect[0] + rect[2]) / 2 == pytest.approx(x, abs=2)
    assert (rect[1] + rect[3]) / 2 == pytest.approx(y, abs=2)
    _assert_valid(signing, target)


def test_keyword_all_stamps_every_hit_under_one_signature(signing: Signing, tmp_path: Path) -> None:
    source = tender(tmp_path / "in.pdf", pages=3, keyword_lines=[1, 3])
    target = tmp_path / "out.pdf"
    result = _sign(signing, source, target, ByKeyword("（盖章）", which="all"))

    [signature] = result.signatures
    assert [b.page for b in signature.boxes] == [1, 3]
    # The signature's widget shows the first hit; the second is content of the signed page.
    assert [k for k, _ in stamps_on_pages(target)[1]] == ["/Widget"]
    assert 3 not in stamps_on_pages(target)
    _assert_valid(signing, target)
    _assert_drawn(target, result.boxes, minimum=500)


def test_keyword_last_and_latin_keyword_in_a_libreoffice_document(
    signing: Signing, tmp_path: Path
) -> None:
    source = FIXTURES / "tender-libreoffice.pdf"
    before = snapshot([source])
    [box] = plan_stamps(source, placements=[ByKeyword("(Seal)", which="last")],
                        seal_size_mm=(40, 40))  # fmt: skip
    assert box.page == 2
    target = tmp_path / "out.pdf"
    _sign(signing, source, target, ByKeyword("盖章"))
    [(_, rect)] = stamps_on_pages(target)[1]
    x, y = word_centre(source, 1, "盖章")
    assert (rect[0] + rect[2]) / 2 == pytest.approx(x, abs=2)
    assert (rect[1] + rect[3]) / 2 == pytest.approx(y, abs=2)
    _assert_valid(signing, target)
    assert snapshot([source]) == before


def test_missing_keyword_is_an_error_and_writes_nothing(signing: Signing, tmp_path: Path) -> None:
    source = tender(tmp_path / "in.pdf")
    target = tmp_path / "out.pdf"
    with pytest.raises(KeywordNotFound) as caught:
        _sign(signing, source, target, ByKeyword("骑缝"))
    assert caught.value.text == "骑缝"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.pdf"]


def test_cross_page_seal_over_five_pages_puts_one_slice_on_each_right_edge(
    signing: Signing, tmp_path: Path
) -> None:
    source = tender(tmp_path / "in.pdf", pages=5)
    target = tmp_path / "out.pdf"
    result = _sign(signing, source, target, CrossPage(y=420))

    [signature] = result.signatures
    assert [b.page for b in signature.boxes] == [1, 2, 3, 4, 5]
    [(_, widget)] = stamps_on_pages(target)[1]  # the first slice is the signature's widget
    width, _ = page_size(source, 1)
    first = signature.boxes[0]
    assert widget == pytest.approx((first.x0, first.y0, first.x1, first.y1), abs=0.01)
    for box in signature.boxes:
        assert box.x1 == pytest.approx(width, abs=0.01)  # flush with the right edge
        assert box.x1 - box.x0 == pytest.approx(_seal_width_pt(signing) / 5, abs=0.01)
        assert (box.y0 + box.y1) / 2 == pytest.approx(420, abs=0.01)  # same height
    _assert_valid(signing, target)
    # Each page shows its own slice of the ring at the edge (rendered as a user sees it).
    _assert_drawn(target, result.boxes)


def test_several_placements_make_one_signature_covering_every_stamp(
    signing: Signing, tmp_path: Path
) -> None:
    source = tender(tmp_path / "in.pdf", pages=3, keyword_lines=[3])
    target = tmp_path / "out.pdf"
    placements = (AtPosition(page=1, x=450, y=650), ByKeyword("盖章"), CrossPage(pages=(1, 2, 3)))
    result = _sign(signing, source, target, *placements)
    assert [b.page for b in result.boxes] == [1, 3, 1, 2, 3]  # placement order
    report = verify_pdf(target, trust_roots=[signing.world.root])
    [signature] = report.signatures
    assert signature.field_name == result.field_names[0]
    assert signature.page == 1
    assert signature.signer_cn == "张三"
    assert signature.organisation == "广州测试科技有限公司"
    assert signature.seal_png is not None
    assert signature.seal_png.startswith(b"\x89PNG")
    _assert_valid(signing, target)
    _assert_drawn(target, result.boxes)


def test_on_a_signed_input_every_stamp_is_its_own_signature_and_the_earlier_stays_valid(
    signing: Signing, tmp_path: Path
) -> None:
    """Page content added after a signature would count against it, so a stamping of an
    already-signed file gives each stamp its own signature (a merged field/widget)."""
    source = tender(tmp_path / "in.pdf", pages=3, keyword_lines=[3])
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    _sign(signing, source, first, AtPosition(page=1, x=150, y=150))
    result = _sign(signing, first, second, ByKeyword("盖章"), CrossPage(pages=(1, 2, 3)))

    assert [len(s.boxes) for s in result.signatures] == [1, 1, 1, 1]
    report = verify_pdf(second, trust_roots=[signing.world.root])
    assert [s.field_name for s in report.signatures][1:] == list(result.field_names)
    assert [s.page for s in report.signatures] == [1, 3, 1, 2, 3]
    assert report.signatures[0].later_signatures == 4
    _assert_valid(signing, second, signatures=5)
    _assert_drawn(second, result.boxes)


def test_every_stamp_of_a_file_draws_the_one_seal_image(signing: Signing, tmp_path: Path) -> None:
    """Stamps share one image XObject (and its mask), within one signature and across the
    signatures of a file: a cross-page seal over ten pages and two whole seals, on a plain
    and on an already-signed input, write the picture once."""
    source = tender(tmp_path / "in.pdf", pages=10)
    one, many, signed = tmp_path / "one.pdf", tmp_path / "many.pdf", tmp_path / "signed.pdf"
    placements = (CrossPage(), AtPosition(1, 300, 300), AtPosition(2, 300, 300))
    _sign(signing, source, one, AtPosition(page=1, x=300, y=300))
    _sign(signing, source, many, *placements)
    _sign(signing, one, signed, *placements)
    for path, images in ((one, 2), (many, 2), (signed, 4)):  # image + mask per stamping
        assert _image_objects(path) == images, path.name


def _image_objects(path: Path) -> int:
    """Image XObjects in the file, over every revision."""
    from pyhanko.pdf_utils.generic import StreamObject
    from pyhanko.pdf_utils.reader import PdfFileReader

    with path.open("rb") as handle:
        reader = PdfFileReader(handle)
        xrefs = reader.xrefs
        refs = {
            r for rev in range(xrefs.total_revisions) for r in xrefs.explicit_refs_in_revision(rev)
        }
        objects = [reader.get_object(r) for r in refs]
        return sum(
            1 for o in objects if isinstance(o, StreamObject) and o.get("/Subtype") == "/Image"
        )


def _odd_pages_pdf(path: Path) -> Path:
    """Three pages inheriting /MediaBox and /Resources from the page tree: the first with
    a red-free text line, the second with no /Contents at all, the third whose content
    leaves the graphics state scaled (no closing Q): stamps must land where planned."""
    text = b"BT /F1 12 Tf 72 700 Td (Tender) Tj ET"
    dangling = b"2 0 0 2 0 0 cm 0 0 1 rg 10 10 20 20 re f"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 /MediaBox [0 0 595 842] /Resources"
        b" << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
        b"<< /Type /Page /Parent 2 0 R >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 7 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(dangling), dangling),
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def test_stamps_land_on_pages_without_content_and_after_unbalanced_content(
    signing: Signing, tmp_path: Path
) -> None:
    source = _odd_pages_pdf(tmp_path / "odd.pdf")
    target = tmp_path / "out.pdf"
    result = _sign(signing, source, target, CrossPage(), AtPosition(page=3, x=300, y=400))
    assert [b.page for b in result.boxes] == [1, 2, 3, 3]
    _assert_valid(signing, target)
    _assert_drawn(target, result.boxes)  # under the dangling scale they would land elsewhere
