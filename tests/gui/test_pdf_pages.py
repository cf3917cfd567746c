"""PDF签章 and 验证 driven offscreen with the demo's sealed key: click placement, keyword and
cross-page previews, a batch of three, and the verdict cards."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from netca_client.core.config import ClientConfig
from netca_client.core.seals import load_seal_trust
from netca_client.gui.key_service import KeyService
from netca_client.gui.main_window import MainWindow
from netca_client.gui.tray import KeyTrayIcon
from netca_demo.world import KEYS, ORGANISATION, DemoWorld
from tests.pdf.documents import snapshot, tender, word_centre

ORG_PIN = next(k.pin for k in KEYS if k.label == "示例单位")
KEYWORD = "投标人（盖章）"


@pytest.fixture(scope="module")
def demo_world(tmp_path_factory: pytest.TempPathFactory) -> DemoWorld:
    world = DemoWorld(tmp_path_factory.mktemp("gui-pdf") / "demo")
    world.prepare()
    return world


@pytest.fixture
def window(
    qtbot, zh_cn, demo_world: DemoWorld, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NETCA_VKEY_DIR", str(demo_world.vkey_dir))
    service = KeyService(
        demo_world.module,
        poll_interval=0.3,
        trust=load_seal_trust(extra_files=demo_world.seal_trust),
    )
    window = MainWindow(service, ClientConfig(), tray=KeyTrayIcon())
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    with qtbot.waitSignal(service.library_loaded, timeout=10000):
        service.start()
    # the organisation's seal, and the dual key's SM2 seal (valid: no ⚠)
    box = window.pdf.seal_box
    qtbot.waitUntil(lambda: box.count() == 2, timeout=10000)
    texts = [box.itemText(i) for i in range(box.count())]
    assert sorted(texts) == sorted(f"{ORGANISATION}（{k}）" for k in ("示例单位", "双证书单位"))
    box.setCurrentIndex(texts.index(f"{ORGANISATION}（示例单位）"))  # the RSA key signs here
    window.open_page("pdf")
    yield window
    service.stop()


def _open(qtbot, window: MainWindow, paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    window.pdf.add_files(paths)
    qtbot.waitUntil(
        lambda: window.pdf.page_count > 0 and not window.pdf.view._page.isNull(), timeout=10000
    )


def _sign(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.pdf.sign_button.click()
    dialog = window.pdf.dialog
    assert dialog is not None
    dialog.pin_edit.setText(ORG_PIN)
    with qtbot.waitSignal(window.pdf.signing_finished, timeout=120000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_click_places_the_seal_and_signing_writes_a_valid_copy(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    source = tender(tmp_path / "投标函.pdf")
    before = snapshot([source])
    _open(qtbot, window, [source])
    view = window.pdf.view
    target = view.to_widget(300, 200)
    QTest.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(int(target.x()), int(target.y())))
    page, x, y = window.pdf.position
    assert page == 1
    assert abs(x - 300) < 3
    assert abs(y - 200) < 3
    _sign(qtbot, window)
    [result] = window.pdf.results
    assert result.ok, result.error
    assert window.pdf.file_list.item(0).text().startswith("✓")
    assert snapshot([source]) == before  # the input is never touched
    window.verify.verify(Path(result.target))
    qtbot.waitUntil(lambda: bool(window.verify.cards), timeout=30000)
    card = window.verify.cards[0]
    assert card.verdict.text() == "有效：由持有者签署，签署后未被修改"
    assert any("广州示例科技有限公司" in line for line in card.details)


def test_a_later_revision_is_analysed_after_the_first_answer_and_its_verdict_replaces_it(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    source = tender(tmp_path / "投标函.pdf")
    _open(qtbot, window, [source])
    view = window.pdf.view
    target = view.to_widget(300, 200)
    QTest.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(int(target.x()), int(target.y())))
    _sign(qtbot, window)
    [result] = window.pdf.results
    later = tmp_path / "later.pdf"
    with Path(result.target).open("rb") as handle:  # a later revision re-writing page 1 as is
        writer = IncrementalPdfFileWriter(handle)
        page_ref, _ = writer.find_page_for_modification(0)
        writer.mark_update(page_ref)
        with later.open("wb") as out:
            writer.write(out)

    window.verify.verify(later)
    qtbot.waitUntil(
        lambda: (
            window.verify.report is not None
            and all(s.changes_analysed for s in window.verify.report.signatures)
        ),
        timeout=60000,
    )
    [card] = window.verify.cards
    assert card.verdict.text() == "有效：由持有者签署，签署后未被修改"
    assert "正在检查" not in window.verify.status.text()


def test_keyword_preview_centres_the_seal_on_the_word(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    source = tender(tmp_path / "关键字.pdf", pages=2, keyword_lines=[2])
    _open(qtbot, window, [source])
    window.pdf.mode_box.setCurrentIndex(window.pdf.mode_box.findData("keyword"))
    window.pdf.keyword.setText(KEYWORD)
    window.pdf.preview()
    qtbot.waitUntil(lambda: bool(window.pdf.planned), timeout=30000)
    [box] = window.pdf.planned
    assert box.page == 2
    cx, cy = word_centre(source, 2, KEYWORD)
    # pdfium's glyph boxes hug the ink of the full-width brackets, pdfminer's (which
    # places the seal) span their advance: centres differ by up to ~4 pt (1.4 mm).
    assert abs((box.x0 + box.x1) / 2 - cx) < 4
    assert abs((box.y0 + box.y1) / 2 - cy) < 2
    qtbot.waitUntil(lambda: window.pdf.page == 2 and bool(window.pdf.view.boxes), timeout=10000)


def test_cross_page_preview_cuts_one_slice_per_page(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    source = tender(tmp_path / "骑缝.pdf", pages=5)
    _open(qtbot, window, [source])
    window.pdf.mode_box.setCurrentIndex(window.pdf.mode_box.findData("cross-page"))
    window.pdf.pages_edit.setText("1-5")
    window.pdf.preview()
    qtbot.waitUntil(lambda: len(window.pdf.planned) == 5, timeout=30000)
    assert [b.page for b in window.pdf.planned] == [1, 2, 3, 4, 5]
    assert {b.slice_count for b in window.pdf.planned} == {5}
    assert "5" in window.pdf.status.text()


def test_a_batch_of_three_shows_progress_and_a_result_per_file(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    sources = [tender(tmp_path / f"标书{i}.pdf", keyword_lines=[1]) for i in range(3)]
    out = tmp_path / "out"
    out.mkdir()
    _open(qtbot, window, sources)
    window.pdf.mode_box.setCurrentIndex(window.pdf.mode_box.findData("keyword"))
    window.pdf.keyword.setText(KEYWORD)
    window.pdf.out_dir.setText(str(out))
    _sign(qtbot, window)
    assert [r.ok for r in window.pdf.results] == [True, True, True]
    assert window.pdf.progress.value() == 3
    assert sorted(p.name for p in out.iterdir()) == [f"标书{i}-signed.pdf" for i in range(3)]
    assert window.pdf.status.text() == "已签章 3 个 PDF，共 3 个。"
    assert all(window.pdf.file_list.item(i).text().startswith("✓") for i in range(3))
    assert not [n for n in os.listdir(out) if n.startswith(".")]


def test_an_existing_output_is_reported_before_the_pin_and_saved_under_a_new_name(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    source = tender(tmp_path / "合同.pdf")
    taken = tmp_path / "合同-signed.pdf"
    taken.write_bytes(b"an earlier signed copy")
    _open(qtbot, window, [source])
    window.pdf.mode_box.setCurrentIndex(window.pdf.mode_box.findData("click"))
    window.pdf.position = (1, 300.0, 200.0)

    window.pdf.sign_button.click()
    clash = window.pdf.collision_dialog
    assert clash is not None
    assert clash.isVisible()
    assert window.pdf.dialog is None  # no PIN asked yet
    assert clash.text() == "有 1 个签章后的文件会覆盖已有文件："
    assert clash.informativeText() == "• 合同-signed.pdf"
    assert clash.overwrite_button.isEnabled()
    clash.cancel_button.click()
    assert window.pdf.dialog is None
    assert window.pdf.status.text() == "未签章任何文件。"

    window.pdf.sign_button.click()
    assert window.pdf.collision_dialog is not None
    window.pdf.collision_dialog.rename_button.click()
    dialog = window.pdf.dialog
    assert dialog is not None
    assert dialog.isVisible()
    dialog.pin_edit.setText(ORG_PIN)
    with qtbot.waitSignal(window.pdf.signing_finished, timeout=120000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    [result] = window.pdf.results
    assert result.ok, result.error
    assert Path(result.target) == tmp_path / "合同-signed (2).pdf"
    assert taken.read_bytes() == b"an earlier signed copy"  # nothing overwritten
    item = window.pdf.file_list.item(0).text()
    assert item == "✓ 合同.pdf → 合同-signed (2).pdf"


def test_an_input_is_never_offered_for_overwriting(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    first = tender(tmp_path / "甲.pdf")
    second = tender(tmp_path / "甲-signed.pdf")  # 甲.pdf's output would be this input
    _open(qtbot, window, [first, second])
    window.pdf.position = (1, 300.0, 200.0)
    window.pdf.sign_button.click()
    clash = window.pdf.collision_dialog
    assert clash is not None
    assert clash.informativeText() == "• 甲-signed.pdf"
    assert not clash.overwrite_button.isEnabled()
    clash.cancel_button.click()
