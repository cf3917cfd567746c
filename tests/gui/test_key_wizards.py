"""激活证书, 忘记密码 and 受理点模式 driven offscreen in zh_CN: vkey keys, the live RA on loopback,
SMS codes read from the RA's dev outbox, as a holder and a counter clerk would click through."""

from __future__ import annotations

import datetime as dt
import io
import json
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from cryptography import x509
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PIL import Image

from netca_client.core.config import ClientConfig
from netca_client.core.errors import PinIncorrect, PinLocked
from netca_client.core.ra.client import RaClient
from netca_client.core.seals import SealTrust
from netca_client.core.secrets import SecretStore
from netca_client.core.token import KeyRef, TokenLibrary
from netca_client.core.workflows.journal import Journal
from netca_client.core.workflows.key_requests import KeyRequests
from netca_client.core.workflows.provision import Provisioner, ProvisionStep
from netca_client.core.workflows.staff import StaffSession
from netca_client.gui.app import _order_lookup
from netca_client.gui.key_service import KeyService
from netca_client.gui.main_window import MainWindow
from netca_client.gui.tray import KeyTrayIcon
from netca_client.gui.wizards.frame import WizardDialog
from netca_client.gui.wizards.workflows import KeyWorkflows
from netca_protocol.models import KeyRequestPurpose
from netca_ra.sms.gateway import latest_code, read_outbox
from tests.ra import helpers
from tests.ra.conftest import sqlite_ra  # noqa: F401 - the RA server fixture
from tests.ra.servers import STAFF_PASSWORD, RaServer
from tests.support.vkey import VkeyWorld

FACTORY_SO_PIN = "87654321"
HANDLER = {"name": "张三", "id_number": "44010119900101123X"}
HOLDER_PIN = "Zhang-San-2026!"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def png() -> bytes:
    """A real (tiny) PNG: the RA decodes images, not just their first bytes."""
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, format="PNG")
    return out.getvalue()


def paid_order(ra: RaServer) -> dict[str, Any]:
    """An approved, paid new employee-certificate order whose handler is HANDLER."""
    return helpers.paid_new_order(ra, handler={**HANDLER, "mobile": helpers.fresh_mobile()})


def staff(ra: RaServer, username: str) -> StaffSession:
    with RaClient(ra.base_url) as client:
        out = client.staff_login(username, STAFF_PASSWORD)
    return StaffSession(
        ra.base_url, out.token, out.username, out.display_name, out.role.value, out.expires_at
    )


@dataclass
class Desk:
    """The client window on one RA, its vkey keys, and the journal directory it uses."""

    window: MainWindow
    ra: RaServer
    vkeys: VkeyWorld
    journal_dir: Path

    @property
    def library(self) -> TokenLibrary:
        library = self.window.service.library
        assert library is not None
        return library

    def key(self, serial: str) -> KeyRef:
        return self.library.find(serial)

    def card(self, qtbot, serial: str, condition=lambda card: True):  # type: ignore[no-untyped-def]
        def found():  # type: ignore[no-untyped-def]
            for card in self.window.home.cards.values():
                if card.key.serial == serial and card.snapshot is not None and condition(card):
                    return card
            return None

        qtbot.waitUntil(lambda: found() is not None, timeout=10000)
        return found()

    def provision(self, serial: str, order: dict[str, Any]) -> str:
        """Provision through the core workflow (the wizard has its own test); the cert serial."""
        with RaClient(self.ra.base_url) as client:
            result = Provisioner(
                self.library, client, ra_url=self.ra.base_url, journal=Journal(self.journal_dir)
            ).provision(
                staff(self.ra, "counter1"),
                order["order"]["order_no"],
                self.key(serial),
                factory_so_pin=FACTORY_SO_PIN,
            )
        self.window.service.refresh(self.key(serial))
        return result.certificate_serial

    def recheck(self, order: dict[str, Any]) -> None:
        with RaClient(self.ra.base_url) as client:
            client.recheck_order(
                order["order"]["order_no"], staff_token=staff(self.ra, "reviewer1").token
            )

    def activate(self, serial: str, phone: str, pin: str) -> None:
        """Activate through the core workflow, the code from the outbox."""
        with RaClient(self.ra.base_url) as client:
            jobs = KeyRequests(
                self.library,
                client,
                ra_url=self.ra.base_url,
                journal=Journal(self.journal_dir),
                secrets=SecretStore(backend=fail.Keyring()),
            )
            job = jobs.start(self.key(serial), KeyRequestPurpose.ACTIVATE)
            job = jobs.reset_pin(jobs.verify(job, code_for(self.ra, phone)), self.key(serial), pin)
            assert job.result is not None, job.next_step()
        self.window.service.refresh(self.key(serial))

    def lock(self, serial: str) -> None:
        with self.library.open(self.key(serial)) as session:
            for _ in range(10):
                with pytest.raises(PinIncorrect):
                    session.login("Wrong-Pin-000", allow_final_try=True)
        self.window.service.refresh(self.key(serial))

    def login_works(self, serial: str, pin: str) -> bool:
        with self.library.open(self.key(serial)) as session:
            try:
                session.login(pin, allow_final_try=True)
            except (PinIncorrect, PinLocked):
                return False
            session.logout()
            return True


