"""设置 → 网页登录: the switch, the sites remembered, the administrator's entries read-only."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from netca_client.core.config import load_config
from netca_client.core.weblogin.origins import OriginDecision
from netca_client.gui.pages.web_settings import WebBridgeBox
from tests.support.vkey import VkeyWorld
from tests.web.conftest import Client


def test_the_box_shows_the_lists_and_the_switch_stops_the_service(
    start_client: Any, vkeys: VkeyWorld, isolated_settings: Path, qtbot: Any
) -> None:
    (isolated_settings / "admin-web-origins.toml").write_text(
        'allow = ["https://zcy.example.gov.cn"]\n'
    )
    client: Client = start_client(vkeys.module)
    box = client.window.settings.findChild(WebBridgeBox)
    assert box is not None
    assert f"127.0.0.1:{client.port}" in box.state.text()
    client.window.web.load_policy().set("https://old.example", OriginDecision.DENY)
    box.refresh()
    rows = [[box.table.item(r, c).text() for c in range(3)] for r in range(box.table.rowCount())]
    assert rows == [
        ["https://zcy.example.gov.cn", "已允许", "管理员"],
        ["https://old.example", "已拒绝", "您"],
    ]
    managed = box.table.item(0, 0)
    assert not managed.flags() & Qt.ItemFlag.ItemIsSelectable
    # The holder cannot change the administrator's entry, and can forget their own.
    box.new_origin.setText("https://zcy.example.gov.cn")
    box.deny_button.click()
    assert not box.message.isHidden()
    assert "管理员" in box.message.text()
    assert box.table.item(0, 1).text() == "已允许"
    box.table.selectRow(1)
    assert box.new_origin.text() == "https://old.example"
    box.forget_button.click()
    assert box.table.rowCount() == 1
    # Off: the port is closed at once and the settings file says so.
    port = client.port
    box.switch.setChecked(False)
    assert client.window.web.server is None
    assert "关闭" in box.state.text()
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0
    assert load_config().web_bridge is False
