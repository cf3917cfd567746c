"""KeyJobsLauncher: opens the wizards for the window and keeps 有未完成的业务 up to date.

On start (once the key driver is loaded) and after every wizard, the journal is read on the
pool; unfinished activations, unlocks, provisionings and renewals are offered on the home
page, and a key whose renewed certificate waits to be installed says so on its card.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from netca_client.core.token import KeyRef
from netca_client.core.workflows.journal import JournalEntry
from netca_client.gui.job_bridge import JobBridge, ignore_error, show_text
from netca_client.gui.pages.home import PendingJobsBanner
from netca_client.gui.wizards.frame import WizardDialog
from netca_client.gui.wizards.workflows import KeyWorkflows
from netca_protocol.enums import KeyRequestPurpose

if TYPE_CHECKING:
    # Each wizard is imported when first opened (they bring the RA client, pydantic and the
    # workflows): the window's start-up does not pay for them (docs/performance.md).
    from netca_client.gui.wizards.activation import ActivationWizard
    from netca_client.gui.wizards.unlock import UnlockWizard

translate = QCoreApplication.translate


def job_text(entry: JournalEntry) -> str:
    """One line about an unfinished job, for the home page."""
    from netca_client.core.workflows.provision import KIND as PROVISION_KIND
    from netca_client.core.workflows.provision import ProvisionRecord
    from netca_client.core.workflows.renewal_record import KIND as RENEWAL_KIND
    from netca_client.core.workflows.renewal_record import Progress, RenewalRecord

    try:
        started = f"{dt.datetime.fromisoformat(entry.created_at).astimezone():%Y-%m-%d %H:%M}"
    except ValueError:
        started = entry.created_at
    if entry.kind == KeyRequestPurpose.ACTIVATE.value:
        what = translate("PendingJobs", "Activate certificate")
    elif entry.kind == KeyRequestPurpose.UNLOCK.value:
        what = translate("PendingJobs", "Forgot PIN")
    elif entry.kind == PROVISION_KIND:
        what = translate("PendingJobs", "Provision a key for order {order}").format(
            order=ProvisionRecord.from_entry(entry).order_no or "-"
        )
    elif entry.kind == RENEWAL_KIND:
        record = RenewalRecord.from_entry(entry)
        if record.reached(Progress.ISSUED):
            what = translate("PendingJobs", "Install the renewed certificate")
        elif record.order_no:
            what = translate("PendingJobs", "Renew certificate, order {order}").format(
                order=record.order_no
            )
        else:
            what = translate("PendingJobs", "Renew certificate")
    else:
        what = entry.kind
    return translate("PendingJobs", "{what} · key {serial} · started {time}").format(
        what=what, serial=entry.key_serial, time=started
    )


def renewal_marks(entries: list[JournalEntry]) -> dict[str, str]:
    """{key serial: "install"} when a renewed certificate was issued for the key (证书待安装),
    "under_way" while its renewal waits for payment or review."""
    from netca_client.core.workflows.renewal_record import KIND as RENEWAL_KIND
    from netca_client.core.workflows.renewal_record import Progress, RenewalRecord

    marks: dict[str, str] = {}
    for entry in entries:
        if entry.kind != RENEWAL_KIND:
            continue
        issued = RenewalRecord.from_entry(entry).reached(Progress.ISSUED)
        if issued or entry.key_serial not in marks:
            marks[entry.key_serial] = "install" if issued else "under_way"
    return marks


class KeyJobsLauncher(QObject):
    wizard_opened = Signal(object)  # the WizardDialog, for tests and screenshots
    message = Signal(str)
    #: {key serial: "install" | "under_way"} for the renewals of the journal (主页 cards)
    renewals_changed = Signal(object)

    def __init__(self, workflows: KeyWorkflows, banner: PendingJobsBanner, parent: QWidget) -> None:
        super().__init__(parent)
        self.workflows = workflows
        self._banner = banner
        self._parent = parent
        self._jobs = JobBridge(self)
        self.wizard: WizardDialog | None = None
        self.pending: list[JournalEntry] = []
        self._offered: set[str] = set()  # renewals whose install was opened unasked
        banner.resume_requested.connect(self.resume)
        banner.discard_requested.connect(self.discard)

    def start(self) -> None:
        """Once the key driver is loaded: the stored staff session and unfinished jobs."""
        self.workflows.load_staff()
        self.refresh_pending()

    def refresh_pending(self) -> None:
        workflows = self.workflows
        self._jobs.on_pool(
            workflows.pool, workflows.pending, done=self._show_pending, failed=ignore_error
        )

    def _show_pending(self, entries: list[JournalEntry]) -> None:
        from netca_client.core.workflows.key_requests import may_discard

        self.pending = entries
        self._banner.show_jobs([(entry, job_text(entry), may_discard(entry)) for entry in entries])
        self.renewals_changed.emit(renewal_marks(entries))
        for serial, mark in renewal_marks(entries).items():
            key = self.workflows.key_of(serial)
            if mark == "install" and key is not None:
                self.offer_install(key)  # plugged in already when the journal was read

    def discard(self, entry: JournalEntry) -> None:
        """Drop a job nothing on the key depends on yet (the RA lets its request expire)."""
        workflows = self.workflows
        self._jobs.on_pool(
            workflows.pool,
            lambda: workflows.requests.discard(entry),
            done=lambda _: self.refresh_pending(),
            failed=show_text(self.message.emit),
        )

    def _open(self, wizard: WizardDialog) -> None:
        if self.wizard is not None and self.wizard.isVisible():
            self.wizard.close()
        self.wizard = wizard
        wizard.finished_job.connect(self.refresh_pending)
        wizard.finished.connect(lambda _: self.refresh_pending())
        wizard.open()
        self.wizard_opened.emit(wizard)

    # --- entry points -----------------------------------------------------------

    def _unfinished(self, key: KeyRef, purpose: KeyRequestPurpose) -> JournalEntry | None:
        for entry in self.pending:
            if entry.key_serial == key.serial and entry.kind == purpose.value:
                return entry
        return None

    def activate(self, key: KeyRef) -> None:
        entry = self._unfinished(key, KeyRequestPurpose.ACTIVATE)
        if entry is not None:
            self.resume(entry)  # e.g. the code was sent and the window closed: go on
            return
        from netca_client.gui.wizards.activation import ActivationWizard

        wizard = ActivationWizard(self.workflows, key.serial, self._parent)
        self._open(wizard)
        wizard.begin()

    def unlock(self, key: KeyRef) -> None:
        entry = self._unfinished(key, KeyRequestPurpose.UNLOCK)
        if entry is not None:
            self.resume(entry)  # e.g. materials under review: show where it stands
            return
        from netca_client.gui.wizards.unlock import UnlockWizard

        wizard = UnlockWizard(self.workflows, key.serial, self._parent)
        self._open(wizard)
        wizard.begin()

    def renew(self, key: KeyRef) -> None:
        """证书续期 of the key's certificate, or the renewal of it already under way."""
        entry = self._unfinished_renewal(key)
        if entry is not None:
            self.resume(entry)  # paid, or waiting for the payment: go on with that one
            return
        from netca_client.gui.wizards.renewal import RenewalWizard

        wizard = RenewalWizard(self.workflows, key.serial, self._parent)
        self._open(wizard)
        wizard.begin()

    def install_renewed(self, key: KeyRef) -> None:
        """证书安装: the renewal of the key that waits to be installed."""
        entry = self._unfinished_renewal(key)
        if entry is not None:
            self.resume(entry)

    def offer_install(self, key: KeyRef, *, plugged_now: bool = False) -> None:
        """证书安装 without being asked: a renewed certificate waits for this key. Opened once
        per entry while the key stays plugged (again when it is plugged in anew), never over
        another open wizard."""
        from netca_client.core.workflows.renewal_record import Progress, RenewalRecord

        entry = self._unfinished_renewal(key)
        if entry is None or not RenewalRecord.from_entry(entry).reached(Progress.ISSUED):
            return
        if entry.entry_id in self._offered and not plugged_now:
            return
        if self.wizard is not None and self.wizard.isVisible():
            return
        self._offered.add(entry.entry_id)
        self.resume(entry)

    def _unfinished_renewal(self, key: KeyRef) -> JournalEntry | None:
        from netca_client.core.workflows.renewal_record import KIND as RENEWAL_KIND

        for entry in self.pending:
            if entry.key_serial == key.serial and entry.kind == RENEWAL_KIND:
                return entry
        return None

    def provision(self) -> None:
        from netca_client.gui.wizards.provisioning import ProvisioningWizard

        wizard = ProvisioningWizard(self.workflows, self._parent)
        self._open(wizard)
        wizard.begin()

    def resume(self, entry: JournalEntry) -> None:
        from netca_client.core.workflows.provision import KIND as PROVISION_KIND
        from netca_client.core.workflows.renewal_record import KIND as RENEWAL_KIND
        from netca_client.gui.wizards.activation import ActivationWizard
        from netca_client.gui.wizards.provisioning import ProvisioningWizard
        from netca_client.gui.wizards.renewal import RenewalWizard
        from netca_client.gui.wizards.unlock import UnlockWizard

        if entry.kind == RENEWAL_KIND:
            renewal = RenewalWizard(self.workflows, entry.key_serial, self._parent)
            self._open(renewal)
            renewal.resume(entry)
            return
        if entry.kind == PROVISION_KIND:
            wizard = ProvisioningWizard(self.workflows, self._parent)
            self._open(wizard)
            wizard.resume(entry)
            return
        job: ActivationWizard | UnlockWizard
        if entry.kind == KeyRequestPurpose.ACTIVATE.value:
            job = ActivationWizard(self.workflows, entry.key_serial, self._parent)
        else:
            job = UnlockWizard(self.workflows, entry.key_serial, self._parent)
        self._open(job)
        job.resume(entry)