def codes_sent(ra: RaServer, phone: str) -> int:
    return sum(1 for message in read_outbox(ra.data_dir) if message.phone == phone)


def code_for(ra: RaServer, phone: str) -> str:
    code = latest_code(ra.data_dir, phone)
    assert code is not None, f"no SMS code to {phone} in the outbox"
    return code


@pytest.fixture
def desk(
    qtbot,
    zh_cn,
    vkeys: VkeyWorld,
    sqlite_ra: RaServer,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator:  # type: ignore[no-untyped-def]
    journal_dir = tmp_path / "journal"
    monkeypatch.setenv("NETCA_JOURNAL_DIR", str(journal_dir))
    services: list[KeyService] = []

    def start(ra: RaServer = sqlite_ra, trust: SealTrust | None = None) -> Desk:
        service = KeyService(vkeys.module, poll_interval=0.3, trust=trust)
        services.append(service)
        window = MainWindow(
            service,
            ClientConfig(ra_url=ra.base_url),
            order_lookup=_order_lookup(ra.base_url, None),
            tray=KeyTrayIcon(),
            secrets=SecretStore(backend=fail.Keyring()),  # memory only: no keyring in tests
        )
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(service.library_loaded, timeout=10000):
            service.start()
        return Desk(window, ra, vkeys, journal_dir)

    yield start
    for service in services:
        service.stop()


def blank_key(vkeys: VkeyWorld, label: str) -> str:
    """A key as it leaves the factory: initialised, nothing on it, SO PIN 87654321."""
    return vkeys.init_token(label, pin="12345678", so_pin=FACTORY_SO_PIN)


def wait_page(qtbot, wizard: WizardDialog, name: str, timeout: int = 30000) -> None:  # type: ignore[no-untyped-def]
    """Wait until ``wizard`` shows page ``name`` with nothing running; fail at once on an error."""

    def reached() -> bool:
        if not wizard.busy and wizard.error_label.isVisible():
            raise RuntimeError(f"on page {wizard.current}: {wizard.error_label.text()}")
        return wizard.current == name and not wizard.busy

    qtbot.waitUntil(reached, timeout=timeout)


def current_wizard(desk: Desk) -> WizardDialog:
    wizard = desk.window.key_jobs.wizard
    assert wizard is not None
    assert wizard.isVisible()
    return wizard


# --- 受理点模式 -------------------------------------------------------------------------------


def test_provisioning_wizard_prepares_a_blank_key_for_an_order(
    qtbot,
    desk,
    vkeys: VkeyWorld,
    sqlite_ra: RaServer,  # noqa: F811
) -> None:
    serial = blank_key(vkeys, "空白Key")
    order = paid_order(sqlite_ra)
    order_no = order["order"]["order_no"]
    d: Desk = desk()
    d.card(qtbot, serial)
    d.window.open_page("tools")
    d.window.tools.provisioning_button.click()
    wizard = current_wizard(d)
    wait_page(qtbot, wizard, "login")
    assert wizard.heading.text() == "工作人员登录"
    assert "只保存到客户端关闭" in wizard.sign_in.keyring_note.text()
    assert not wizard.next_button.isEnabled()
    wizard.sign_in.username_edit.setText("counter1")
    wizard.sign_in.password_edit.setText(STAFF_PASSWORD)
    wizard.next_button.click()
    wait_page(qtbot, wizard, "order")
    page = wizard.order_page
    assert "王柜员（counter1）" in page.staff_label.text()
    page.order_edit.setText(order_no)
    page.lookup_button.click()
    qtbot.waitUntil(lambda: page.order is not None, timeout=10000)
    assert page.fields["subject"].text() == "李四（广州示例科技有限公司）"
    assert page.fields["handler"].text() == "张三"
    assert page.fields["state"].text() == "已缴费"
    assert page.key_combo.count() == 1
    assert page.key() is not None
    assert page.key().serial == serial
    assert "87654321" in page.so_pin_edit.placeholderText()
    assert not wizard.next_button.isEnabled()  # no SO PIN yet
    page.so_pin_edit.setText(FACTORY_SO_PIN)
    assert wizard.next_button.text() == "开始"
    seen: list[ProvisionStep | None] = []
    wizard.step_reached.connect(seen.append)
    wizard.next_button.click()
    wait_page(qtbot, wizard, "done", timeout=60000)
    assert seen == list(ProvisionStep)
    assert all(line.text().startswith("✓") for line in wizard.progress_page.lines.values())
    result = wizard.outcome
    assert result is not None
    assert result.key_serial == serial
    assert "等待持有人激活" in wizard.done_page.text.text()
    assert result.certificate_serial in wizard.done_page.detail.text()

    issued = RaClient(sqlite_ra.base_url).staff_order(
        order_no, staff_token=staff(sqlite_ra, "counter1").token
    )
    assert issued.certificate_serial == result.certificate_serial
    with d.library.open(d.key(serial)) as session:
        on_key = session.certificate_objects()
    assert len(on_key) == 1
    cert = x509.load_der_x509_certificate(on_key[0].der)
    assert f"{cert.serial_number:x}" == result.certificate_serial.lower().lstrip("0")
    card = d.card(qtbot, serial, lambda c: c.snapshot.awaiting_activation)
    assert card.status.text() == "待激活"
    assert "activate" in card.buttons
    assert "verify" not in card.buttons
    wizard.next_button.click()  # 完成
    assert not wizard.isVisible()


def test_provisioning_killed_after_the_certificate_is_finished_from_the_home_page(
    qtbot,
    desk,
    vkeys: VkeyWorld,
    sqlite_ra: RaServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    serial = blank_key(vkeys, "中断Key")
    order = paid_order(sqlite_ra)
    order_no = order["order"]["order_no"]
    journal_dir = tmp_path / "journal"
    env = cli_env(sqlite_ra, vkeys, journal_dir, tmp_path, fault="after-certificate-issued")
    argv = [*NETCA, "staff", "provision", order_no, "--key", serial, "--stdin"]
    answers = f"counter1\n{STAFF_PASSWORD}\n{FACTORY_SO_PIN}\n"
    killed = subprocess.run(
        argv, env=env, input=answers, capture_output=True, text=True, timeout=120
    )
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    (entry,) = [json.loads(p.read_text()) for p in journal_dir.glob("*.json")]
    assert entry["step"] == "certificate"

    d: Desk = desk()
    banner = d.window.home.pending
    qtbot.waitUntil(lambda: len(banner.buttons) == 1, timeout=10000)
    d.card(qtbot, serial)
    (button,) = banner.buttons.values()
    button.click()
    wizard = current_wizard(d)
    wait_page(qtbot, wizard, "login")
    wizard.sign_in.username_edit.setText("counter1")
    wizard.sign_in.password_edit.setText(STAFF_PASSWORD)
    wizard.next_button.click()
    page = wizard.order_page
    qtbot.waitUntil(lambda: page.order is not None and not wizard.busy, timeout=10000)
    assert page.order_no() == order_no
    assert page.key() is not None
    assert page.key().serial == serial
    assert "不需要" in page.so_pin_edit.placeholderText()
    assert wizard.next_button.isEnabled()  # the factory SO PIN is not asked for again
    wizard.next_button.click()
    wait_page(qtbot, wizard, "done", timeout=60000)
    assert wizard.outcome is not None
    with d.library.open(d.key(serial)) as session:
        on_key = session.certificate_objects()
    assert len(on_key) == 1  # the one issued before the crash, not a second
    cert = x509.load_der_x509_certificate(on_key[0].der)
    assert f"{cert.serial_number:x}" == wizard.outcome.certificate_serial.lower().lstrip("0")
    assert not list(journal_dir.glob("*.json"))
    status = requests.get(f"{sqlite_ra.api}/keys/{serial}", timeout=10).json()
    assert status["state"] == "awaiting_activation"


# --- 激活证书 ---------------------------------------------------------------------------------


def test_activation_wizard_waits_for_the_recheck_then_sets_the_holders_pin(
    qtbot,
    desk,
    vkeys: VkeyWorld,
    sqlite_ra: RaServer,  # noqa: F811
) -> None:
    serial = blank_key(vkeys, "激活Key")
    order = paid_order(sqlite_ra)
    phone = order["order"]["handler"]["mobile"]
    d: Desk = desk()
    d.card(qtbot, serial)
    d.provision(serial, order)
    card = d.card(qtbot, serial, lambda c: c.snapshot.awaiting_activation)

    card.buttons["activate"].click()
    wizard = current_wizard(d)
    wait_page(qtbot, wizard, "certificate")
    overview = wizard.overview
    qtbot.waitUntil(lambda: wizard.status is not None, timeout=10000)
    assert overview.fields["holder"].text() == "李四"
    assert overview.fields["organisation"].text() == "广州示例科技有限公司"
    assert overview.fields["phone"].text().endswith(phone[-4:])
    assert phone not in overview.fields["phone"].text()
    assert "资料复审尚未完成，暂不能激活" in overview.verdict.text()
    assert not wizard.next_button.isEnabled()
    wizard.reject()

    d.recheck(order)
    card.buttons["activate"].click()
    wizard = current_wizard(d)
    qtbot.waitUntil(lambda: wizard.status is not None and not wizard.busy, timeout=10000)
    assert wizard.next_button.text() == "发送验证码"
    assert wizard.next_button.isEnabled()
    wizard.next_button.click()
    wait_page(qtbot, wizard, "code")
    code_page = wizard.code_page
    assert phone[-4:] in code_page.sent_to.text()
    assert code_page.attempts.text() == "还可尝试 5 次"
    assert not code_page.resend_button.isEnabled()  # a new code only after the countdown
    assert "秒" in code_page.resend_button.text()
    assert not code_page.staff_button.isVisible()  # nobody from the counter signed in

    code = code_for(sqlite_ra, phone)
    wrong = f"{(int(code) + 1) % 1000000:06d}"
    code_page.code_edit.setText(wrong)
    wizard.next_button.click()
    qtbot.waitUntil(lambda: not wizard.busy and wizard.error_label.isVisible(), timeout=10000)
    assert wizard.error_label.text() == "验证码错误，还可尝试 4 次。"
    assert code_page.attempts.text() == "还可尝试 4 次"
    code_page.code_edit.setText(code)
    wizard.next_button.click()
    wait_page(qtbot, wizard, "pin")
    pin_page = wizard.pin_page
    pin_page.new_edit.setText("12345678")
    assert not wizard.next_button.isEnabled()
    assert pin_page.checklist.rule_labels["is-default"].text().startswith("✗")
    pin_page.new_edit.setText(HOLDER_PIN)
    pin_page.repeat_edit.setText(HOLDER_PIN)
    assert wizard.next_button.isEnabled()
    wizard.next_button.click()
    assert wizard.busy_label.text() == "正在设置密码…请勿拔出 Key。"
    assert not wizard.close_button.isEnabled()
    wizard.reject()  # Esc while the key is being changed: the window stays
    assert wizard.isVisible()
    wait_page(qtbot, wizard, "done", timeout=60000)
    assert wizard.done_page.text.text() == "激活成功，还剩 10 次。"
    assert pin_page.pin() == ""  # the PIN is not kept in the page
    assert d.login_works(serial, HOLDER_PIN)
    card = d.card(qtbot, serial, lambda c: not c.snapshot.awaiting_activation)
    assert card.status.text() != "待激活"
    assert "verify" in card.buttons
    assert not list(d.journal_dir.glob("*.json"))
    status = requests.get(f"{sqlite_ra.api}/keys/{serial}", timeout=10).json()
    assert status["state"] == "active"


def test_signed_in_staff_authorise_an_activation_at_the_counter(
    qtbot,
    desk,
    vkeys: VkeyWorld,
    sqlite_ra: RaServer,  # noqa: F811
) -> None:
    serial = blank_key(vkeys, "柜台激活Key")
    order = paid_order(sqlite_ra)
    d: Desk = desk()
    d.card(qtbot, serial)
    d.provision(serial, order)
    d.recheck(order)
    d.window.workflows.set_staff(staff(sqlite_ra, "counter1"))
    card = d.card(qtbot, serial, lambda c: c.snapshot.awaiting_activation)
    card.buttons["activate"].click()
    wizard = current_wizard(d)
    qtbot.waitUntil(lambda: wizard.status is not None and not wizard.busy, timeout=10000)
    wizard.next_button.click()
    wait_page(qtbot, wizard, "code")
    assert wizard.code_page.staff_button.isVisible()
    assert wizard.code_page.staff_button.text() == "受理点工作人员授权（王柜员）"
    wizard.code_page.staff_button.click()
    wait_page(qtbot, wizard, "pin")
    wizard.pin_page.new_edit.setText(HOLDER_PIN)
    wizard.pin_page.repeat_edit.setText(HOLDER_PIN)
    wizard.next_button.click()
    wait_page(qtbot, wizard, "done", timeout=60000)
    assert wizard.done_page.text.text() == "激活成功，还剩 10 次。"
    assert d.login_works(serial, HOLDER_PIN)


# --- 忘记密码 ---------------------------------------------------------------------------------


def _activated_and_locked(qtbot, d: Desk, vkeys: VkeyWorld, label: str):  # type: ignore[no-untyped-def]
    serial = blank_key(vkeys, label)
    order = paid_order(d.ra)
    phone = order["order"]["handler"]["mobile"]
    d.card(qtbot, serial)
    d.provision(serial, order)
    d.recheck(order)
    d.activate(serial, phone, HOLDER_PIN)
    d.lock(serial)
    card = d.card(qtbot, serial, lambda c: c.snapshot.pin is not None and c.snapshot.pin.locked)
    return serial, phone, card


def _fill_handler(  # type: ignore[no-untyped-def]
    wizard, phone: str, *, handler_changed: bool = False, **changes: str
) -> None:
    """Type the handler; ``handler_changed`` chooses the materials path (else the SMS code
    to the handler on record, the default)."""
    handler = {**HANDLER, "mobile": phone, **changes}
    form = wizard.handler_form
    assert form.on_record.isChecked()
    form.name_edit.setText(handler["name"])
    form.id_edit.setText(handler["id_number"][:-1])
    assert not wizard.next_button.isEnabled()  # 17 characters are not an ID number
    form.id_edit.setText(handler["id_number"])
    form.mobile_edit.setText(handler["mobile"])
    if handler_changed:
        form.changed_handler.click()


def test_unlock_wizard_with_the_handler_on_record_resets_the_pin(
    qtbot, desk, vkeys: VkeyWorld
) -> None:
    d: Desk = desk()
    serial, phone, card = _activated_and_locked(qtbot, d, vkeys, "解锁Key")
    assert card.status.text() == "已锁定"
    card.buttons["forgot"].click()
    wizard = current_wizard(d)
    wait_page(qtbot, wizard, "handler")
    _fill_handler(wizard, phone)
    assert wizard.next_button.isEnabled()
    wizard.next_button.click()
    wait_page(qtbot, wizard, "code")
    wizard.code_page.code_edit.setText(code_for(d.ra, phone))
    wizard.next_button.click()
    wait_page(qtbot, wizard, "pin")
    new_pin = "Unlocked-Pin-77"
    wizard.pin_page.new_edit.setText(new_pin)
    wizard.pin_page.repeat_edit.setText(new_pin)
    wizard.next_button.click()
    wait_page(qtbot, wizard, "done", timeout=60000)
    assert wizard.done_page.text.text() == "解锁成功，还剩 10 次。"
    assert d.login_works(serial, new_pin)
    card = d.card(qtbot, serial, lambda c: not c.snapshot.pin.locked)
    assert "还剩 10 次" in card.details.text()


def test_unlock_wizard_with_a_phone_not_on_record_looks_like_any_other_request(
    qtbot, desk, vkeys: VkeyWorld
) -> None:
    d: Desk = desk()
    _, phone, card = _activated_and_locked(qtbot, d, vkeys, "冒名Key")
    card.buttons["forgot"].click()
    wizard = current_wizard(d)
    wait_page(qtbot, wizard, "handler")
    stranger = helpers.fresh_mobile()
    to_record = codes_sent(d.ra, phone)
    _fill_handler(wizard, stranger)
    wizard.next_button.click()
    # The page a real handler sees, naming the phone typed: nothing tells that it is not the
    # one on record. No code goes anywhere; the handler on record gets a notice.
    wait_page(qtbot, wizard, "code")
    assert f"{stranger[:3]}****{stranger[-4:]}" in wizard.code_page.sent_to.text()
    assert wizard.code_page.attempts.text() == "还可尝试 5 次"
    assert codes_sent(d.ra, stranger) == 0
    assert codes_sent(d.ra, phone) == to_record + 1
    notice = [m.text for m in read_outbox(d.ra.data_dir) if m.phone == phone][-1]
    assert "与登记的不一致" in notice
    assert "验证码为" not in notice


def test_locked_key_dialog_forgot_pin_opens_the_unlock_wizard(
    qtbot, desk, vkeys: VkeyWorld
) -> None:
    d: Desk = desk()
    serial, _, _ = _activated_and_locked(qtbot, d, vkeys, "锁定Key")
    d.window.pin_flows.verify_pin(d.key(serial))
    locked = d.window.pin_flows.dialog
    assert locked is not None
    assert locked.windowTitle() == "Key 已锁定"
    locked.forgot_button.click()
    wizard = current_wizard(d)
    assert wizard.windowTitle() == "忘记密码"
    wait_page(qtbot, wizard, "handler")


def test_unlock_wizard_with_another_handler_submits_materials_for_review(
    qtbot, desk, vkeys: VkeyWorld, tmp_path: Path
) -> None:
    d: Desk = desk()
    serial, _, card = _activated_and_locked(qtbot, d, vkeys, "换人Key")
    card.buttons["forgot"].click()
    wizard = current_wizard(d)
    wait_page(qtbot, wizard, "handler")
    new_phone = helpers.fresh_mobile()
    _fill_handler(
        wizard, new_phone, handler_changed=True, name="王五", id_number="44010119850505123X"
    )
    wizard.next_button.click()
    wait_page(qtbot, wizard, "materials")
    assert wizard.next_button.text() == "提交审核"
    assert not wizard.next_button.isEnabled()
    (tmp_path / "申请表.png").write_bytes(png())
    (tmp_path / "身份证.pdf").write_bytes(PDF)
    (tmp_path / "big.pdf").write_bytes(b"%PDF-" + b"0" * (5 * 1024 * 1024 + 1))
    materials = wizard.materials
    materials.add_paths([tmp_path / "big.pdf"])
    assert "超过 5 MB" in materials.files.item(0).text()
    assert not wizard.next_button.isEnabled()
    materials.files.setCurrentRow(0)
    materials.remove_button.click()
    materials.add_paths([tmp_path / "申请表.png", tmp_path / "身份证.pdf"])
    assert materials.files.item(0).text() == "申请表.png  (1 KB)"
    assert wizard.next_button.isEnabled()
    wizard.next_button.click()
    wait_page(qtbot, wizard, "waiting")
    assert wizard.waiting_page.text.text().startswith(
        "已提交审核，审核通过后会向您填写的手机号发送验证码"
    )
    assert "未完成的业务" in wizard.waiting_page.text.text()
    state = wizard.workflows.requests.refresh(wizard.job).request
    assert state is not None
    assert state.materials == 2
    assert state.state.value == "under_review"
    wizard.reject()

    banner = d.window.home.pending
    qtbot.waitUntil(lambda: banner.isVisible() and len(banner.buttons) == 1, timeout=10000)
    (button,) = banner.buttons.values()
    assert button.text() == "继续"
    button.click()
    resumed = current_wizard(d)
    assert resumed is not wizard
    wait_page(qtbot, resumed, "waiting")
    resumed.refresh_button.click()
    wait_page(qtbot, resumed, "waiting")
    assert resumed.waiting_page.detail.text() == "仍在审核中。"

    request_id = resumed.job.record.request_id
    reviewer = helpers.StaffBrowser(d.ra, "reviewer1")
    assert reviewer.post(f"/console/key-requests/{request_id}/approve").ok
    resumed.refresh_button.click()
    wait_page(qtbot, resumed, "code")
    assert new_phone[-4:] in resumed.code_page.sent_to.text()
    resumed.code_page.code_edit.setText(code_for(d.ra, new_phone))
    resumed.next_button.click()
    wait_page(qtbot, resumed, "pin")
    resumed.pin_page.new_edit.setText("Reviewed-Pin-88")
    resumed.pin_page.repeat_edit.setText("Reviewed-Pin-88")
    resumed.next_button.click()
    wait_page(qtbot, resumed, "done", timeout=60000)
    assert resumed.done_page.text.text() == "解锁成功，还剩 10 次。"
    assert d.login_works(serial, "Reviewed-Pin-88")
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=10000)


def test_rejected_materials_show_the_reason_and_end_the_job(
    qtbot, desk, vkeys: VkeyWorld, tmp_path: Path
) -> None:
    d: Desk = desk()
    _, _, card = _activated_and_locked(qtbot, d, vkeys, "驳回Key")
    card.buttons["forgot"].click()
    wizard = current_wizard(d)
    wait_page(qtbot, wizard, "handler")
    _fill_handler(wizard, helpers.fresh_mobile(), handler_changed=True, name="王五")
    wizard.next_button.click()
    wait_page(qtbot, wizard, "materials")
    (tmp_path / "申请表.png").write_bytes(png())
    wizard.materials.add_paths([tmp_path / "申请表.png"])
    wizard.next_button.click()
    wait_page(qtbot, wizard, "waiting")
    request_id = wizard.job.record.request_id
    reviewer = helpers.StaffBrowser(d.ra, "reviewer1")
    assert reviewer.post(
        f"/console/key-requests/{request_id}/reject", {"reason": "申请表未盖公章"}
    ).ok
    wizard.refresh_button.click()
    wait_page(qtbot, wizard, "stop")
    assert wizard.stop_page.text.text() == "受理点未通过申请材料的审核。"
    assert wizard.stop_page.detail.text() == "原因：申请表未盖公章"
    qtbot.waitUntil(lambda: not list(d.journal_dir.glob("*.json")), timeout=10000)


def test_a_job_waiting_for_review_may_be_discarded_from_the_home_page(
    qtbot, desk, vkeys: VkeyWorld, tmp_path: Path
) -> None:
    d: Desk = desk()
    _, _, card = _activated_and_locked(qtbot, d, vkeys, "放弃Key")
    card.buttons["forgot"].click()
    wizard = current_wizard(d)
    wait_page(qtbot, wizard, "handler")
    _fill_handler(wizard, helpers.fresh_mobile(), handler_changed=True, name="王五")
    wizard.next_button.click()
    wait_page(qtbot, wizard, "materials")
    (tmp_path / "申请表.png").write_bytes(png())
    wizard.materials.add_paths([tmp_path / "申请表.png"])
    wizard.next_button.click()
    wait_page(qtbot, wizard, "waiting")
    wizard.reject()
    banner = d.window.home.pending
    qtbot.waitUntil(lambda: len(banner.discard_buttons) == 1, timeout=10000)
    assert banner.discard_buttons[next(iter(banner.buttons))].text() == "放弃"
    (discard,) = banner.discard_buttons.values()
    discard.click()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=10000)
    assert not list(d.journal_dir.glob("*.json"))


