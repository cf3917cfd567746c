"""我的印章: the seals on each key — picture, name and whether it parses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from netca_client.core.key_snapshot import KeySnapshot
from netca_client.core.seals import KeySeal, SealVerdict
from netca_client.core.token import KeyIdentity, KeyRef
from netca_client.gui.later import later_button
from netca_client.gui.pages.frame import card_grid, page_layout
from netca_client.gui.seal_picture import seal_pixmap


class SealCard(QFrame):
    """One seal: its picture, name, validity and the verdict of its checks in plain words."""

    def __init__(self, key_label: str, seal: KeySeal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.seal = seal
        self.setObjectName("keyCard")
        self.setFixedWidth(260)
        layout = QVBoxLayout(self)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumSize(180, 180)
        pixmap = seal_pixmap(seal, 170)
        if pixmap is not None:
            self.picture.setPixmap(pixmap)
        else:
            self.picture.setText(self.tr("(picture cannot be shown)"))
        layout.addWidget(self.picture)
        for text, name in (
            (seal.name, "cardTitle"),
            (self.tr("On key {key}").format(key=key_label), "hint"),
            (self._validity(seal), "hint"),
        ):
            label = QLabel(text)
            label.setObjectName(name)
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        text, tone = self.verdict_text(seal)
        self.verdict = QLabel(text)
        self.verdict.setObjectName(tone)
        self.verdict.setWordWrap(True)
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.verdict)

    def _validity(self, seal: KeySeal) -> str:
        if seal.seal is None:
            return ""
        return self.tr("Valid {start} to {end}").format(
            start=f"{seal.seal.valid_from:%Y-%m-%d}", end=f"{seal.seal.valid_to:%Y-%m-%d}"
        )

    def verdict_text(self, seal: KeySeal) -> tuple[str, str]:
        if seal.check is None:
            return self.tr("Seal data is damaged"), "statusBad"
        problems = {
            "expired": self.tr("the seal has expired"),
            "not-yet-valid": self.tr("the seal is not valid yet"),
            "holder-not-listed": self.tr("not issued for the certificates on this key"),
            "maker-untrusted": self.tr("its maker is not trusted"),
            "maker-cert-unreadable": self.tr("its maker certificate cannot be read"),
            "maker-not-verifiable": self.tr("its maker cannot be checked here"),
            "signature-invalid": self.tr("the seal was altered after it was made"),
            "signature-not-verifiable": self.tr("SM2 signature not verifiable here"),
            "picture-broken": self.tr("its picture is damaged"),
        }
        separator = self.tr("; ")
        reasons = separator.join(problems.get(p.code, p.code) for p in seal.check.problems)
        verdict = seal.verdict
        if verdict == SealVerdict.VALID:
            return self.tr("Valid seal"), "statusOk"
        if verdict == SealVerdict.UNTRUSTED:
            text = self.tr(
                "Intact, but not trusted here: {reasons}. If you trust where it comes from, "
                "add its maker's root certificate to the trusted roots."
            )
            return text.format(reasons=reasons), "statusWarn"
        if verdict == SealVerdict.INDETERMINATE:
            return self.tr("Cannot be checked: {reasons}").format(reasons=reasons), "statusWarn"
        return self.tr("Not valid: {reasons}").format(reasons=reasons), "statusBad"


class SealsPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = page_layout(self, self.tr("My seals"))
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
        self.grid = card_grid(layout)
        self._snapshots: dict[KeyIdentity, KeySnapshot] = {}
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
