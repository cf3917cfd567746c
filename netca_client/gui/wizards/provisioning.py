"""受理点模式: a signed-in staff member prepares a blank key for an approved order.

Pages: staff sign-in (kept in the OS keyring where there is one) → the order (17 digits,
looked up at the RA), a blank key and its factory SO PIN → the steps ticking by while
Provisioner.provision runs on the pool → the certificate serial, "awaiting activation".
The progress callback comes on the worker thread; a queued signal brings it here.
"""

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

from netca_client.core.errors import NetcaError
from netca_client.core.token import KeyRef
from netca_client.core.token.snapshot import KeySnapshot
from netca_client.core.workflows.journal import JournalEntry
from netca_client.core.workflows.provision import STEPS, ProvisionResult, ProvisionStep
from netca_client.core.workflows.staff import StaffSession
from netca_client.gui.dialogs.pin_change import pin_edit
from netca_client.gui.error_text import error_text
from netca_client.gui.pages.home import key_display_name
from netca_client.gui.wizards.frame import WizardDialog
from netca_client.gui.wizards.steps import MessagePage, wrapping_label
from netca_client.gui.wizards.workflows import KeyWorkflows
from netca_protocol import OrderOut


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
        self.order_edit.setMaxLength(17)
        self.order_edit.setPlaceholderText(self.tr("17-digit order number"))
        self.order_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,17}"), self.order_edit)
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
            and bool(self.so_pin_edit.text())
        )


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


