"""激活证书 (activation) and 忘记密码 (unlock): set the user PIN with the SO PIN the RA releases.

The conversation (docs/ra-protocol.md): open a request for the key → an SMS code goes to the
handler on record (unlock: the holder may say instead that the handler changed, and upload
materials for staff review first) → verify the code, or a signed-in staff member authorises
→ the RA releases the key's SO PIN (version v) and the next one once → log in as SO, set the
new user PIN, rotate the SO PIN to the next version → confirm it to the RA.

``KeyRequests`` holds the transitions; each returns the job's next state, a
``KeyRequestJob``, whose ``next_step()`` tells the front end what to do (key_request_job.py).
Jobs the RA ended are forgotten here, the moment an answer shows it.

The next version is allocated for this request alone (docs/ra-protocol.md, section 11): no
earlier release ever told it, so whoever saw one release cannot know the SO PIN this unlock
sets.

Crash safety: the journal records each step before it happens. After a crash the job
resumes from its record: if the SO PIN was already rotated only the confirmation is left;
otherwise a fresh code is verified and the SO PIN released again (the RA gives this request
the same pair until it hears the confirmation), so the key is never locked out. A key left
by another request that never confirmed holds one of the release's ``unconfirmed_so_pins``:
those are tried after v.
"""

from __future__ import annotations

import secrets as pysecrets
from dataclasses import replace
from pathlib import Path

from netca_client.core.errors import PinPolicyViolation, RaRejected, WorkflowError, WrongKey
from netca_client.core.key_snapshot import ACTIVATION_MARK
from netca_client.core.ra.client import RaClient, new_request_id
from netca_client.core.secrets import SecretStore
from netca_client.core.token import KeyRef, TokenLibrary, pin_policy_problems
from netca_client.core.workflows.fault_points import fault_point
from netca_client.core.workflows.journal import Journal, JournalEntry
from netca_client.core.workflows.key_request_job import KeyRequestJob, PinResetResult
from netca_client.core.workflows.key_request_record import UNTOUCHED, KeyRequestRecord, Progress
from netca_client.core.workflows.materials import read_material
from netca_client.core.workflows.so_pin_login import so_login, so_pin_candidates
from netca_client.core.workflows.staff import StaffSession
from netca_client.core.workflows.steps import StepKind
from netca_protocol import ErrorCode, HandlerIn, UnlockPath
from netca_protocol.limits import OTP_CODE_LENGTH, OTP_CODE_PATTERN, matches
from netca_protocol.models import (
    KeyOut,
    KeyRequestCreate,
    KeyRequestOut,
    KeyRequestPurpose,
    MaterialOut,
    SoPinRelease,
)

KINDS = (KeyRequestPurpose.ACTIVATE.value, KeyRequestPurpose.UNLOCK.value)
_UNTOUCHED_STEPS = frozenset(p.value for p in UNTOUCHED)


def may_discard(entry: JournalEntry) -> bool:
    """Whether dropping the job of ``entry`` leaves nothing half-done on the key."""
    return entry.kind in KINDS and entry.step in _UNTOUCHED_STEPS


