"""设置 → 网页登录: the loopback service's switch, where it listens, and the web sites the user
allowed or refused (the administrator's entries shown, never editable). GUI thread."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netca_client.core.config import save_config
from netca_client.core.errors import ConfigError
from netca_client.core.weblogin.origins import OriginDecision, OriginRefused
from netca_client.gui.pages.settings import SettingsPage
from netca_client.gui.web_bridge import WebBridge


class WebBridgeBox(QGroupBox):
    def __init__(
        self, bridge: WebBridge, *, settings: SettingsPage, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self._settings = settings  # the SettingsPage: its config is the one saved
        self.setTitle(self.tr("Web login"))
        layout = QVBoxLayout(self)
        self.switch = QCheckBox(self.tr("Let web sites I allow use my USB key to log in and sign"))
        self.switch.setChecked(bridge.config.web_bridge)
        self.switch.toggled.connect(self._on_switch_toggled)
        layout.addWidget(self.switch)
        self.state = QLabel()
        self.state.setObjectName("hint")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Web site"), self.tr("Decision"), self.tr("Set by")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 300)
        self.table.setColumnWidth(1, 110)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFixedHeight(130)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.new_origin = QLineEdit()
        self.new_origin.setPlaceholderText("https://")
        row.addWidget(self.new_origin, 1)
        self.allow_button = QPushButton(self.tr("Allow"))
        self.deny_button = QPushButton(self.tr("Refuse"))
        self.forget_button = QPushButton(self.tr("Forget"))
        self.allow_button.clicked.connect(lambda: self._decide(OriginDecision.ALLOW))
        self.deny_button.clicked.connect(lambda: self._decide(OriginDecision.DENY))
        self.forget_button.clicked.connect(lambda: self._decide(OriginDecision.ASK))
        for button in (self.allow_button, self.deny_button, self.forget_button):
            row.addWidget(button)
        layout.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.table.itemSelectionChanged.connect(self._on_selection_changed)
        bridge.state_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        server = self.bridge.server
        if server is not None and server.port:
            self.state.setText(
                self.tr("Listening on 127.0.0.1:{port} (this computer only).").format(
                    port=server.port
                )
            )
        elif self.bridge.error:
            self.state.setText(self.tr("Could not start: {error}").format(error=self.bridge.error))
        else:
            self.state.setText(self.tr("Off: web sites cannot reach the key."))
        try:
            entries = self.bridge.load_policy().entries()
        except ConfigError as exc:
            self._say(str(exc))
            entries = []
        texts = {
            OriginDecision.ALLOW: self.tr("Allowed"),
            OriginDecision.DENY: self.tr("Refused"),
        }
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            cells = (
                entry.origin,
                texts.get(entry.decision, ""),
                self.tr("Administrator") if entry.managed else self.tr("You"),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if entry.managed:  # shown, not selectable: the user cannot change it
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, column, item)

    def _on_selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            item = self.table.item(rows[0].row(), 0)
            if item is not None:
                self.new_origin.setText(item.text())

    def _decide(self, decision: OriginDecision) -> None:
        self.message.hide()
        text = self.new_origin.text().strip()
        if not text:
            return
        try:
            policy = self.bridge.load_policy()
            origin = policy.normal(text)
        except OriginRefused:
            self._say(
                self.tr(
                    "Not a web site address this client serves: use https://name "
                    "(or http://localhost in development)."
                )
            )
            return
        except ConfigError as exc:
            self._say(str(exc))
            return
        if policy.managed(origin):
            self._say(self.tr("Your administrator set this web site; it cannot be changed here."))
            return
        try:
            policy.set(origin, decision)
        except (ConfigError, OSError) as exc:
            self._say(self.tr("Could not save the settings: {error}").format(error=exc))
            return
        self.new_origin.clear()
        self.refresh()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _on_switch_toggled(self, on: bool) -> None:
        self.message.hide()
        config = dataclasses.replace(self._settings.config, web_bridge=on)
        self._settings.config = config
        self.bridge.config = config
        if on:
            self.bridge.start()
        else:
            self.bridge.stop()
        try:
            save_config(config)
        except (OSError, ConfigError) as exc:
            self._say(self.tr("Could not save the settings: {error}").format(error=exc))
