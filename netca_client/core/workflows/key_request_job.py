"""One activation or unlock as the client knows it, and the state machine that says what next.

A ``KeyRequestJob`` is immutable: every transition of ``KeyRequests`` returns the next job.
``next_step()`` depends on the journal record (how far the client got on the key) and on the
RA's last answer (how far the request got there): the whole decision is ``step_for`` below,
and the CLI and the GUI only switch on its answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from netca_client.core.workflows.journal import JournalEntry
from netca_client.core.workflows.key_request_record import UNTOUCHED, KeyRequestRecord, Progress
from netca_client.core.workflows.steps import Step, StepKind, StopReason, failed
from netca_protocol.models import KeyRequestOut, KeyRequestPurpose, KeyRequestState

S = KeyRequestState


@dataclass(frozen=True)
class PinResetResult:
    key_serial: str
    purpose: KeyRequestPurpose
    so_pin_version: int
    tries_left: int | None
    max_tries: int | None


@dataclass(frozen=True)
class KeyRequestJob:
    """An activation or unlock: its journal entry and record, and the RA's last answer."""

    entry: JournalEntry
    record: KeyRequestRecord
    #: the RA's last answer about the request; None only when none is needed (the key is
    #: already changed) or the job is done
    request: KeyRequestOut | None = None
    #: a new code was asked for in this session (after a spent authorisation)
    code_requested: bool = False
    #: the last code given was wrong (``request.attempts_left`` says how many tries remain)
    code_refused: bool = False
    result: PinResetResult | None = None

    @property
    def entry_id(self) -> str:
        return self.entry.entry_id

    @property
    def key_serial(self) -> str:
        return self.entry.key_serial

    @property
    def purpose(self) -> KeyRequestPurpose:
        return self.record.purpose

    @property
    def may_discard(self) -> bool:
        """Whether the user may drop the job: nothing on the key was changed yet."""
        return self.record.progress in UNTOUCHED

    def next_step(self) -> Step:
        return step_for(
            self.record,
            self.request,
            code_requested=self.code_requested,
            done=self.result is not None,
        )


def step_for(
    record: KeyRequestRecord,
    request: KeyRequestOut | None,
    *,
    code_requested: bool = False,
    done: bool = False,
) -> Step:
    """The next step of a key request (the table docs/workflows.md shows)."""
    if done:
        return Step(StepKind.DONE)
    if record.progress is Progress.ROTATED:
        # The new PIN is set and the SO PIN rotated: only the RA's confirmation is left,
        # whatever the RA says meanwhile (confirming again is harmless).
        return Step(StepKind.CONFIRM_ONLY)
    if request is None:
        raise ValueError("a key request's next step needs the RA's answer about it")
    match request.state:
        case S.OTP_SENT:
            return Step(StepKind.ENTER_CODE)
        case S.SO_PIN_RELEASED:
            # Released before, never confirmed (a crash, or a lost answer): a fresh code
            # authorises the same SO PIN pair again.
            return Step(StepKind.ENTER_CODE if code_requested else StepKind.NEW_CODE)
        case S.AUTHORISED:
            return Step(StepKind.SET_PIN)
        case S.MATERIALS_REQUIRED if record.purpose is KeyRequestPurpose.UNLOCK:
            return Step(StepKind.UPLOAD_MATERIALS)
        case S.MATERIALS_REQUIRED:
            return failed(StopReason.UNEXPECTED)
        case S.UNDER_REVIEW:
            return Step(StepKind.WAIT_FOR_REVIEW)
        case S.REJECTED:
            return failed(StopReason.REJECTED, request.review_reason)
        case S.FAILED:
            return failed(StopReason.TOO_MANY_CODES)
        case S.EXPIRED:
            return failed(StopReason.EXPIRED)
        case S.COMPLETED:
            return failed(StopReason.ALREADY_COMPLETED)
    raise ValueError(f"unknown key request state {request.state!r}")  # pragma: no cover
