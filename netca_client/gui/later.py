"""Actions that arrive in a later version: visible, clearly marked, never silently dead."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

translate = QCoreApplication.translate


def later_button(text: str, parent: QWidget | None = None) -> QPushButton:
    """A button for a flow not built yet: dashed, labelled, and it explains itself when clicked."""
    button = QPushButton(text + " · " + translate("Later", "later version"), parent)
    button.setObjectName("later")
    button.setToolTip(translate("Later", "Coming in a later version of netca-client."))
    button.clicked.connect(lambda: show_later(button, text))
    return button


def show_later(parent: QWidget, feature: str) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Information,
        feature,
        translate(
            "Later",
            "“{feature}” is coming in a later version. Until then, please use an acceptance point (受理点).",  # noqa: E501
        ).format(feature=feature),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("laterMessage")
    box.open()
    return box
