"""The desktop integration, offscreen: the update offer dialog (download on click, SHA-256
checked, install only then), the 设置 → 桌面 box, and one client per user (a second real
`netca-client` process raises the first window and exits).

NETCA_SCREENSHOTS=docs/screenshots saves the pictures there (zh_CN and en)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from netca_client.core import updates
from netca_client.core.platform_paths import Autostart
from netca_client.gui.desktop import (
    DesktopOptionsBox,
    SingleInstance,
    UpdateOfferDialog,
    refused_text,
)
from netca_client.gui.i18n import TRANSLATIONS, install_translator
from netca_client.gui.style import apply_style
from tests.packaging.release_server import ReleaseServer, release_server, sign_manifest_tool

INSTALLER = b"installer bytes " * 1000
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    executor = ThreadPoolExecutor(max_workers=1)
    yield executor
    executor.shutdown(wait=True)


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    apply_style(qapp)
    translator = install_translator(qapp, request.param)
    if translator is None:
        # English: netca_en.qm asked first, whatever another test's session left installed
        translator = QTranslator(qapp)
        assert translator.load(str(TRANSLATIONS / "netca_en.qm"))
        qapp.installTranslator(translator)
    yield request.param
    qapp.removeTranslator(translator)


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ReleaseServer]:
    with release_server(tmp_path) as running:
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(running.ca_file))
        running.files["/netca-client-0.2.0-setup.exe"] = INSTALLER
        yield running


def offer_from(server: ReleaseServer, *, sha256: str) -> updates.UpdateOffer:
    key = Ed25519PrivateKey.generate()
    url = server.publish_manifest(
        [
            {
                "version": "0.2.0",
                "notes": {
                    "zh_CN": "支持更多 USB Key 型号，修复若干问题。",
                    "en": "More key models.",
                },
                "files": [
                    {
                        "platform": "windows-setup",
                        "url": server.url("/netca-client-0.2.0-setup.exe"),
                        "size": len(INSTALLER),
                        "sha256": sha256,
                    }
                ],
            }
        ],
        key,
    )
    source = updates.UpdateSource(
        url, updates.parse_public_key(sign_manifest_tool().public_key_text(key))
    )
    offer = updates.check(source, current="0.1.0", platform="windows-setup")
    assert offer is not None
    return offer


def picture(widget: QWidget, name: str) -> None:
    target = os.environ.get("NETCA_SCREENSHOTS")
    widget.adjustSize()
    image = widget.grab()
    assert not image.isNull()
    assert image.width() > 200
    if target:
        image.save(str(Path(target) / f"{name}.png"))


def test_the_offer_downloads_on_click_and_only_then_allows_install(
    qtbot, server: ReleaseServer, pool: ThreadPoolExecutor, language: str, tmp_path: Path
) -> None:
    offer = offer_from(server, sha256=hashlib.sha256(INSTALLER).hexdigest())
    dialog = UpdateOfferDialog(offer, pool, language=language, directory=tmp_path / "dl")
    qtbot.addWidget(dialog)
    dialog.show()
    picture(dialog, f"update-offer-{language}")
    assert "0.2.0" in dialog.heading.text()
    assert "0.1.0" in dialog.heading.text()
    assert ("有新版本" if language == "zh_CN" else "is available") in dialog.heading.text()
    assert not dialog.install_button.isEnabled()
    assert not (tmp_path / "dl").exists()  # nothing fetched before the click
    assert server.requests == ["/releases.json"]
    qtbot.mouseClick(dialog.download_button, qtbot_left())
    qtbot.waitUntil(dialog.install_button.isEnabled, timeout=10000)
    assert (tmp_path / "dl" / "netca-client-0.2.0-setup.exe").read_bytes() == INSTALLER
    assert ("一致" if language == "zh_CN" else "matches") in dialog.status.text()
    picture(dialog, f"update-downloaded-{language}")


def test_a_download_with_the_wrong_hash_is_refused_in_the_holders_language(
    qtbot, server: ReleaseServer, pool: ThreadPoolExecutor, language: str, tmp_path: Path
) -> None:
    offer = offer_from(server, sha256="f" * 64)
    dialog = UpdateOfferDialog(offer, pool, language=language, directory=tmp_path / "dl")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.download_button, qtbot_left())
    qtbot.waitUntil(dialog.download_button.isEnabled, timeout=10000)
    assert not dialog.install_button.isEnabled()
    assert list((tmp_path / "dl").iterdir()) == []
    wanted = "不一致" if language == "zh_CN" else "does not match"
    assert wanted in dialog.status.text()
    picture(dialog, f"update-refused-{language}")


def test_refusals_read_in_chinese(qapp: QApplication) -> None:
    translator = install_translator(qapp, "zh_CN")
    try:
        downgrade = updates.UpdateRefused("downgrade", "x", offered="0.0.9", current="0.1.0")
        assert refused_text(downgrade) == (
            "更新列表提供的版本 0.0.9 比已安装的 0.1.0 旧，拒绝降级。"
        )
        assert "签名" in refused_text(updates.UpdateRefused("signature"))
    finally:
        if translator is not None:
            qapp.removeTranslator(translator)


def test_the_desktop_box_sets_autostart_for_this_user_only(
    qtbot, pool: ThreadPoolExecutor, language: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    box = DesktopOptionsBox(None, pool, autostart=Autostart(platform="linux"))
    qtbot.addWidget(box)
    box.show()
    assert not box.check_button.isEnabled()  # no release list configured: the check is off
    box.autostart_box.setChecked(True)
    entry = tmp_path / "config" / "autostart" / "netca-client.desktop"
    text = entry.read_text()
    assert "--minimized" in text
    assert "netca_client.gui.app" in text
    picture(box, f"settings-desktop-{language}")
    box.autostart_box.setChecked(False)
    assert not entry.exists()
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["autostart", "config"]


def test_a_second_launch_raises_the_first_window_and_exits(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    monkeypatch.setenv("NETCA_CONFIG", str(config))
    first = SingleInstance()
    assert not first.notify_running(200)
    assert first.listen()
    env = {**os.environ, "NETCA_CONFIG": str(config), "QT_QPA_PLATFORM": "offscreen"}
    with qtbot.waitSignal(first.raise_requested, timeout=60000):
        second = subprocess.Popen(
            [sys.executable, "-m", "netca_client.gui.app"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    out, _ = second.communicate(timeout=60)
    assert second.returncode == 0
    assert "already running" in out


def test_a_stale_socket_of_a_crashed_client_is_taken_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    monkeypatch.setenv("NETCA_CONFIG", str(tmp_path / "config.toml"))
    name = SingleInstance().name
    crashed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os,sys\n"
            "from PySide6.QtCore import QCoreApplication\n"
            "from PySide6.QtNetwork import QLocalServer\n"
            "app = QCoreApplication([])\n"
            "s = QLocalServer(); assert s.listen(sys.argv[1])\n"
            "os._exit(0)\n",
            name,
        ],
        check=True,
    )
    assert crashed.returncode == 0
    guard = SingleInstance()
    assert not guard.notify_running(200)
    assert guard.listen()


def qtbot_left():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
