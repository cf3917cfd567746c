"""KeyRequestWizard: what 激活证书 and 忘记密码 share, from an open RA request to the new PIN.

A request at the RA moves through states (KeyRequestState); the wizard shows the page for
the state it is in, so a fresh request and one resumed from the journal take the same path:
OTP_SENT → the code page; SO_PIN_RELEASED (a crash after the release) → a new code, then the
code page; AUTHORISED → the new PIN; UNDER_REVIEW → waiting; REJECTED/FAILED/EXPIRED → why.
A journal entry at "rotated" needs neither code nor PIN: only the confirmation is left.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from netca_client.core.errors import CodeRequired, NetcaError, PinPolicyViolation, RaRejected
from netca_client.core.key_snapshot import KeySnapshot
from netca_client.core.token import KeyRef
from netca_client.core.workflows.journal import JournalEntry
from netca_client.core.workflows.pin_reset import PinResetResult, Step
from netca_client.gui.error_text import code_refused_text, error_text, tries_left_text
from netca_client.gui.wizards.frame import WizardDialog
from netca_client.gui.wizards.steps import CodePage, MessagePage, NewPinPage
from netca_client.gui.wizards.workflows import KeyWorkflows
from netca_protocol import ErrorCode
from netca_protocol.models import KeyRequestOut, KeyRequestPurpose, KeyRequestState


class KeyRequestWizard(WizardDialog):
    """The code, new PIN, done and waiting pages, and the resume logic."""

    purpose = KeyRequestPurpose.ACTIVATE

    def __init__(
        self, workflows: KeyWorkflows, serial: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(workflows, title, parent)
        self.serial = serial
        self.entry: JournalEntry | None = None
        self.request: KeyRequestOut | None = None
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

    # --- opening and resuming -------------------------------------------------------

    def opened(self, entry: JournalEntry, out: KeyRequestOut) -> None:
        """A request was opened (start): go where its state says."""
        self.entry = entry
        self.follow(out)

    def resume(self, entry: JournalEntry) -> None:
        """Continue a journal entry left by an earlier run (or a crash)."""
        self.entry = entry
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
        if entry.step == Step.ROTATED:
            # The new PIN is set and the SO PIN rotated: only the RA's confirmation is left.
            self._run_reset("")
            return
        requests = self.workflows.requests
        self.run(
            lambda: requests.state(entry),
            lambda out: self.follow(out, resumed=True),
            busy_text=self.tr("Asking the RA how far the request got…"),
        )

    def follow(self, out: KeyRequestOut, *, resumed: bool = False) -> None:
        """Show the page for the request's state at the RA."""
        self.request = out
        state = out.state
        if state is KeyRequestState.SO_PIN_RELEASED:
            self._new_code_after_release()
        elif state is KeyRequestState.OTP_SENT:
            self._show_code(out, notice="")
        elif state is KeyRequestState.AUTHORISED:
            self.show_page("pin")
        elif state is KeyRequestState.MATERIALS_REQUIRED:
            self.materials_required(out)
        elif state is KeyRequestState.UNDER_REVIEW:
            self._show_waiting(refreshed=resumed)
        elif state is KeyRequestState.REJECTED:
            self._stop(
                self.tr("The acceptance point rejected the materials."),
                self.tr("Reason: {reason}").format(reason=out.review_reason or "-"),
            )
        elif state is KeyRequestState.COMPLETED:
            self._stop(self.tr("This request is already completed."), "")
        else:  # FAILED, EXPIRED
            self._stop(
                self.tr("This request is over (too many wrong codes, or it expired)."),
                self.tr("Close this window and start again."),
            )

    def materials_required(self, out: KeyRequestOut) -> None:
        """Unlock overrides this; an activation never needs materials."""
        self._stop(self.tr("The RA asks for application materials."), "")

    def _stop(self, text: str, detail: str) -> None:
        self.stop_page.say(text, detail)
        self.show_page("stop", closing=True)
        over = (KeyRequestState.REJECTED, KeyRequestState.FAILED, KeyRequestState.EXPIRED)
        if self.entry is not None and self.request is not None and self.request.state in over:
            # The RA ended the request: the journal entry has nothing left to finish.
            entry, requests = self.entry, self.workflows.requests
            self.calls.call(
                lambda: requests.abandon(entry, force=True),
                lambda _: self.finished_job.emit(),
                lambda _: None,
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
        entry = self.entry
        if entry is None:
            return
        requests = self.workflows.requests
        self.run(
            lambda: requests.state(entry),
            lambda out: self.follow(out, resumed=True),
            busy_text=self.tr("Asking the RA…"),
        )

    # --- the code -----------------------------------------------------------------------

    def _show_code(self, out: KeyRequestOut, *, notice: str) -> None:
        self.code_page.show_request(out)
        self.code_page.set_notice(notice)
        staff = self.workflows.staff_session
        self.code_page.set_staff(staff.display_name if staff and not staff.expired() else None)
        self.code_page.clear_code()
        self.show_page("code")

    def _new_code_after_release(self) -> None:
        entry, requests = self.entry, self.workflows.requests
        assert entry is not None
        notice = self.tr(
            "The last attempt did not finish. A new code was sent; enter it to complete."
        )
        self.run(
            lambda: requests.resend(entry),
            lambda out: self._show_code(out, notice=notice),
            busy_text=self.tr("Sending a new code…"),
            on_error=lambda error: self._resend_failed(error, notice),
        )

    def _resend_failed(self, error: NetcaError, notice: str) -> None:
        # Too soon for a new code: the previous one still works; show the page anyway.
        if self.request is not None:
            self._show_code(self.request, notice=notice)
        self.show_error(error_text(error))

    def _resend(self) -> None:
        entry, requests = self.entry, self.workflows.requests
        if entry is None:
            return
        self.run(
            lambda: requests.resend(entry),
            self.code_page.show_request,
            busy_text=self.tr("Sending a new code…"),
        )

    def _verify(self) -> None:
        entry, requests, code = self.entry, self.workflows.requests, self.code_page.code()
        if entry is None:
            return
        self.run(
            lambda: requests.verify(entry, code),
            self.follow,
            busy_text=self.tr("Checking the code…"),
            on_error=self._code_refused,
        )

    def _code_refused(self, error: NetcaError) -> None:
        entry, requests = self.entry, self.workflows.requests
        self.code_page.clear_code()
        if not (isinstance(error, RaRejected) and error.code == ErrorCode.OTP_INVALID):
            self.show_error(error_text(error))
            return
        assert entry is not None

        def show(out: KeyRequestOut) -> None:
            self.code_page.show_attempts(out.attempts_left)
            if out.state in (KeyRequestState.FAILED, KeyRequestState.EXPIRED):
                self.follow(out)
            self.show_error(code_refused_text(error, out.attempts_left))

        self.run(
            lambda: requests.state(entry),
            show,
            busy_text=self.tr("Checking the code…"),
            on_error=lambda _: self.show_error(code_refused_text(error, None)),
        )

    def _authorise_by_staff(self) -> None:
        entry, requests, staff = self.entry, self.workflows.requests, self.workflows.staff_session
        if entry is None or staff is None:
            return
        self.run(
            lambda: requests.authorise_by_staff(entry, staff),
            self.follow,
            busy_text=self.tr("Asking the RA…"),
        )

    # --- the PIN ----------------------------------------------------------------------

    def _reset_pin(self) -> None:
        pin = self.pin_page.pin()
        self.pin_page.clear()
        self._run_reset(pin)

    def _run_reset(self, pin: str) -> None:
        entry, requests, key = self.entry, self.workflows.requests, self.key()
        if entry is None:
            return
        if key is None:
            self.show_error(
                self.tr("Plug in the USB key with serial {serial}.").format(serial=self.serial)
            )
            return
        self.run(
            lambda: requests.reset_pin(entry, key, pin),
            self._on_reset,
            busy_text=self.tr("Setting the PIN on the key… do not unplug it."),
            on_error=self._reset_failed,
            guarded=True,
        )

    def _reset_failed(self, error: NetcaError) -> None:
        key = self.key()
        if key is not None:
            self.workflows.service.refresh(key)
        if isinstance(error, CodeRequired) and self.entry is not None:
            self.resume(self.entry)
            return
        if isinstance(error, PinPolicyViolation):
            self.show_page("pin")
        self.show_error(error_text(error))

    def _on_reset(self, result: PinResetResult) -> None:
        self.outcome = result
        key = self.key()
        if key is not None:
            self.workflows.service.refresh(key)
        tries = tries_left_text(result.tries_left)
        if result.purpose is KeyRequestPurpose.ACTIVATE:
            text = self.tr("Activation succeeded, {tries}.").format(tries=tries)
        else:
            text = self.tr("Unlock succeeded, {tries}.").format(tries=tries)
        self.done_page.say(text, self.tr("Use the new PIN from now on."))
        self.show_page("done", closing=True)
        self.finished_job.emit()
