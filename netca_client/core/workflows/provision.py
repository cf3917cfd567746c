"""受理点 provisioning: prepare a blank key for an approved new-certificate order.

A signed-in staff member asks the RA for the order's provisioning ticket (the SO PIN the RA
derives for this key, version 1). The client then, on the key: sets that SO PIN, sets a
random user PIN nobody sees, generates the key pair, has the RA issue the certificate for a
CSR signed on the key, installs it, marks the key "awaiting activation", and registers the
key with the RA. The journal records each step, so a crash resumes where it stopped.
"""

from __future__ import annotations

import enum
import json
import logging
import secrets as pysecrets
import string
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from netca_client.core.certs.csr import build_csr
from netca_client.core.certs.onkey import key_certificates
from netca_client.core.errors import KeyNotBlank, PinIncorrect, WorkflowError, WrongKey
from netca_client.core.key_snapshot import ACTIVATION_MARK
from netca_client.core.ra.client import RaClient, new_request_id
from netca_client.core.token import KeyRef, KeySession, TokenLibrary, pin_policy_problems
from netca_client.core.workflows.fault_points import fault_point
from netca_client.core.workflows.journal import Journal, JournalEntry, JsonScalar
from netca_client.core.workflows.staff import StaffSession
from netca_protocol.models import CertificateOut, ProvisionTicket
from netca_seal import SEAL_APPLICATION

log = logging.getLogger(__name__)

KIND = "provision"


class ProvisionStep(enum.StrEnum):
    """Progress reported to the caller (and journal steps, in order)."""

    TICKET = "ticket"
    SO_PIN = "so_pin"
    USER_PIN = "user_pin"
    KEY_PAIR = "key_pair"
    CERTIFICATE = "certificate"
    INSTALL = "install"
    REGISTER = "register"
    DONE = "done"


STEPS = tuple(ProvisionStep)
_STARTED = "started"


@dataclass(frozen=True)
class ProvisionRecord:
    """The journal record of a provisioning (never a PIN or SO PIN). Version 1 (before issue
    15) held the same names as strings, with no key_id or certificate until reached."""

    VERSION: ClassVar[int] = 2

    order_no: str
    #: the Idempotency-Key of the certificate issuance (a retry never issues a second one)
    issue_request: str
    #: the step being attempted; None right after the journal entry was opened
    progress: ProvisionStep | None = None
    key_id: str | None = None
    certificate: str | None = None

    @property
    def step(self) -> str:
        return self.progress.value if self.progress else _STARTED

    def at(self, progress: ProvisionStep, **changes: Any) -> ProvisionRecord:
        return replace(self, progress=progress, **changes)

    def reached(self, step: ProvisionStep) -> bool:
        return self.progress is not None and STEPS.index(self.progress) >= STEPS.index(step)

    def to_data(self) -> dict[str, JsonScalar]:
        return {
            "order_no": self.order_no,
            "issue_request": self.issue_request,
            "key_id": self.key_id,
            "certificate": self.certificate,
        }

    @classmethod
    def from_entry(cls, entry: JournalEntry) -> ProvisionRecord:
        if entry.version > cls.VERSION:
            raise WorkflowError(f"journal entry {entry.entry_id} was written by a newer client")
        data = entry.data
        return cls(
            order_no=str(data.get("order_no") or ""),
            issue_request=str(data.get("issue_request") or ""),
            progress=ProvisionStep(entry.step) if entry.step in STEPS else None,
            key_id=str(data["key_id"]) if data.get("key_id") else None,
            certificate=str(data["certificate"]) if data.get("certificate") else None,
        )


def factory_so_pin_needed(entry: JournalEntry) -> bool:
    """Whether resuming ``entry`` needs the key's factory SO PIN: only until the RA's SO PIN
    was set (past that step the key holds the RA's one, from the ticket)."""
    return not ProvisionRecord.from_entry(entry).reached(ProvisionStep.USER_PIN)


@dataclass(frozen=True)
class ProvisionResult:
    order_no: str
    key_serial: str
    certificate_serial: str
    so_pin_version: int
    holder: str


def random_user_pin(length: int = 16) -> str:
    """A random PIN that meets the policy; it is set on the key and then forgotten."""
    alphabet = string.ascii_letters + string.digits + "!#%+-=?@^_"
    while True:
        pin = "".join(pysecrets.choice(alphabet) for _ in range(length))
        if not pin_policy_problems(pin):
            return pin


class _Progress:
    """A provisioning under way: its journal entry and record, saved as it moves on."""

    def __init__(self, journal: Journal, entry: JournalEntry, record: ProvisionRecord) -> None:
        self._journal = journal
        self.entry = entry
        self.record = record

    def save(self, step: ProvisionStep, **changes: Any) -> None:
        self.record = self.record.at(step, **changes)
        self.entry = self._journal.save(self.entry, self.record)


