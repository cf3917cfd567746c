"""The web bridge in the desktop client: the loopback service's dialogs (consent, PIN) and
its life (on with the client, off with the switch in 设置).

WebBridgeHost answers the bridge thread's questions on the GUI thread: the bridge calls its
methods from its own thread, they only emit queued signals; the dialogs open with open(),
and a dialog's outcome completes the bridge's Future. Nothing here blocks either thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QWidget

from netca_client.core.config import ClientConfig, config_path
from netca_client.core.errors import ConfigError, NetcaError
from netca_client.core.token import KeyRef, PinStatus
from netca_client.core.weblogin.origins import ConsentAnswer, OriginPolicy, user_origins_path
from netca_client.gui.dialogs.web_consent import WebConsentDialog
from netca_client.gui.dialogs.web_sign import WebSignDialog
from netca_client.gui.error_text import error_text
from netca_client.gui.key_service import KeyService
from netca_client.web.host import PinAnswer, SignPrompt
from netca_client.web.ports import DEFAULT_PORT, FALLBACK_PORTS

if TYPE_CHECKING:
    from netca_client.web.server import BridgeServer

log = logging.getLogger(__name__)

PageOpener = Callable[[KeyRef], None]


def _resolve(future: Future[object], value: object) -> None:
    if not future.done():
        future.set_result(value)


class WebBridgeHost(QObject):
    """BridgeHost on the GUI thread (web/host.py)."""

    consent_opened = Signal(object)  # WebConsentDialog, for tests and screenshots
    sign_opened = Signal(object)  # WebSignDialog
    page_opened = Signal(str, object)  # page, KeyRef
    _consent_wanted = Signal(str, object)
    _pin_wanted = Signal(object, object, object, object)
    _page_wanted = Signal(str, object, object)
    _used = Signal(object)

    def __init__(self, service: KeyService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._parent = parent
        #: the client's pages a site may open, by name (web/messages.Page); MainWindow fills it
        self.pages: dict[str, PageOpener] = {}
        self.consent_dialogs: dict[str, WebConsentDialog] = {}
        self.sign_dialog: WebSignDialog | None = None
        queued = Qt.ConnectionType.QueuedConnection
        self._consent_wanted.connect(self._open_consent, queued)
        self._pin_wanted.connect(self._open_sign, queued)
        self._page_wanted.connect(self._open_page, queued)
        self._used.connect(self._refresh, queued)
        service.key_removed.connect(self._on_key_removed)

    # --- BridgeHost: called on the bridge thread ---------------------------------------------

    def ask_consent(self, origin: str) -> Future[ConsentAnswer]:
        future: Future[ConsentAnswer] = Future()
        self._consent_wanted.emit(origin, future)
        return future

    def ask_pin(
        self, prompt: SignPrompt, *, status: PinStatus | None, error: NetcaError | None
    ) -> Future[PinAnswer | None]:
        future: Future[PinAnswer | None] = Future()
        self._pin_wanted.emit(prompt, status, error, future)
        return future

    def open_page(self, page: str, key: KeyRef) -> Future[bool]:
        future: Future[bool] = Future()
        self._page_wanted.emit(page, key, future)
        return future

    def key_used(self, key: KeyRef) -> None:
        self._used.emit(key)

    # --- on the GUI thread ----------------------------------------------------------------

    @Slot(str, object)
    def _open_consent(self, origin: str, future: Future[ConsentAnswer]) -> None:
        dialog = WebConsentDialog(origin, self._parent)
        self.consent_dialogs[origin] = dialog

        def finished(_: int) -> None:
            self.consent_dialogs.pop(origin, None)
            _resolve(future, dialog.answer)  # type: ignore[arg-type]
            dialog.deleteLater()

        dialog.finished.connect(finished)
        _show(dialog)
        self.consent_opened.emit(dialog)

    @Slot(object, object, object, object)
    def _open_sign(
        self,
        prompt: SignPrompt,
        status: PinStatus | None,
        error: NetcaError | None,
        future: Future[PinAnswer | None],
    ) -> None:
        dialog = WebSignDialog(prompt, status=status, parent=self._parent)
        if error is not None:
            dialog.show_error(error_text(error))
        self.sign_dialog = dialog

        def finished(result: int) -> None:
            if self.sign_dialog is dialog:
                self.sign_dialog = None
            if result == QDialog.DialogCode.Accepted:
                _resolve(future, PinAnswer(dialog.pin(), dialog.final_try))  # type: ignore[arg-type]
            else:
                _resolve(future, None)  # type: ignore[arg-type]
            dialog.pin_edit.clear()
            dialog.deleteLater()

        dialog.finished.connect(finished)
        _show(dialog)
        self.sign_opened.emit(dialog)

    @Slot(str, object, object)
    def _open_page(self, page: str, key: KeyRef, future: Future[bool]) -> None:
        opener = self.pages.get(page)
        if opener is None:
            _resolve(future, False)  # type: ignore[arg-type]
            return
        opener(key)
        _resolve(future, True)  # type: ignore[arg-type]
        self.page_opened.emit(page, key)

    @Slot(object)
    def _refresh(self, key: KeyRef) -> None:
        if key.identity in self._service.snapshots:
            self._service.refresh(key)

    def _on_key_removed(self, key: KeyRef) -> None:
        """The key of the open PIN dialog went away: close it (the page is told why)."""
        dialog = self.sign_dialog
        if dialog is not None and dialog.prompt.key.identity == key.identity:
            dialog.reject()


def _show(dialog: QDialog) -> None:
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.open()
    dialog.raise_()
    dialog.activateWindow()


class WebBridge(QObject):
    """Owns the BridgeServer: started with the client when 设置 has it on."""

    state_changed = Signal()

    def __init__(
        self,
        service: KeyService,
        config: ClientConfig,
        *,
        parent: QWidget | None = None,
        origins_file: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.config = config
        self.host = WebBridgeHost(service, parent)
        self.origins_file = origins_file or user_origins_path(config_path().parent)
        self.policy: OriginPolicy | None = None
        self.server: BridgeServer | None = None
        self.error: str | None = None
        service.key_inserted.connect(lambda key: self._tell("key_inserted", key))
        service.key_removed.connect(lambda key: self._tell("key_removed", key))

    def load_policy(self) -> OriginPolicy:
        if self.policy is None:
            self.policy = OriginPolicy(
                user_file=self.origins_file,
                allow_http_loopback=self.config.web_allow_http_loopback,
            )
        return self.policy

    @property
    def ports(self) -> Sequence[int]:
        port = self.config.web_bridge_port
        if port == DEFAULT_PORT:
            return (DEFAULT_PORT, *FALLBACK_PORTS)
        return (port,)

    def start(self, ports: Sequence[int] | None = None) -> int | None:
        """Listen (on the configured ports); the port, or None when it could not."""
        if self.server is not None:
            return self.server.port
        # websockets and pydantic load when the service starts, not with the window
        from netca_client.web.server import BridgeServer, BridgeUnavailable

        try:
            policy = self.load_policy()
            server = BridgeServer(
                host=self.host,
                policy=policy,
                library=lambda: self.service.library,
                trust=lambda: self.service.trust,
                ports=ports or self.ports,
            )
            port = server.start()
        except (BridgeUnavailable, ConfigError) as exc:
            log.warning("web bridge not started: %s", exc)
            self.error = str(exc)
            self.state_changed.emit()
            return None
        self.server, self.error = server, None
        self.state_changed.emit()
        return port

    def stop(self) -> None:
        server, self.server = self.server, None
        if server is not None:
            server.stop()
        self.state_changed.emit()

    def _tell(self, event: str, key: KeyRef) -> None:
        if self.server is not None:
            self.server.key_event(event, key)
