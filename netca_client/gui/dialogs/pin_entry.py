"""PinEntryDialog: asks for the PIN, shows tries left, makes the final try a deliberate act."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from netca_client.core.token import PinStatus
from netca_client.gui.dialogs.parts import error_line, final_try_box
from netca_client.gui.error_text import tries_left_text


class PinEntryDialog(QDialog):
    """Collects a PIN before a job runs; the job gets it as an argument (ARCHITECTURE.md)."""

    def __init__(
        self, *, key_label: str, status: PinStatus | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Enter PIN"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Enter the PIN of key “{label}”.").format(label=key_label)))
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setPlaceholderText(self.tr("PIN"))
        layout.addWidget(self.pin_edit)
        self.tries_label = QLabel()
        self.tries_label.setObjectName("hint")
        layout.addWidget(self.tries_label)
        self.error_label = error_line()
        layout.addWidget(self.error_label)
        self.final_try_box = final_try_box()
        layout.addWidget(self.final_try_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.pin_edit.textChanged.connect(self._update_ok)
        self.final_try_box.toggled.connect(self._update_ok)
        self.set_status(status)

    @property
    def final_try(self) -> bool:
        """True when the dialog asked for (and got) the final-try confirmation."""
        return not self.final_try_box.isHidden()

    def set_status(self, status: PinStatus | None) -> None:
        tries = status.tries_left if status else None
        self.tries_label.setText(tries_left_text(tries))
        final = bool(status and status.final_try)
        self.final_try_box.setVisible(final)
        self.final_try_box.setChecked(False)
        self._update_ok()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self.pin_edit.clear()
        self.pin_edit.setFocus()

    def pin(self) -> str:
        return self.pin_edit.text()

    def _update_ok(self) -> None:
        ready = bool(self.pin_edit.text()) and (
            self.final_try_box.isHidden() or self.final_try_box.isChecked()
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(ready)


class PinLockedDialog(QDialog):
    """Says the key is locked and offers 忘记密码 (forgot PIN) as the way out."""

    def __init__(self, *, key_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Key locked"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "The PIN of key “{label}” is locked after too many wrong tries.\n"
                "Unlock it with Forgot PIN: an SMS code goes to your organisation's handler."
            ).format(label=key_label)
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.buttons = QDialogButtonBox()
        self.forgot_button = self.buttons.addButton(
            self.tr("Forgot PIN"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.forgot_button.setObjectName("primary")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
