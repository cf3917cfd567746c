"""The desktop client driven offscreen against real vkey keys, as a holder would use it."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QDialogButtonBox

from netca_client.gui.dialogs.pin_change import PinChangeDialog
from netca_client.gui.dialogs.pin_entry import PinEntryDialog, PinLockedDialog
from netca_client.gui.main_window import MainWindow
from tests.gui.conftest import ORG, PIN, make_key
from tests.support.pki import MiniCa
from tests.support.vkey import VkeyWorld


def _card(window: MainWindow, serial: str):  # type: ignore[no-untyped-def]
    for card in window.home.cards.values():
        if card.key.serial == serial and card.snapshot is not None:
            return card
    return None


def _wait_card(qtbot, window: MainWindow, serial: str):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: _card(window, serial) is not None, timeout=5000)
    return _card(window, serial)


def _ok(dialog) -> object:  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_plugged_key_appears_with_holder_and_days_left_and_goes_when_unplugged(
    qtbot, start_window, vkeys: VkeyWorld, test_ca: MiniCa
) -> None:
    serial = make_key(vkeys, test_ca, "员工Key", days=20)
    vkeys.unplug("员工Key")
    window = start_window()
    assert window.home.empty.isVisible()
    vkeys.plug("员工Key")
    plugged = time.monotonic()
    card = _wait_card(qtbot, window, serial)
    assert time.monotonic() - plugged < 2
    assert card.holder.text() == f"张三（{ORG}）"
    assert "证书剩余 20 天" in card.details.text()
    assert card.status.text() == "20 天后到期"
    assert "还剩 10 次" in card.details.text()
    titles = [n[0] for n in window.tray.notifications]
    assert titles.index("USB Key 已插入") < titles.index("证书即将到期")
    expiring = window.tray.notifications[titles.index("证书即将到期")]
    assert expiring[1] == "张三 的证书将在 20 天后到期。"
    assert expiring[2] == "certificates"  # clicking it opens 我的证书

    vkeys.unplug("员工Key")
    unplugged = time.monotonic()
    qtbot.waitUntil(lambda: not window.home.cards, timeout=5000)
    assert time.monotonic() - unplugged < 2
    assert window.home.empty.isVisible()
    assert window.tray.notifications[-1][0] == "USB Key 已拔出"


def test_wrong_pin_shows_tries_left_from_the_key(
    qtbot, start_window, vkeys: VkeyWorld, test_ca: MiniCa
) -> None:
    serial = make_key(vkeys, test_ca, "Key1")
    window = start_window()
    card = _wait_card(qtbot, window, serial)
    card.buttons["verify"].click()
    dialog = window.pin_flows.dialog
    assert isinstance(dialog, PinEntryDialog)
    assert dialog.tries_label.text() == "还剩 10 次"
    dialog.pin_edit.setText("Wrong-Pin-1")
    _ok(dialog).click()
    qtbot.waitUntil(lambda: window.pin_flows.dialog is not dialog, timeout=5000)
    again = window.pin_flows.dialog
    assert isinstance(again, PinEntryDialog)
    qtbot.waitUntil(lambda: again.error_label.isVisible(), timeout=5000)
    assert again.error_label.text() == "密码错误，还剩 9 次。"
    assert again.tries_label.text() == "还剩 9 次"
    again.pin_edit.setText(PIN)
    with qtbot.waitSignal(window.pin_flows.message, timeout=5000) as message:
        _ok(again).click()
    assert message.args == ["密码正确。"]


def test_final_try_must_be_confirmed_before_it_is_spent(
    qtbot, start_window, vkeys: VkeyWorld, test_ca: MiniCa
) -> None:
    serial = make_key(vkeys, test_ca, "Key2", max_tries=2)
    window = start_window()
    card = _wait_card(qtbot, window, serial)
    card.buttons["verify"].click()
    dialog = window.pin_flows.dialog
    dialog.pin_edit.setText("Wrong-Pin-1")
    _ok(dialog).click()
    qtbot.waitUntil(lambda: window.pin_flows.dialog is not dialog, timeout=5000)
    final = window.pin_flows.dialog
    qtbot.waitUntil(lambda: final.error_label.isVisible(), timeout=5000)
    assert final.tries_label.text() == "还剩 1 次"
    assert not final.final_try_box.isHidden()
    final.pin_edit.setText(PIN)
    assert not _ok(final).isEnabled()  # typing the PIN is not enough on the final try
    final.final_try_box.setChecked(True)
    assert _ok(final).isEnabled()
    with qtbot.waitSignal(window.pin_flows.message, timeout=5000) as message:
        _ok(final).click()
    assert message.args == ["密码正确。"]


def test_locked_key_says_so_and_offers_forgot_pin(
    qtbot, start_window, vkeys: VkeyWorld, test_ca: MiniCa
) -> None:
    serial = make_key(vkeys, test_ca, "Key3", max_tries=2)
    window = start_window()
    card = _wait_card(qtbot, window, serial)
    for _ in range(2):
        card.buttons["verify"].click()
        dialog = window.pin_flows.dialog
        dialog.final_try_box.setChecked(True)
        dialog.pin_edit.setText("Wrong-Pin-1")
        _ok(dialog).click()
        qtbot.waitUntil(lambda d=dialog: window.pin_flows.dialog is not d, timeout=5000)
    locked = window.pin_flows.dialog
    assert isinstance(locked, PinLockedDialog)
    assert locked.forgot_button.text() == "忘记密码"
    qtbot.waitUntil(lambda: card.status.text() == "已锁定", timeout=5000)
    assert "forgot" in card.buttons
    assert "verify" not in card.buttons


def test_change_pin_explains_the_policy_inline_and_changes_the_pin(
    qtbot, start_window, vkeys: VkeyWorld, test_ca: MiniCa
) -> None:
    serial = make_key(vkeys, test_ca, "Key4")
    window = start_window()
    card = _wait_card(qtbot, window, serial)
    card.buttons["change"].click()
    dialog = window.pin_flows.dialog
    assert isinstance(dialog, PinChangeDialog)
    dialog.old_edit.setText(PIN)
    dialog.new_edit.setText("12345678")
    dialog.repeat_edit.setText("12345678")
    default_rule = dialog.rule_labels["is-default"]
    assert default_rule.text() == "✗ 不能是默认密码 12345678"
    assert dialog.rule_labels["too-short"].text().startswith("✓")
    assert not _ok(dialog).isEnabled()
    dialog.new_edit.setText("Better-Pin-7")
    dialog.repeat_edit.setText("Better-Pin-7")
    assert all(label.text().startswith("✓") for label in dialog.rule_labels.values())
    with qtbot.waitSignal(window.pin_flows.message, timeout=5000) as message:
        _ok(dialog).click()
    assert message.args == ["密码已修改。"]
    # The key itself now takes the new PIN (checked through pkcs11-tool, not our code).
    vkeys.tool("Key4", "--list-objects", "--type", "privkey", pin="Better-Pin-7")
