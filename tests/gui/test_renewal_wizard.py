"""证书续期 and 证书安装 in the desktop client, driven offscreen with pytest-qt: vkey keys holding
certificates the live RA (SQLite, loopback) issued, the simulated payment provider paid the way
a phone would after scanning the QR code, and a renewal left by a SIGKILLed `netca renew`
finished from the home page when its key is plugged in again.

NETCA_SCREENSHOTS=docs/screenshots saves the pictures there (zh_CN and en)."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from cryptography import x509
from keyring.backends import fail
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.exceptions import TimeoutError

from netca_client.core.config import ClientConfig
from netca_client.core.secrets import SecretStore
from netca_client.core.token import TokenLibrary
from netca_client.gui.i18n import TRANSLATIONS
from netca_client.gui.key_service import KeyService
from netca_client.gui.main_window import MainWindow
from netca_client.gui.tray import KeyTrayIcon
from netca_client.gui.wizards.renewal import RenewalWizard
from netca_ra.services.profiles import DEFAULT_PROFILES
from tests.e2e.renewal_world import HANDLER, INVOICE, PIN, Planted, RenewalWorld
from tests.ra.conftest import sqlite_ra  # noqa: F401 - the RA server fixture
from tests.ra.servers import RaServer
from tests.support.vkey import VkeyWorld

EMPLOYEE_FEE_FEN = next(p.fees.per_year_fen for p in DEFAULT_PROFILES if p.service_id == "GD-EMP")


def picture(widget: QWidget, name: str) -> None:
    for _ in range(10):  # let the layout settle (a card's buttons are added just before)
        QApplication.processEvents()
        time.sleep(0.02)
    image = widget.grab()
    assert not image.isNull()
    assert image.width() > 300
    target = os.environ.get("NETCA_SCREENSHOTS")
    if target:
        image.save(str(Path(target) / f"{name}.png"))


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication, zh_cn: None) -> Iterator[str]:
    """zh_CN (the session's) or English on top of it."""
    translator = None
    if request.param == "en":
        translator = QTranslator(qapp)
        assert translator.load(str(TRANSLATIONS / "netca_en.qm"))
        qapp.installTranslator(translator)
    yield request.param
    if translator is not None:
        qapp.removeTranslator(translator)


@pytest.fixture
def world(
    vkeys: VkeyWorld,
    sqlite_ra: RaServer,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> RenewalWorld:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("NETCA_JOURNAL_DIR", str(home / "journal"))
    vkeys.state_dir.mkdir(parents=True, exist_ok=True)
    return RenewalWorld(sqlite_ra, vkeys, home, TokenLibrary.load(vkeys.module))


def plant(world: RenewalWorld, label: str, days_left: float) -> Planted:
    """A key with an RA-issued certificate; the planting library is closed before the window
    loads the module (one PKCS#11 user at a time in this process)."""
    planted = world.plant(label, days_left=days_left)
    world.library.close()
    return planted


@pytest.fixture
def window(qtbot, world: RenewalWorld) -> Iterator:  # type: ignore[no-untyped-def]
    services: list[KeyService] = []

    def start() -> MainWindow:
        service = KeyService(world.vkeys.module, poll_interval=0.3)
        services.append(service)
        window = MainWindow(
            service, ClientConfig(ra_url=world.ra.base_url), tray=KeyTrayIcon(),
            secrets=SecretStore(backend=fail.Keyring()),
        )  # fmt: skip
        qtbot.addWidget(window)
        window.resize(1100, 720)
        window.show()
        with qtbot.waitSignal(service.library_loaded, timeout=10000):
            service.start()
        return window

    yield start
    for service in services:
        service.stop()


def card_of(qtbot, window: MainWindow, serial: str, condition=lambda card: True):  # type: ignore[no-untyped-def]
    def found():  # type: ignore[no-untyped-def]
        for card in window.home.cards.values():
            if card.key.serial == serial and card.snapshot is not None and condition(card):
                return card
        return None

    qtbot.waitUntil(lambda: found() is not None, timeout=15000)
    return found()


def reach(qtbot, wizard: RenewalWizard, name: str, timeout: int = 30000) -> None:  # type: ignore[no-untyped-def]
    """Wait for page ``name`` with nothing running; fail at once on an error shown."""

    def reached() -> bool:
        if not wizard.busy and wizard.error_label.isVisible():
            raise RuntimeError(f"on page {wizard.current}: {wizard.error_label.text()}")
        return wizard.current == name and not wizard.busy

    try:
        qtbot.waitUntil(reached, timeout=timeout)
    except TimeoutError as exc:  # say where it stopped
        where = f"{wizard.current!r}, busy: {wizard.busy_label.text()!r}"
        raise AssertionError(f"never reached {name!r}: still on {where}") from exc


def opened(window: MainWindow) -> RenewalWizard:
    wizard = window.key_jobs.wizard
    assert isinstance(wizard, RenewalWizard)
    assert wizard.isVisible()
    return wizard


def journal(world: RenewalWorld) -> list[dict[str, object]]:
    return [json.loads(p.read_text()) for p in (world.home / "journal").glob("*.json")]


def on_key(world: RenewalWorld, window: MainWindow, serial: str) -> list[x509.Certificate]:
    library = window.service.library
    assert library is not None
    with library.open(library.find(serial)) as session:
        return [x509.load_der_x509_certificate(c.der) for c in session.certificate_objects()]


def test_renewal_wizard_renews_pays_by_qr_code_and_installs(
    qtbot, world: RenewalWorld, window, language: str
) -> None:
    zh = language == "zh_CN"
    planted = plant(world, f"续期-{language}", days_left=20)
    w: MainWindow = window()
    card = card_of(qtbot, w, planted.serial)
    assert "renew" in card.buttons
    days = card.snapshot.days_left
    assert days in (19, 20)
    assert card.status.text() == (f"{days} 天后到期" if zh else f"Expires in {days} days")
    picture(w, f"home-renew-{language}")
    card.buttons["renew"].click()
    wizard = opened(w)

    reach(qtbot, wizard, "offer")
    fields = wizard.offer_page.fields
    assert fields["fee"].text() == ("每年 ¥100.00" if zh else "¥100.00 a year")
    assert EMPLOYEE_FEE_FEN == 10000
    assert int(fields["serial"].text(), 16) == planted.certificate.serial_number
    assert wizard.next_button.isEnabled()
    picture(wizard, f"renew-offer-{language}")
    wizard.next_button.click()

    reach(qtbot, wizard, "agreement")
    assert "电子认证服务协议" in wizard.agreement_page.accept_box.text()
    assert not wizard.next_button.isEnabled()
    wizard.agreement_page.accept_box.setChecked(True)
    assert not wizard.next_button.isEnabled()  # the encryption warning too
    wizard.agreement_page.warning_box.setChecked(True)
    picture(wizard, f"renew-agreement-{language}")
    wizard.next_button.click()

    reach(qtbot, wizard, "details")
    page = wizard.details_page
    assert page.invoice_title.text() == "广州示例科技有限公司"  # from the certificate
    assert page.years.count() == 5
    page.years.setCurrentIndex(1)  # 2 years
    assert page.fee.text() == ("费用：¥200.00" if zh else "Fee: ¥200.00")
    assert not wizard.next_button.isEnabled()  # no handler yet
    page.handler_name.setText(HANDLER[1])
    page.handler_id.setText("4401011990030700")  # 16 characters
    page.handler_mobile.setText(HANDLER[5])
    page.invoice_email.setText(INVOICE[5])
    assert not wizard.next_button.isEnabled()
    assert page.problem.isVisible()
    page.handler_id.setText(HANDLER[3])
    assert wizard.next_button.isEnabled(), page.problems()
    picture(wizard, f"renew-details-{language}")
    wizard.next_button.click()

    reach(qtbot, wizard, "pin")
    assert "¥200.00" in wizard.pin_page.summary.text()
    assert wizard.pin_page.tries.text()
    wizard.pin_page.pin_edit.setText(PIN)
    wizard.next_button.click()
    assert wizard.pin_page.pin() == ""  # handed to the job, not kept in the field
    reach(qtbot, wizard, "pay", timeout=60000)
    (entry,) = journal(world)
    assert PIN not in json.dumps(entry, ensure_ascii=False)
    order_no = wizard.job.renewal.order_no  # type: ignore[union-attr]
    assert order_no in wizard.pay_page.amount.text()
    assert "¥200.00" in wizard.pay_page.amount.text()
    picture(wizard, f"renew-pay-{language}")
    wizard.next_button.click()  # online: the QR code

    reach(qtbot, wizard, "paying")
    paying = wizard.paying_page
    assert not paying.qr.pixmap().isNull()
    assert "/pay/sim/" in paying.url
    picture(wizard, f"renew-qr-{language}")
    card = card_of(qtbot, w, planted.serial, lambda c: c.renewal == "under_way")
    assert card.status.text() == ("续期办理中" if zh else "Renewal under way")
    world.pay_link(paying.url)  # the phone paid

    reach(qtbot, wizard, "install", timeout=60000)  # found by polling, with backoff
    assert "¥200.00" in wizard.install_page.summary.text()
    picture(wizard, f"renew-install-{language}")
    wizard.install_page.pin_edit.setText(PIN)
    wizard.next_button.click()
    reach(qtbot, wizard, "done", timeout=60000)
    result = wizard.outcome
    assert result is not None
    assert result.new_serial in wizard.done_page.detail.text()
    picture(wizard, f"renew-done-{language}")

    (new,) = on_key(world, w, planted.serial)
    old = planted.certificate
    assert new.subject == old.subject
    assert format(new.serial_number, "x") == result.new_serial.lower().lstrip("0")
    expected = old.not_valid_after_utc + dt.timedelta(days=730)
    assert abs(new.not_valid_after_utc - expected) < dt.timedelta(minutes=10)
    assert journal(world) == []
    assert world.counts(planted.cert_serial) == (1, 1)
    wizard.next_button.click()  # 完成
    assert not wizard.isVisible()
    card = card_of(
        qtbot, w, planted.serial, lambda c: c.renewal == "" and c.snapshot.days_left > 700
    )
    assert "install" not in card.buttons


def test_an_expired_certificate_is_sent_to_the_counter(
    qtbot, zh_cn: None, world: RenewalWorld, window
) -> None:
    planted = plant(world, "过期", days_left=20)
    ended = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    world.change_certificate(planted.cert_serial, not_after=ended)
    w: MainWindow = window()
    card = card_of(qtbot, w, planted.serial)
    card.buttons["renew"].click()
    wizard = opened(w)
    reach(qtbot, wizard, "refused")
    assert wizard.heading.text() == "不能在线续期"
    verdict = wizard.refused_page.text.text()
    assert "不能在线续期" in verdict
    assert "受理点" in verdict
    assert "邮寄" in verdict
    assert f"{ended.astimezone():%Y-%m-%d}" in verdict
    assert not wizard.next_button.isVisible()
    assert wizard.close_button.isVisible()
    assert wizard.close_button.text() == "关闭"
    picture(wizard, "renew-refused-expired-zh_CN")
    wizard.close_button.click()
    assert not wizard.isVisible()
    assert world.counts(planted.cert_serial) == (0, 0)


def test_a_renewal_killed_after_issue_installs_when_the_key_is_plugged_in(
    qtbot, zh_cn: None, world: RenewalWorld, window
) -> None:
    """`netca renew` SIGKILLed once the certificate is issued (paid, not installed): the
    client shows 证书待安装 on the card and opens the install when the key comes back."""
    planted = plant(world, "待安装", days_left=20)
    killed = world.netca(
        "renew", "--years", "1", *HANDLER, *INVOICE, "--accept-agreement", "--wait", "120",
        "--key", planted.serial, "--pay", "simulated", pins=2, pay_online=True,
        env={"NETCA_FAULT_INJECT": "after-issued"},
    )  # fmt: skip
    assert killed.returncode == -9, killed.stdout
    assert len(journal(world)) == 1

    w: MainWindow = window()
    card = card_of(qtbot, w, planted.serial, lambda c: c.renewal == "install")
    assert card.status.text() == "证书待安装"
    assert "install" in card.buttons
    banner = w.home.pending
    qtbot.waitUntil(lambda: len(banner.buttons) == 1, timeout=10000)
    # The key was plugged in when the client started: the install opens by itself, once.
    qtbot.waitUntil(lambda: isinstance(w.key_jobs.wizard, RenewalWizard), timeout=15000)
    first = opened(w)
    reach(qtbot, first, "install")
    first.close_button.click()  # not now
    assert not first.isVisible()
    qtbot.wait(500)
    assert w.key_jobs.wizard is first  # not opened again while the key stays
    picture(w, "home-renewal-to-install-zh_CN")

    world.vkeys.unplug(planted.label)
    qtbot.waitUntil(lambda: not any(c.key.serial == planted.serial
                                    for c in w.home.cards.values()), timeout=10000)  # fmt: skip
    world.vkeys.plug(planted.label)  # plugged in again: the install opens
    qtbot.waitUntil(lambda: w.key_jobs.wizard is not first, timeout=15000)
    wizard = opened(w)
    reach(qtbot, wizard, "install", timeout=30000)
    assert "当前证书" in wizard.install_page.intro.text()
    wizard.install_page.pin_edit.setText(PIN)
    wizard.next_button.click()
    reach(qtbot, wizard, "done", timeout=60000)
    certificates = on_key(world, w, planted.serial)
    assert len(certificates) == 1
    assert certificates[0].serial_number != planted.certificate.serial_number
    assert journal(world) == []
    assert world.counts(planted.cert_serial) == (1, 1)
    response = requests.get(f"{world.ra.api}/renewals/offers/{planted.cert_serial}", timeout=10)
    assert response.status_code == 200
    assert response.json()["eligible"] is False  # the old one is replaced
