"""The journal record of a renewal (证书续期) on one key, and its job and next step.

One record per key: a batch renewal (several keys, one order, one payment) has one entry per
key, sharing ``batch`` and, once the order exists, its ``renewal_id`` and order number. Each
``Progress`` value is written before the act it names.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from netca_client.core.errors import WorkflowError
from netca_client.core.workflows.journal import JournalEntry, JsonScalar
from netca_client.core.workflows.steps import Step, StepKind, StopReason, failed
from netca_protocol import OrderState, PaymentOut
from netca_protocol.renewal import RenewalItemOut, RenewalOut

KIND = "renewal"
#: the step kinds a renewal goes through (the GUI has a page for each)
RENEWAL_STEPS = frozenset(
    {
        StepKind.ENTER_PIN,
        StepKind.WAIT_FOR_REVIEW,
        StepKind.PAY,
        StepKind.WAIT_FOR_PAYMENT,
        StepKind.INSTALL,
        StepKind.DONE,
        StepKind.FAILED,
    }
)


class Progress(enum.StrEnum):
    """Journal steps, in order; each is written before the act it names."""

    STARTED = "started"
    KEY_PAIR = "key_pair"  # generating the new key pair (its id is recorded)
    ORDERING = "ordering"  # the signed request is kept; sending it
    ORDERED = "ordered"  # the RA opened the order (renewal id, order number, token)
    PAID = "paid"  # the client learnt the order is paid
    ISSUED = "issued"  # the client learnt the new certificate is issued
    INSTALLING = "installing"  # writing the new certificate next to its key pair
    WRITTEN = "written"  # on the key and checked against its key pair and the CA chain
    REPORTED = "reported"  # the RA was told; the old signing pair goes next


ORDER = tuple(Progress)


@dataclass(frozen=True)
class RenewalRecord:
    """What a renewal keeps across a crash: never a PIN, never the payment link."""

    VERSION: ClassVar[int] = 1

    progress: Progress
    batch: str
    old_serial: str
    old_key_id: str
    validity_years: int
    #: Idempotency-Key of the order's creation (the same for every key of a batch)
    idempotency: str
    new_key_id: str | None = None
    #: the signed request as sent (JSON), so a retry after a crash sends it byte for byte
    request: str | None = None
    renewal_id: str | None = None
    order_no: str | None = None
    #: the order's access token, only when no OS keyring keeps it
    order_token: str | None = None
    #: Idempotency-Key of the payment start, and the payment once started
    payment_request: str | None = None
    payment_id: str | None = None
    new_serial: str | None = None

    @property
    def step(self) -> str:
        return self.progress.value

    def at(self, progress: Progress, **changes: Any) -> RenewalRecord:
        return replace(self, progress=progress, **changes)

    def reached(self, progress: Progress) -> bool:
        return ORDER.index(self.progress) >= ORDER.index(progress)

    def to_data(self) -> dict[str, JsonScalar]:
        return {
            "batch": self.batch,
            "old_serial": self.old_serial,
            "old_key_id": self.old_key_id,
            "validity_years": self.validity_years,
            "idempotency": self.idempotency,
            "new_key_id": self.new_key_id,
            "request": self.request,
            "renewal_id": self.renewal_id,
            "order_no": self.order_no,
            "order_token": self.order_token,
            "payment_request": self.payment_request,
            "payment_id": self.payment_id,
            "new_serial": self.new_serial,
        }

    @classmethod
    def from_entry(cls, entry: JournalEntry) -> RenewalRecord:
        if entry.kind != KIND:
            raise WorkflowError(f"journal entry {entry.entry_id} is not a renewal")
        if entry.version > cls.VERSION:
            raise WorkflowError(
                f"journal entry {entry.entry_id} was written by a newer netca-client "
                f"(record version {entry.version})"
            )
        data = entry.data

        def text(name: str) -> str | None:
            value = data.get(name)
            return value if isinstance(value, str) and value else None

        years = data.get("validity_years")
        return cls(
            progress=Progress(entry.step),
            batch=text("batch") or entry.entry_id,
            old_serial=text("old_serial") or "",
            old_key_id=text("old_key_id") or "",
            validity_years=years if isinstance(years, int) and not isinstance(years, bool) else 1,
            idempotency=text("idempotency") or "",
            new_key_id=text("new_key_id"),
            request=text("request"),
            renewal_id=text("renewal_id"),
            order_no=text("order_no"),
            order_token=text("order_token"),
            payment_request=text("payment_request"),
            payment_id=text("payment_id"),
            new_serial=text("new_serial"),
        )


@dataclass(frozen=True)
class RenewalResult:
    """A renewal finished on one key."""

    key_serial: str
    old_serial: str
    new_serial: str
    not_after: str
    #: the old key pair could encrypt: it was kept, labelled archived, not deleted
    archived_old: bool


@dataclass(frozen=True)
class RenewalJob:
    """A renewal on one key: its journal entry and record, and what the RA last said."""

    entry: JournalEntry
    record: RenewalRecord
    renewal: RenewalOut | None = None
    #: the payment started in this session (its link is never written to the journal)
    payment: PaymentOut | None = None
    result: RenewalResult | None = None

    @property
    def entry_id(self) -> str:
        return self.entry.entry_id

    @property
    def key_serial(self) -> str:
        return self.entry.key_serial

    @property
    def item(self) -> RenewalItemOut | None:
        """This key's part of the renewal, as the RA last told it."""
        if self.renewal is None:
            return None
        return next(
            (i for i in self.renewal.items if i.certificate_serial == self.record.old_serial),
            None,
        )

    @property
    def may_discard(self) -> bool:
        """Nothing was paid: dropping the job cancels the order and removes the new pair."""
        if self.record.reached(Progress.PAID):
            return False
        return self.renewal is None or self.renewal.order_state in _UNPAID

    def next_step(self) -> Step:
        return step_for(self.record, self.renewal, done=self.result is not None)


