"""Web bridge fixtures: the real main window on vkey keys, its bridge on a port of its own,
its settings and origin files in the test's directory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from netca_client.core.config import ClientConfig
from netca_client.core.seals import load_seal_trust
from netca_client.gui.key_service import KeyService
from netca_client.gui.main_window import MainWindow
from netca_client.gui.tray import KeyTrayIcon
from tests.gui.conftest import PIN, make_key, vkeys, zh_cn
from tests.support.pki import MiniCa
from tests.support.vkey import VkeyWorld

__all__ = ["PIN", "make_key", "vkeys", "zh_cn"]

ORIGIN = "https://rp.example"


@dataclass
class Client:
    window: MainWindow
    port: int
    config_dir: Path

    @property
    def host(self) -> Any:
        return self.window.web.host

    @property
    def server(self) -> Any:
        return self.window.web.server


@pytest.fixture
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings, remembered origins and the administrator's list in this test's directory."""
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    monkeypatch.setenv("NETCA_CONFIG", str(config_dir / "config.toml"))
    monkeypatch.setenv("NETCA_WEB_ADMIN_ORIGINS", str(config_dir / "admin-web-origins.toml"))
    return config_dir


@pytest.fixture
def start_client(
    qtbot: Any, zh_cn: None, isolated_settings: Path
) -> Iterator[Callable[..., Client]]:
    """The window on ``module`` with the bridge listening on a free port of its own."""
    started: list[Client] = []

    def start(module: str, *, trust_files: tuple[Path, ...] = (), **config: Any) -> Client:
        trust = load_seal_trust(extra_files=list(trust_files))
        service = KeyService(module, poll_interval=0.3, trust=trust)
        window = MainWindow(service, ClientConfig(**config), tray=KeyTrayIcon())
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(service.library_loaded, timeout=10000):
            service.start()
        port = window.web.start(ports=(0,))
        assert port, window.web.error
        client = Client(window, port, isolated_settings)
        started.append(client)
        return client

    yield start
    for client in started:
        client.window.web.stop()
        client.window.service.stop()


@pytest.fixture
def keyed_client(
    start_client: Callable[..., Client], vkeys: VkeyWorld, test_ca: MiniCa, qtbot: Any
) -> tuple[Client, str]:
    """A client with one plugged vkey key holding 张三's certificate; (client, serial)."""
    serial = make_key(vkeys, test_ca, "web-key")
    client = start_client(vkeys.module)
    qtbot.waitUntil(lambda: len(client.window.service.snapshots) == 1, timeout=10000)
    return client, serial
