"""Stamping real PDFs through a vkey key: coordinates, Chinese keywords, cross-page seals and
several placements under one signature; every output checked by our verifier and pdfsig."""

from __future__ import annotations

from pathlib import Path

import pytest

from netca_client.core.errors import KeywordNotFound
from netca_client.core.pdf import (
    AtPosition,
    ByKeyword,
    CrossPage,
    SignOptions,
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


def _sign(signing: Signing, source: Path, target: Path, *placements: object) -> None:
    """Stamp, and check the input is byte-identical afterwards, whatever happened."""
    before = snapshot([source])
    try:
        sign_pdf(signing.session, seal=signing.seal, source=source, target=target,
                 options=SignOptions(placements=tuple(placements)))  # type: ignore[arg-type]  # fmt: skip
    finally:
        assert snapshot([source]) == before


def _assert_valid(signing: Signing, path: Path) -> None:
    report = verify_pdf(path, trust_roots=[signing.world.root])
    assert [s.verdict for s in report.signatures] == [Verdict.VALID], report.as_dict()
    assert pdfsig_valid(path), pdfsig(path)
    assert "Total document signed" in pdfsig(path)


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
    _sign(signing, source, target, ByKeyword("（盖章）", which="all"))

    stamps = stamps_on_pages(target)
    assert sorted(stamps) == [1, 3]
    assert [k for k, _ in stamps[1]] == ["/Widget"]
    assert [k for k, _ in stamps[3]] == ["/Widget"]
    assert len(verify_pdf(target, trust_roots=[signing.world.root]).signatures) == 1
    _assert_valid(signing, target)


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
    _sign(signing, source, target, CrossPage(y=420))

    stamps = stamps_on_pages(target)
    assert sorted(stamps) == [1, 2, 3, 4, 5]
    width, height = page_size(source, 1)
    rects = [stamps[p][0][1] for p in range(1, 6)]
    for rect in rects:
        assert rect[2] == pytest.approx(width, abs=0.01)  # flush with the right edge
        assert rect[2] - rect[0] == pytest.approx(_seal_width_pt(signing) / 5, abs=0.01)
        assert (rect[1] + rect[3]) / 2 == pytest.approx(420, abs=0.01)  # same height
    _assert_valid(signing, target)
    # Each page shows its own slice of the ring at the edge (rendered as a user sees it).
    for page in range(1, 6):
        png = render_page(target, page, dpi=72)
        assert red_pixels(png, rects[page - 1], dpi=72, page_height=height) > 40  # type: ignore[arg-type]


def test_several_placements_make_one_signature_covering_every_stamp(
    signing: Signing, tmp_path: Path
) -> None:
    source = tender(tmp_path / "in.pdf", pages=3, keyword_lines=[3])
    target = tmp_path / "out.pdf"
    placements = (AtPosition(page=1, x=450, y=650), ByKeyword("盖章"), CrossPage(pages=(1, 2, 3)))
    _sign(signing, source, target, *placements)
    stamps = stamps_on_pages(target)
    assert sum(len(v) for v in stamps.values()) == 5  # 1 + 1 + 3 slices
    report = verify_pdf(target, trust_roots=[signing.world.root])
    [signature] = report.signatures
    assert signature.verdict is Verdict.VALID
    assert signature.covers_whole_document
    assert signature.page == 1
    assert signature.signer_cn == "张三"
    assert signature.organisation == "广州测试科技有限公司"
    assert signature.seal_png is not None
    assert signature.seal_png.startswith(b"\x89PNG")
    assert pdfsig_valid(target)
