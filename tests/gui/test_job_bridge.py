"""The one job bridge: a bug in any background job ends in the crash dialog with its traceback
logged and the window usable again; uncaught exceptions of other threads go the same way; the
key monitor's events are applied on the GUI thread."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from netca_client.gui import job_bridge
from netca_client.gui.crash import CrashDialog, crash_reporter, install_excepthooks
from netca_client.gui.job_bridge import JobBridge
from netca_client.gui.key_service import KeyService
from netca_client.gui.main_window import MainWindow
from tests.gui.conftest import make_key
from tests.gui.test_key_wizards import (  # noqa: F401 - the desk fixture and its helpers
    Desk,
    _activated_and_locked,
    _fill_handler,
    code_for,
    current_wizard,
    desk,
    wait_page,
)
from tests.ra.conftest import sqlite_ra  # noqa: F401 - the RA server fixture
from tests.support.pki import MiniCa
from tests.support.vkey import VkeyWorld


class InjectedBug(RuntimeError):
    """What the test hook raises inside one job: a bug, not a NetcaError."""


def test_a_bug_in_a_guarded_job_shows_the_crash_dialog_and_the_wizard_can_be_closed(
    qtbot,
    desk,  # noqa: F811 - the fixture imported above
    vkeys: VkeyWorld,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    d: Desk = desk()
    serial, phone, card = _activated_and_locked(qtbot, d, vkeys, "崩溃测试Key")
    card.buttons["forgot"].click()
    wizard = current_wizard(d)
    wait_page(qtbot, wizard, "handler")
    _fill_handler(wizard, phone)
    wizard.next_button.click()
    wait_page(qtbot, wizard, "code")
    wizard.code_page.code_edit.setText(code_for(d.ra, phone))
    wizard.next_button.click()
    wait_page(qtbot, wizard, "pin")

    def bug_in_this_wizard(bridge: JobBridge) -> None:
        if bridge is wizard.jobs:
            raise InjectedBug("injected: the PIN reset job failed unexpectedly")

    monkeypatch.setattr(job_bridge, "before_job", bug_in_this_wizard)
    wizard.pin_page.new_edit.setText("Crash-Test-Pin-1")
    wizard.pin_page.repeat_edit.setText("Crash-Test-Pin-1")
    reporter = crash_reporter()
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(reporter.dialog_shown, timeout=30000):
        wizard.next_button.click()
        assert wizard.busy
        assert not wizard.close_button.isEnabled()  # guarded while the key may change
    dialog = reporter.dialogs[-1]
    assert isinstance(dialog, CrashDialog)
    assert dialog.isVisible()
    assert dialog.windowTitle() == "出错了"
    assert "InjectedBug: injected: the PIN reset job failed unexpectedly" in dialog.details
    assert "Traceback (most recent call last)" in dialog.details
    logged = [r for r in caplog.records if r.exc_info and r.exc_info[0] is InjectedBug]
    assert len(logged) == 1
    assert "unexpected error" in logged[0].getMessage()
    assert caplog.text.count("Traceback (most recent call last)") >= 1

    dialog.copy_button.click()
    assert "InjectedBug" in QGuiApplication.clipboard().text()
    assert dialog.copied.text() == "详情已复制。"

    # The wizard is usable and closable again: not busy, not guarded, no stale error.
    assert not wizard.busy
    assert wizard.close_button.isEnabled()
    assert wizard.current == "pin"
    assert d.login_works(serial, "Crash-Test-Pin-1") is False  # nothing reached the key
    dialog.close_button.click()
    wizard.reject()
    assert not wizard.isVisible()


def test_an_uncaught_exception_in_any_thread_reaches_the_crash_dialog(
    qtbot, zh_cn, caplog: pytest.LogCaptureFixture, monkeypatch
) -> None:
    # Installed as the entry point does; restored afterwards for the test runner's own hooks.
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    reporter = install_excepthooks()

    def fail() -> None:
        raise InjectedBug("injected in a worker thread")

    with caplog.at_level(logging.ERROR), qtbot.waitSignal(reporter.dialog_shown, timeout=10000):
        worker = threading.Thread(target=fail, name="netca-test-worker")
        worker.start()
        worker.join()
    assert "InjectedBug: injected in a worker thread" in reporter.dialogs[-1].details
    assert any("thread netca-test-worker" in r.getMessage() for r in caplog.records)
    reporter.dialogs[-1].close()


def test_key_events_and_snapshots_are_applied_on_the_gui_thread(
    qtbot, start_window, vkeys: VkeyWorld, test_ca: MiniCa
) -> None:
    make_key(vkeys, test_ca, "线程Key")
    vkeys.unplug("线程Key")
    window: MainWindow = start_window()
    service: KeyService = window.service
    seen: list[tuple[str, bool]] = []

    def on_gui_thread(what: str) -> None:
        seen.append((what, threading.current_thread() is threading.main_thread()))

    direct = Qt.ConnectionType.DirectConnection  # runs in whichever thread emits
    service.key_inserted.connect(lambda _: on_gui_thread("inserted"), direct)
    service.snapshot_loaded.connect(lambda _: on_gui_thread("snapshot"), direct)
    service.key_removed.connect(lambda _: on_gui_thread("removed"), direct)
    with qtbot.waitSignal(service.snapshot_loaded, timeout=10000):
        vkeys.plug("线程Key")
    with qtbot.waitSignal(service.key_removed, timeout=10000):
        vkeys.unplug("线程Key")
    assert [what for what, _ in seen] == ["inserted", "snapshot", "removed"]
    assert all(on_gui for _, on_gui in seen), seen
    assert service.snapshots == {}