NETCA = [sys.executable, "-m", "netca_client.cli"]


def cli_env(
    ra: RaServer, vkeys: VkeyWorld, journal_dir: Path, tmp_path: Path, *, fault: str
) -> dict[str, str]:
    """`netca` in its own process on the same keys, RA and journal, killed at ``fault``."""
    return {
        **vkeys.env,
        "NETCA_RA_URL": ra.base_url,
        "NETCA_JOURNAL_DIR": str(journal_dir),
        "NETCA_LANG": "zh_CN",
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / "config"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "NETCA_FAULT_INJECT": fault,
    }


class QuickResendRaServer(RaServer):
    """The test RA allowing a new code after a second (a minute by default)."""

    def env(self) -> dict[str, str]:
        return {**super().env(), "NETCA_RA_OTP_RESEND_SECONDS": "1"}


@pytest.fixture(scope="module")
def quick_ra(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RaServer]:
    data_dir = tmp_path_factory.mktemp("ra-quick")
    server = QuickResendRaServer(
        database_url=f"sqlite:///{data_dir / 'ra.sqlite3'}", data_dir=data_dir
    )
    server.initialise()
    server.start()
    yield server
    server.stop()


def _cli_unlock_killed_after_release(d: Desk, serial: str, phone: str, tmp_path: Path) -> None:
    """`netca unlock` in its own process, SIGKILLed right after the RA released the SO PIN."""
    env = cli_env(d.ra, d.vkeys, d.journal_dir, tmp_path, fault="after-so-pin-release")
    argv = [
        *NETCA, "unlock", "--key", serial, "--stdin",
        "--name", HANDLER["name"], "--id-number", HANDLER["id_number"], "--mobile", phone,
    ]  # fmt: skip
    sent = codes_sent(d.ra, phone)
    with (tmp_path / "cli.out").open("w") as sink:
        process = subprocess.Popen(
            argv, env=env, stdin=subprocess.PIPE, stdout=sink, stderr=subprocess.STDOUT, text=True
        )
        assert process.stdin is not None
        deadline = time.monotonic() + 60
        while codes_sent(d.ra, phone) == sent:
            assert time.monotonic() < deadline, "the CLI sent no code"
            assert process.poll() is None, (tmp_path / "cli.out").read_text()
            time.sleep(0.1)
        process.stdin.write(code_for(d.ra, phone) + "\n" + "Before-Crash-1a\n")
        process.stdin.close()
        assert process.wait(timeout=120) == -signal.SIGKILL, (tmp_path / "cli.out").read_text()


