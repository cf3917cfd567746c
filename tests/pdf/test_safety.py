"""Inputs are never touched; encrypted, truncated and non-PDF files are refused with a clear
error and no output; batches of many files run in one session, with per-file results and a
cancel that leaves only whole files."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from netca_client.core.errors import PdfEncrypted, PdfOutputExists, PdfUnreadable, PdfWriteFailed
from netca_client.core.pdf import (
    AtPosition,
    BatchItem,
    ByKeyword,
    SignOptions,
    Verdict,
    sign_batch,
    sign_pdf,
    verify_pdf,
)
from tests.pdf.conftest import Signing
from tests.pdf.documents import leftovers, snapshot, tender
from tests.pdf.validators import pdfsig_valid

OPTIONS = SignOptions(placements=(AtPosition(1, 300, 300),))


def _encrypted(path: Path) -> Path:
    pdf = canvas.Canvas(str(path), encrypt="secret")
    pdf.drawString(72, 720, "encrypted")
    pdf.showPage()
    pdf.save()
    return path


def _truncated(path: Path, tmp_path: Path) -> Path:
    whole = tender(tmp_path / "whole.pdf", pages=3).read_bytes()
    path.write_bytes(whole[: len(whole) // 3])
    return path


@pytest.mark.parametrize(
    ("kind", "error"),
    [("encrypted", PdfEncrypted), ("truncated", PdfUnreadable), ("not-a-pdf", PdfUnreadable)],
)
def test_bad_inputs_are_refused_and_leave_no_output(
    signing: Signing, tmp_path: Path, kind: str, error: type[Exception]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    source = inputs / f"{kind}.pdf"
    if kind == "encrypted":
        _encrypted(source)
    elif kind == "truncated":
        _truncated(source, tmp_path)
    else:
        source.write_text("这不是 PDF 文件\n", encoding="utf-8")
    before = snapshot([source])
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(error) as caught:
        sign_pdf(signing.session, seal=signing.seal, source=source, target=out / "x.pdf",
                 options=OPTIONS)  # fmt: skip
    assert str(source) in str(caught.value)
    assert list(out.iterdir()) == []
    assert snapshot([source]) == before
    with pytest.raises(error):
        verify_pdf(source)


def test_an_existing_output_or_the_input_itself_is_never_overwritten(
    signing: Signing, tmp_path: Path
) -> None:
    source = tender(tmp_path / "in.pdf")
    existing = tmp_path / "out.pdf"
    existing.write_bytes(b"keep me")
    before = snapshot([source, existing])
    for target in (existing, source):
        with pytest.raises(PdfOutputExists):
            sign_pdf(signing.session, seal=signing.seal, source=source, target=target,
                     options=OPTIONS)  # fmt: skip
    with pytest.raises(PdfOutputExists):
        sign_pdf(signing.session, seal=signing.seal, source=source, target=source,
                 options=OPTIONS, overwrite=True)  # fmt: skip
    assert snapshot([source, existing]) == before
    assert leftovers(tmp_path) == []


def test_a_batch_of_twenty_signs_each_file_with_one_login(signing: Signing, tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    outputs.mkdir()
    sources = [tender(inputs / f"标书-{i:02d}.pdf", pages=2, keyword_lines=[2]) for i in range(20)]
    broken = inputs / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n% nothing else")
    before = snapshot([*sources, broken])
    items = [BatchItem(s, outputs / s.name) for s in [*sources[:10], broken, *sources[10:]]]
    seen: list[tuple[int, int]] = []

    results = sign_batch(
        signing.session, seal=signing.seal, items=items,
        options=SignOptions(placements=(ByKeyword("盖章"),)),
        progress=lambda done, total, _path: seen.append((done, total)),
    )  # fmt: skip

    assert [r.ok for r in results] == [True] * 10 + [False] + [True] * 10
    assert isinstance(results[10].error, PdfUnreadable)
    assert seen[0] == (0, 21)
    assert seen[-1] == (21, 21)
    assert sorted(p.name for p in outputs.iterdir()) == sorted(s.name for s in sources)
    for result in results:
        if result.ok:
            [signature] = verify_pdf(result.target, trust_roots=[signing.world.root]).signatures
            assert signature.verdict is Verdict.VALID
            assert pdfsig_valid(result.target)
    assert snapshot([*sources, broken]) == before


def test_cancel_stops_after_the_file_in_progress_and_leaves_only_whole_files(
    signing: Signing, tmp_path: Path
) -> None:
    inputs, outputs = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    outputs.mkdir()
    sources = [tender(inputs / f"{i}.pdf") for i in range(6)]
    cancel = threading.Event()

    def progress(done: int, total: int, path: Path) -> None:
        if done == 2:
            cancel.set()  # as the user clicks 取消 while the third file is being signed

    results = sign_batch(signing.session, seal=signing.seal,
                         items=[BatchItem(s, outputs / s.name) for s in sources],
                         options=OPTIONS, progress=progress, cancel=cancel)  # fmt: skip

    assert [(r.ok, r.cancelled) for r in results] == [(True, False)] * 3 + [(False, True)] * 3
    assert sorted(p.name for p in outputs.iterdir()) == ["0.pdf", "1.pdf", "2.pdf"]
    for path in outputs.iterdir():
        assert pdfsig_valid(path)


def test_an_output_directory_that_does_not_exist_is_a_clear_error(
    signing: Signing, tmp_path: Path
) -> None:
    source = tender(tmp_path / "in.pdf")
    with pytest.raises(PdfWriteFailed) as caught:
        sign_pdf(signing.session, seal=signing.seal, source=source,
                 target=tmp_path / "missing" / "out.pdf", options=OPTIONS)  # fmt: skip
    assert caught.value.path.endswith("missing/out.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.pdf"]
