"""Desktop integration: one client per user (a second launch raises the first window), start
at login, and the update offer. GUI thread; HTTP runs on the window's pool.

Updates follow core/updates.py: the manifest is checked (signature, version) before anything
is shown; the file is downloaded only when the holder clicks 下载, kept only when its SHA-256
matches, and opened (the installer runs) only when the holder clicks 安装.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netca_client.core import updates
from netca_client.core.errors import NetcaError
from netca_client.core.platform_paths import Autostart, instance_name, updates_dir
from netca_client.gui.job_bridge import JobBridge

RAISE_MESSAGE = b"raise\n"
translate = QCoreApplication.translate


class SingleInstance(QObject):
    """The first client listens on a per-user local socket; a later one tells it to come to
    the front and exits. A socket left by a crashed client is taken over."""

    raise_requested = Signal()

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or instance_name()
        self.server: QLocalServer | None = None

    def notify_running(self, timeout_ms: int = 1000) -> bool:
        """True when a client already runs (and was asked to raise its window)."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(RAISE_MESSAGE)
        socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return True

    def listen(self) -> bool:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # nobody answered notify_running(): a stale socket file of a crashed client
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                return False
        server.newConnection.connect(self._on_server_new_connection)
        self.server = server
        return True

    def _on_server_new_connection(self) -> None:
        assert self.server is not None
        socket = self.server.nextPendingConnection()
        if socket is None:
            return
        # a second launch writes one short line right after connecting: read it here (at
        # most a moment) rather than keep a half-open socket and its callbacks around
        arrived = socket.bytesAvailable() > 0 or socket.waitForReadyRead(1000)
        if arrived and bytes(socket.readAll().data()).startswith(RAISE_MESSAGE.strip()):
            self.raise_requested.emit()
        socket.disconnectFromServer()
        socket.deleteLater()


def refused_text(error: NetcaError) -> str:
    """What the holder reads when an update is not offered or not kept."""
    if not isinstance(error, updates.UpdateRefused):
        return translate("Desktop", "Could not check for updates: {error}").format(error=error)
    texts = {
        "insecure-url": translate(
            "Desktop", "The update address is not HTTPS; nothing was fetched."
        ),
        "transport": translate(
            "Desktop", "The update server could not be reached safely: {detail}"
        ),
        "format": translate(
            "Desktop", "The release list is not valid ({detail}); nothing is offered."
        ),
        "signature": translate(
            "Desktop",
            "The release list is not signed by the netca-client release key. "
            "Nothing is offered: it may have been tampered with.",
        ),
        "product": translate(
            "Desktop", "The release list is for another product; nothing is offered."
        ),
        "downgrade": translate(
            "Desktop",
            "The release list offers version {offered}, older than the installed {current}. "
            "Going back is refused.",
        ),
        "size": translate(
            "Desktop", "The downloaded file has the wrong size ({detail}); it was deleted."
        ),
        "hash": translate(
            "Desktop",
            "The downloaded file does not match the signed release list (SHA-256); "
            "it was deleted and will not be opened.",
        ),
    }
    text = texts.get(error.reason) or translate("Desktop", "Update refused: {detail}")
    return text.format(detail=error.detail, **error.data)


