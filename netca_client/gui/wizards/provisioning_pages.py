"""The pages of 受理点模式: staff sign-in, the order with its blank key, the steps ticking by."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netca_client.core.key_snapshot import KeySnapshot
from netca_client.core.token import KeyRef
from netca_client.core.workflows.provision import STEPS, ProvisionStep
from netca_client.core.workflows.staff import StaffSession
from netca_client.gui.dialogs.pin_change import pin_edit
from netca_client.gui.pages.home import key_display_name
from netca_client.gui.wizards.steps import wrapping_label
from netca_protocol import OrderOut
from netca_protocol.limits import ORDER_NO_LENGTH


def is_blank(snapshot: KeySnapshot) -> bool:
    """Initialised, with nothing on it yet: what provisioning accepts."""
    return (
        snapshot.pin is not None
        and not snapshot.certificates
        and not snapshot.seals
        and not snapshot.awaiting_activation
    )


class StaffSignInPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapping_label(self.tr("Sign in with your acceptance-point staff account of the RA."))
        )
        form = QFormLayout()
        self.username_edit = QLineEdit()
        self.password_edit = pin_edit()
        form.addRow(self.tr("User name"), self.username_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        layout.addLayout(form)
        self.keyring_note = wrapping_label(name="hint")
        layout.addWidget(self.keyring_note)
        layout.addStretch()

    def set_persistent(self, persistent: bool) -> None:
        if persistent:
            self.keyring_note.setText(
                self.tr("The session is kept in the system keyring until it expires.")
            )
        else:
            self.keyring_note.setText(
                self.tr(
                    "No system keyring was found: the session is kept only until the client closes."
                )
            )

    def ready(self) -> bool:
        return bool(self.username_edit.text().strip() and self.password_edit.text())


class OrderPage(QWidget):
    """Who is signed in, the order, the blank key and its factory SO PIN."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        staff_row = QHBoxLayout()
        self.staff_label = wrapping_label(name="hint")
        staff_row.addWidget(self.staff_label, 1)
        self.logout_button = QPushButton(self.tr("Sign out"))
        staff_row.addWidget(self.logout_button)
        layout.addLayout(staff_row)
        order_row = QHBoxLayout()
        self.order_edit = QLineEdit()
        self.order_edit.setMaxLength(ORDER_NO_LENGTH)
        self.order_edit.setPlaceholderText(self.tr("17-digit order number"))
        self.order_edit.setValidator(
            QRegularExpressionValidator(
                QRegularExpression(rf"[0-9]{{0,{ORDER_NO_LENGTH}}}"), self.order_edit
            )
        )
        self.lookup_button = QPushButton(self.tr("Look up"))
        order_row.addWidget(self.order_edit, 1)
        order_row.addWidget(self.lookup_button)
        layout.addLayout(order_row)
        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        for name, label in (
            ("subject", self.tr("Certificate for")),
            ("handler", self.tr("Handler")),
            ("state", self.tr("Order state")),
        ):
            field = wrapping_label()
            self.fields[name] = field
            form.addRow(label, field)
        self.key_combo = QComboBox()
        self.key_combo.setMinimumWidth(280)
        form.addRow(self.tr("Blank key"), self.key_combo)
        self.so_pin_edit = pin_edit()
        self.so_pin_edit.setPlaceholderText(
            self.tr("Factory SO PIN (development vkey keys: 87654321)")
        )
        form.addRow(self.tr("Factory SO PIN"), self.so_pin_edit)
        layout.addLayout(form)
        self.no_key_hint = wrapping_label(
            self.tr("Plug in a blank key: it appears in the list above."), name="hint"
        )
        layout.addWidget(self.no_key_hint)
        layout.addStretch()
        self.order: OrderOut | None = None
        self.order_edit.textChanged.connect(self._order_edited)
        self.key_combo.currentIndexChanged.connect(self.changed)
        self.so_pin_edit.textChanged.connect(self.changed)
        self.so_pin_needed = True

    def show_staff(self, session: StaffSession | None) -> None:
        if session is None:
            self.staff_label.setText("")
            return
        self.staff_label.setText(
            self.tr("Signed in as {name} ({username}) until {time}.").format(
                name=session.display_name,
                username=session.username,
                time=f"{session.expires_at.astimezone():%Y-%m-%d %H:%M}",
            )
        )

    def _order_edited(self) -> None:
        if self.order is not None and self.order.order_no != self.order_edit.text():
            self.show_order(None)
        self.changed.emit()

    def order_no(self) -> str:
        return self.order_edit.text().strip()

    def show_order(self, order: OrderOut | None) -> None:
        self.order = order
        if order is None:
            for field in self.fields.values():
                field.setText("")
        else:
            subject = order.subject
            who = subject.organisation_name
            if subject.person_name:
                who = f"{subject.person_name}（{who}）"
            self.fields["subject"].setText(who)
            self.fields["handler"].setText(order.handler.name)
            self.fields["state"].setText(order_state_text(order.state.value))
        self.changed.emit()

    def set_keys(self, snapshots: list[KeySnapshot]) -> None:
        chosen = self.key()
        self.key_combo.blockSignals(True)
        self.key_combo.clear()
        for snapshot in snapshots:
            self.key_combo.addItem(
                f"{key_display_name(snapshot.key)} · {snapshot.key.serial}", snapshot.key
            )
            if chosen is not None and snapshot.key.identity == chosen.identity:
                self.key_combo.setCurrentIndex(self.key_combo.count() - 1)
        self.key_combo.blockSignals(False)
        self.no_key_hint.setVisible(not snapshots)
        self.changed.emit()

    def key(self) -> KeyRef | None:
        data = self.key_combo.currentData()
        return data if isinstance(data, KeyRef) else None

    def ready(self) -> bool:
        return (
            self.order is not None
            and self.order.order_no == self.order_no()
            and self.key() is not None
            and (bool(self.so_pin_edit.text()) or not self.so_pin_needed)
        )

    def resuming(self, *, so_pin_needed: bool) -> None:
        """An interrupted provisioning: past the SO PIN step the factory one is not needed."""
        self.so_pin_needed = so_pin_needed
        if not so_pin_needed:
            self.so_pin_edit.setPlaceholderText(
                self.tr("Not needed: the key already has the SO PIN from the RA")
            )
        self.changed.emit()


