"""申请印章 / 修改资料 / 安装印章 / 变更印章 and 我的印章 driven offscreen in zh_CN: vkey keys, the
live RA on loopback, scans made like a holder's (a red stamp on a paper texture, JPEG), staff
decisions through the console over HTTP (the Chromium run is tests/e2e/test_seal_workflows.py).

NETCA_SCREENSHOTS=docs/screenshots saves the wizard's pages and 我的印章 there.
"""

# ruff: noqa: F811 - pytest fixtures imported from other test modules are parameters here

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from cryptography import x509
from PySide6.QtWidgets import QApplication, QWidget

from netca_client.core.certs import key_certificates
from netca_client.core.config import ClientConfig
from netca_client.core.seals import SealTrust, key_seal_template, key_seals, load_seal_trust
from netca_client.core.workflows import seal_install
from netca_client.core.workflows.seal_record import SealAction
from netca_client.gui.key_service import KeyService
from netca_client.gui.main_window import MainWindow
from netca_client.gui.pages.seals import SealCard
from netca_client.gui.tray import KeyTrayIcon
from netca_client.gui.wizards.seal import SealWizard
from netca_demo.seal_scan import stamp_scan
from netca_ra.services.seal_form import SAMPLE_BOXES_MM
from netca_seal import make_seal
from netca_seal.art import render_organisation_seal
from tests.gui.conftest import ORG as KEY_ORG
from tests.gui.conftest import PIN as KEY_PIN
from tests.gui.conftest import make_key
from tests.gui.test_key_wizards import (  # noqa: F401 - the desk fixture and its parts
    HANDLER,
    HOLDER_PIN,
    Desk,
    blank_key,
    desk,
    paid_order,
    wait_page,
)
from tests.ra import helpers
from tests.ra.conftest import sqlite_ra  # noqa: F401 - the RA server fixture
from tests.seal.conftest import Issued, issue
from tests.support.pki import MiniCa
from tests.support.vkey import VkeyWorld

ORG = "广州示例科技有限公司"
SHOTS = os.environ.get("NETCA_SCREENSHOTS")


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()
        widget.grab().save(str(Path(SHOTS) / f"{name}-zh_CN.png"))


def _ra_trust(ra) -> SealTrust:  # type: ignore[no-untyped-def]
    """The RA's root and issuing CA, as a client deployed for this RA trusts them."""
    return load_seal_trust(extra_files=[ra.data_dir / "ca" / "root.crt.pem",
                                        ra.data_dir / "ca" / "issuing.crt.pem"])  # fmt: skip


def _active_key(qtbot, d: Desk, vkeys: VkeyWorld, label: str) -> str:  # type: ignore[no-untyped-def]
    """A key with the RA's certificate, activated with HOLDER_PIN."""
    serial = blank_key(vkeys, label)
    order = paid_order(d.ra)
    d.card(qtbot, serial)
    d.provision(serial, order)
    d.recheck(order)
    d.activate(serial, order["order"]["handler"]["mobile"], HOLDER_PIN)
    return serial


def _card_offers(qtbot, d: Desk, serial: str, action: SealAction):  # type: ignore[no-untyped-def]
    return d.card(qtbot, serial, lambda c: f"seal-{action.value}" in c.buttons)


def _fill(wizard: SealWizard, name: str, *, pin: str | None = HOLDER_PIN) -> None:
    page = wizard.details_page
    page.name_edit.setText(name)
    form = page.handler_form
    form.name_edit.setText(HANDLER["name"])
    form.id_edit.setText(HANDLER["id_number"])
    form.mobile_edit.setText("13800138000")
    if pin is not None:
        assert not wizard.next_button.isEnabled()  # the application is signed: PIN first
        page.pin_edit.setText(pin)
    assert wizard.next_button.isEnabled()


