"""The tray icon: key inserted/removed and expiry notifications, each opening the right page."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from netca_client.gui.icons import app_icon


class KeyTrayIcon(QSystemTrayIcon):
    page_requested = Signal(str)
    quit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(app_icon(), parent)
        self.setToolTip("netca-client")
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        for page, text in (
            ("home", self.tr("Open netca-client")),
            ("certificates", self.tr("My certificates")),
            ("seals", self.tr("My seals")),
        ):
            action = QAction(text, self.menu)
            action.triggered.connect(lambda checked=False, p=page: self.page_requested.emit(p))
            self.menu.addAction(action)
        self.menu.addSeparator()
        quit_action = QAction(self.tr("Quit"), self.menu)
        quit_action.triggered.connect(self.quit_requested.emit)
        self.menu.addAction(quit_action)
        self.setContextMenu(self.menu)
        self._target = "home"
        self.messageClicked.connect(lambda: self.page_requested.emit(self._target))
        self.activated.connect(self._on_activated)
        self.notifications: list[tuple[str, str, str]] = []  # (title, text, page), newest last

    def notify(self, title: str, text: str, *, page: str) -> None:
        """Show a notification; clicking it opens ``page``."""
        self._target = page
        self.notifications.append((title, text, page))
        if self.isVisible():
            self.showMessage(title, text, self.icon(), 8000)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.page_requested.emit("home")
