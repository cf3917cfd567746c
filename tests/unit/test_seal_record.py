"""The seal table (docs/workflows.md): step_for, seal_actions and the record's journal form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from netca_client.core.workflows.journal import Journal
from netca_client.core.workflows.seal_record import (
    SealAction,
    SealInstalled,
    SealJob,
    SealProgress,
    SealRecord,
    seal_actions,
    step_for,
)
from netca_client.core.workflows.steps import StepKind, StopReason
from netca_protocol import BusinessType, HandlerIn
from netca_protocol.seals import SealDetailsIn, SealOrderKind, SealOrderOut, SealOrderState

NOW = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


def order(state: SealOrderState, reason: str = "") -> SealOrderOut:
    details = SealDetailsIn(
        seal_kind=SealOrderKind.OFFICIAL, seal_name="广州示例科技有限公司",
        handler=HandlerIn(name="张三", id_number="44010119900101123X", mobile="13800138000"),
    )  # fmt: skip
    return SealOrderOut(
        order_no="00202612010000001", key_serial="0123456789abcdef",
        business_type=BusinessType.SEAL_APPLY, state=state, details=details, revision=1,
        certificate_serial="1f", amount_fen=0, review_reason=reason, created_at=NOW,
        updated_at=NOW,
    )  # fmt: skip


def record(progress: SealProgress = SealProgress.APPLIED) -> SealRecord:
    return SealRecord(progress, BusinessType.SEAL_APPLY, "idem", order_no="00202612010000001")


@pytest.mark.parametrize(
    ("state", "kind"),
    [
        (SealOrderState.MATERIALS_REQUIRED, StepKind.UPLOAD_MATERIALS),
        (SealOrderState.UNDER_REVIEW, StepKind.WAIT_FOR_REVIEW),
        (SealOrderState.APPROVED, StepKind.INSTALL),
        (SealOrderState.REJECTED, StepKind.FAILED),
        (SealOrderState.INSTALLED, StepKind.FAILED),
        (SealOrderState.CANCELLED, StepKind.FAILED),
    ],
)
def test_the_ra_state_decides_the_next_step(state: SealOrderState, kind: StepKind) -> None:
    assert step_for(record(), order(state)).kind is kind


def test_a_rejection_carries_its_reason() -> None:
    step = step_for(record(), order(SealOrderState.REJECTED, "印章不清晰"))
    assert (step.reason, step.detail) == (StopReason.REJECTED, "印章不清晰")


@pytest.mark.parametrize(
    "progress",
    [SealProgress.INSTALLING, SealProgress.WRITTEN, SealProgress.VERIFIED, SealProgress.REPLACED],
)
def test_an_install_begun_on_the_key_can_only_be_finished(progress: SealProgress) -> None:
    # whatever the RA says meanwhile (e.g. it already counts the seal installed)
    assert step_for(record(progress), order(SealOrderState.INSTALLED)).kind is StepKind.INSTALL
    assert step_for(record(progress), None).kind is StepKind.INSTALL


def test_without_the_ras_answer_there_is_no_step() -> None:
    with pytest.raises(ValueError, match="needs the RA's answer"):
        step_for(record(), None)


def _job(tmp_path: Path, progress: SealProgress, out: SealOrderOut | None) -> SealJob:
    entry = Journal(tmp_path).begin("seal", record(progress), key_serial="k", ra_url="u")
    return SealJob(entry, record(progress), out)


def test_what_a_key_offers(tmp_path: Path) -> None:
    assert seal_actions(has_seal=False, can_sign=True, job=None) == (SealAction.APPLY,)
    assert seal_actions(has_seal=True, can_sign=True, job=None) == (SealAction.CHANGE,)
    assert seal_actions(has_seal=False, can_sign=False, job=None) == ()

    def offers(progress: SealProgress, out: SealOrderOut | None) -> tuple[SealAction, ...]:
        return seal_actions(has_seal=True, can_sign=True, job=_job(tmp_path, progress, out))

    applied = SealProgress.APPLIED
    assert offers(applied, order(SealOrderState.MATERIALS_REQUIRED)) == (
        SealAction.CONTINUE,
        SealAction.EDIT,
    )
    assert offers(applied, order(SealOrderState.UNDER_REVIEW)) == (SealAction.EDIT,)
    assert offers(applied, order(SealOrderState.APPROVED)) == (SealAction.INSTALL,)
    assert offers(SealProgress.WRITTEN, None) == (SealAction.INSTALL,)
    # rejected: as if there were none (变更印章 again); the RA unreachable: 继续 only
    assert offers(applied, order(SealOrderState.REJECTED, "x")) == (SealAction.CHANGE,)
    assert offers(applied, None) == (SealAction.CONTINUE,)


def test_may_discard_only_before_anything_was_made(tmp_path: Path) -> None:
    assert _job(tmp_path, SealProgress.APPLIED, order(SealOrderState.UNDER_REVIEW)).may_discard
    assert not _job(tmp_path, SealProgress.APPLIED, order(SealOrderState.APPROVED)).may_discard
    assert not _job(tmp_path, SealProgress.WRITTEN, None).may_discard


def test_the_record_survives_the_journal(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    written = SealRecord(
        SealProgress.WRITTEN, BusinessType.SEAL_CHANGE, "idem", order_no="00202612010000001",
        seal_id="44010000000001", seal_sha256="ab" * 32, replaces_seal_id="44010000000000",
    )  # fmt: skip
    entry = journal.begin("seal", written, key_serial="k", ra_url="u")
    (read,) = journal.unfinished(kind="seal")
    assert SealRecord.from_entry(read) == written
    assert "PIN" not in (tmp_path / f"{entry.entry_id}.json").read_text().upper()
    done = SealJob(entry, written, result=SealInstalled("k", "o", "s", "n", ""))
    assert done.next_step().kind is StepKind.DONE