def _scan_for(wizard: SealWizard, qtbot, tmp_path: Path, name: str, seed: int) -> Path:  # type: ignore[no-untyped-def]
    form = tmp_path / f"{name}.pdf"
    wizard.save_form(form)
    qtbot.waitUntil(lambda: wizard.form_page.saved_label.isVisible() and not wizard.busy,
                    timeout=30000)  # fmt: skip
    assert str(form) in wizard.form_page.saved_label.text()
    scan = tmp_path / f"{name}.jpg"
    made = stamp_scan(form.read_bytes(), organisation=ORG, boxes_mm=SAMPLE_BOXES_MM, seed=seed)
    scan.write_bytes(made.jpeg)
    return scan


def _current(d: Desk) -> SealWizard:
    wizard = d.window.key_jobs.wizard
    assert isinstance(wizard, SealWizard)
    assert wizard.isVisible()
    return wizard


def test_apply_edit_install_and_change_a_seal_in_the_wizard(
    qtbot,
    desk,
    vkeys: VkeyWorld,
    sqlite_ra,
    tmp_path: Path,
) -> None:
    d: Desk = desk(trust=_ra_trust(sqlite_ra))
    serial = _active_key(qtbot, d, vkeys, "印章Key")
    card = _card_offers(qtbot, d, serial, SealAction.APPLY)
    assert card.buttons["seal-apply"].text() == "申请印章"
    card.buttons["seal-apply"].click()
    wizard = _current(d)
    assert wizard.windowTitle() == "申请印章"
    wait_page(qtbot, wizard, "details")
    assert wizard.details_page.kind_combo.count() == 2  # 公章 and 合同专用章, as the guides say
    _fill(wizard, ORG)
    shot(wizard, "seal-apply")
    wizard.next_button.click()
    wait_page(qtbot, wizard, "form")
    assert wizard.details_page.pin_edit.text() == ""  # the PIN is not kept
    order_no = wizard.job.order_no
    assert order_no in wizard.form_page.order_label.text()
    assert wizard.next_button.text() == "提交申请"
    assert not wizard.next_button.isEnabled()
    scan = _scan_for(wizard, qtbot, tmp_path, "form1", 18)
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-" + b"0" * (5 * 1024 * 1024 + 1))
    wizard.form_page.add_paths([big])
    assert "超过 5 MB" in wizard.form_page.files.item(0).text()
    assert not wizard.next_button.isEnabled()
    wizard.form_page.files.setCurrentRow(0)
    wizard.form_page.remove_button.click()
    wizard.form_page.add_paths([scan])
    assert wizard.next_button.isEnabled()
    shot(wizard, "seal-form")
    wizard.next_button.click()
    wait_page(qtbot, wizard, "waiting")
    assert "审核中" in wizard.waiting_page.text.text()
    shot(wizard, "seal-review")
    # 业务查询 shows it, with the order number and query code the wizard gives
    qtbot.waitUntil(wizard.query_code.isVisible)
    token = wizard.query_code.text().rsplit(" ", 1)[-1]
    assert order_no in wizard.query_code.text()
    wizard.reject()
    orders = d.window.orders
    orders.number.setText(order_no)
    orders.token.setText(token)
    orders.query_button.click()
    qtbot.waitUntil(lambda: "business" in orders.fields, timeout=10000)
    assert orders.fields["business"].text() == "印章申请"

    # 主页: under review, 修改资料 offered; it opens the details as the RA has them
    card = d.card(qtbot, serial, lambda c: "审核中" in c.seal_state.text())
    assert "seal-edit" in card.buttons
    assert "seal-apply" not in card.buttons  # one application at a time
    card.buttons["seal-edit"].click()
    wizard = _current(d)
    wait_page(qtbot, wizard, "details")
    assert wizard.details_page.name_edit.text() == ORG
    assert not wizard.details_page.pin_row.isVisible()
    wizard.details_page.kind_combo.setCurrentIndex(1)
    wizard.details_page.name_edit.setText(f"{ORG}合同专用章")
    assert wizard.next_button.text() == "保存修改"
    wizard.next_button.click()
    wait_page(qtbot, wizard, "form")
    assert wizard.job.order.revision == 2
    wizard.form_page.add_paths([_scan_for(wizard, qtbot, tmp_path, "form2", 7)])
    wizard.next_button.click()
    wait_page(qtbot, wizard, "waiting")
    assert wizard.job.order.details.seal_name == f"{ORG}合同专用章"

    reviewer = helpers.StaffBrowser(d.ra, "reviewer1")
    assert reviewer.post(f"/console/seal-orders/{order_no}/approve").status_code == 200
    wizard.refresh_button.click()
    wait_page(qtbot, wizard, "install")
    assert "印章待安装" in wizard.install_page.text.text()
    assert not wizard.next_button.isEnabled()  # the PIN first
    shot(wizard, "seal-install")
    wizard.reject()
    d.window.key_jobs.refresh_pending()
    card = d.card(qtbot, serial, lambda c: "印章待安装" in c.seal_state.text())
    assert card.buttons["seal-install"].text() == "安装印章"
    d.window.open_page("seals")
    row = next(iter(d.window.seals.key_actions.values()))
    assert "印章待安装" in row.state.text()
    row.buttons[SealAction.INSTALL].click()
    wizard = _current(d)
    wait_page(qtbot, wizard, "install")
    wizard.install_pin.setText(HOLDER_PIN)
    wizard.next_button.click()
    wait_page(qtbot, wizard, "done", timeout=60000)
    assert wizard.done_page.text.text() == f"印章安装成功：{ORG}合同专用章"
    shot(wizard, "seal-installed")
    wizard.accept()

    # 我的印章: the seal, valid, made by the RA's seal maker for the key's certificate
    page = d.window.seals
    qtbot.waitUntil(lambda: len(page.cards) == 1, timeout=15000)
    seal_card = page.cards[0]
    facts = " ".join(label.text() for label in seal_card.facts)
    assert seal_card.seal.name == f"{ORG}合同专用章"
    assert "合同专用章" in facts
    assert "制章者" in facts
    assert "（本密钥上）" in facts
    assert seal_card.verdict.text() == "印章有效"
    shot(d.window, "seals-installed")
    card = _card_offers(qtbot, d, serial, SealAction.CHANGE)
    assert not d.window.home.pending.isVisible()
    assert card.buttons["seal-change"].text() == "变更印章"

    # 变更印章: the new seal replaces the old one only once it is installed and verified
    old_id = seal_card.seal.seal.seal_id
    card.buttons["seal-change"].click()
    wizard = _current(d)
    assert wizard.windowTitle() == "变更印章"
    assert wizard.replaces_seal_id == old_id
    wait_page(qtbot, wizard, "details")
    _fill(wizard, f"{ORG}（变更）")
    wizard.next_button.click()
    wait_page(qtbot, wizard, "form")
    wizard.form_page.add_paths([_scan_for(wizard, qtbot, tmp_path, "form3", 11)])
    wizard.next_button.click()
    wait_page(qtbot, wizard, "waiting")
    assert reviewer.post(f"/console/seal-orders/{wizard.job.order_no}/approve").status_code == 200
    wizard.refresh_button.click()
    wait_page(qtbot, wizard, "install")
    wizard.install_pin.setText(HOLDER_PIN)
    wizard.next_button.click()
    wait_page(qtbot, wizard, "done", timeout=60000)
    assert wizard.done_page.detail.text() == "已替换原印章。"
    wizard.accept()
    qtbot.waitUntil(lambda: [c.seal.name for c in page.cards] == [f"{ORG}（变更）"], timeout=15000)
    assert page.cards[0].seal.seal.seal_id != old_id
    assert page.cards[0].verdict.text() == "印章有效"


