"""What a workflow asks for next: the one value the CLI and the GUI switch on.

Every business workflow in core is a small state machine: its persisted state is a typed
journal record, its transitions are the methods of its service (each returns the job's next
state), and ``next_step()`` of that state says what the front end must do now. The front
ends hold no business rule: they show the page, or ask the question, that the step names,
and call the transition the user chose. docs/workflows.md describes the shape and how a new
flow (renewal with payment and install, seal apply/install) joins it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class StepKind(enum.StrEnum):
    """What the user (or the client on their behalf) does next, in any workflow."""

    #: an SMS code went to the handler: type it (or counter staff authorise instead)
    ENTER_CODE = "enter_code"
    #: the earlier authorisation was spent without finishing: ask for a new code first
    NEW_CODE = "new_code"
    #: authorised: choose the new PIN; the key is changed next
    SET_PIN = "set_pin"
    #: the RA needs application materials: upload them and submit for review
    UPLOAD_MATERIALS = "upload_materials"
    #: staff are reviewing: nothing to do but look again later
    WAIT_FOR_REVIEW = "wait_for_review"
    #: the key is already changed: only the confirmation to the RA is left, nothing to ask
    CONFIRM_ONLY = "confirm_only"
    #: 证书续期: the key's PIN is needed to (re)sign the request (the order was never opened)
    ENTER_PIN = "enter_pin"
    #: the order awaits payment: show the fee, pay online (QR code) or report a bank transfer
    PAY = "pay"
    #: a payment is under way (or a bank transfer awaits staff): look again, with backoff
    WAIT_FOR_PAYMENT = "wait_for_payment"
    #: the new certificate is issued: write it to the key with the PIN (guarded), then finish
    INSTALL = "install"
    #: finished; the result is on the job
    DONE = "done"
    #: the workflow cannot go on; ``Step.reason`` says why
    FAILED = "failed"


class StopReason(enum.StrEnum):
    """Why a workflow ended without finishing."""

    #: staff rejected the application materials (``Step.detail``: their reason)
    REJECTED = "rejected"
    #: too many wrong codes: the request is void
    TOO_MANY_CODES = "too_many_codes"
    EXPIRED = "expired"
    #: the RA finished the request already (another client completed it)
    ALREADY_COMPLETED = "already_completed"
    #: the RA asks for something this workflow never needs (e.g. materials for an activation)
    UNEXPECTED = "unexpected"
    #: the order was cancelled (by the holder, by staff, or replaced by a newer renewal)
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Step:
    """The next step of a workflow. ``reason`` and ``detail`` only for ``FAILED``."""

    kind: StepKind
    reason: StopReason | None = None
    detail: str = ""

    @property
    def over(self) -> bool:
        """Nothing is left to do: the journal holds no entry for the job any more."""
        return self.kind in (StepKind.DONE, StepKind.FAILED)


def failed(reason: StopReason, detail: str = "") -> Step:
    return Step(StepKind.FAILED, reason, detail)
