"""PIN flows: collect the PIN in a dialog first, then run the job on the token thread.

Dialogs are opened window-modal with open(), never exec(): the GUI thread keeps
running and a worker never waits for a dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from netca_client.core import errors
from netca_client.core.token import KeyRef, PinStatus
from netca_client.gui.dialogs.pin_change import PinChangeDialog
from netca_client.gui.dialogs.pin_entry import PinEntryDialog, PinLockedDialog
from netca_client.gui.error_text import error_text
from netca_client.gui.job_bridge import JobBridge, show_text
from netca_client.gui.key_service import KeyService
from netca_client.gui.pages.home import key_display_name

if TYPE_CHECKING:
    from netca_client.core.token import TokenLibrary


class PinFlows(QObject):
    """Verify PIN and change PIN, with tries left, final-try confirmation and the locked case."""

    message = Signal(str)
    dialog_opened = Signal(object)  # the QDialog, for tests and screenshots
    forgot_requested = Signal(object)  # KeyRef: the locked-key dialog's 忘记密码

    def __init__(self, service: KeyService, parent: QWidget) -> None:
        super().__init__(parent)
        self._service = service
        self._parent = parent
        self._jobs = JobBridge(self)
        self.dialog: QDialog | None = None

    def _status(self, key: KeyRef) -> PinStatus | None:
        snapshot = self._service.snapshots.get(key.identity)
        return snapshot.pin if snapshot else None

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.open()
        self.dialog_opened.emit(dialog)

    def _locked(self, key: KeyRef) -> None:
        dialog = PinLockedDialog(key_label=key_display_name(key), parent=self._parent)
        dialog.accepted.connect(lambda: self.forgot_requested.emit(key))
        self._open(dialog)

    # --- verify ------------------------------------------------------------------

    def verify_pin(self, key: KeyRef) -> None:
        status = self._status(key)
        if status is not None and status.locked:
            self._locked(key)
            return
        dialog = PinEntryDialog(key_label=key_display_name(key), status=status, parent=self._parent)
        dialog.accepted.connect(lambda: self._run_verify(key, dialog))
        self._open(dialog)

    def _run_verify(self, key: KeyRef, dialog: PinEntryDialog) -> None:
        pin, final = dialog.pin(), dialog.final_try

        def job(library: TokenLibrary) -> None:
            with library.open(key) as session:
                session.login(pin, allow_final_try=final)

        self._jobs.on_key(
            self._service.library,
            job,
            key=key,
            done=lambda _: self._done(key, self.tr("The PIN is correct.")),
            failed=lambda error: self._failed(key, error, retry=self.verify_pin),
        )

    # --- change ------------------------------------------------------------------

    def change_pin(self, key: KeyRef) -> None:
        status = self._status(key)
        if status is not None and status.locked:
            self._locked(key)
            return
        dialog = PinChangeDialog(
            key_label=key_display_name(key), status=status, parent=self._parent
        )
        dialog.accepted.connect(lambda: self._run_change(key, dialog))
        self._open(dialog)

    def _run_change(self, key: KeyRef, dialog: PinChangeDialog) -> None:
        (old, new), final = dialog.pins(), not dialog.final_try_box.isHidden()

        def job(library: TokenLibrary) -> None:
            with library.open(key, rw=True) as session:
                session.change_pin(old, new, allow_final_try=final)

        self._jobs.on_key(
            self._service.library,
            job,
            key=key,
            done=lambda _: self._done(key, self.tr("The PIN was changed.")),
            failed=lambda error: self._failed(key, error, retry=self.change_pin),
        )

    # --- outcomes ----------------------------------------------------------------

    def _done(self, key: KeyRef, text: str) -> None:
        self._service.refresh(key)
        self.message.emit(text)

    def _failed(
        self, key: KeyRef, error: errors.NetcaError, *, retry: Callable[[KeyRef], None]
    ) -> None:
        self._service.refresh(key)
        if isinstance(error, errors.PinLocked) or (
            isinstance(error, errors.PinIncorrect) and error.tries_left == 0
        ):
            self.message.emit(error_text(error))
            self._locked(key)
            return
        if isinstance(error, errors.PinIncorrect | errors.PinPolicyViolation):
            # Ask again with the key's new count; the snapshot refresh is queued before this.
            self._jobs.on_key(
                self._service.library,
                lambda library: _pin_status(library, key),
                key=key,
                done=lambda status: self._retry(key, status, error_text(error), retry),
                failed=show_text(self.message.emit),
            )
            return
        self.message.emit(error_text(error))

    def _retry(
        self, key: KeyRef, status: PinStatus, text: str, retry: Callable[[KeyRef], None]
    ) -> None:
        retry(key)
        dialog = self.dialog
        if isinstance(dialog, PinEntryDialog | PinChangeDialog):
            dialog.set_status(status)
            dialog.show_error(text)


def _pin_status(library: TokenLibrary, key: KeyRef) -> PinStatus:
    with library.open(key) as session:
        return session.pin_status()
