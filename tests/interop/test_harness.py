"""The harness can fail: PDFs made with pyhanko and a software key, good and broken on
purpose, through every reader in one batch.

(a) pyhanko's default merged field/widget, one signature per stamp (also the three slices
    of a cross-page seal, and a document time-stamp after them) -> every reader accepts it;
(b) the layout main wrote for one stamp before issue 12 (widget in /Kids without /Parent)
    -> iText finds no signature, MuPDF calls the widget a button and draws no seal, pdf.js
    warns, PDFBox reaches no field from the page (PDFium and our pyHanko walk too);
(c) one field with several widget kids -> poppler's phantoms and warning, MuPDF's
    "invalidated" verdicts;
(d) a byte flipped inside the signed ranges -> every verifying reader says so;
(e) a stamp drawn away from where it is expected -> every rendering reader says so;
(f) an unsigned signature field added after signing -> every reader sees the phantom;
(g) an ECDSA signature -> iText 5 alone cannot verify it (it knows no ECDSA);
and every input document of the matrix, as it is, passes every reader.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.interop import samples
from tests.interop.expectation import Box, Expectation
from tests.interop.harness import READER_NAMES, RENDERING, VERIFYING, Report, check_many
from tests.interop.inputs import KEYWORD, KEYWORD_PAGES, PAGES, Input
from tests.pdf.documents import tender

SelfTest = tuple[Report, dict[str, Path]]
P1 = Box(1, 100, 100, 213, 213)
P2 = Box(2, 300, 150, 413, 263)
P3 = Box(3, 482, 300, 595, 413)  # flush with the right edge, like a cross-page slice


@pytest.fixture(scope="module")
def selftest(
    tmp_path_factory: pytest.TempPathFactory,
    soft_key: samples.SoftKey,
    interop_inputs: dict[str, Input],
) -> SelfTest:
    d = tmp_path_factory.mktemp("selftest")
    src = tender(d / "in.pdf", pages=3, keyword_lines=[2, 3])
    trust = soft_key.roots
    files: dict[str, tuple[Path, Expectation]] = {}

    def add(name: str, path: Path, exp: Expectation) -> None:
        files[name] = (path, exp)

    one = samples.sign(src, d / "merged-one.pdf", soft_key, boxes=[P1])
    add("merged-one", one, Expectation(1, (P1,), trust=trust))
    each = samples.sign_each(src, d / "merged-each.pdf", soft_key, boxes=[P1, P2, P3])
    add("merged-each", each, Expectation(3, (P1, P2, P3), trust=trust))
    # A cross-page seal: a third of the seal, flush with the right edge of each page.
    cut = tuple(Box(n, 595.28 - 38, 380, 595.28, 493, cut=True) for n in (1, 2, 3))
    strips = samples.slices(samples.seal_picture(), 3)
    cross = samples.sign_each(src, d / "merged-cross.pdf", soft_key, boxes=cut, pictures=strips)
    add("merged-cross", cross, Expectation(3, cut, trust=trust))
    lta = samples.add_document_timestamp(each, d / "merged-lta.pdf", soft_key)
    add("merged-lta", lta, Expectation(3, (P1, P2, P3), timestamps=1, trust=trust))
    kids = samples.sign(src, d / "kids.pdf", soft_key, boxes=[P1], layout="kids_without_parent")
    add("kids-no-parent", kids, Expectation(1, (P1,), trust=trust))
    many = samples.sign(
        src, d / "many.pdf", soft_key, boxes=[P1, P2, P3], layout="one_field_many_kids"
    )
    add("many-kids", many, Expectation(1, (P1, P2, P3), trust=trust))
    phantom = samples.add_empty_field(one, d / "phantom.pdf", Box(3, 300, 500, 413, 613))
    add("phantom", phantom, Expectation(1, (P1,), trust=trust))
    flipped = samples.flip_signed_byte(each, d / "flipped.pdf")
    add("flipped", flipped, Expectation(3, (P1, P2, P3), trust=trust))
    away = samples.sign(
        src, d / "away.pdf", soft_key, boxes=[P1], draw_at=[Box(1, 300, 500, 413, 613)]
    )
    add("misplaced", away, Expectation(1, (P1,), trust=trust))
    ec_key = samples.SoftKey.create("ECDSA 测试", kind="ec")
    ec = samples.sign(src, d / "ecdsa.pdf", ec_key, boxes=[P1])
    add("ecdsa", ec, Expectation(1, (P1,), trust=ec_key.roots))
    for kind, item in interop_inputs.items():
        add(f"input-{kind}", item.path, Expectation(
            item.prior_signatures, other_stamps=item.prior_stamps, trust=item.trust))  # fmt: skip
    report = check_many(list(files.values()), workdir=d / "work")
    print(report.text(label={p: n for n, (p, _) in files.items()}))
    print("reader wall times:", report.timing())
    return report, {name: path for name, (path, _) in files.items()}


def _text(report: Report, path: Path) -> str:
    return report.text([path])


@pytest.mark.parametrize("name", ["merged-one", "merged-each", "merged-cross", "merged-lta"])
def test_pyhanko_default_layout_passes_every_reader(selftest: SelfTest, name: str) -> None:
    report, paths = selftest
    assert not report.failing(paths[name]), _text(report, paths[name])


@pytest.mark.parametrize("kind", ["libreoffice", "objstm", "linearized", "pdf20", "signed"])
def test_every_input_passes_every_reader_as_it_is(selftest: SelfTest, kind: str) -> None:
    report, paths = selftest
    path = paths[f"input-{kind}"]
    assert not report.failing(path), _text(report, path)


def test_inputs_have_three_pages_and_the_keyword_twice(interop_inputs: dict[str, Input]) -> None:
    import pypdfium2 as pdfium

    from netca_client.core.pdf.render import PDFIUM_LOCK

    producers = {}
    for kind, item in interop_inputs.items():
        with PDFIUM_LOCK:
            doc = pdfium.PdfDocument(str(item.path))
            try:
                assert len(doc) == PAGES, kind
                producers[kind] = doc.get_metadata_value("Producer")
                hits = [n for n in range(1, PAGES + 1)
                        if doc[n - 1].get_textpage().search(KEYWORD).get_next()]  # fmt: skip
            finally:
                doc.close()
        assert tuple(hits) == KEYWORD_PAGES, (kind, hits)
    head = {k: i.path.read_bytes()[:2048] for k, i in interop_inputs.items()}
    assert head["pdf20"].startswith(b"%PDF-2.0")
    assert b"/Linearized" in head["linearized"]
    assert b"/ObjStm" in interop_inputs["objstm"].path.read_bytes()
    assert producers["libreoffice"].startswith("LibreOffice"), producers


def test_widget_without_parent_fails_itext_mupdf_pdfjs_pdfbox(selftest: SelfTest) -> None:
    report, paths = selftest
    path = paths["kids-no-parent"]
    text = _text(report, path)
    assert "finds 0 signatures, expected 1" in report.problems(path, "itext"), text
    assert any("is a button field" in p for p in report.problems(path, "mupdf")), text
    assert any("no seal drawn" in p for p in report.problems(path, "mupdf")), text
    assert any('Unimplemented widget field type "null"' in p
               for p in report.problems(path, "pdf.js")), text  # fmt: skip
    assert any("reaches no field from the page" in p for p in report.problems(path, "pdfbox")), text
    expected = {"itext", "mupdf", "pdf.js", "pdfbox", "pdfium", "pyhanko"}
    assert set(report.failing(path)) == expected, text


def test_one_field_with_many_widgets_fails_poppler_and_mupdf(selftest: SelfTest) -> None:
    report, paths = selftest
    path = paths["many-kids"]
    text = _text(report, path)
    poppler = report.problems(path, "poppler")
    assert any("Field can't have both Widget AND Field as kids" in p for p in poppler), text
    assert sum("phantom" in p for p in poppler) == 2, text
    mupdf = report.problems(path, "mupdf")
    assert sum("Signature invalidated by change to document" in p for p in mupdf) == 2, text
    assert {"poppler", "mupdf"} <= set(report.failing(path)), text
    assert "qpdf" not in report.failing(path), text  # qpdf's form view is lenient


def test_unsigned_signature_field_fails_every_reader(selftest: SelfTest) -> None:
    """An empty signature field added after signing: a phantom signature."""
    report, paths = selftest
    path = paths["phantom"]
    text = _text(report, path)
    assert set(report.failing(path)) == set(READER_NAMES), text
    for reader in ("poppler", "pyhanko", "itext", "pdfbox", "mupdf", "qpdf", "pdfium"):
        assert any("phantom" in p for p in report.problems(path, reader)), (reader, text)
    assert "finds 2 signature fields with a widget, expected 1" in report.problems(path, "pdf.js")


def test_flipped_byte_fails_every_verifying_reader(selftest: SelfTest) -> None:
    report, paths = selftest
    path = paths["flipped"]
    text = _text(report, path)
    words = ("does not verify", "not intact", "invalidated")
    for reader in VERIFYING:
        assert any(w in p for p in report.problems(path, reader) for w in words), (reader, text)
    # The damage is in a comment: the readers that do not verify have nothing to say.
    assert set(report.failing(path)) == set(VERIFYING), text


def test_misplaced_stamp_fails_every_rendering_reader(selftest: SelfTest) -> None:
    report, paths = selftest
    path = paths["misplaced"]
    text = _text(report, path)
    for reader in RENDERING:
        assert any("no seal drawn at p1 [100,100,213,213]" in p
                   for p in report.problems(path, reader)), (reader, text)  # fmt: skip
        assert any("red drawn on page 1 outside" in p
                   for p in report.problems(path, reader)), (reader, text)  # fmt: skip
    # The widget is elsewhere too: every reader but qpdf (no widget rects) says so.
    assert set(report.failing(path)) == set(READER_NAMES) - {"qpdf"}, text


def test_ecdsa_signature_fails_only_itext(selftest: SelfTest) -> None:
    """iText 5.5.13 (Debian) has no ECDSA: a tender platform on iText 5 cannot verify an
    ECDSA-signed PDF. Every other reader accepts the same file."""
    report, paths = selftest
    path = paths["ecdsa"]
    text = _text(report, path)
    assert report.failing(path) == ["itext"], text
    [problem] = report.problems(path, "itext")
    assert "Signature not available" in problem, text
    assert "1.2.840.10045" in problem, text
