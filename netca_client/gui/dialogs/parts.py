"""Pieces the PIN dialogs and wizards share: the error line, the final-try confirmation and the
live PIN policy checklist."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from netca_client.core.token import pin_policy_problems
from netca_client.gui.error_text import policy_rules


def error_line() -> QLabel:
    """A red, wrapping line, hidden until there is something to say."""
    label = QLabel()
    label.setObjectName("error")
    label.setWordWrap(True)
    label.hide()
    return label


def final_try_box() -> QCheckBox:
    """Ticked by the user before the final try may be spent; hidden otherwise."""
    box = QCheckBox(
        QCoreApplication.translate(
            "PinDialog", "I understand: this is the final try, one more wrong PIN locks the key."
        )
    )
    box.hide()
    return box


def _mark(label: QLabel, ok: bool) -> None:
    label.setObjectName("policyOk" if ok else "policyBad")
    label.setText(("✓ " if ok else "✗ ") + label.text().lstrip("✓✗ "))
    label.style().unpolish(label)
    label.style().polish(label)


class PinPolicyChecklist(QWidget):
    """One ✓/✗ line per PIN rule plus "both match", ticked as the user types."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.rule_labels: dict[str, QLabel] = {}
        for code, text in policy_rules():
            label = QLabel(text)
            self.rule_labels[code] = label
            layout.addWidget(label)
        self.match_label = QLabel(self.tr("Both new PINs match"))
        layout.addWidget(self.match_label)
        self.check("", "")

    def check(self, new_pin: str, repeat: str, *, old_pin: str | None = None) -> bool:
        """Tick the lines for ``new_pin``; True when it meets every rule and both match."""
        if new_pin:
            problems = set(pin_policy_problems(new_pin, old_pin=old_pin))
        else:
            problems = set(self.rule_labels)
        for code, label in self.rule_labels.items():
            _mark(label, code not in problems)
        matches = bool(new_pin) and new_pin == repeat
        _mark(self.match_label, matches)
        return not problems and matches