class Provisioner:
    """Provision keys against one RA. Blocking: call from a worker thread."""

    def __init__(
        self, library: TokenLibrary, ra: RaClient, *, ra_url: str, journal: Journal
    ) -> None:
        self._library = library
        self._ra = ra
        self._ra_url = ra_url.rstrip("/")
        self._journal = journal

    def pending(self) -> list[JournalEntry]:
        return [e for e in self._journal.unfinished(kind=KIND) if e.ra_url == self._ra_url]

    def provision(
        self,
        staff: StaffSession,
        order_no: str,
        key: KeyRef,
        *,
        factory_so_pin: str,
        progress: Callable[[ProvisionStep], None] | None = None,
    ) -> ProvisionResult:
        """Provision ``key`` for ``order_no``; resumes an unfinished job for the same pair."""

        def report(step: ProvisionStep) -> None:
            if progress is not None:
                progress(step)

        job = self._resumable(order_no, key)
        if job is None:
            self._check_blank(key)  # before the RA records the key for the order
        report(ProvisionStep.TICKET)
        ticket = self._ra.provision_ticket(
            order_no, key.serial, staff_token=staff.token, key_model=key.model or None
        )
        if job is None:
            record = ProvisionRecord(order_no=order_no, issue_request=new_request_id())
            entry = self._journal.begin(KIND, record, key_serial=key.serial, ra_url=self._ra_url)
            job = _Progress(self._journal, entry, record)
        with self._library.open(key, rw=True) as session:
            report(ProvisionStep.SO_PIN)
            self._so_pin(session, job, ticket, factory_so_pin)
            report(ProvisionStep.USER_PIN)
            user_pin = random_user_pin()
            session.init_pin(user_pin)
            session.logout()
            session.login(user_pin)
            del user_pin  # nobody learns it: the holder sets their own at activation
            report(ProvisionStep.KEY_PAIR)
            public_der = self._key_pair(session, job, ticket)
            report(ProvisionStep.CERTIFICATE)
            issued = self._issue(session, job, staff, ticket, public_der)
            report(ProvisionStep.INSTALL)
            self._install(session, job, ticket, issued)
            session.logout()
        report(ProvisionStep.REGISTER)
        job.save(ProvisionStep.REGISTER)
        self._ra.register_key(key.serial, issued.serial_hex, staff_token=staff.token)
        self._journal.finish(job.entry)
        report(ProvisionStep.DONE)
        return ProvisionResult(
            order_no=order_no,
            key_serial=key.serial,
            certificate_serial=issued.serial_hex,
            so_pin_version=ticket.so_pin_version,
            holder=ticket.common_name,
        )

    def _resumable(self, order_no: str, key: KeyRef) -> _Progress | None:
        for entry in self.pending():
            record = ProvisionRecord.from_entry(entry)
            if record.order_no != order_no:
                continue
            if entry.key_serial != key.serial:
                raise WrongKey(entry.key_serial, key.serial)
            log.info("resuming provisioning of %s at %s", order_no, entry.step)
            return _Progress(self._journal, entry, record)
        return None

    def _check_blank(self, key: KeyRef) -> None:
        with self._library.open(key) as session:
            if key_certificates(session):
                raise KeyNotBlank("certificates")
            if session.public_key_ids():
                raise KeyNotBlank("keys")
            # Vendors may ship their own data objects on a new key: only seals and our own
            # marks say that a key was already in use.
            ours = {SEAL_APPLICATION, ACTIVATION_MARK[0]}
            if any(o.application in ours for o in session.data_objects()):
                raise KeyNotBlank("data")

    def _so_pin(
        self, session: KeySession, job: _Progress, ticket: ProvisionTicket, factory: str
    ) -> None:
        if job.record.reached(ProvisionStep.SO_PIN):
            # The SO PIN was being set: the key holds the RA's one, or (crashed inside
            # C_SetPIN) still the factory one.
            try:
                session.login_so(ticket.so_pin)
                return
            except PinIncorrect:
                pass
        job.save(ProvisionStep.SO_PIN)
        session.login_so(factory)
        session.set_so_pin(factory, ticket.so_pin)
        job.save(ProvisionStep.USER_PIN)

    def _key_pair(self, session: KeySession, job: _Progress, ticket: ProvisionTicket) -> bytes:
        key_id = job.record.key_id
        if key_id and key_id in session.key_pair_ids():
            return session.public_key_der(key_id)
        if session.key_pair_ids():
            raise KeyNotBlank("keys")
        key_id = pysecrets.token_hex(8)
        job.save(ProvisionStep.KEY_PAIR, key_id=key_id)
        return session.generate_key_pair(
            ticket.algorithm.value, key_id=key_id, label=ticket.common_name
        )

    def _issue(
        self,
        session: KeySession,
        job: _Progress,
        staff: StaffSession,
        ticket: ProvisionTicket,
        public_der: bytes,
    ) -> CertificateOut:
        key_id = job.record.key_id
        if key_id is None:
            raise WorkflowError("the journal lost the key pair's id")
        csr = build_csr(
            public_der,
            common_name=ticket.common_name,
            sign=lambda data: session.sign(data, key_id=key_id),
        )
        job.save(ProvisionStep.CERTIFICATE)
        issued = self._ra.staff_issue_certificate(
            job.record.order_no,
            job.entry.key_serial,
            csr.public_bytes(Encoding.PEM).decode("ascii"),
            staff_token=staff.token,
            request_id=job.record.issue_request,
        )
        fault_point("after-certificate-issued")
        return issued

    def _install(
        self, session: KeySession, job: _Progress, ticket: ProvisionTicket, issued: CertificateOut
    ) -> None:
        key_id = job.record.key_id
        assert key_id is not None  # _issue checked it
        cert = x509.load_pem_x509_certificate(issued.certificate_pem.encode("ascii"))
        der = cert.public_bytes(Encoding.DER)
        job.save(ProvisionStep.INSTALL, certificate=issued.serial_hex)
        session.write_certificate(der, key_id=key_id, label=ticket.common_name)
        on_key = [c for c in key_certificates(session) if c.der == der]
        if not on_key:
            raise WorkflowError("the certificate written to the key did not read back")
        mark = {"order_no": job.record.order_no, "ra_url": self._ra_url}
        session.write_data(*ACTIVATION_MARK, json.dumps(mark).encode())