def order_state_text(state: str) -> str:
    translate = QCoreApplication.translate
    return {
        "submitted": translate("OrderState", "Submitted"),
        "under_review": translate("OrderState", "Under review"),
        "approved": translate("OrderState", "Approved"),
        "rejected": translate("OrderState", "Rejected"),
        "awaiting_payment": translate("OrderState", "Awaiting payment"),
        "paid": translate("OrderState", "Paid"),
        "issued": translate("OrderState", "Issued"),
        "installed": translate("OrderState", "Installed"),
        "rechecked": translate("OrderState", "Re-checked"),
        "completed": translate("OrderState", "Completed"),
        "cancelled": translate("OrderState", "Cancelled"),
    }.get(state, state)


class ProgressPage(QWidget):
    """One line per ProvisionStep: ✓ done, ▶ under way, · to come."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.intro = wrapping_label(self.tr("Do not unplug the key while it is being prepared."))
        layout.addWidget(self.intro)
        names = {
            ProvisionStep.TICKET: self.tr("Get the key's SO PIN from the RA"),
            ProvisionStep.SO_PIN: self.tr("Set the SO PIN"),
            ProvisionStep.USER_PIN: self.tr("Set a random user PIN"),
            ProvisionStep.KEY_PAIR: self.tr("Generate the key pair on the key"),
            ProvisionStep.CERTIFICATE: self.tr("Have the certificate issued"),
            ProvisionStep.INSTALL: self.tr("Install the certificate"),
            ProvisionStep.REGISTER: self.tr("Register the key with the RA"),
            ProvisionStep.DONE: self.tr("Done"),
        }
        self.lines: dict[ProvisionStep, QLabel] = {}
        self._names = names
        for step in STEPS:
            label = QLabel()
            self.lines[step] = label
            layout.addWidget(label)
        layout.addStretch()
        self.reached: ProvisionStep | None = None
        self.show_step(None)

    def show_step(self, reached: ProvisionStep | None) -> None:
        self.reached = reached
        index = STEPS.index(reached) if reached is not None else -1
        for position, step in enumerate(STEPS):
            label = self.lines[step]
            if position < index or (reached is ProvisionStep.DONE and position == index):
                mark, tone = "✓", "policyOk"
            elif position == index:
                mark, tone = "▶", "statusWarn"
            else:
                mark, tone = "·", "policyBad"
            label.setText(f"{mark} {self._names[step]}")
            label.setObjectName(tone)
            label.style().unpolish(label)
            label.style().polish(label)
