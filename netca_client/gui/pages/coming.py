"""Entry points whose flows arrive later (PDF签章, 验证): present, and honest about it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from netca_client.gui.later import later_button


class ComingLaterPage(QWidget):
    def __init__(
        self, *, title: str, description: str, actions: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        text = QLabel(description)
        text.setWordWrap(True)
        layout.addWidget(text)
        note = QLabel(self.tr("This part of netca-client arrives in a later version."))
        note.setObjectName("hint")
        layout.addWidget(note)
        for action in actions:
            layout.addWidget(later_button(action), 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch()