_UNPAID = frozenset(
    {
        OrderState.SUBMITTED,
        OrderState.UNDER_REVIEW,
        OrderState.APPROVED,
        OrderState.AWAITING_PAYMENT,
        OrderState.CANCELLED,
        OrderState.REJECTED,
    }
)
S = OrderState


def step_for(record: RenewalRecord, renewal: RenewalOut | None, *, done: bool = False) -> Step:
    """The next step of a renewal on one key (the table in docs/workflows.md)."""
    if done:
        return Step(StepKind.DONE)
    if not record.reached(Progress.ORDERED):
        return Step(StepKind.ENTER_PIN)  # the order was never opened: sign the request again
    if record.reached(Progress.WRITTEN):
        return Step(StepKind.INSTALL)  # on the key already: report it, retire the old pair
    if renewal is None:
        raise ValueError("a renewal's next step needs the RA's answer about it")
    item = next((i for i in renewal.items if i.certificate_serial == record.old_serial), None)
    installed = item is not None and item.installed
    issued = item is not None and item.certificate is not None
    match renewal.order_state:
        case S.SUBMITTED | S.UNDER_REVIEW | S.APPROVED:
            return Step(StepKind.WAIT_FOR_REVIEW)
        case S.AWAITING_PAYMENT if renewal.payment_pending:
            return Step(StepKind.WAIT_FOR_PAYMENT)
        case S.AWAITING_PAYMENT:
            return Step(StepKind.PAY)
        case S.PAID:
            return Step(StepKind.WAIT_FOR_PAYMENT)  # paid: the RA is issuing
        case S.ISSUED | S.INSTALLED | S.COMPLETED if item is None:
            return failed(StopReason.UNEXPECTED)
        case S.ISSUED | S.INSTALLED | S.COMPLETED if installed:
            return failed(StopReason.ALREADY_COMPLETED)  # installed from another computer
        case S.ISSUED | S.INSTALLED | S.COMPLETED if not issued:
            return failed(StopReason.UNEXPECTED)
        case S.ISSUED | S.INSTALLED | S.COMPLETED:
            return Step(StepKind.INSTALL)
        case S.REJECTED:
            return failed(StopReason.REJECTED, renewal.review_reason)
        case S.CANCELLED:
            return failed(StopReason.CANCELLED)
        case S.RECHECKED:
            return failed(StopReason.UNEXPECTED)
    raise ValueError(f"unknown order state {renewal.order_state!r}")  # pragma: no cover