class ProvisioningWizard(WizardDialog):
    step_reached = Signal(object)  # ProvisionStep, emitted on the worker thread (queued here)

    def __init__(self, workflows: KeyWorkflows, parent: QWidget | None = None) -> None:
        super().__init__(workflows, self.tr("Acceptance point mode"), parent)
        self.outcome: ProvisionResult | None = None
        self._resume: JournalEntry | None = None
        self.sign_in = StaffSignInPage()
        self.sign_in.username_edit.textChanged.connect(self.refresh_next)
        self.sign_in.password_edit.textChanged.connect(self.refresh_next)
        self.sign_in.password_edit.returnPressed.connect(self._on_next_clicked)
        self.add_page(
            "login",
            self.sign_in,
            title=self.tr("Staff sign-in"),
            next_text=self.tr("Sign in"),
            action=self._login,
            ready=self.sign_in.ready,
        )
        self.order_page = OrderPage()
        self.order_page.changed.connect(self.refresh_next)
        self.order_page.lookup_button.clicked.connect(self._look_up)
        self.order_page.order_edit.returnPressed.connect(self._look_up)
        self.order_page.logout_button.clicked.connect(self._logout)
        self.add_page(
            "order",
            self.order_page,
            title=self.tr("Provision a key"),
            next_text=self.tr("Start"),
            action=self._provision,
            ready=self.order_page.ready,
        )
        self.progress_page = ProgressPage()
        self.add_page("progress", self.progress_page, title=self.tr("Preparing the key"))
        self.done_page = MessagePage()
        self.another_button = self.done_page.add_button(self.tr("Provision another key"))
        self.another_button.clicked.connect(self._another)
        self.add_page(
            "done", self.done_page, title=self.tr("Key ready"), next_text=self.tr("Finish")
        )
        self.step_reached.connect(self.progress_page.show_step)
        workflows.service.snapshot_loaded.connect(self._refresh_keys)
        workflows.service.key_removed.connect(self._refresh_keys)

    def begin(self) -> None:
        """Find out whether a staff member is signed in (keyring: on the pool)."""
        staff = self.workflows.staff
        self.show_page("login")
        self.run(
            lambda: (staff.current(), staff.persistent),
            self._on_staff_read,
            busy_text=self.tr("Reading the stored sign-in…"),
        )

    def resume(self, entry: JournalEntry) -> None:
        """Continue an unfinished provisioning: same order, same key (Provisioner resumes)."""
        self._resume = entry
        self.begin()

    def _on_staff_read(self, answer: tuple[StaffSession | None, bool]) -> None:
        session, persistent = answer
        self.sign_in.set_persistent(persistent)
        self.workflows.set_staff(session)
        if session is not None:
            self._show_order_page(session)

    # --- sign in / out --------------------------------------------------------------

    def _login(self) -> None:
        staff, ra = self.workflows.staff, self.workflows.ra
        username = self.sign_in.username_edit.text().strip()
        password = self.sign_in.password_edit.text()
        self.run(
            lambda: staff.login(ra, username, password),
            self._on_login,
            busy_text=self.tr("Signing in…"),
        )

    def _on_login(self, session: StaffSession) -> None:
        self.sign_in.password_edit.clear()
        self.workflows.set_staff(session)
        self._show_order_page(session)

    def _show_order_page(self, session: StaffSession) -> None:
        self.order_page.show_staff(session)
        self._refresh_keys()
        self.show_page("order")
        if self._resume is not None and not self.order_page.order_no():
            self.order_page.order_edit.setText(self._resume.get("order_no") or "")
            self._look_up()

    def _logout(self) -> None:
        staff, ra = self.workflows.staff, self.workflows.ra
        self.run(
            lambda: staff.logout(ra),
            self._on_logout,
            busy_text=self.tr("Signing out…"),
            on_error=lambda error: self._on_logout(None, error),
        )

    def _on_logout(self, _: object, error: NetcaError | None = None) -> None:
        # Forgotten here even when the RA could not be told (the session expires there).
        self.workflows.set_staff(None)
        self.order_page.show_staff(None)
        self.show_page("login")
        if error is not None:
            self.show_error(error_text(error))

    # --- the order and the key ------------------------------------------------------

    def _refresh_keys(self, *_: object) -> None:
        resumed = self._resume.key_serial if self._resume is not None else None
        snapshots = [
            s
            for s in self.workflows.service.snapshots.values()
            if is_blank(s) or s.key.serial == resumed
        ]
        self.order_page.set_keys(snapshots)

    def _look_up(self) -> None:
        order_no, session = self.order_page.order_no(), self.workflows.staff_session
        if len(order_no) != 17:
            self.show_error(self.tr("An order number has 17 digits."))
            return
        if session is None:
            self.show_page("login")
            return
        ra = self.workflows.ra
        self.run(
            lambda: ra.staff_order(order_no, staff_token=session.token),
            self.order_page.show_order,
            busy_text=self.tr("Looking up the order…"),
        )

    def _provision(self) -> None:
        session, order, key = (
            self.workflows.staff_session,
            self.order_page.order,
            self.order_page.key(),
        )
        if session is None or order is None or key is None:
            return
        factory = self.order_page.so_pin_edit.text()
        self.order_page.so_pin_edit.clear()
        provisioner, report = self.workflows.provisioner, self.step_reached.emit
        self.progress_page.show_step(None)
        self.show_page("progress")
        self.run(
            lambda: provisioner.provision(
                session, order.order_no, key, factory_so_pin=factory, progress=report
            ),
            self._on_provisioned,
            busy_text=self.tr("Preparing the key…"),
            on_error=self._on_failed,
        )

    def _on_failed(self, error: NetcaError) -> None:
        key = self.order_page.key()
        if key is not None:
            self.workflows.service.refresh(key)
        self.show_page("order")
        self.show_error(error_text(error))

    def _on_provisioned(self, result: ProvisionResult) -> None:
        self.outcome = result
        self.progress_page.show_step(ProvisionStep.DONE)
        key = self.workflows.key_of(result.key_serial)
        if key is not None:
            self.workflows.service.refresh(key)
        self.done_page.say(
            self.tr("The key of {holder} is ready and awaits activation by its holder.").format(
                holder=result.holder
            ),
            self.tr("Order {order} · key {key} · certificate serial {serial}").format(
                order=result.order_no, key=result.key_serial, serial=result.certificate_serial
            ),
        )
        self.show_page("done", closing=True)
        self.finished_job.emit()

    def _another(self) -> None:
        self.order_page.order_edit.clear()
        self.order_page.show_order(None)
        session = self.workflows.staff_session
        if session is None or session.expired():
            self.show_page("login")
        else:
            self._show_order_page(session)