def test_a_rejected_application_shows_the_reason(
    qtbot,
    desk,
    vkeys: VkeyWorld,
    tmp_path: Path,
) -> None:
    d: Desk = desk()
    serial = _active_key(qtbot, d, vkeys, "驳回印章Key")
    _card_offers(qtbot, d, serial, SealAction.APPLY).buttons["seal-apply"].click()
    wizard = _current(d)
    wait_page(qtbot, wizard, "details")
    _fill(wizard, ORG)
    wizard.next_button.click()
    wait_page(qtbot, wizard, "form")
    wizard.form_page.add_paths([_scan_for(wizard, qtbot, tmp_path, "form", 3)])
    wizard.next_button.click()
    wait_page(qtbot, wizard, "waiting")
    reviewer = helpers.StaffBrowser(d.ra, "reviewer1")
    reviewer.post(f"/console/seal-orders/{wizard.job.order_no}/reject",
                  {"reason": "印章采集不清晰，请重新盖章"})  # fmt: skip
    wizard.reject()
    d.window.key_jobs.refresh_pending()
    # 主页 says so with the reason, and offers 申请印章 again
    card = d.card(qtbot, serial, lambda c: "未通过" in c.seal_state.text())
    assert card.seal_state.text() == "印章申请未通过：印章采集不清晰，请重新盖章"
    assert "seal-apply" in card.buttons
    assert not list(d.journal_dir.glob("*.json"))


