"""Screenshots of the desktop client in zh_CN and English on the demo keys, for docs/ and README.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from keyring.backends import fail  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget  # noqa: E402

from netca_client.core.config import ClientConfig  # noqa: E402
from netca_client.core.ra.client import RaClient  # noqa: E402
from netca_client.core.seals import load_seal_trust  # noqa: E402
from netca_client.core.secrets import SecretStore  # noqa: E402
from netca_client.core.token import KeyRef  # noqa: E402
from netca_client.gui.i18n import install_translator  # noqa: E402
from netca_client.gui.key_service import KeyService  # noqa: E402
from netca_client.gui.main_window import MainWindow  # noqa: E402
from netca_client.gui.pages.home import KeyCard  # noqa: E402
from netca_client.gui.style import apply_style  # noqa: E402
from netca_client.gui.tray import KeyTrayIcon  # noqa: E402
from netca_client.gui.wizards.activation import ActivationWizard  # noqa: E402
from netca_client.gui.wizards.frame import WizardDialog  # noqa: E402
from netca_client.gui.wizards.provisioning import ProvisioningWizard  # noqa: E402
from netca_client.gui.wizards.unlock import UnlockWizard  # noqa: E402
from netca_demo.counter import FACTORY_SO_PIN  # noqa: E402
from netca_demo.world import DemoWorld  # noqa: E402
from netca_protocol import HandlerIn  # noqa: E402

DEMO_PIN = "Zhao-Liu-2026!"


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
    # the demo's RA: 赵六's application under review, 钱七's seal to install (我的印章)
    config = ClientConfig(language=language, ra_url=world.ra_url)
    window = MainWindow(service, config, tray=KeyTrayIcon())
    window.resize(1100, 720)
    window.show()
    service.start()
    try:
        wait_until(  # every demo key shown (four, five with the 国密 dual key, more later)
            app,
            lambda: (
                len(window.home.cards) >= 4
                and all(c.snapshot is not None for c in window.home.cards.values())
            ),
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
        wait_until(app, lambda: len(window.key_jobs.seal_jobs) >= 2)  # 赵六's and 钱七's
        settle(app)
        save(window, out / f"seals-{language}.png")
        bar = window.seals.findChild(QScrollArea).verticalScrollBar()
        bar.setValue(bar.maximum())  # the keys below: applications under review, to install
        settle(app)
        save(window, out / f"seals-applications-{language}.png")
        bar.setValue(0)
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


def _order_for(world: DemoWorld, handler: HandlerIn) -> str:
    """An approved, paid order for an employee certificate of 赵六 (the demo's "staff")."""
    from netca_demo.counter import paid_employee_order

    with RaClient(world.ra_url) as ra:
        return paid_employee_order(world, ra, "赵六", handler)


def wizard_page(app: QApplication, wizard: WizardDialog, name: str) -> None:
    def reached() -> bool:
        if not wizard.busy and wizard.error_label.isVisible():
            raise RuntimeError(f"{wizard.current}: {wizard.error_label.text()}")
        return wizard.current == name and not wizard.busy

    wait_until(app, reached, timeout=60)
    settle(app)


def shoot_wizards(app: QApplication, world: DemoWorld, language: str, out: Path) -> None:
    """受理点模式 → 激活证书 → 忘记密码 (matching handler, then another one) on a fresh key."""
    label = "孙八"  # deleted after each language's run (赵六 is a demo key of its own)
    world.create_key(label, pin="12345678", so_pin=FACTORY_SO_PIN)
    handler = HandlerIn(name="赵六", id_number="44010119920202002X", mobile=_mobile(language))
    order_no = _order_for(world, handler)
    os.environ["NETCA_JOURNAL_DIR"] = str(world.root / f"journal-{language}")
    translator = install_translator(app, language)
    service = KeyService(world.module, poll_interval=0.3)
    window = MainWindow(
        service,
        ClientConfig(language=language),
        tray=KeyTrayIcon(),
        ra_url=world.ra_url,
        secrets=SecretStore(backend=fail.Keyring()),
    )
    window.resize(1100, 720)
    window.show()
    service.start()
    try:
        card = _card(app, window, label, lambda c: True)
        _provision(app, world, window, order_no, language, out)
        card = _card(app, window, label, lambda c: c.snapshot.awaiting_activation)
        _activate(app, world, window, card, handler, language, out)
        _lock(window, card.key)
        card = _card(app, window, label, lambda c: c.snapshot.pin.locked)
        _unlock(app, world, window, card, handler, language, out)
        card = _card(app, window, label, lambda c: not c.snapshot.pin.locked)
        _unlock_other_handler(app, window, card, language, out)
        window.open_page("home")
        wait_until(app, window.home.pending.isVisible)
        settle(app)
        save(window, out / f"home-pending-{language}.png")
    finally:
        service.stop()
        window.close()
        world._vkey("delete", label)
        if translator is not None:
            app.removeTranslator(translator)


def _mobile(language: str) -> str:
    return "13900000001" if language == "zh_CN" else "13900000002"


def _card(
    app: QApplication, window: MainWindow, label: str, condition: Callable[[KeyCard], bool]
) -> KeyCard:
    def found() -> KeyCard | None:
        for card in window.home.cards.values():
            if card.key.label == label and card.snapshot is not None and condition(card):
                return card
        return None

    wait_until(app, lambda: found() is not None)
    card = found()
    assert card is not None
    return card


def _provision(
    app: QApplication, world: DemoWorld, window: MainWindow, order_no: str, language: str, out: Path
) -> None:
    username, password = (world.root / "staff-login.txt").read_text(encoding="utf-8").split()[:2]
    window.open_page("tools")
    window.tools.provisioning_button.click()
    wizard = window.key_jobs.wizard
    assert isinstance(wizard, ProvisioningWizard)
    wizard_page(app, wizard, "login")
    wizard.sign_in.username_edit.setText(username)
    save(wizard, out / f"provision-login-{language}.png")
    wizard.sign_in.password_edit.setText(password)
    wizard.next_button.click()
    wizard_page(app, wizard, "order")
    page = wizard.order_page
    page.order_edit.setText(order_no)
    page.lookup_button.click()
    wait_until(app, lambda: page.order is not None and not wizard.busy)
    page.so_pin_edit.setText(FACTORY_SO_PIN)
    settle(app)
    save(wizard, out / f"provision-order-{language}.png")
    wizard.next_button.click()
    wizard_page(app, wizard, "done")
    save(wizard, out / f"provision-done-{language}.png")
    session = window.workflows.staff_session
    assert session is not None
    with RaClient(world.ra_url) as ra:
        ra.recheck_order(order_no, staff_token=session.token)
    wizard.accept()


def _code(world: DemoWorld, phone: str) -> str:
    from netca_ra.sms.gateway import latest_code

    code = latest_code(world.ra_dir, phone)
    assert code is not None
    return code


def _activate(
    app: QApplication,
    world: DemoWorld,
    window: MainWindow,
    card: KeyCard,
    handler: HandlerIn,
    language: str,
    out: Path,
) -> None:
    window.open_page("home")
    settle(app)
    save(window, out / f"home-awaiting-activation-{language}.png")
    card.buttons["activate"].click()
    wizard = window.key_jobs.wizard
    assert isinstance(wizard, ActivationWizard)
    wait_until(app, lambda: wizard.status is not None and not wizard.busy)
    settle(app)
    save(wizard, out / f"activate-certificate-{language}.png")
    wizard.next_button.click()
    wizard_page(app, wizard, "code")
    wizard.code_page.code_edit.setText(_code(world, handler.mobile))
    settle(app)
    save(wizard, out / f"activate-code-{language}.png")
    wizard.next_button.click()
    wizard_page(app, wizard, "pin")
    wizard.pin_page.new_edit.setText(DEMO_PIN)
    wizard.pin_page.repeat_edit.setText(DEMO_PIN[:-1])
    settle(app)
    save(wizard, out / f"activate-pin-{language}.png")
    wizard.pin_page.repeat_edit.setText(DEMO_PIN)
    wizard.next_button.click()
    wizard_page(app, wizard, "done")
    save(wizard, out / f"activate-done-{language}.png")
    wizard.accept()


def _lock(window: MainWindow, key: KeyRef) -> None:
    from netca_client.core.errors import PinIncorrect

    library = window.service.library
    assert library is not None
    with library.open(key) as session:
        for _ in range(10):
            with contextlib.suppress(PinIncorrect):
                session.login("Wrong-Pin-000", allow_final_try=True)
    window.service.refresh(key)


def _unlock(
    app: QApplication,
    world: DemoWorld,
    window: MainWindow,
    card: KeyCard,
    handler: HandlerIn,
    language: str,
    out: Path,
) -> None:
    settle(app)
    save(window, out / f"home-locked-{language}.png")
    card.buttons["forgot"].click()
    wizard = window.key_jobs.wizard
    assert isinstance(wizard, UnlockWizard)
    wizard_page(app, wizard, "handler")
    wizard.handler_form.name_edit.setText(handler.name)
    wizard.handler_form.id_edit.setText(handler.id_number)
    wizard.handler_form.mobile_edit.setText("12012345678")  # no such mobile: the rule shows
    settle(app)
    save(wizard, out / f"unlock-handler-mobile-rule-{language}.png")
    wizard.handler_form.mobile_edit.setText(handler.mobile)
    settle(app)
    save(wizard, out / f"unlock-handler-{language}.png")
    wizard.next_button.click()
    wizard_page(app, wizard, "code")
    wizard.code_page.code_edit.setText(_code(world, handler.mobile))
    wizard.next_button.click()
    wizard_page(app, wizard, "pin")
    wizard.pin_page.new_edit.setText(DEMO_PIN + "2")
    wizard.pin_page.repeat_edit.setText(DEMO_PIN + "2")
    wizard.next_button.click()
    wizard_page(app, wizard, "done")
    save(wizard, out / f"unlock-done-{language}.png")
    wizard.accept()


def _unlock_other_handler(
    app: QApplication, window: MainWindow, card: KeyCard, language: str, out: Path
) -> None:
    card.buttons["forgot"].click()
    wizard = window.key_jobs.wizard
    assert isinstance(wizard, UnlockWizard)
    wizard_page(app, wizard, "handler")
    wizard.handler_form.name_edit.setText("孙七")
    wizard.handler_form.id_edit.setText("44010119880808008X")
    wizard.handler_form.mobile_edit.setText("13700000007")
    wizard.handler_form.changed_handler.click()
    settle(app)
    save(wizard, out / f"unlock-handler-changed-{language}.png")
    wizard.next_button.click()
    wizard_page(app, wizard, "materials")
    work = Path(tempfile.mkdtemp())
    form = work / "解锁申请表.png"
    image = QImage(620, 877, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    image.save(str(form))
    identity = work / "经办人身份证.pdf"
    identity.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    wizard.materials.add_paths([form, identity])
    settle(app)
    save(wizard, out / f"unlock-materials-{language}.png")
    wizard.next_button.click()
    wizard_page(app, wizard, "waiting")
    save(wizard, out / f"unlock-submitted-{language}.png")
    wizard.reject()


def shoot_crash(app: QApplication, language: str, out: Path) -> None:
    """The crash dialog, with the traceback of a real exception (a bug has no fixed text)."""
    from netca_client.gui.crash import CrashDialog

    translator = install_translator(app, language)
    try:
        try:
            {}["certificate"]  # the bug the picture shows
        except KeyError as bug:
            details = "".join(traceback.format_exception(bug))
        dialog = CrashDialog(details)
        dialog.resize(640, 420)
        dialog.show()
        dialog.copy_button.click()
        settle(app)
        save(dialog, out / f"crash-dialog-{language}.png")
        dialog.close()
    finally:
        if translator is not None:
            app.removeTranslator(translator)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        world = DemoWorld(Path(tmp) / "demo")
        world.prepare()
        world.start_ra()
        try:
            os.environ["NETCA_JOURNAL_DIR"] = str(world.journal_dir)  # 赵六's, 钱七's seals
            world.prepare_counter()  # 李四, 王五, 赵六 and 钱七, as `make demo` has them
            os.environ["NETCA_VKEY_DIR"] = str(world.vkey_dir)
            app = QApplication([])
            apply_style(app)
            for language in ("zh_CN", "en"):
                shoot(app, world, language, args.out)
            for language in ("zh_CN", "en"):
                shoot_wizards(app, world, language, args.out)
                shoot_crash(app, language, args.out)
        finally:
            world.stop_ra()


if __name__ == "__main__":
    main()
