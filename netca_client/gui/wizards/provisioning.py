"""受理点模式: a signed-in staff member prepares a blank key for an approved order.

Pages: staff sign-in (kept in the OS keyring where there is one) → the order (17 digits,
looked up at the RA), a blank key and its factory SO PIN → the steps ticking by while
Provisioner.provision runs on the pool → the certificate serial, "awaiting activation".
The progress callback comes on the worker thread; a queued signal brings it here.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from netca_client.core.errors import NetcaError, RaRejected, StaffLoginRequired
from netca_client.core.workflows.journal import JournalEntry
from netca_client.core.workflows.provision import (
    ProvisionRecord,
    ProvisionResult,
    ProvisionStep,
    factory_so_pin_needed,
)
from netca_client.core.workflows.staff import StaffSession
from netca_client.gui.error_text import error_text
from netca_client.gui.wizards.frame import WizardDialog
from netca_client.gui.wizards.provisioning_pages import (
    OrderPage,
    ProgressPage,
    StaffSignInPage,
    is_blank,
)
from netca_client.gui.wizards.steps import MessagePage
from netca_client.gui.wizards.workflows import KeyWorkflows
from netca_protocol import ErrorCode
from netca_protocol.limits import ORDER_NO_PATTERN, matches


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
            # Past the SO PIN step the key holds the RA's SO PIN: the workflow says.
            self.order_page.resuming(so_pin_needed=factory_so_pin_needed(self._resume))
            self.order_page.order_edit.setText(ProvisionRecord.from_entry(self._resume).order_no)
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
        if not matches(ORDER_NO_PATTERN, order_no):
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
            on_error=self._on_failed,
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
            guarded=True,
        )

    def _on_failed(self, error: NetcaError) -> None:
        key = self.order_page.key()
        if key is not None:
            self.workflows.service.refresh(key)
        if isinstance(error, StaffLoginRequired) or (
            isinstance(error, RaRejected) and error.code == ErrorCode.UNAUTHORISED
        ):
            # The session expired (or was ended at the RA): sign in again, then go on.
            self.workflows.set_staff(None)
            self.show_page("login")
        else:
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
