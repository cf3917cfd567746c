"""激活证书 (activation) and 忘记密码 (unlock): set the user PIN with the SO PIN the RA releases.

The conversation (docs/ra-protocol.md): open a request for the key → the RA sends an SMS code
to the handler (unlock: only when the handler given matches the one on record; otherwise
upload materials for staff review first) → verify the code, or a signed-in staff member
authorises → the RA releases the key's SO PIN (version v) and the next one once → log in as
SO, set the new user PIN, rotate the SO PIN to the next version → confirm it to the RA.

The next version is allocated for this request alone (docs/ra-protocol.md, section 11): no
earlier release ever told it, so whoever saw one release cannot know the SO PIN this unlock
sets.

Crash safety: the journal records each step before it happens. After a crash the job
resumes from its entry: if the SO PIN was already rotated only the confirmation is left;
otherwise a fresh code is verified and the SO PIN released again (the RA gives this request
the same pair until it hears the confirmation), so the key is never locked out. A key left
by another request that never confirmed holds one of the release's ``unconfirmed_so_pins``:
those are tried after v.
"""

from __future__ import annotations

import enum
import logging
import secrets as pysecrets
from dataclasses import dataclass
from pathlib import Path

from netca_client.core.errors import (
    CodeRequired,
    FinalTryNotConfirmed,
    PinIncorrect,
    PinLocked,
    PinPolicyViolation,
    RaRejected,
    SoPinUnusable,
    WorkflowError,
    WrongKey,
)
from netca_client.core.ra.client import RaClient, new_request_id
from netca_client.core.secrets import SecretStore
from netca_client.core.token import KeyRef, KeySession, TokenLibrary, pin_policy_problems
from netca_client.core.workflows._common import ACTIVATION_MARK, fault_point
from netca_client.core.workflows.journal import Journal, JournalEntry
from netca_client.core.workflows.staff import StaffSession
from netca_protocol import ErrorCode, HandlerIn
from netca_protocol.models import (
    KeyOut,
    KeyRequestCreate,
    KeyRequestOut,
    KeyRequestPurpose,
    KeyRequestState,
    MaterialOut,
    SoPinRelease,
)

log = logging.getLogger(__name__)

MAX_MATERIAL_BYTES = 5 * 1024 * 1024
_MEDIA_TYPES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"%PDF-", "application/pdf"),
)


class Step(enum.StrEnum):
    """Journal steps, in order. Each is written before the act it names is attempted."""

    STARTED = "started"
    REQUESTED = "requested"
    RELEASING = "releasing"
    RELEASED = "released"  # the RA gave out the SO PIN; the key is untouched so far
    PIN_RESET = "pin_reset"  # the user PIN was set; the SO PIN is still version v
    ROTATING = "rotating"  # C_SetPIN(SO) v → v+1 under way: the key holds v or v+1
    ROTATED = "rotated"  # the key holds v+1: only the confirmation is left


@dataclass(frozen=True)
class PinResetResult:
    key_serial: str
    purpose: KeyRequestPurpose
    so_pin_version: int
    tries_left: int | None
    max_tries: int | None


