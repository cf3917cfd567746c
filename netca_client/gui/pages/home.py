"""主页 home: one card per key with its holder, state, days to expiry and the actions that apply."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
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
from netca_client.gui.error_text import tries_left_text
from netca_client.gui.pages.frame import card_grid, page_layout

RENEWAL_WINDOW_DAYS = 90
translate = QCoreApplication.translate


def key_display_name(key: KeyRef) -> str:
    """A key's name for people: its label, else its serial, else "blank key"."""
    if key.label:
        return key.label
    if key.serial:
        return key.serial
    return translate("KeyCard", "Blank key")


class KeyCard(QFrame):
    """A key at a glance. Emits what the user asked for; the window runs the flows."""

    verify_pin_requested = Signal(object)  # KeyRef
    change_pin_requested = Signal(object)
    seals_requested = Signal(object)
    certificates_requested = Signal(object)
    activate_requested = Signal(object)
    forgot_requested = Signal(object)
    renew_requested = Signal(object)
    install_requested = Signal(object)

    def __init__(self, key: KeyRef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.snapshot: KeySnapshot | None = None
        self.setObjectName("keyCard")
        self.setMinimumWidth(640)
        self.setMaximumWidth(900)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel(key_display_name(key))
        self.title.setObjectName("cardTitle")
        top.addWidget(self.title)
        top.addStretch()
        self.status = QLabel(self.tr("Reading…"))
        top.addWidget(self.status)
        layout.addLayout(top)
        self.holder = QLabel()
        self.holder.setWordWrap(True)
        layout.addWidget(self.holder)
        self.details = QLabel()
        self.details.setObjectName("hint")
        layout.addWidget(self.details)
        self.actions = QHBoxLayout()
        layout.addLayout(self.actions)
        self.buttons: dict[str, QPushButton] = {}
        #: what the journal says about a renewal of this key: "install", "under_way" or ""
        self.renewal = ""

    def set_renewal(self, mark: str) -> None:
        if mark != self.renewal:
            self.renewal = mark
            if self.snapshot is not None:
                self.show_snapshot(self.snapshot)

    def show_snapshot(self, snapshot: KeySnapshot) -> None:
        self.snapshot = snapshot
        word, tone = self._status(snapshot)
        self.status.setText(word)
        self.status.setObjectName(tone)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.holder.setText(
            snapshot.holder if snapshot.certificates else self.tr("No certificate on this key")
        )
        parts = [self.tr("Serial {serial}").format(serial=snapshot.key.serial or "-")]
        if snapshot.days_left is not None:
            if snapshot.days_left >= 0:
                parts.append(
                    self.tr("certificate valid for {n} more days").format(n=snapshot.days_left)
                )
            else:
                parts.append(self.tr("certificate expired"))
        if snapshot.pin is not None and not snapshot.pin.locked:
            parts.append(tries_left_text(snapshot.pin.tries_left))
        self.details.setText(" · ".join(parts))
        self._rebuild_actions(snapshot)

    def _status(self, snapshot: KeySnapshot) -> tuple[str, str]:
        pin = snapshot.pin
        if pin is None:
            return self.tr("Blank key"), "statusWarn"
        if pin.locked:
            return self.tr("Locked"), "statusBad"
        if snapshot.awaiting_activation:
            return self.tr("Awaiting activation"), "statusWarn"
        if pin.final_try:
            return self.tr("Final PIN try"), "statusBad"
        if self.renewal == "install":
            return self.tr("Certificate to install"), "statusWarn"
        if self.renewal == "under_way":
            return self.tr("Renewal under way"), "statusWarn"
        if pin.to_be_changed:
            return self.tr("Not activated"), "statusWarn"
        days = snapshot.days_left
        if days is not None and days < 0:
            return self.tr("Certificate expired"), "statusBad"
        if days is not None and days <= RENEWAL_WINDOW_DAYS:
            return self.tr("Expires in {n} days").format(n=days), "statusWarn"
        return self.tr("Ready"), "statusOk"

    def _rebuild_actions(self, snapshot: KeySnapshot) -> None:
        while self.actions.count():
            item = self.actions.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.buttons = {}
        pin = snapshot.pin
        if pin is None:
            return
        if snapshot.awaiting_activation or pin.to_be_changed:
            activate = self._button(self.tr("Activate"), self.activate_requested)
            activate.setObjectName("primary")
            self._add("activate", activate)
        if snapshot.awaiting_activation and not pin.locked:
            # Nobody knows the random PIN set at the counter: activation is the way in.
            self._add(
                "certificates", self._button(self.tr("Certificates"), self.certificates_requested)
            )
            self.actions.addStretch()
            return
        if pin.locked:
            forgot = self._button(self.tr("Forgot PIN"), self.forgot_requested)
            forgot.setObjectName("primary")
            self._add("forgot", forgot)
            self.actions.addStretch()
            return
        days = snapshot.days_left
        if self.renewal == "install":
            install = self._button(self.tr("Install certificate"), self.install_requested)
            install.setObjectName("primary")
            self._add("install", install)
        elif self.renewal == "under_way":
            self._add("renew", self._button(self.tr("Continue renewal"), self.renew_requested))
        elif days is not None and days <= RENEWAL_WINDOW_DAYS and snapshot.signing_certificate:
            # An expired certificate gets the button too: the wizard says where to renew it.
            renew = self._button(self.tr("Renew"), self.renew_requested)
            if days >= 0:
                renew.setObjectName("primary")
            self._add("renew", renew)
        self._add("verify", self._button(self.tr("Verify PIN"), self.verify_pin_requested))
        self._add("change", self._button(self.tr("Change PIN"), self.change_pin_requested))
        self._add(
            "certificates", self._button(self.tr("Certificates"), self.certificates_requested)
        )
        if snapshot.seals:
            self._add("seals", self._button(self.tr("Seals"), self.seals_requested))
        self._add("forgot", self._button(self.tr("Forgot PIN"), self.forgot_requested))
        self.actions.addStretch()

    def _button(self, text: str, signal: Signal) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: signal.emit(self.key))  # type: ignore[attr-defined]
        return button

    def _add(self, name: str, button: QPushButton) -> None:
        self.buttons[name] = button
        self.actions.addWidget(button)