# --- 我的印章: verdicts -------------------------------------------------------------------


def _seal(maker: Issued, holder, *, name: str, days: int = 365, start_days: int = -1) -> bytes:  # type: ignore[no-untyped-def]
    now = dt.datetime.now(dt.UTC)
    return make_seal(
        picture_png=render_organisation_seal(KEY_ORG).png, name=name, seal_type=1,
        allowed_certs=[holder], valid_from=now + dt.timedelta(days=start_days),
        valid_to=now + dt.timedelta(days=days), maker_cert=maker.cert, maker_key=maker.key,
        vendor_id="NETCA", seal_id=f"4401{abs(hash(name)) % 10**10:010d}",
    )  # fmt: skip


def test_my_seals_says_what_is_wrong_with_each_seal(qtbot, zh_cn, vkeys: VkeyWorld) -> None:
    ca = MiniCa.create()
    serial = make_key(vkeys, ca, "验章Key", days=200)
    root = issue("测试制章根", ca=True)
    maker = issue("测试制章者", issuer=root)
    foreign_root = issue("外来制章根", ca=True)
    foreign = issue("外来制章者", issuer=foreign_root)
    trust = SealTrust(roots=(root.cert,), intermediates=(), sources=())
    service = KeyService(vkeys.module, poll_interval=0.3, trust=trust)
    window = MainWindow(service, ClientConfig(), tray=KeyTrayIcon())
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(service.library_loaded, timeout=10000):
        service.start()
    try:
        library = service.library
        assert library is not None
        key = library.find(serial)
        with library.open(key) as session:
            (summary,) = key_certificates(session)
        holder_cert = x509.load_der_x509_certificate(summary.der)
        valid = _seal(maker, holder_cert, name="有效章")
        tampered = bytearray(_seal(maker, holder_cert, name="篡改章"))
        at = tampered.find("篡改章".encode())
        tampered[at : at + 3] = "改".encode()
        expired = _seal(maker, holder_cert, name="过期章", days=-1, start_days=-400)
        foreign_made = _seal(foreign, holder_cert, name="外来章")
        with library.open(key, rw=True) as session:
            session.login(KEY_PIN)
            for der in (valid, bytes(tampered), expired, foreign_made):
                session.add_seal_object(key_seal_template(der))
            session.logout()
        service.refresh(key)
        page = window.seals
        qtbot.waitUntil(lambda: len(page.cards) == 4, timeout=15000)
        window.open_page("seals")
        verdicts = {card.seal.name: card.verdict.text() for card in page.cards}
        assert verdicts["有效章"] == "印章有效"
        assert verdicts["过期章"] == "印章无效：印章已过期"
        assert verdicts["外来章"].startswith("印章完好，但无法确认可信：制章者不受信任")
        assert verdicts["改改章"].startswith("印章无效：印章制作后被篡改")
        tones = {card.seal.name: card.verdict.objectName() for card in page.cards}
        assert tones == {"有效章": "statusOk", "过期章": "statusBad", "外来章": "statusWarn",
                         "改改章": "statusBad"}  # fmt: skip
        assert all(isinstance(card, SealCard) for card in page.cards)
        window.resize(1100, 1000)
        qtbot.waitUntil(lambda: all(card.verdict.isVisible() for card in page.cards))
        shot(window, "seals-verdicts")
    finally:
        service.stop()


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


