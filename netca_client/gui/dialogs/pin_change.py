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
from netca_client.gui.dialogs.parts import error_line, final_try_box
from netca_client.gui.error_text import policy_rules, tries_left_text


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
        self.old_edit = self._pin_edit()
        self.new_edit = self._pin_edit()
        self.repeat_edit = self._pin_edit()
        form.addRow(self.tr("Current PIN"), self.old_edit)
        form.addRow(self.tr("New PIN"), self.new_edit)
        form.addRow(self.tr("Repeat new PIN"), self.repeat_edit)
        layout.addLayout(form)
        self.tries_label = QLabel()
        self.tries_label.setObjectName("hint")
        layout.addWidget(self.tries_label)
        self.rule_labels: dict[str, QLabel] = {}
        for code, text in policy_rules():
            label = QLabel(text)
            self.rule_labels[code] = label
            layout.addWidget(label)
        self.match_label = QLabel(self.tr("Both new PINs match"))
        layout.addWidget(self.match_label)
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

    def _pin_edit(self) -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

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
        problems = set(self.problems()) if self.new_edit.text() else {c for c in self.rule_labels}
        for code, label in self.rule_labels.items():
            ok = code not in problems
            label.setObjectName("policyOk" if ok else "policyBad")
            label.setText(("✓ " if ok else "✗ ") + label.text().lstrip("✓✗ "))
            label.style().unpolish(label)
            label.style().polish(label)
        matches = bool(self.new_edit.text()) and self.new_edit.text() == self.repeat_edit.text()
        self.match_label.setObjectName("policyOk" if matches else "policyBad")
        self.match_label.setText(
            ("✓ " if matches else "✗ ") + self.match_label.text().lstrip("✓✗ ")
        )
        self.match_label.style().unpolish(self.match_label)
        self.match_label.style().polish(self.match_label)
        confirmed = self.final_try_box.isHidden() or self.final_try_box.isChecked()
        ready = bool(self.old_edit.text()) and not problems and matches and confirmed
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)
