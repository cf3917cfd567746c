"""A seal application (申请印章 / 变更印章) as the client keeps it, and what it asks for next.

The record is what survives a crash (never a PIN); the job adds the RA's last answer;
``step_for`` is the whole decision the CLI and the GUI switch on (docs/workflows.md, "The seal
table"), and ``seal_actions`` says which of 申请/变更/安装/修改资料 a key offers.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar

from netca_client.core.errors import WorkflowError
from netca_client.core.workflows.journal import JournalEntry, JsonScalar
from netca_client.core.workflows.steps import Step, StepKind, StopReason, failed
from netca_protocol.enums import BusinessType, SealOrderState

if TYPE_CHECKING:
    from netca_protocol.seals import SealOrderOut

KIND = "seal"


class SealProgress(enum.StrEnum):
    """Journal steps, in order; each is written before the act it names."""

    STARTED = "started"  # the order is being opened at the RA
    APPLIED = "applied"  # the order exists: form, scans, review
    INSTALLING = "installing"  # the seal is fetched and checked; writing it to the key
    WRITTEN = "written"  # the new seal object is on the key (the old one too)
    VERIFIED = "verified"  # the new seal read back and verified: removing the old one
    REPLACED = "replaced"  # only the report to the RA is left


#: the install was begun: from here on only finishing it is safe
ON_KEY = frozenset(
    {SealProgress.INSTALLING, SealProgress.WRITTEN, SealProgress.VERIFIED, SealProgress.REPLACED}
)


@dataclass(frozen=True)
class SealRecord:
    VERSION: ClassVar[int] = 1

    progress: SealProgress
    business_type: BusinessType
    #: the Idempotency-Key of the order's creation
    idempotency: str
    order_no: str | None = None
    #: the order token (查询码), only when no OS keyring could keep it
    order_token: str | None = None
    #: the seal being installed: its id and the SHA-256 of its DER
    seal_id: str | None = None
    seal_sha256: str | None = None
    #: a change: the seal id (esID) of the seal the new one replaces
    replaces_seal_id: str = ""

    @property
    def step(self) -> str:
        return self.progress.value

    def at(self, progress: SealProgress, **changes: Any) -> SealRecord:
        return replace(self, progress=progress, **changes)

    def to_data(self) -> dict[str, JsonScalar]:
        return {
            "business_type": self.business_type.value,
            "idempotency": self.idempotency,
            "order_no": self.order_no,
            "order_token": self.order_token,
            "seal_id": self.seal_id,
            "seal_sha256": self.seal_sha256,
            "replaces_seal_id": self.replaces_seal_id,
        }

    @classmethod
    def from_entry(cls, entry: JournalEntry) -> SealRecord:
        if entry.kind != KIND:
            raise WorkflowError(f"journal entry {entry.entry_id} is not a seal application")
        if entry.version > cls.VERSION:
            raise WorkflowError(
                f"journal entry {entry.entry_id} was written by a newer netca-client "
                f"(record version {entry.version})"
            )
        data = entry.data
        return cls(
            progress=SealProgress(entry.step),
            business_type=BusinessType(_text(data.get("business_type")) or "seal_apply"),
            idempotency=_text(data.get("idempotency")) or "",
            order_no=_text(data.get("order_no")),
            order_token=_text(data.get("order_token")),
            seal_id=_text(data.get("seal_id")),
            seal_sha256=_text(data.get("seal_sha256")),
            replaces_seal_id=_text(data.get("replaces_seal_id")) or "",
        )


def _text(value: JsonScalar) -> str | None:
    return value if isinstance(value, str) and value else None


@dataclass(frozen=True)
class SealInstalled:
    key_serial: str
    order_no: str
    seal_id: str
    seal_name: str
    #: the seal it replaced (a change), "" for a first seal
    replaced_seal_id: str


@dataclass(frozen=True)
class SealJob:
    entry: JournalEntry
    record: SealRecord
    order: SealOrderOut | None = None
    result: SealInstalled | None = None

    @property
    def entry_id(self) -> str:
        return self.entry.entry_id

    @property
    def key_serial(self) -> str:
        return self.entry.key_serial

    @property
    def order_no(self) -> str:
        return self.record.order_no or ""

    @property
    def may_discard(self) -> bool:
        """Nothing on the key changed yet, and the RA made nothing yet."""
        return self.record.progress not in ON_KEY and (
            self.order is None or self.order.state is not SealOrderState.APPROVED
        )

    @property
    def answered(self) -> bool:
        """The RA's answer is known (or the install begun): ``next_step()`` may be asked."""
        return self.order is not None or self.result is not None or self.record.progress in ON_KEY

    def next_step(self) -> Step:
        return step_for(self.record, self.order, done=self.result is not None)


S = SealOrderState


def step_for(record: SealRecord, order: SealOrderOut | None, *, done: bool = False) -> Step:
    """The next step of a seal application (docs/workflows.md, "The seal table")."""
    if done:
        return Step(StepKind.DONE)
    if record.progress in ON_KEY:
        return Step(StepKind.INSTALL)  # begun on the key: only finishing it is safe
    if order is None:
        raise ValueError("a seal application's next step needs the RA's answer about it")
    match order.state:
        case S.MATERIALS_REQUIRED:
            return Step(StepKind.UPLOAD_MATERIALS)
        case S.UNDER_REVIEW:
            return Step(StepKind.WAIT_FOR_REVIEW)
        case S.APPROVED:
            return Step(StepKind.INSTALL)
        case S.REJECTED:
            return failed(StopReason.REJECTED, order.review_reason)
        case S.INSTALLED:
            return failed(StopReason.ALREADY_COMPLETED)
        case S.CANCELLED:
            return failed(StopReason.CANCELLED)
    raise ValueError(f"unknown seal order state {order.state!r}")  # pragma: no cover


class SealAction(enum.StrEnum):
    """What a key offers about seals (主页 and 我的印章 show these buttons)."""

    APPLY = "apply"  # 申请印章: no seal yet
    CHANGE = "change"  # 变更印章: replace a seal
    CONTINUE = "continue"  # upload the stamped form and submit
    EDIT = "edit"  # 修改资料: while under review
    INSTALL = "install"  # 安装印章: approved, waiting to be installed


def seal_actions(*, has_seal: bool, can_sign: bool, job: SealJob | None) -> tuple[SealAction, ...]:
    """The seal actions a key offers: one open application at a time; without a signing
    certificate (nothing to bind a seal to) none. A job the RA ended (rejected) is as good as
    none; one the RA could not be asked about offers only to continue it."""
    if job is not None and not job.answered:
        return (SealAction.CONTINUE,)
    if job is not None and job.next_step().kind in (StepKind.FAILED, StepKind.DONE):
        job = None
    if job is None:
        if not can_sign:
            return ()
        return (SealAction.CHANGE,) if has_seal else (SealAction.APPLY,)
    step = job.next_step().kind
    if step is StepKind.INSTALL:
        return (SealAction.INSTALL,)
    if step is StepKind.UPLOAD_MATERIALS:
        return (SealAction.CONTINUE, SealAction.EDIT)
    if step is StepKind.WAIT_FOR_REVIEW:
        return (SealAction.EDIT,)
    return ()
