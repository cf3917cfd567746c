"""GUI fixtures: the real main window, in zh_CN, watching real vkey keys."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from PySide6.QtWidgets import QApplication

from netca_client.core.config import ClientConfig
from netca_client.gui.i18n import TRANSLATIONS, install_translator
from netca_client.gui.key_service import KeyService
from netca_client.gui.main_window import MainWindow
from netca_client.gui.style import apply_style
from netca_client.gui.tray import KeyTrayIcon
from tests.support.pki import MiniCa
from tests.support.vkey import VkeyWorld

PIN = "Pin-1234"
SO_PIN = "So-Pin-87654321"
ORG = "广州测试科技有限公司"


@pytest.fixture(scope="session")
def zh_cn(qapp: QApplication) -> Iterator[None]:
    """Chinese texts, as a user sees them by default (builds the .qm when make has not)."""
    ts, qm = TRANSLATIONS / "netca_zh_CN.ts", TRANSLATIONS / "netca_zh_CN.qm"
    if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
        tool = Path(sys.executable).with_name("pyside6-lrelease")
        subprocess.run([str(tool), "-silent", str(ts), "-qm", str(qm)], check=True)
    apply_style(qapp)
    translator = install_translator(qapp, "zh_CN")
    assert translator is not None
    yield
    qapp.removeTranslator(translator)


@pytest.fixture
def vkeys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> VkeyWorld:
    world = VkeyWorld.create(tmp_path / "world")
    monkeypatch.setenv("NETCA_VKEY_DIR", str(world.state_dir))
    return world


def make_key(
    world: VkeyWorld,
    ca: MiniCa,
    label: str,
    *,
    cn: str = "张三",
    days: int = 20,
    max_tries: int = 10,
) -> str:
    """A vkey key holding an EC P-256 employee certificate; returns its serial. Left plugged."""
    serial = world.init_token(label, pin=PIN, so_pin=SO_PIN, max_tries=max_tries)
    now = dt.datetime.now(dt.UTC)
    public = world.generate_key_pair(label, pin=PIN, key_type="EC:prime256v1", key_id="01")
    cert = ca.issue(
        public, cn=cn, org=ORG, not_before=now - dt.timedelta(days=5),
        not_after=now + dt.timedelta(days=days, hours=6),
    )  # fmt: skip
    world.write_certificate(label, cert.public_bytes(Encoding.DER), pin=PIN, key_id="01")
    return serial


@pytest.fixture
def start_window(qtbot, zh_cn, vkeys: VkeyWorld) -> Iterator:  # type: ignore[no-untyped-def]
    """Start the real main window on the vkey module; returns it once the module is loaded."""
    services: list[KeyService] = []

    def start() -> MainWindow:
        service = KeyService(vkeys.module, poll_interval=0.3)
        services.append(service)
        window = MainWindow(service, ClientConfig(), tray=KeyTrayIcon())
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(service.library_loaded, timeout=10000):
            service.start()
        return window

    yield start
    for service in services:
        service.stop()