def _a_minute_passes(ra: RaServer, request_id: str) -> None:
    """What waiting a minute would do: the request's last code counts as sent long ago."""
    from datetime import timedelta

    from sqlalchemy import update

    from netca_ra.models import KeyRequest, utcnow

    with helpers.database(ra) as session:
        session.execute(
            update(KeyRequest)
            .where(KeyRequest.request_id == request_id)
            .values(last_code_at=utcnow() - timedelta(minutes=2))
        )


def test_unlock_killed_after_the_so_pin_release_is_finished_from_the_home_page(
    qtbot, desk, vkeys: VkeyWorld, quick_ra: RaServer, tmp_path: Path
) -> None:
    first = desk(quick_ra)
    serial, phone, _ = _activated_and_locked(qtbot, first, vkeys, "崩溃Key")
    first.window.service.stop()  # the client is gone while the CLI runs, then it restarts
    first.window.close()
    _cli_unlock_killed_after_release(first, serial, phone, tmp_path)
    (entry,) = [json.loads(p.read_text()) for p in first.journal_dir.glob("*.json")]
    assert entry["step"] == "released"
    _a_minute_passes(quick_ra, entry["data"]["request_id"])  # the RA sends one code a minute

    vkeys.unplug("崩溃Key")  # the client restarts without the key
    d: Desk = desk(quick_ra)
    banner = d.window.home.pending
    qtbot.waitUntil(lambda: len(banner.buttons) == 1, timeout=10000)
    assert banner.isVisible()
    assert banner.discard_buttons == {}  # the SO PIN was released: only finishing is safe
    (button,) = banner.buttons.values()
    button.click()
    wizard = current_wizard(d)
    assert wizard.windowTitle() == "忘记密码"
    wait_page(qtbot, wizard, "plug")
    assert serial in wizard.plug_page.text.text()
    vkeys.plug("崩溃Key")
    qtbot.waitUntil(lambda: wizard.current == "code" and not wizard.busy, timeout=30000)
    assert wizard.code_page.notice.text().startswith("上次操作未完成")
    assert not wizard.error_label.isVisible()
    wizard.code_page.code_edit.setText(code_for(d.ra, phone))
    wizard.next_button.click()
    wait_page(qtbot, wizard, "pin")
    final_pin = "After-Crash-2b!"
    wizard.pin_page.new_edit.setText(final_pin)
    wizard.pin_page.repeat_edit.setText(final_pin)
    wizard.next_button.click()
    wait_page(qtbot, wizard, "done", timeout=60000)
    assert wizard.done_page.text.text() == "解锁成功，还剩 10 次。"
    assert d.login_works(serial, final_pin)
    assert not list(d.journal_dir.glob("*.json"))
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=10000)


