"""The key-request state machine, walked as a table: every state the RA may report, for both
purposes and every journal progress, goes through ``next_step()``; the journal records it
reads (this version's and the one releases before issue 15 wrote) come back typed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from netca_client.core.workflows.journal import Journal, JournalEntry
from netca_client.core.workflows.key_request_job import KeyRequestJob, PinResetResult
from netca_client.core.workflows.key_request_record import UNTOUCHED, KeyRequestRecord, Progress
from netca_client.core.workflows.key_requests import may_discard
from netca_client.core.workflows.provision import ProvisionRecord, factory_so_pin_needed
from netca_client.core.workflows.steps import Step, StepKind, StopReason
from netca_protocol.models import KeyRequestOut, KeyRequestPurpose, KeyRequestState

S, K = KeyRequestState, StepKind
ACTIVATE, UNLOCK = KeyRequestPurpose.ACTIVATE, KeyRequestPurpose.UNLOCK
#: every journal progress before the key holds the next SO PIN
BEFORE_ROTATED = [p for p in Progress if p is not Progress.ROTATED]

#: (RA state, purpose) → the step; the same for every progress before ROTATED
TABLE: list[tuple[KeyRequestState, KeyRequestPurpose, Step]] = [
    (S.OTP_SENT, ACTIVATE, Step(K.ENTER_CODE)),
    (S.OTP_SENT, UNLOCK, Step(K.ENTER_CODE)),
    (S.SO_PIN_RELEASED, ACTIVATE, Step(K.NEW_CODE)),
    (S.SO_PIN_RELEASED, UNLOCK, Step(K.NEW_CODE)),
    (S.AUTHORISED, ACTIVATE, Step(K.SET_PIN)),
    (S.AUTHORISED, UNLOCK, Step(K.SET_PIN)),
    (S.MATERIALS_REQUIRED, UNLOCK, Step(K.UPLOAD_MATERIALS)),
    (S.MATERIALS_REQUIRED, ACTIVATE, Step(K.FAILED, StopReason.UNEXPECTED)),
    (S.UNDER_REVIEW, UNLOCK, Step(K.WAIT_FOR_REVIEW)),
    (S.UNDER_REVIEW, ACTIVATE, Step(K.WAIT_FOR_REVIEW)),
    (S.REJECTED, UNLOCK, Step(K.FAILED, StopReason.REJECTED, "申请表未盖公章")),
    (S.REJECTED, ACTIVATE, Step(K.FAILED, StopReason.REJECTED, "申请表未盖公章")),
    (S.FAILED, ACTIVATE, Step(K.FAILED, StopReason.TOO_MANY_CODES)),
    (S.FAILED, UNLOCK, Step(K.FAILED, StopReason.TOO_MANY_CODES)),
    (S.EXPIRED, ACTIVATE, Step(K.FAILED, StopReason.EXPIRED)),
    (S.EXPIRED, UNLOCK, Step(K.FAILED, StopReason.EXPIRED)),
    (S.COMPLETED, ACTIVATE, Step(K.FAILED, StopReason.ALREADY_COMPLETED)),
    (S.COMPLETED, UNLOCK, Step(K.FAILED, StopReason.ALREADY_COMPLETED)),
]


def _entry(purpose: KeyRequestPurpose, progress: Progress) -> JournalEntry:
    return JournalEntry(
        entry_id="e1",
        kind=purpose.value,
        key_serial="TK1",
        ra_url="https://ra",
        step=progress.value,
        created_at="2026-01-01T00:00:00+00:00",
        updated_at="2026-01-01T00:00:00+00:00",
    )


def _out(state: KeyRequestState, purpose: KeyRequestPurpose) -> KeyRequestOut:
    now = dt.datetime.now(dt.UTC)
    return KeyRequestOut(
        request_id="0" * 32,
        key_serial="TK1",
        purpose=purpose,
        state=state,
        attempts_left=5,
        review_reason="申请表未盖公章" if state is S.REJECTED else "",
        expires_at=now,
    )


def _job(
    purpose: KeyRequestPurpose, progress: Progress, state: KeyRequestState | None, **flags: bool
) -> KeyRequestJob:
    record = KeyRequestRecord(purpose, progress, idempotency="k" * 32, request_id="0" * 32)
    out = _out(state, purpose) if state is not None else None
    return KeyRequestJob(_entry(purpose, progress), record, request=out, **flags)


def test_the_table_covers_every_state_for_both_purposes() -> None:
    assert {(state, purpose) for state, purpose, _ in TABLE} == {
        (state, purpose) for state in KeyRequestState for purpose in KeyRequestPurpose
    }


@pytest.mark.parametrize("progress", BEFORE_ROTATED, ids=str)
@pytest.mark.parametrize(("state", "purpose", "expected"), TABLE, ids=str)
def test_each_state_of_the_ra_leads_to_its_step(
    state: KeyRequestState, purpose: KeyRequestPurpose, expected: Step, progress: Progress
) -> None:
    step = _job(purpose, progress, state).next_step()
    assert step == expected
    assert step.over is (expected.kind is K.FAILED)


@pytest.mark.parametrize("state", [None, *KeyRequestState], ids=str)
@pytest.mark.parametrize("purpose", list(KeyRequestPurpose), ids=str)
def test_a_rotated_key_only_needs_the_confirmation_whatever_the_ra_says(
    state: KeyRequestState | None, purpose: KeyRequestPurpose
) -> None:
    assert _job(purpose, Progress.ROTATED, state).next_step() == Step(K.CONFIRM_ONLY)


def test_after_a_new_code_was_asked_for_a_spent_release_waits_for_that_code() -> None:
    job = _job(UNLOCK, Progress.RELEASED, S.SO_PIN_RELEASED, code_requested=True)
    assert job.next_step() == Step(K.ENTER_CODE)


def test_a_refused_code_asks_for_the_code_again() -> None:
    job = _job(UNLOCK, Progress.REQUESTED, S.OTP_SENT, code_refused=True, code_requested=True)
    assert job.next_step() == Step(K.ENTER_CODE)


def test_a_job_with_its_result_is_done() -> None:
    result = PinResetResult("TK1", UNLOCK, so_pin_version=3, tries_left=10, max_tries=10)
    job = KeyRequestJob(
        _entry(UNLOCK, Progress.ROTATED),
        KeyRequestRecord(UNLOCK, Progress.ROTATED, idempotency="k"),
        result=result,
    )
    assert job.next_step() == Step(K.DONE)
    assert job.next_step().over


def test_without_the_ras_answer_there_is_no_step_before_the_rotation() -> None:
    with pytest.raises(ValueError, match="RA's answer"):
        _job(UNLOCK, Progress.REQUESTED, None).next_step()


@pytest.mark.parametrize("progress", list(Progress), ids=str)
def test_only_a_job_that_left_the_key_untouched_may_be_discarded(progress: Progress) -> None:
    untouched = progress in (Progress.STARTED, Progress.REQUESTED)
    assert (progress in UNTOUCHED) is untouched
    assert _job(UNLOCK, progress, S.OTP_SENT).may_discard is untouched
    assert may_discard(_entry(UNLOCK, progress)) is untouched


# --- the records in the journal -------------------------------------------------------------


def test_a_record_goes_through_the_journal_typed(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    record = KeyRequestRecord(UNLOCK, Progress.STARTED, idempotency="idem-1")
    entry = journal.begin("unlock", record, key_serial="TK1", ra_url="https://ra")
    record = record.at(
        Progress.ROTATING, request_id="r" * 32, released_version=2, next_version=4
    ).at(Progress.ROTATING, so_pin_change_begun=True)
    entry = journal.save(entry, record)
    body = json.loads((tmp_path / f"{entry.entry_id}.json").read_text())
    assert (body["version"], body["step"]) == (2, "rotating")
    assert body["data"]["next_version"] == 4  # a number, not a string
    again = journal.get(entry.entry_id)
    assert again is not None
    assert KeyRequestRecord.from_entry(again) == record


def test_a_record_written_before_records_had_versions_is_read(tmp_path: Path) -> None:
    """What netca-client wrote until issue 15: no version, every value a string."""
    (tmp_path / "old.json").write_text(
        json.dumps(
            {
                "entry_id": "old",
                "kind": "unlock",
                "key_serial": "TK1",
                "ra_url": "https://ra",
                "step": "rotated",
                "created_at": "2026-01-01T00:00:00+00:00",
                "updated_at": "2026-01-01T00:00:01+00:00",
                "data": {
                    "idempotency": "idem-1",
                    "request_id": "r" * 32,
                    "version": "2",
                    "reached": "rotating",
                    "next_version": "4",
                },
            }
        )
    )
    (entry,) = Journal(tmp_path).unfinished()
    assert entry.version == 1
    record = KeyRequestRecord.from_entry(entry)
    assert record == KeyRequestRecord(
        UNLOCK,
        Progress.ROTATED,
        idempotency="idem-1",
        request_id="r" * 32,
        released_version=2,
        next_version=4,
        so_pin_change_begun=True,
    )
    assert KeyRequestJob(entry, record).next_step() == Step(K.CONFIRM_ONLY)


def test_a_record_from_a_newer_client_is_refused_not_misread() -> None:
    from netca_client.core.errors import WorkflowError

    newer = JournalEntry(
        "n", "unlock", "TK1", "https://ra", "requested", "t", "t", version=99, data={}
    )
    with pytest.raises(WorkflowError, match="newer"):
        KeyRequestRecord.from_entry(newer)


@pytest.mark.parametrize(
    ("step", "needed"),
    [
        ("started", True),
        ("ticket", True),
        ("so_pin", True),
        ("user_pin", False),
        ("key_pair", False),
        ("certificate", False),
        ("install", False),
        ("register", False),
    ],
)
def test_a_resumed_provisioning_asks_for_the_factory_so_pin_only_before_it_was_replaced(
    step: str, needed: bool
) -> None:
    """Provisioning records too: an old (version 1) entry at ``step``."""
    entry = JournalEntry(
        "p", "provision", "TK1", "https://ra", step, "t", "t",
        data={"order_no": "00202601010000001", "issue_request": "i" * 32},
    )  # fmt: skip
    assert ProvisionRecord.from_entry(entry).order_no == "00202601010000001"
    assert factory_so_pin_needed(entry) is needed
