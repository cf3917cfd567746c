"""KeyRequestWizard: what 激活证书 and 忘记密码 share, from an open RA request to the new PIN.

The workflow decides (core/workflows/key_request_job.py); this wizard shows the page for the
step the job is at and runs the transition the user chooses, so a fresh request and one
resumed from the journal take the same path: enter code → the code page; new code (the last
attempt stopped after the release) → a new code, then the code page; set PIN → the new PIN;
wait for review → waiting; confirm only → finishing without asking anything; failed → why.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from netca_client.core.errors import NetcaError, PinPolicyViolation
from netca_client.core.key_snapshot import KeySnapshot
from netca_client.core.token import KeyRef
from netca_client.core.workflows.journal import JournalEntry
from netca_client.core.workflows.key_request_job import KeyRequestJob, PinResetResult
from netca_client.core.workflows.steps import Step, StepKind, StopReason
from netca_client.gui.error_text import error_text, tries_left_text, wrong_code_text
from netca_client.gui.wizards.frame import WizardDialog
from netca_client.gui.wizards.steps import CodePage, MessagePage, NewPinPage
from netca_client.gui.wizards.workflows import KeyWorkflows
from netca_protocol.models import KeyRequestPurpose


class KeyRequestWizard(WizardDialog):
    """The code, new PIN, done, waiting and stop pages, shown as the job's steps say."""

    purpose = KeyRequestPurpose.ACTIVATE

    def __init__(
        self, workflows: KeyWorkflows, serial: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(workflows, title, parent)
        self.serial = serial
        self.job: KeyRequestJob | None = None
        self.outcome: PinResetResult | None = None
        self._resume_when_plugged: JournalEntry | None = None

        self.code_page = CodePage()
        self.code_page.changed.connect(self.refresh_next)
        self.code_page.resend_clicked.connect(self._resend)
        self.code_page.staff_clicked.connect(self._authorise_by_staff)
        self.add_page(
            "code",
            self.code_page,
            title=self.tr("Enter the SMS code"),
            next_text=self.tr("Verify"),
            action=self._verify,
            ready=self.code_page.complete,
        )
        self.pin_page = NewPinPage(
            self.tr(
                "Choose the PIN you will use with this key. Nobody else knows it, "
                "and nobody can look it up for you: keep it safe."
            )
        )
        self.pin_page.changed.connect(self.refresh_next)
        self.add_page(
            "pin",
            self.pin_page,
            title=self.tr("Set a new PIN"),
            next_text=self.tr("Set PIN"),
            action=self._reset_pin,
            ready=self.pin_page.ready,
        )
        self.done_page = MessagePage()
        self.add_page("done", self.done_page, title=self.tr("Done"), next_text=self.tr("Finish"))
        self.waiting_page = MessagePage()
        self.refresh_button = self.waiting_page.add_button(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self._refresh_state)
        self.add_page("waiting", self.waiting_page, title=self.tr("Under review"))
        self.stop_page = MessagePage()
        self.add_page("stop", self.stop_page, title=self.tr("Cannot continue"))
        self.plug_page = MessagePage()
        self.add_page("plug", self.plug_page, title=self.tr("Plug in the key"))
        workflows.service.snapshot_loaded.connect(self._on_snapshot_loaded)

    # --- the key ------------------------------------------------------------------------

    def key(self) -> KeyRef | None:
        return self.workflows.key_of(self.serial)

    def snapshot(self) -> KeySnapshot | None:
        return self.workflows.snapshot_of(self.serial)

    def _on_snapshot_loaded(self, snapshot: KeySnapshot) -> None:
        entry = self._resume_when_plugged
        if entry is not None and snapshot.key.serial == self.serial:
            self._resume_when_plugged = None
            self.resume(entry)

    def _plug_in_first(self) -> None:
        self.show_error(
            self.tr("Plug in the USB key with serial {serial}.").format(serial=self.serial)
        )

    # --- the step the job is at ------------------------------------------------------

    def resume(self, entry: JournalEntry) -> None:
        """Continue a journal entry left by an earlier run (or a crash)."""
        self.serial = entry.key_serial
        if self.key() is None:
            self._resume_when_plugged = entry
            self.plug_page.say(
                self.tr("Plug in the USB key with serial {serial} to continue.").format(
                    serial=entry.key_serial
                )
            )
            self.show_page("plug")
            return
        workflows = self.workflows
        self.run(
            lambda: workflows.requests.resume(entry),
            lambda job: self.show_job(job, refreshed=True),
            busy_text=self.tr("Asking the RA how far the request got…"),
        )

    def show_job(self, job: KeyRequestJob, *, refreshed: bool = False) -> None:
        """Show the page for the job's next step (``refreshed``: the RA was asked again)."""
        self.job = job
        step = job.next_step()
        match step.kind:
            case StepKind.ENTER_CODE if job.code_refused:
                self._code_refused(job)
            case StepKind.ENTER_CODE:
                self._show_code(job, notice="")
            case StepKind.NEW_CODE:
                self._new_code_after_release(job)
            case StepKind.SET_PIN:
                self.show_page("pin")
            case StepKind.UPLOAD_MATERIALS:
                self.show_page("materials")  # only an unlock has it; only an unlock asks
            case StepKind.WAIT_FOR_REVIEW:
                self._show_waiting(refreshed=refreshed)
            case StepKind.CONFIRM_ONLY:
                # The new PIN is set and the SO PIN rotated: only the RA's confirmation is left.
                self._run_reset("")
            case StepKind.DONE:
                assert job.result is not None
                self._show_done(job.result)
            case StepKind.FAILED:
                self._stop(step)
        if step.over:
            self.finished_job.emit()  # the journal no longer holds the job

    def _stop(self, step: Step) -> None:
        text, detail = self.stop_texts(step)
        self.stop_page.say(text, detail)
        self.show_page("stop", closing=True)

    def stop_texts(self, step: Step) -> tuple[str, str]:
        """Why the job ended, and what to do about it."""
        match step.reason:
            case StopReason.REJECTED:
                return (
                    self.tr("The acceptance point rejected the materials."),
                    self.tr("Reason: {reason}").format(reason=step.detail or "-"),
                )
            case StopReason.ALREADY_COMPLETED:
                return self.tr("This request is already completed."), ""
            case StopReason.UNEXPECTED:
                return self.tr("The RA asks for application materials."), ""
        return (
            self.tr("This request is over (too many wrong codes, or it expired)."),
            self.tr("Close this window and start again."),
        )

    def _show_waiting(self, *, refreshed: bool) -> None:
        self.waiting_page.say(
            self.tr(
                "Submitted for review. Once approved, an SMS code goes to the mobile number "
                "you gave. You may close this window and continue later from 'Unfinished "
                "jobs' on the home page."
            ),
            self.tr("Still under review.") if refreshed else "",
        )
        self.show_page("waiting", closing=True)

    def _refresh_state(self) -> None:
        job, workflows = self.job, self.workflows
        if job is None:
            return
        self.run(
            lambda: workflows.requests.refresh(job),
            lambda fresh: self.show_job(fresh, refreshed=True),
            busy_text=self.tr("Asking the RA…"),
        )

    # --- the code -----------------------------------------------------------------------

    def _show_code(self, job: KeyRequestJob, *, notice: str) -> None:
        self.job = job
        if job.request is not None:
            self.code_page.show_request(job.request)
        self.code_page.set_notice(notice)
        staff = self.workflows.staff_session
        self.code_page.set_staff(staff.display_name if staff and not staff.expired() else None)
        self.code_page.clear_code()
        self.show_page("code")

    def _code_refused(self, job: KeyRequestJob) -> None:
        attempts = job.request.attempts_left if job.request is not None else None
        self.code_page.clear_code()
        if attempts is not None:
            self.code_page.show_attempts(attempts)
        self.show_error(wrong_code_text(attempts))

    def _new_code_after_release(self, job: KeyRequestJob) -> None:
        workflows = self.workflows
        notice = self.tr(
            "The last attempt did not finish. A new code was sent; enter it to complete."
        )
        self.run(
            lambda: workflows.requests.resend(job),
            lambda sent: self._show_code(sent, notice=notice),
            busy_text=self.tr("Sending a new code…"),
            on_error=lambda error: self._resend_failed(job, error, notice),
        )

    def _resend_failed(self, job: KeyRequestJob, error: NetcaError, notice: str) -> None:
        # Too soon for a new code (one was sent a moment ago): show the page anyway.
        self._show_code(job, notice=notice)
        self.show_error(error_text(error))

    def _resend(self) -> None:
        job, workflows = self.job, self.workflows
        if job is None:
            return
        self.run(
            lambda: workflows.requests.resend(job),
            self._resent,
            busy_text=self.tr("Sending a new code…"),
        )

    def _resent(self, job: KeyRequestJob) -> None:
        self.job = job
        if job.request is not None:
            self.code_page.show_request(job.request)

    def _verify(self) -> None:
        job, workflows, code = self.job, self.workflows, self.code_page.code()
        if job is None:
            return
        self.run(
            lambda: workflows.requests.verify(job, code),
            self.show_job,
            busy_text=self.tr("Checking the code…"),
            on_error=self._verify_failed,
        )

    def _verify_failed(self, error: NetcaError) -> None:
        self.code_page.clear_code()
        self.show_error(error_text(error))

    def _authorise_by_staff(self) -> None:
        job, workflows, staff = self.job, self.workflows, self.workflows.staff_session
        if job is None or staff is None:
            return
        self.run(
            lambda: workflows.requests.authorise_by_staff(job, staff),
            self.show_job,
            busy_text=self.tr("Asking the RA…"),
        )

    # --- the PIN ----------------------------------------------------------------------

    def _reset_pin(self) -> None:
        pin = self.pin_page.pin()
        self.pin_page.clear()
        self._run_reset(pin)

    def _run_reset(self, pin: str) -> None:
        job, workflows, key = self.job, self.workflows, self.key()
        if job is None:
            return
        if key is None:
            self._plug_in_first()
            return
        self.run(
            lambda: workflows.requests.reset_pin(job, key, pin),
            self._after_reset,
            busy_text=self.tr("Setting the PIN on the key… do not unplug it."),
            on_error=self._reset_failed,
            guarded=True,
        )

    def _refresh_key(self) -> None:
        key = self.key()
        if key is not None:
            self.workflows.service.refresh(key)

    def _reset_failed(self, error: NetcaError) -> None:
        self._refresh_key()
        if isinstance(error, PinPolicyViolation):
            self.show_page("pin")
        self.show_error(error_text(error))

    def _after_reset(self, job: KeyRequestJob) -> None:
        self._refresh_key()
        self.show_job(job)

    def _show_done(self, result: PinResetResult) -> None:
        self.outcome = result
        tries = tries_left_text(result.tries_left)
        if result.purpose is KeyRequestPurpose.ACTIVATE:
            text = self.tr("Activation succeeded, {tries}.").format(tries=tries)
        else:
            text = self.tr("Unlock succeeded, {tries}.").format(tries=tries)
        self.done_page.say(text, self.tr("Use the new PIN from now on."))
        self.show_page("done", closing=True)
