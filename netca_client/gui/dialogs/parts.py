"""Pieces both PIN dialogs show: the error line and the final-try confirmation."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QLabel


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
