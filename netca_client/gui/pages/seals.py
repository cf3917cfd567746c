"""我的印章: the seals on each key — picture, kind, name, validity, maker, bound certificates and
the verdict — and, per key, 申请/变更/安装/修改资料 as they apply (and where an application
stands: 审核中, 印章待安装, rejected with the reason).

One scrolling list of keys: each key's heading (its name, its application, its buttons) sits
directly above its own seal cards, so with many keys plugged in every seal stays next to the
key that holds it and the actions never crowd the cards out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netca_client.core.key_snapshot import KeySnapshot
from netca_client.core.token import KeyIdentity, KeyRef
from netca_client.core.workflows.seal_record import SealAction, SealJob
from netca_client.gui.pages.frame import card_grid, page_layout
from netca_client.gui.pages.home import key_display_name, key_seal_actions
from netca_client.gui.seal_picture import seal_pixmap
from netca_client.gui.seal_texts import seal_action_text, seal_state_text

if TYPE_CHECKING:  # the seal format and X.509 load with the first snapshot, not at start-up
    from netca_client.core.seals import KeySeal


class SealCard(QFrame):
    """One seal: its picture, name, validity and the verdict of its checks in plain words."""

    WIDTH = 260

    def __init__(self, key_label: str, seal: KeySeal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.seal = seal
        self.setObjectName("keyCard")
        self.setFixedWidth(self.WIDTH)
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
        self.facts: list[QLabel] = []
        for text, name in (
            (seal.name, "cardTitle"),
            (self._kind(seal), "hint"),
            (self.tr("On key {key}").format(key=key_label), "hint"),
            (self._validity(seal), "hint"),
            (self._maker(seal), "hint"),
            (self._bound(seal), "hint"),
        ):
            if not text:
                continue
            label = QLabel(text)
            label.setObjectName(name)
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
            self.facts.append(label)
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

    def _kind(self, seal: KeySeal) -> str:
        from netca_seal import SealKind

        kinds = {
            SealKind.ORGANISATION: self.tr("Official seal (公章)"),
            SealKind.CONTRACT: self.tr("Contract seal (合同专用章)"),
            SealKind.FINANCE: self.tr("Finance seal (财务专用章)"),
            SealKind.LEGAL_REPRESENTATIVE: self.tr("Legal representative's seal (法人章)"),
            SealKind.PERSONAL: self.tr("Personal seal or signature"),
            SealKind.INVOICE: self.tr("Invoice seal (发票专用章)"),
            SealKind.OTHER: self.tr("Other seal"),
        }
        return kinds.get(seal.kind, "") if seal.kind is not None else ""

    def _maker(self, seal: KeySeal) -> str:
        if seal.seal is None:
            return ""
        from cryptography.x509.oid import NameOID

        try:
            subject = seal.seal.maker_certificate.subject
        except ValueError:
            return self.tr("Maker: (certificate unreadable)")
        names = subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        name = str(names[0].value) if names else subject.rfc4514_string()
        return self.tr("Maker: {name}").format(name=name)

    def _bound(self, seal: KeySeal) -> str:
        if not seal.allowed:
            return ""
        names = [
            (a.subject_cn or (a.serial or a.digest[:12]))
            + (self.tr(" (on this key)") if a.on_key else "")
            for a in seal.allowed
        ]
        return self.tr("For certificates: {names}").format(names=self.tr(", ").join(names))

    def verdict_text(self, seal: KeySeal) -> tuple[str, str]:
        from netca_client.core.seals import SealVerdict

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


class KeySealActions(QFrame):
    """One key's row on 我的印章: its name, where its seal application stands, its buttons."""

    requested = Signal(object, object)  # KeyRef, SealAction

    def __init__(self, key: KeyRef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        #: whether the key holds seals (its heading then shows even without actions)
        self.has_seals = False
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 10, 0, 0)  # space above each key's section
        self.name = QLabel(key_display_name(key))
        self.name.setObjectName("cardTitle")
        line.addWidget(self.name)
        self.state = QLabel()
        self.state.setObjectName("statusWarn")
        line.addWidget(self.state)
        line.addStretch()
        self._line = line
        self.buttons: dict[SealAction, QPushButton] = {}

    def show_actions(self, actions: tuple[SealAction, ...], job: SealJob | None) -> None:
        self.state.setText(seal_state_text(job) if job is not None else "")
        self.state.setVisible(job is not None)
        for button in self.buttons.values():
            button.setParent(None)
            button.deleteLater()
        self.buttons = {}
        for action in actions:
            button = QPushButton(seal_action_text(action))
            if action in (SealAction.INSTALL, SealAction.CONTINUE):
                button.setObjectName("primary")
            button.clicked.connect(lambda _=False, a=action: self.requested.emit(self.key, a))
            self._line.addWidget(button)
            self.buttons[action] = button
        self.setVisible(bool(actions) or job is not None or self.has_seals)


class SealsPage(QWidget):
    seal_requested = Signal(object, object)  # KeyRef, SealAction

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = page_layout(self, self.tr("My seals"))
        self.empty = QLabel(self.tr("No seal on the plugged-in keys."))
        self.empty.setObjectName("hint")
        layout.addWidget(self.empty)
        # per key: its heading across the columns, then its cards, three to a row
        self.grid = card_grid(layout)
        for column in range(_COLUMNS):  # headings as wide as a full row of cards
            self.grid.setColumnMinimumWidth(column, SealCard.WIDTH)
        self._snapshots: dict[KeyIdentity, KeySnapshot] = {}
        self._seal_jobs: dict[str, SealJob] = {}
        self.key_actions: dict[KeyIdentity, KeySealActions] = {}
        self.cards: list[SealCard] = []

    def show_snapshot(self, snapshot: KeySnapshot) -> None:
        self._snapshots[snapshot.key.identity] = snapshot
        self._rebuild()

    def remove_key(self, key: KeyRef) -> None:
        self._snapshots.pop(key.identity, None)
        self._rebuild()

    def show_seal_jobs(self, jobs: dict[str, SealJob]) -> None:
        """Each key's seal application, by key serial (from the launcher)."""
        self._seal_jobs = dict(jobs)
        self._rebuild_actions()

    def _rebuild_actions(self) -> None:
        for identity in [i for i in self.key_actions if i not in self._snapshots]:
            row = self.key_actions.pop(identity)
            row.setParent(None)
            row.deleteLater()
        for identity, snapshot in self._snapshots.items():
            row = self.key_actions.get(identity)
            if row is None:
                row = KeySealActions(snapshot.key)
                row.requested.connect(self.seal_requested)
                self.key_actions[identity] = row
            row.has_seals = bool(snapshot.seals)
            job = self._seal_jobs.get(snapshot.key.serial)
            row.show_actions(key_seal_actions(snapshot, job), job)

    def _rebuild(self) -> None:
        self._rebuild_actions()
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        while self.grid.count():  # the headings stay alive (key_actions); only placed again
            self.grid.takeAt(0)
        line = 0
        for identity, snapshot in self._snapshots.items():
            heading = self.key_actions[identity]
            self.grid.addWidget(heading, line, 0, 1, _COLUMNS)
            line += 1
            for index, seal in enumerate(snapshot.seals):
                card = SealCard(snapshot.key.label or snapshot.key.serial, seal)
                self.grid.addWidget(card, line + index // _COLUMNS, index % _COLUMNS)
                self.cards.append(card)
            line += -(-len(snapshot.seals) // _COLUMNS)
        self.empty.setVisible(not self.cards)


_COLUMNS = 3  # seal cards side by side (three fit the 1100-px window)
