"""KeyJobsLauncher: opens the wizards for the window and keeps 有未完成的业务 up to date.

On start (once the key driver is loaded) and after every wizard, the journal is read on the
pool; unfinished activations, unlocks, provisionings, renewals and seal applications are
offered on the home page, and a key whose renewed certificate waits to be installed says so on
its card. Where each seal application stands (审核中, 印章待安装, rejected) is asked of the RA
on the pool and handed to 主页 and 我的印章 through ``seal_jobs_changed``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from netca_client.core.errors import NetcaError
from netca_client.core.token import KeyRef
from netca_client.core.workflows.journal import JournalEntry
from netca_client.core.workflows.seal_record import KIND as SEAL_KIND
from netca_client.core.workflows.seal_record import SealAction, SealJob, SealRecord
from netca_client.core.workflows.steps import StepKind
from netca_client.gui.job_bridge import JobBridge, ignore_error, show_text
from netca_client.gui.pages.home import PendingJobsBanner
from netca_client.gui.seal_texts import seal_state_text
from netca_client.gui.wizards.frame import WizardDialog
from netca_client.gui.wizards.workflows import KeyWorkflows
from netca_protocol.enums import BusinessType, KeyRequestPurpose

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
    elif entry.kind == SEAL_KIND:
        seal = SealRecord.from_entry(entry)
        what = (
            translate("PendingJobs", "Change seal, order {order}")
            if seal.business_type is BusinessType.SEAL_CHANGE
            else translate("PendingJobs", "Apply for a seal, order {order}")
        ).format(order=seal.order_no or "-")
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
    # {key serial: SealJob}: each key's seal application as the RA last answered (a
    # rejected one stays until the next application, so its reason can be read)
    seal_jobs_changed = Signal(object)

    def __init__(self, workflows: KeyWorkflows, banner: PendingJobsBanner, parent: QWidget) -> None:
        super().__init__(parent)
        self.workflows = workflows
        self._banner = banner
        self._parent = parent
        self._jobs = JobBridge(self)
        self.wizard: WizardDialog | None = None
        self.pending: list[JournalEntry] = []
        self._offered: set[str] = set()  # renewals whose install was opened unasked
        self.seal_jobs: dict[str, SealJob] = {}
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

        def discardable(entry: JournalEntry) -> bool:
            if entry.kind == SEAL_KIND:
                return SealJob(entry, SealRecord.from_entry(entry)).may_discard
            return may_discard(entry)

        self._banner.show_jobs([(entry, job_text(entry), discardable(entry)) for entry in entries])
        self.renewals_changed.emit(renewal_marks(entries))
        for serial, mark in renewal_marks(entries).items():
            key = self.workflows.key_of(serial)
            if mark == "install" and key is not None:
                self.offer_install(key)  # plugged in already when the journal was read
        self._refresh_seal_jobs([e for e in entries if e.kind == SEAL_KIND])

    def _refresh_seal_jobs(self, entries: list[JournalEntry]) -> None:
        """Ask the RA where each seal application stands (on the pool)."""
        if not entries:
            self._show_seal_jobs({})  # nothing to ask: no pool job
            return
        workflows = self.workflows

        def ask() -> dict[str, SealJob]:
            found: dict[str, SealJob] = {}
            for entry in entries:
                try:
                    found[entry.key_serial] = workflows.seals.resume(entry)
                except NetcaError:  # the RA is not reachable now: offer 继续 only
                    found[entry.key_serial] = SealJob(entry, SealRecord.from_entry(entry))
            return found

        self._jobs.on_pool(workflows.pool, ask, done=self._show_seal_jobs, failed=ignore_error)

    def _show_seal_jobs(self, found: dict[str, SealJob]) -> None:
        kept = {
            serial: job
            for serial, job in self.seal_jobs.items()
            if serial not in found and _ended(job)  # a rejection stays readable
        }
        self.seal_jobs = {**kept, **found}
        self.seal_jobs_changed.emit(dict(self.seal_jobs))
        for job in found.values():
            if _ended(job):  # the RA decided meanwhile (rejected): the journal forgot it
                self._announce(job)

    def _announce(self, job: SealJob) -> None:
        self.message.emit(
            translate("PendingJobs", "Seal application {order}: {state}").format(
                order=job.order_no, state=seal_state_text(job)
            )
        )

    def discard(self, entry: JournalEntry) -> None:
        """Drop a job nothing on the key depends on yet (the RA lets its request expire, or
        withdraws the seal application)."""
        workflows = self.workflows

        def drop() -> None:
            if entry.kind == SEAL_KIND:
                workflows.seals.discard(workflows.seals.resume(entry))
            else:
                workflows.requests.discard(entry)

        self._jobs.on_pool(
            workflows.pool,
            drop,
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

    def seal(self, key: KeyRef, action: SealAction) -> None:
        """申请印章 / 变更印章 open a new application; 继续, 修改资料 and 安装印章 the key's
        unfinished one."""
        from netca_client.gui.wizards.seal import SealWizard

        entry = next(
            (e for e in self.pending if e.key_serial == key.serial and e.kind == SEAL_KIND), None
        )
        if entry is not None:
            wizard = SealWizard(self.workflows, key.serial, parent=self._parent)
            self._open(wizard)
            wizard.resume(entry, edit=action is SealAction.EDIT)
            return
        if action not in (SealAction.APPLY, SealAction.CHANGE):
            self.refresh_pending()
            return
        replaces = ""
        if action is SealAction.CHANGE:
            snapshot = self.workflows.snapshot_of(key.serial)
            ids = [s.seal.seal_id for s in snapshot.seals if s.seal] if snapshot else []
            replaces = ids[0] if len(ids) == 1 else ""
        business = (
            BusinessType.SEAL_CHANGE if action is SealAction.CHANGE else BusinessType.SEAL_APPLY
        )
        wizard = SealWizard(
            self.workflows, key.serial, business, replaces_seal_id=replaces, parent=self._parent
        )
        self._open(wizard)
        wizard.begin()

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
        if entry.kind == SEAL_KIND:
            from netca_client.gui.wizards.seal import SealWizard

            seal = SealWizard(self.workflows, entry.key_serial, parent=self._parent)
            self._open(seal)
            seal.resume(entry)
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


def _ended(job: SealJob) -> bool:
    return job.order is not None and job.next_step().kind is StepKind.FAILED