def _apply_and_approve(
    qtbot, d: Desk, serial: str, tmp_path: Path, name: str, action: SealAction
) -> SealWizard:  # type: ignore[no-untyped-def]
    """申请印章 or 变更印章 from 主页 up to 印章待安装 (staff approve over HTTP)."""
    card = _card_offers(qtbot, d, serial, action)
    card.buttons[f"seal-{action.value}"].click()
    wizard = _current(d)
    wait_page(qtbot, wizard, "details")
    _fill(wizard, name)
    wizard.next_button.click()
    wait_page(qtbot, wizard, "form")
    wizard.form_page.add_paths([_scan_for(wizard, qtbot, tmp_path, name, 5)])
    wizard.next_button.click()
    wait_page(qtbot, wizard, "waiting")
    reviewer = helpers.StaffBrowser(d.ra, "reviewer1")
    assert reviewer.post(f"/console/seal-orders/{wizard.job.order_no}/approve").status_code == 200
    wizard.refresh_button.click()
    wait_page(qtbot, wizard, "install")
    return wizard


def test_a_key_pulled_out_mid_install_keeps_its_old_seal_and_the_install_resumes(
    qtbot,
    desk,
    vkeys: VkeyWorld,
    sqlite_ra,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    d: Desk = desk(trust=_ra_trust(sqlite_ra))
    serial = _active_key(qtbot, d, vkeys, "拔出Key")
    wizard = _apply_and_approve(qtbot, d, serial, tmp_path, ORG, SealAction.APPLY)
    wizard.install_pin.setText(HOLDER_PIN)
    wizard.next_button.click()
    wait_page(qtbot, wizard, "done", timeout=60000)
    wizard.accept()
    page = d.window.seals
    qtbot.waitUntil(lambda: len(page.cards) == 1, timeout=15000)
    old_id = page.cards[0].seal.seal.seal_id

    wizard = _apply_and_approve(qtbot, d, serial, tmp_path, f"{ORG}（新）", SealAction.CHANGE)
    real_verify = seal_install.verify_written

    def pulled_out_after_the_write(*args, **kwargs):  # type: ignore[no-untyped-def]
        vkeys.unplug("拔出Key")  # the holder pulls the key out between write and verify
        return real_verify(*args, **kwargs)

    monkeypatch.setattr(seal_install, "verify_written", pulled_out_after_the_write)
    wizard.install_pin.setText(HOLDER_PIN)
    wizard.next_button.click()
    qtbot.waitUntil(lambda: not wizard.busy and wizard.error_label.isVisible(), timeout=60000)
    assert wizard.current == "install"
    monkeypatch.setattr(seal_install, "verify_written", real_verify)
    vkeys.plug("拔出Key")
    qtbot.waitUntil(lambda: d.window.workflows.key_of(serial) is not None, timeout=15000)
    with d.library.open(d.key(serial)) as session:
        on_key = key_seals(session, trust=_ra_trust(sqlite_ra))
    old = [s for s in on_key if s.seal is not None and s.seal.seal_id == old_id]
    assert len(old) == 1
    assert old[0].verdict == "valid"  # the old seal is still there and usable

    wizard.install_pin.setText(HOLDER_PIN)  # the install resumes where it stopped
    wizard.next_button.click()
    wait_page(qtbot, wizard, "done", timeout=60000)
    with d.library.open(d.key(serial)) as session:
        on_key = key_seals(session, trust=_ra_trust(sqlite_ra))
    assert [(s.name, s.verdict) for s in on_key] == [(f"{ORG}（新）", "valid")]
