"""Screenshots of the desktop client in zh_CN and English on the demo keys, for docs/ and README.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from netca_client.core.config import ClientConfig  # noqa: E402
from netca_client.core.seals import load_seal_trust  # noqa: E402
from netca_client.gui.i18n import install_translator  # noqa: E402
from netca_client.gui.key_service import KeyService  # noqa: E402
from netca_client.gui.main_window import MainWindow  # noqa: E402
from netca_client.gui.style import apply_style  # noqa: E402
from netca_client.gui.tray import KeyTrayIcon  # noqa: E402
from netca_demo.world import DemoWorld  # noqa: E402


def wait_until(app: QApplication, condition: Callable[[], bool], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not reach the expected state")
        app.processEvents()
        time.sleep(0.02)


def settle(app: QApplication) -> None:
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(path)


def shoot(app: QApplication, world: DemoWorld, language: str, out: Path) -> None:
    translator = install_translator(app, language)
    trust = load_seal_trust(extra_files=world.seal_trust)
    service = KeyService(world.module, poll_interval=0.3, trust=trust)
    window = MainWindow(service, ClientConfig(language=language), tray=KeyTrayIcon())
    window.resize(1100, 720)
    window.show()
    service.start()
    try:
        wait_until(
            app, lambda: sum(c.snapshot is not None for c in window.home.cards.values()) == 3
        )
        window.show_message("")
        settle(app)
        save(window, out / f"home-{language}.png")
        window.open_page("certificates")
        window.certificates.select_key(
            next(c.key for c in window.home.cards.values() if c.key.label == "示例单位")
        )
        settle(app)
        save(window, out / f"certificates-{language}.png")
        window.open_page("seals")
        settle(app)
        save(window, out / f"seals-{language}.png")
        window.open_page("home")
        card = next(c for c in window.home.cards.values() if c.key.label == "张三")
        card.buttons["verify"].click()
        dialog = window.pin_flows.dialog
        assert dialog is not None
        settle(app)
        save(dialog, out / f"pin-dialog-{language}.png")
        dialog.reject()
        card.buttons["change"].click()
        change = window.pin_flows.dialog
        change.old_edit.setText("Demo-Pin-Emp2")  # type: ignore[union-attr]
        change.new_edit.setText("12345678")  # type: ignore[union-attr]
        settle(app)
        save(change, out / f"pin-change-{language}.png")  # type: ignore[arg-type]
        change.reject()  # type: ignore[union-attr]
        menu = window.tray.menu  # type: ignore[union-attr]
        menu.adjustSize()
        save(menu, out / f"tray-menu-{language}.png")
        shoot_pdf(app, window, language, out)
    finally:
        service.stop()
        window.close()
        if translator is not None:
            app.removeTranslator(translator)


def shoot_pdf(app: QApplication, window: MainWindow, language: str, out: Path) -> None:
    """PDF签章 with a keyword preview, then the signed copy on the 验证 page."""
    from PySide6.QtWidgets import QDialogButtonBox

    from tests.pdf.documents import tender

    work = Path(tempfile.mkdtemp())
    source = tender(work / "投标函.pdf", keyword_lines=[1])
    window.open_page("pdf")
    page = window.pdf
    wait_until(app, lambda: page.seal_box.count() > 0)
    page.add_files([source])
    wait_until(app, lambda: page.page_count > 0 and not page.view._page.isNull())
    page.mode_box.setCurrentIndex(page.mode_box.findData("keyword"))
    page.keyword.setText("投标人（盖章）")
    page.preview()
    wait_until(app, lambda: bool(page.planned) and bool(page.view.boxes))
    settle(app)
    save(window, out / f"pdf-sign-{language}.png")
    page.sign_button.click()
    dialog = page.dialog
    assert dialog is not None
    dialog.pin_edit.setText("Demo-Pin-Org1")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    wait_until(app, lambda: bool(page.results), timeout=120)
    window.open_page("verify")
    window.verify.verify(Path(page.results[0].target))
    wait_until(app, lambda: bool(window.verify.cards), timeout=60)
    settle(app)
    save(window, out / f"pdf-verify-{language}.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        world = DemoWorld(Path(tmp) / "demo")
        world.prepare()
        os.environ["NETCA_VKEY_DIR"] = str(world.vkey_dir)
        app = QApplication([])
        apply_style(app)
        for language in ("zh_CN", "en"):
            shoot(app, world, language, args.out)


if __name__ == "__main__":
    main()