class MaterialRejected(WorkflowError):
    """A file cannot be uploaded as application material (type or size)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def material_media_type(content: bytes) -> str | None:
    """image/png, image/jpeg or application/pdf judged by the bytes, never the file name."""
    for magic, media_type in _MEDIA_TYPES:
        if content.startswith(magic):
            return media_type
    return None


def _purpose(entry: JournalEntry) -> KeyRequestPurpose:
    return KeyRequestPurpose(entry.kind)


class KeyRequests:
    """Activation and unlock for keys of one RA. Blocking: call from a worker thread."""

    KINDS = (KeyRequestPurpose.ACTIVATE.value, KeyRequestPurpose.UNLOCK.value)

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
            if e.kind in self.KINDS and e.ra_url == self._ra_url
        ]

    def journal_entry(self, entry_id: str) -> JournalEntry | None:
        return self._journal.get(entry_id)

    def entry(self, entry_id: str) -> JournalEntry:
        entry = self._journal.get(entry_id)
        if entry is None:
            raise WorkflowError(f"no unfinished job {entry_id}")
        return entry

    def state(self, entry: JournalEntry) -> KeyRequestOut:
        return self._ra.get_key_request(self._request_id(entry), secret=self._secret(entry))

    # --- starting -------------------------------------------------------------------

    def start(
        self,
        key: KeyRef,
        purpose: KeyRequestPurpose,
        *,
        handler: HandlerIn | None = None,
        send_code: bool = True,
    ) -> tuple[JournalEntry, KeyRequestOut]:
        """Open a request at the RA. It sends the code when it may, unless ``send_code`` is
        False because staff at the counter will authorise (``resend`` asks for one later)."""
        secret = pysecrets.token_urlsafe(32)
        idempotency = new_request_id()
        entry = self._journal.begin(
            purpose.value,
            key_serial=key.serial,
            ra_url=self._ra_url,
            data={"idempotency": idempotency},
        )
        entry = self._keep_secret(entry, secret)
        body = KeyRequestCreate(
            purpose=purpose, handler=handler, request_secret=secret, send_code=send_code
        )
        try:
            out = self._ra.create_key_request(key.serial, body, request_id=idempotency)
        except Exception:
            self.abandon(entry)
            raise
        entry = self._journal.record(entry, Step.REQUESTED, request_id=out.request_id)
        return entry, out

    def _keep_secret(self, entry: JournalEntry, secret: str) -> JournalEntry:
        # The request secret is a bearer for this one request (it also needs an SMS code).
        # In the keyring where there is one; else in the journal file (0600), because a job
        # that must survive a crash cannot keep it in memory only.
        if self._secrets.persistent and self._secrets.set(self._secret_name(entry), secret):
            return entry
        return self._journal.record(entry, Step.STARTED, request_secret=secret)

    @staticmethod
    def _secret_name(entry: JournalEntry) -> str:
        return f"key-request:{entry.entry_id}"

    def _secret(self, entry: JournalEntry) -> str:
        secret = entry.get("request_secret") or self._secrets.get(self._secret_name(entry))
        if not secret:
            raise WorkflowError("the request's secret is gone (keyring cleared?): start again")
        return secret

    @staticmethod
    def _request_id(entry: JournalEntry) -> str:
        request_id = entry.get("request_id")
        if not request_id:
            raise WorkflowError("the request was never opened at the RA: start again")
        return request_id

    # --- authorising -------------------------------------------------------------------

    def resend(self, entry: JournalEntry) -> KeyRequestOut:
        return self._ra.resend_code(self._request_id(entry), secret=self._secret(entry))

    def verify(self, entry: JournalEntry, code: str) -> KeyRequestOut:
        return self._ra.verify_code(
            self._request_id(entry), code.strip(), secret=self._secret(entry)
        )

    def authorise_by_staff(self, entry: JournalEntry, staff: StaffSession) -> KeyRequestOut:
        return self._ra.staff_authorise(self._request_id(entry), staff_token=staff.token)

    def upload(self, entry: JournalEntry, path: Path) -> MaterialOut:
        """Upload one application material (jpg/png/pdf up to 5 MB, judged by content)."""
        try:
            size = path.stat().st_size
            if size > MAX_MATERIAL_BYTES:
                raise MaterialRejected(str(path), "too-large")
            content = path.read_bytes()
        except OSError as exc:
            raise MaterialRejected(str(path), exc.strerror or "unreadable") from exc
        media_type = material_media_type(content)
        if media_type is None:
            raise MaterialRejected(str(path), "not-jpg-png-pdf")
        return self._ra.upload_material(
            self._request_id(entry), path.name, content, media_type, secret=self._secret(entry)
        )

    def submit(self, entry: JournalEntry) -> KeyRequestOut:
        return self._ra.submit_materials(self._request_id(entry), secret=self._secret(entry))

    @classmethod
    def may_abandon(cls, entry: JournalEntry) -> bool:
        """Whether dropping ``entry`` leaves nothing half-done on the key."""
        return entry.kind in cls.KINDS and entry.step in (Step.STARTED, Step.REQUESTED)

    def abandon(self, entry: JournalEntry, *, force: bool = False) -> None:
        """Forget a job the user gave up, or one the RA ended (``force``: failed, expired,
        rejected). A later request gets SO PIN versions v and v+1 again, and the SO login
        tries both, so a key left at either version is still reachable."""
        if not force and not self.may_abandon(entry):
            raise WorkflowError("the key may already be changed: finish this job instead")
        self._journal.finish(entry)
        self._secrets.delete(self._secret_name(entry))

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

    def reset_pin(self, entry: JournalEntry, key: KeyRef, new_pin: str) -> PinResetResult:
        """Set ``new_pin`` as the key's user PIN and finish the request (or its leftovers)."""
        entry = self._journal.get(entry.entry_id) or entry
        if key.serial != entry.key_serial:
            raise WrongKey(entry.key_serial, key.serial)
        secret = self._secret(entry)
        request_id = self._request_id(entry)
        if entry.step != Step.ROTATED:
            self.check_new_pin(key, new_pin)
            entry = self._journal.record(entry, Step.RELEASING)
            release = self._release(entry, request_id, secret)
            resumed_from = entry.get("reached") or ""
            entry = self._journal.record(
                entry, Step.RELEASED, version=str(release.version), reached=resumed_from
            )
            fault_point("after-so-pin-release")
            entry = self._apply(entry, key, release, new_pin, rotating_before=resumed_from)
        version = int(entry.get("next_version") or 0)
        self._ra.confirm_key_request(request_id, version, secret=secret)
        result = self._finish_on_key(entry, key, new_pin)
        self._journal.finish(entry)
        self._secrets.delete(self._secret_name(entry))
        return result

    def _release(self, entry: JournalEntry, request_id: str, secret: str) -> SoPinRelease:
        try:
            return self._ra.release_so_pin(request_id, secret=secret)
        except RaRejected as exc:
            if exc.code in (ErrorCode.SO_PIN_ALREADY_RELEASED, ErrorCode.REQUEST_STATE_CONFLICT):
                state = self._ra.get_key_request(request_id, secret=secret).state
                raise CodeRequired(state.value) from exc
            raise

    def _apply(
        self,
        entry: JournalEntry,
        key: KeyRef,
        release: SoPinRelease,
        new_pin: str,
        *,
        rotating_before: str,
    ) -> JournalEntry:
        with self._library.open(key, rw=True) as session:
            opened_with = self._so_login(
                session, self.so_pin_candidates(release, rotating=rotating_before == Step.ROTATING)
            )
            session.init_pin(new_pin)
            entry = self._journal.record(
                entry, Step.PIN_RESET, next_version=str(release.next_version)
            )
            entry = self._journal.record(entry, Step.ROTATING, reached=Step.ROTATING)
            if opened_with != release.next_so_pin:
                session.set_so_pin(opened_with, release.next_so_pin)
            entry = self._journal.record(entry, Step.ROTATED)
            session.logout()
        return entry

    @staticmethod
    def so_pin_candidates(release: SoPinRelease, *, rotating: bool) -> list[str]:
        """The SO PINs to try, most likely first. After a crash inside this request's SO PIN
        change the key holds the next one or v; otherwise v, or one an earlier request that
        never confirmed set; the next one last (an RA that still answers v+1 for every
        request left it there when such a request died)."""
        current = [release.so_pin, *release.unconfirmed_so_pins]
        candidates = (
            [release.next_so_pin, *current] if rotating else [*current, release.next_so_pin]
        )
        return list(dict.fromkeys(candidates))

    @staticmethod
    def _so_login(session: KeySession, candidates: list[str]) -> str:
        """Log in as SO with the first candidate that opens the key; never spend the final try."""
        for so_pin in candidates:
            try:
                session.login_so(so_pin)
                return so_pin
            except PinIncorrect as exc:
                log.warning("released SO PIN candidate refused (SO tries left %s)", exc.tries_left)
                continue
            except FinalTryNotConfirmed:
                raise SoPinUnusable(1) from None
            except PinLocked:
                raise SoPinUnusable(0) from None
        raise SoPinUnusable(session.pin_status().so_tries_left)

    def _finish_on_key(self, entry: JournalEntry, key: KeyRef, new_pin: str) -> PinResetResult:
        with self._library.open(key, rw=True) as session:
            if new_pin:
                session.login(new_pin)
                session.logout()
            if entry.kind == KeyRequestPurpose.ACTIVATE.value:
                session.delete_data(*ACTIVATION_MARK)
            status = session.pin_status()
        return PinResetResult(
            key_serial=key.serial,
            purpose=_purpose(entry),
            so_pin_version=int(entry.get("next_version") or 0),
            tries_left=status.tries_left,
            max_tries=status.max_tries,
        )

    @staticmethod
    def needs_code(out: KeyRequestOut) -> bool:
        return out.state in (KeyRequestState.OTP_SENT, KeyRequestState.SO_PIN_RELEASED)
