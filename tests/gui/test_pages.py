"""Tray routing, settings, tools and certificate export, driven on the real window."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from cryptography import x509
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel

from netca_client.core.config import load_config
from tests.gui.conftest import PIN, SO_PIN, make_key
from tests.support.pki import MiniCa
from tests.support.vkey import VkeyWorld


def _loaded(qtbot, window, serial: str):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: any(c.snapshot and c.key.serial == serial for c in window.home.cards.values()),
        timeout=5000,
    )


def test_tray_notifications_open_their_page(
    qtbot, start_window, vkeys: VkeyWorld, test_ca: MiniCa
) -> None:
    serial = make_key(vkeys, test_ca, "托盘Key", days=20)
    window = start_window()
    _loaded(qtbot, window, serial)
    title, _, page = window.tray.notifications[-1]
    assert (title, page) == ("证书即将到期", "certificates")
    window.tray.messageClicked.emit()
    assert window.stack.currentWidget() is window.certificates
    window.tray.menu.actions()[2].trigger()  # 我的印章
    assert window.stack.currentWidget() is window.seals


def test_settings_are_saved_and_read_back(
    qtbot, start_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETCA_CONFIG", str(tmp_path / "config.toml"))
    window = start_window()
    page = window.settings
    page.ra_url.setText("https://ra.example.cn:8443")
    page.reminders.setText("60，14, 3")
    page.language.setCurrentIndex(1)
    page.save_button.click()
    config = load_config()
    assert config.ra_url == "https://ra.example.cn:8443"
    assert config.reminder_days == (60, 14, 3)
    assert config.language == "en"
    page.reminders.setText("soon")
    page.save_button.click()
    assert page.status.text() == "提醒天数须为整数，用逗号分隔。"
    assert load_config().reminder_days == (60, 14, 3)  # a bad value changes nothing


def test_diagnostics_bundle_has_no_full_serial(
    qtbot, start_window, vkeys: VkeyWorld, test_ca: MiniCa, tmp_path: Path
) -> None:
    serial = make_key(vkeys, test_ca, "诊断Key")
    window = start_window()
    _loaded(qtbot, window, serial)
    window.tools.run_diagnostics()
    qtbot.waitUntil(lambda: bool(window.tools.report), timeout=5000)
    shown = window.tools.report_view.toPlainText()
    assert "正在使用的 PKCS#11 驱动（1 个）" in shown
    assert "诊断Key，序列号 " + serial[:4] in shown
    assert "密码：正常，剩余次数 10" in shown
    bundle = tmp_path / "diag.zip"
    window.tools.export_bundle(bundle)
    with zipfile.ZipFile(bundle) as archive:
        assert sorted(archive.namelist()) == ["diagnostics.json", "diagnostics.txt"]
        files = {name: archive.read(name).decode() for name in archive.namelist()}
    report = json.loads(files["diagnostics.json"])
    assert [m["path"] for m in report["modules"]] == [vkeys.module]
    assert len(report["modules"][0]["sha256"]) == 64
    assert report["keys"][0]["capabilities"] == [
        "rsa2048",
        "ecc-p256",
        "sm2",
        "vendor_retry_count",
        "hot_plug",
    ]
    for text in files.values():
        assert "诊断Key" in text
        assert serial not in text  # no serial in clear
        assert serial[:4] in text
        assert PIN not in text
        assert SO_PIN not in text
    assert files["diagnostics.txt"] == shown


def test_certificate_export_writes_the_public_certificate(
    qtbot, start_window, vkeys: VkeyWorld, test_ca: MiniCa, tmp_path: Path
) -> None:
    serial = make_key(vkeys, test_ca, "导出Key")
    window = start_window()
    _loaded(qtbot, window, serial)
    key = next(c.key for c in window.home.cards.values() if c.key.serial == serial)
    window.certificates.select_key(key)
    cert = window.certificates.selected()
    assert cert is not None
    assert window.certificates.details.fields["subject"].text() == "张三"
    window.certificates.export(cert, tmp_path / "张三.pem")
    exported = x509.load_pem_x509_certificate((tmp_path / "张三.pem").read_bytes())
    assert format(exported.serial_number, "X") == cert.serial
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically, no leftovers


def test_the_file_dialog_speaks_chinese_under_zh_cn(qtbot, zh_cn) -> None:  # type: ignore[no-untyped-def]
    """Qt's own texts: qtbase_zh_CN.qm plus the few it leaves in English (gui/i18n.py)."""
    for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
        dialog = QFileDialog(None, "打开", str(Path.home()), "PDF (*.pdf)")
        qtbot.addWidget(dialog)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's widgets, as on Linux
        dialog.setAcceptMode(mode)
        dialog.show()
        texts = [w.text() for w in dialog.findChildren(QLabel)]
        texts += [w.text() for w in dialog.findChildren(QAbstractButton)]
        texts += [w.toolTip() for w in dialog.findChildren(QAbstractButton)]
        shown = [t for t in texts if t]
        assert "查找范围(&L)：" in shown
        assert "文件类型(&T)：" in shown
        assert "文件名称(&N)：" in shown
        english = [t for t in shown if re.search(r"[A-Za-z]{3,}", t)]
        assert english == [], english
        dialog.close()