class KeyRequests:
    """Activation and unlock for keys of one RA. Blocking: call from a worker thread."""

    def __init__(
        self,
        library: TokenLibrary,
        ra: RaClient,
        *,
        ra_url: str,
        journal: Journal,
        secrets: SecretStore,
    ) -> None:
        self._library = library
        self._ra = ra
        self._ra_url = ra_url.rstrip("/")
        self._journal = journal
        self._secrets = secrets

    @property
    def ra(self) -> RaClient:
        return self._ra

    # --- reading ------------------------------------------------------------------

    def key_status(self, key_serial: str) -> KeyOut:
        return self._ra.key_status(key_serial)

    def pending(self, key_serial: str | None = None) -> list[JournalEntry]:
        """Unfinished activations and unlocks (for this RA), oldest first."""
        return [
            e
            for e in self._journal.unfinished(key_serial=key_serial)
            if e.kind in KINDS and e.ra_url == self._ra_url
        ]

    def resume(self, entry: JournalEntry) -> KeyRequestJob:
        """The job of a journal entry left by an earlier run (or a crash), as it stands now."""
        current = self._journal.get(entry.entry_id)
        if current is None:
            raise WorkflowError(f"no unfinished job {entry.entry_id}")
        job = KeyRequestJob(current, KeyRequestRecord.from_entry(current))
        if job.record.progress is Progress.ROTATED:
            return job  # only the confirmation is left: the RA need not be asked first
        return self.refresh(job)

    def refresh(self, job: KeyRequestJob) -> KeyRequestJob:
        """Ask the RA how far the request got (e.g. whether the review is over)."""
        out = self._ra.get_key_request(self._request_id(job), secret=self._secret(job))
        return self._answered(job, out)

    def _answered(
        self,
        job: KeyRequestJob,
        out: KeyRequestOut,
        *,
        code_requested: bool | None = None,
        code_refused: bool = False,
    ) -> KeyRequestJob:
        """The job after the RA's answer ``out``; one the RA ended is forgotten at once."""
        answered = replace(
            job,
            request=out,
            code_refused=code_refused,
            code_requested=job.code_requested if code_requested is None else code_requested,
        )
        if answered.next_step().kind is StepKind.FAILED:
            self._forget(answered.entry)
        return answered

    # --- starting -------------------------------------------------------------------

    def start(
        self,
        key: KeyRef,
        purpose: KeyRequestPurpose,
        *,
        handler: HandlerIn | None = None,
        unlock_path: UnlockPath = UnlockPath.HANDLER_ON_RECORD,
        send_code: bool = True,
    ) -> KeyRequestJob:
        """Open a request at the RA. It sends the code when it may, unless ``send_code`` is
        False because staff at the counter will authorise (``resend`` asks for one later)."""
        secret = pysecrets.token_urlsafe(32)
        record = KeyRequestRecord(purpose, Progress.STARTED, idempotency=new_request_id())
        entry = self._journal.begin(
            purpose.value, record, key_serial=key.serial, ra_url=self._ra_url
        )
        entry, record = self._keep_secret(entry, record, secret)
        body = KeyRequestCreate(
            purpose=purpose,
            handler=handler,
            request_secret=secret,
            send_code=send_code,
            unlock_path=unlock_path,
        )
        opened = False
        try:
            out = self._ra.create_key_request(key.serial, body, request_id=record.idempotency)
            opened = True
        finally:
            if not opened:
                self._forget(entry)  # nothing was opened: nothing to resume
        record = record.at(Progress.REQUESTED, request_id=out.request_id)
        entry = self._journal.save(entry, record)
        return self._answered(KeyRequestJob(entry, record), out)

    def _keep_secret(
        self, entry: JournalEntry, record: KeyRequestRecord, secret: str
    ) -> tuple[JournalEntry, KeyRequestRecord]:
        # The request secret is a bearer for this one request (it also needs an SMS code).
        # In the keyring where there is one; else in the journal file (0600), because a job
        # that must survive a crash cannot keep it in memory only.
        if self._secrets.persistent and self._secrets.set(_secret_name(entry), secret):
            return entry, record
        record = record.at(record.progress, request_secret=secret)
        return self._journal.save(entry, record), record

    def _secret(self, job: KeyRequestJob) -> str:
        secret = job.record.request_secret or self._secrets.get(_secret_name(job.entry))
        if not secret:
            raise WorkflowError("the request's secret is gone (keyring cleared?): start again")
        return secret

    @staticmethod
    def _request_id(job: KeyRequestJob) -> str:
        if not job.record.request_id:
            raise WorkflowError("the request was never opened at the RA: start again")
        return job.record.request_id

    # --- authorising -------------------------------------------------------------------

    def resend(self, job: KeyRequestJob) -> KeyRequestJob:
        """A new code to the handler (the older one stops working)."""
        out = self._ra.resend_code(self._request_id(job), secret=self._secret(job))
        return self._answered(job, out, code_requested=True)

    def verify(self, job: KeyRequestJob, code: str) -> KeyRequestJob:
        """Check ``code``. A wrong one is not an error: the job comes back with
        ``code_refused`` and the tries the request has left."""
        code = code.strip()
        if not matches(OTP_CODE_PATTERN, code):  # the front ends ask again before this
            raise ValueError(f"an SMS code is {OTP_CODE_LENGTH} digits")
        request_id, secret = self._request_id(job), self._secret(job)
        try:
            out = self._ra.verify_code(request_id, code, secret=secret)
        except RaRejected as exc:
            if exc.code != ErrorCode.OTP_INVALID:
                raise
            out = self._ra.get_key_request(request_id, secret=secret)
            return self._answered(job, out, code_refused=True, code_requested=True)
        return self._answered(job, out)

    def authorise_by_staff(self, job: KeyRequestJob, staff: StaffSession) -> KeyRequestJob:
        out = self._ra.staff_authorise(self._request_id(job), staff_token=staff.token)
        return self._answered(job, out)

    def upload(self, job: KeyRequestJob, path: Path) -> MaterialOut:
        """Upload one application material (jpg/png/pdf up to 5 MB, judged by content)."""
        material = read_material(path)
        return self._ra.upload_material(
            self._request_id(job),
            material.filename,
            material.content,
            material.media_type,
            secret=self._secret(job),
        )

    def submit(self, job: KeyRequestJob) -> KeyRequestJob:
        out = self._ra.submit_materials(self._request_id(job), secret=self._secret(job))
        return self._answered(job, out)

    # --- giving up ----------------------------------------------------------------------

    def discard(self, entry: JournalEntry) -> None:
        """Forget a job the user gave up. Only before anything on the key may have changed:
        the RA lets its request expire."""
        if not may_discard(entry):
            raise WorkflowError("the key may already be changed: finish this job instead")
        self._forget(entry)

    def discard_if_untouched(self, entry_id: str) -> bool:
        """After a failure: drop the job if nothing on the key depends on it (a request that
        got further stays for `netca resume`). Whether it was dropped."""
        entry = self._journal.get(entry_id)
        if entry is None or not may_discard(entry):
            return False
        self._forget(entry)
        return True

    def _forget(self, entry: JournalEntry) -> None:
        self._journal.finish(entry)
        self._secrets.delete(_secret_name(entry))

    # --- the PIN reset --------------------------------------------------------------

    def check_new_pin(self, key: KeyRef, new_pin: str) -> None:
        """Raise PinPolicyViolation before anything is released or changed."""
        max_length = self._library.run(self._max_pin_length, key)
        problems = pin_policy_problems(new_pin, max_length=max_length)
        if problems:
            raise PinPolicyViolation(problems)

    def _max_pin_length(self, key: KeyRef) -> int:
        with self._library.open(key) as session:
            return session.info().max_pin_length

    def reset_pin(self, job: KeyRequestJob, key: KeyRef, new_pin: str) -> KeyRequestJob:
        """Set ``new_pin`` as the key's user PIN and finish the request (or its leftovers):
        the job comes back done, or (the authorisation was spent meanwhile) at the step the
        RA's state asks for."""
        entry = self._journal.get(job.entry_id) or job.entry
        record = KeyRequestRecord.from_entry(entry)
        if key.serial != entry.key_serial:
            raise WrongKey(entry.key_serial, key.serial)
        job = replace(job, entry=entry, record=record)
        secret, request_id = self._secret(job), self._request_id(job)
        if record.progress is not Progress.ROTATED:
            self.check_new_pin(key, new_pin)
            record = record.at(Progress.RELEASING)
            entry = self._journal.save(entry, record)
            release = self._release(request_id, secret)
            if isinstance(release, KeyRequestOut):
                return self._answered(replace(job, entry=entry, record=record), release)
            record = record.at(
                Progress.RELEASED,
                released_version=release.version,
                next_version=release.next_version,
            )
            entry = self._journal.save(entry, record)
            fault_point("after-so-pin-release")
            entry, record = self._apply(entry, record, key, release, new_pin)
        if record.next_version is None:
            raise WorkflowError("the journal lost the SO PIN version to confirm")
        self._ra.confirm_key_request(request_id, record.next_version, secret=secret)
        result = self._finish_on_key(record, key, new_pin)
        self._forget(entry)
        return KeyRequestJob(entry, record, result=result)

    def _release(self, request_id: str, secret: str) -> SoPinRelease | KeyRequestOut:
        """The SO PIN pair, or (released already, or no longer authorised) the request's
        state: a new code must authorise a release again."""
        try:
            return self._ra.release_so_pin(request_id, secret=secret)
        except RaRejected as exc:
            if exc.code in (ErrorCode.SO_PIN_ALREADY_RELEASED, ErrorCode.REQUEST_STATE_CONFLICT):
                return self._ra.get_key_request(request_id, secret=secret)
            raise

    def _apply(
        self,
        entry: JournalEntry,
        record: KeyRequestRecord,
        key: KeyRef,
        release: SoPinRelease,
        new_pin: str,
    ) -> tuple[JournalEntry, KeyRequestRecord]:
        with self._library.open(key, rw=True) as session:
            candidates = so_pin_candidates(release, rotating=record.so_pin_change_begun)
            opened_with = so_login(session, candidates)
            session.init_pin(new_pin)
            record = record.at(Progress.PIN_RESET)
            entry = self._journal.save(entry, record)
            record = record.at(Progress.ROTATING, so_pin_change_begun=True)
            entry = self._journal.save(entry, record)
            if opened_with != release.next_so_pin:
                session.set_so_pin(opened_with, release.next_so_pin)
            record = record.at(Progress.ROTATED)
            entry = self._journal.save(entry, record)
            session.logout()
        return entry, record

    def _finish_on_key(self, record: KeyRequestRecord, key: KeyRef, new_pin: str) -> PinResetResult:
        with self._library.open(key, rw=True) as session:
            if new_pin:
                session.login(new_pin)
                session.logout()
            if record.purpose is KeyRequestPurpose.ACTIVATE:
                session.delete_data(*ACTIVATION_MARK)
            status = session.pin_status()
        return PinResetResult(
            key_serial=key.serial,
            purpose=record.purpose,
            so_pin_version=record.next_version or 0,
            tries_left=status.tries_left,
            max_tries=status.max_tries,
        )


def _secret_name(entry: JournalEntry) -> str:
    return f"key-request:{entry.entry_id}"