class _SlowKeyring(KeyringBackend):
    """An OS keyring that answers only when released (a Keychain prompt, a slow D-Bus)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}
        self.release = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.release.wait(10)
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.mark.parametrize("signed_in_meanwhile", [True, False])
def test_a_slow_stored_staff_session_never_replaces_a_newer_sign_in(
    qtbot, vkeys: VkeyWorld, signed_in_meanwhile: bool
) -> None:
    """The stored session is read from the keyring when the driver loads; a staff member
    who signs in before that read ends keeps their session (it used to be overwritten by the
    older stored answer); with nobody signing in, the stored session arrives."""
    ra_url = "http://127.0.0.1:9"
    ring = _SlowKeyring()
    until = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    stored = {"token": "stored-token", "username": "counter2", "display_name": "李柜员",
              "role": "counter", "expires_at": until.isoformat()}  # fmt: skip
    ring.items[("netca-client", f"staff-session:{ra_url}")] = json.dumps(stored)
    service = KeyService(vkeys.module, poll_interval=0.3)
    pool = ThreadPoolExecutor(max_workers=1)
    store = SecretStore(backend=ring)
    assert store.persistent
    workflows = KeyWorkflows(service, pool, ra_url=ra_url, secrets=store)
    try:
        workflows.load_staff()  # blocked in the keyring
        newer = StaffSession(ra_url, "new-token", "counter1", "王柜员", "counter", until)
        if signed_in_meanwhile:
            workflows.set_staff(newer)
        with qtbot.waitSignal(workflows.staff_changed, timeout=10000, raising=False) as seen:
            ring.release.set()
        pool.shutdown(wait=True)
        qtbot.wait(50)  # the pool's answer is delivered on the GUI thread
        if signed_in_meanwhile:
            assert not seen.signal_triggered
            assert workflows.staff_session == newer
        else:
            assert workflows.staff_session is not None
            assert workflows.staff_session.username == "counter2"
    finally:
        ring.release.set()
        pool.shutdown()
        workflows.deleteLater()
        service.deleteLater()