class UpdateOfferDialog(QDialog):
    """A newer, signed release: download on click, check, then open the installer on click."""

    def __init__(
        self,
        offer: updates.UpdateOffer,
        pool: ThreadPoolExecutor,
        *,
        language: str = "zh_CN",
        directory: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.offer = offer
        self.directory = directory or updates_dir()
        self.downloaded: Path | None = None
        self._pool = pool
        self._bridge = JobBridge(self)
        self.setWindowTitle(self.tr("Update available"))
        layout = QVBoxLayout(self)
        self.heading = heading = QLabel(
            self.tr("netca-client {version} is available (you have {current}).").format(
                version=offer.release.version, current=offer.current
            )
        )
        heading.setObjectName("pageTitle")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        notes = offer.release.notes.get(language) or offer.release.notes.get("en") or ""
        self.notes = QLabel(notes)
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)
        self.details = QLabel(
            self.tr(
                "File: {name}, {size:.1f} MB. The release list is signed; the file is checked "
                "against its SHA-256 before it can be opened. Nothing is installed until you "
                "click Install."
            ).format(name=offer.file.name, size=offer.file.size / 1e6)
        )
        self.details.setObjectName("hint")
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.download_button = QPushButton(self.tr("Download"))
        self.download_button.setObjectName("primary")
        self.install_button = QPushButton(self.tr("Install"))
        self.install_button.setEnabled(False)
        self.later_button = QPushButton(self.tr("Later"))
        buttons.addButton(self.download_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.install_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        self.download_button.clicked.connect(self._on_download_clicked)
        self.install_button.clicked.connect(self._on_install_clicked)
        self.later_button.clicked.connect(self.reject)

    def _on_download_clicked(self) -> None:
        self.download_button.setEnabled(False)
        self.status.setText(self.tr("Downloading and checking…"))
        offer, directory = self.offer, self.directory
        self._bridge.on_pool(
            self._pool,
            lambda: updates.download(offer, directory),
            done=self._on_downloaded,
            failed=self._on_download_failed,
        )

    def _on_downloaded(self, path: Path) -> None:
        self.downloaded = path
        self.status.setText(
            self.tr("Downloaded and checked (SHA-256 matches): {path}").format(path=path)
        )
        self.install_button.setEnabled(True)

    def _on_download_failed(self, error: NetcaError) -> None:
        self.status.setText(refused_text(error))
        self.download_button.setEnabled(True)

    def _on_install_clicked(self) -> None:
        if self.downloaded is not None:
            # the system opens it: the installer, the disk image, or the package manager
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.downloaded)))
            self.accept()


class DesktopOptionsBox(QGroupBox):
    """设置 → 桌面: start at login, and check for updates now."""

    offer_found = Signal(object)

    def __init__(
        self,
        source: updates.UpdateSource | None,
        pool: ThreadPoolExecutor,
        *,
        autostart: Autostart | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Desktop"))
        self.source = source
        self.autostart = autostart or Autostart()
        self._pool = pool
        self._bridge = JobBridge(self)
        layout = QVBoxLayout(self)
        self.autostart_box = QCheckBox(self.tr("Start netca-client when I log in"))
        self.autostart_box.setChecked(self.autostart.enabled())
        self.autostart_box.setToolTip(self.autostart.location)
        self.autostart_box.toggled.connect(self._on_autostart_toggled)
        layout.addWidget(self.autostart_box)
        row = QHBoxLayout()
        self.check_button = QPushButton(self.tr("Check for updates"))
        self.check_button.clicked.connect(self.check_now)
        row.addWidget(self.check_button)
        self.update_status = QLabel()
        self.update_status.setObjectName("hint")
        self.update_status.setWordWrap(True)
        row.addWidget(self.update_status, 1)
        layout.addLayout(row)
        if source is None:
            self.check_button.setEnabled(False)
            self.update_status.setText(
                self.tr("Update check is off: no release list is configured.")
            )

    def _on_autostart_toggled(self, on: bool) -> None:
        try:
            if on:
                self.autostart.enable()
            else:
                self.autostart.disable()
        except OSError as exc:
            self.update_status.setText(
                self.tr("Could not change start at login: {error}").format(error=exc)
            )

    def check_now(self) -> None:
        if self.source is None:
            return
        source = self.source
        self.check_button.setEnabled(False)
        self.update_status.setText(self.tr("Checking…"))
        self._bridge.on_pool(
            self._pool,
            lambda: updates.check(source),
            done=self._on_checked,
            failed=self._on_check_failed,
        )

    def _on_checked(self, offer: updates.UpdateOffer | None) -> None:
        self.check_button.setEnabled(True)
        if offer is None:
            self.update_status.setText(self.tr("netca-client is up to date."))
            return
        self.update_status.setText(
            self.tr("Version {version} is available.").format(version=offer.release.version)
        )
        self.offer_found.emit(offer)

    def _on_check_failed(self, error: NetcaError) -> None:
        self.check_button.setEnabled(True)
        self.update_status.setText(refused_text(error))