class PendingJobsBanner(QFrame):
    """有未完成的业务: one line per unfinished job with a 继续 button; hidden when none."""

    resume_requested = Signal(object)  # the job (a JournalEntry)
    discard_requested = Signal(object)  # the job, which nothing on the key depends on yet

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pendingBanner")
        self.setStyleSheet(
            "QFrame#pendingBanner { background: #fff7e6; border: 1px solid #f0c36d;"
            " border-radius: 8px; }"
        )
        self.setMaximumWidth(900)
        self._layout = QVBoxLayout(self)
        title = QLabel(self.tr("Unfinished jobs"))
        title.setObjectName("cardTitle")
        self._layout.addWidget(title)
        self._layout.addWidget(
            QLabel(self.tr("An earlier job did not finish. Continue it to complete it safely."))
        )
        self._rows: list[QWidget] = []
        self.buttons: dict[str, QPushButton] = {}
        self.discard_buttons: dict[str, QPushButton] = {}
        self.hide()

    def show_jobs(self, jobs: list[tuple[object, str, bool]]) -> None:
        """``jobs``: (job, text, may be discarded); the job comes back with the signals."""
        for row in self._rows:
            row.setParent(None)
            row.deleteLater()
        self._rows, self.buttons, self.discard_buttons = [], {}, {}
        for job, text, discardable in jobs:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            label = QLabel(text)
            label.setWordWrap(True)
            line.addWidget(label, 1)
            name = str(getattr(job, "entry_id", text))
            if discardable:
                discard = QPushButton(self.tr("Discard"))
                discard.setToolTip(
                    self.tr("Nothing on the key was changed yet: drop this job and start again.")
                )
                discard.clicked.connect(lambda _=False, job=job: self.discard_requested.emit(job))
                line.addWidget(discard)
                self.discard_buttons[name] = discard
            button = QPushButton(self.tr("Continue"))
            button.setObjectName("primary")
            button.clicked.connect(lambda _=False, job=job: self.resume_requested.emit(job))
            line.addWidget(button)
            self._layout.addWidget(row)
            self._rows.append(row)
            self.buttons[name] = button
        self.setVisible(bool(jobs))


class HomePage(QWidget):
    """Keys appear here the moment they are plugged in and vanish when pulled out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = page_layout(self, self.tr("My keys"))
        self.pending = PendingJobsBanner()
        layout.addWidget(self.pending)
        self.empty = QLabel(
            self.tr("Plug in your USB key. It appears here as soon as it is detected.")
        )
        self.empty.setObjectName("hint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMinimumHeight(160)
        layout.addWidget(self.empty)
        self.grid = card_grid(layout)
        self.cards: dict[KeyIdentity, KeyCard] = {}
        self.renewal_marks: dict[str, str] = {}

    def add_key(self, key: KeyRef) -> KeyCard:
        card = self.cards.get(key.identity)
        if card is None:
            card = KeyCard(key)
            card.renewal = self.renewal_marks.get(key.serial or "", "")
            self.cards[key.identity] = card
            self._relayout()
        return card

    def remove_key(self, key: KeyRef) -> None:
        card = self.cards.pop(key.identity, None)
        if card is not None:
            card.setParent(None)
            card.deleteLater()
            self._relayout()

    def show_snapshot(self, snapshot: KeySnapshot) -> None:
        self.add_key(snapshot.key).show_snapshot(snapshot)

    def show_renewals(self, marks: dict[str, str]) -> None:
        """The journal's renewals: 证书待安装 (or 续期办理中) on the cards of their keys."""
        self.renewal_marks = dict(marks)
        for card in self.cards.values():
            card.set_renewal(marks.get(card.key.serial or "", ""))

    def _relayout(self) -> None:
        for card in self.cards.values():
            self.grid.removeWidget(card)
        for index, card in enumerate(self.cards.values()):
            self.grid.addWidget(card, index, 0)
        self.empty.setVisible(not self.cards)
