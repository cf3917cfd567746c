"""PinChangeDialog: old PIN, new PIN twice, with the PIN policy checked inline as the user types."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from netca_client.core.token import PinStatus, pin_policy_problems
from netca_client.gui.dialogs.parts import PinPolicyChecklist, error_line, final_try_box
from netca_client.gui.error_text import tries_left_text


def pin_edit() -> QLineEdit:
    """A PIN field: the PIN is never shown."""
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class PinChangeDialog(QDialog):
    """Collects old and new PIN. OK stays disabled until the new PIN meets every rule."""

    def __init__(
        self, *, key_label: str, status: PinStatus | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change PIN"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Change the PIN of key “{label}”.").format(label=key_label))
        )
        form = QFormLayout()
        self.old_edit = pin_edit()
        self.new_edit = pin_edit()
        self.repeat_edit = pin_edit()
        form.addRow(self.tr("Current PIN"), self.old_edit)
        form.addRow(self.tr("New PIN"), self.new_edit)
        form.addRow(self.tr("Repeat new PIN"), self.repeat_edit)
        layout.addLayout(form)
        self.tries_label = QLabel()
        self.tries_label.setObjectName("hint")
        layout.addWidget(self.tries_label)
        self.checklist = PinPolicyChecklist()
        self.rule_labels = self.checklist.rule_labels
        self.match_label = self.checklist.match_label
        layout.addWidget(self.checklist)
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
        for edit in (self.old_edit, self.new_edit, self.repeat_edit):
            edit.textChanged.connect(self._update)
        self.final_try_box.toggled.connect(self._update)
        self.set_status(status)

    def set_status(self, status: PinStatus | None) -> None:
        self.tries_label.setText(tries_left_text(status.tries_left if status else None))
        self.final_try_box.setVisible(bool(status and status.final_try))
        self._update()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def problems(self) -> tuple[str, ...]:
        return pin_policy_problems(self.new_edit.text(), old_pin=self.old_edit.text() or None)

    def pins(self) -> tuple[str, str]:
        return self.old_edit.text(), self.new_edit.text()

    def _update(self) -> None:
        meets = self.checklist.check(
            self.new_edit.text(), self.repeat_edit.text(), old_pin=self.old_edit.text() or None
        )
        confirmed = self.final_try_box.isHidden() or self.final_try_box.isChecked()
        ready = bool(self.old_edit.text()) and meets and confirmed
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)
