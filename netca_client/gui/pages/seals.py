"""我的印章: the seals on each key — picture, name and whether it parses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from netca_client.core.token import KeyRef
from netca_client.core.token.snapshot import KeySnapshot
from netca_client.gui.later import later_button
from netca_client.gui.seal_picture import seal_pixmap


class SealCard(QFrame):
    def __init__(self, key_label: str, seal: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyCard")
        layout = QVBoxLayout(self)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumSize(180, 180)
        pixmap: QPixmap | None = seal_pixmap(seal, 170)
        if pixmap is not None:
            self.picture.setPixmap(pixmap)
        else:
            self.picture.setText(self.tr("(picture cannot be shown)"))
        layout.addWidget(self.picture)
        name = QLabel(getattr(seal, "label", ""))
        name.setObjectName("cardTitle")
        name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(name)
        info = QLabel(self.tr("On key {key}").format(key=key_label))
        info.setObjectName("hint")
        info.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(info)
        parses = bool(getattr(seal, "parses", False))
        state = QLabel(
            self.tr("Seal data is readable") if parses else self.tr("Seal data is damaged")
        )
        state.setObjectName("statusOk" if parses else "statusBad")
        state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(state)


class SealsPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("My seals"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        actions = QHBoxLayout()
        for text in (
            self.tr("Apply for a seal"),
            self.tr("Change a seal"),
            self.tr("Install seal"),
        ):
            actions.addWidget(later_button(text))
        actions.addStretch()
        layout.addLayout(actions)
        self.empty = QLabel(self.tr("No seal on the plugged-in keys."))
        self.empty.setObjectName("hint")
        layout.addWidget(self.empty)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        holder.setObjectName("page")
        self.grid = QGridLayout(holder)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll.setWidget(holder)
        layout.addWidget(scroll, 1)
        self._snapshots: dict[tuple[int, str], KeySnapshot] = {}
        self.cards: list[SealCard] = []

    def show_snapshot(self, snapshot: KeySnapshot) -> None:
        self._snapshots[snapshot.key.identity] = snapshot
        self._rebuild()

    def remove_key(self, key: KeyRef) -> None:
        self._snapshots.pop(key.identity, None)
        self._rebuild()

    def _rebuild(self) -> None:
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        for snapshot in self._snapshots.values():
            for seal in snapshot.seals:
                card = SealCard(snapshot.key.label or snapshot.key.serial, seal)
                self.grid.addWidget(card, len(self.cards) // 3, len(self.cards) % 3)
                self.cards.append(card)
        self.empty.setVisible(not self.cards)
