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
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from netca_client.core.certs.csr import build_csr
from netca_client.core.certs.onkey import key_certificates
from netca_client.core.errors import KeyNotBlank, PinIncorrect, WorkflowError, WrongKey
from netca_client.core.ra.client import RaClient, new_request_id
from netca_client.core.token import KeyRef, KeySession, TokenLibrary, pin_policy_problems
from netca_client.core.workflows._common import ACTIVATION_MARK, fault_point
from netca_client.core.workflows.journal import Journal, JournalEntry
from netca_client.core.workflows.staff import StaffSession
from netca_protocol.models import ProvisionTicket
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


def _reached(entry: JournalEntry | None, step: ProvisionStep) -> bool:
    if entry is None or entry.step not in STEPS:
        return False
    return STEPS.index(ProvisionStep(entry.step)) >= STEPS.index(step)


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

        entry = self._resumable(order_no, key)
        if entry is None:
            self._check_blank(key)  # before the RA records the key for the order
        report(ProvisionStep.TICKET)
        ticket = self._ra.provision_ticket(
            order_no, key.serial, staff_token=staff.token, key_model=key.model or None
        )
        if entry is None:
            entry = self._journal.begin(
                KIND,
                key_serial=key.serial,
                ra_url=self._ra_url,
                data={"order_no": order_no, "issue_request": new_request_id()},
            )
        with self._library.open(key, rw=True) as session:
            report(ProvisionStep.SO_PIN)
            entry = self._so_pin(session, entry, ticket, factory_so_pin)
            report(ProvisionStep.USER_PIN)
            user_pin = random_user_pin()
            session.init_pin(user_pin)
            session.logout()
            session.login(user_pin)
            del user_pin  # nobody learns it: the holder sets their own at activation
            report(ProvisionStep.KEY_PAIR)
            entry, public_der = self._key_pair(session, entry, ticket)
            report(ProvisionStep.CERTIFICATE)
            key_id = entry.data["key_id"]
            csr = build_csr(
                public_der,
                common_name=ticket.common_name,
                sign=lambda data: session.sign(data, key_id=key_id),
            )
            entry = self._journal.record(entry, ProvisionStep.CERTIFICATE)
            issued = self._ra.staff_issue_certificate(
                order_no,
                key.serial,
                csr.public_bytes(Encoding.PEM).decode("ascii"),
                staff_token=staff.token,
                request_id=entry.data["issue_request"],
            )
            fault_point("after-certificate-issued")
            report(ProvisionStep.INSTALL)
            cert = x509.load_pem_x509_certificate(issued.certificate_pem.encode("ascii"))
            der = cert.public_bytes(Encoding.DER)
            entry = self._journal.record(
                entry, ProvisionStep.INSTALL, certificate=issued.serial_hex
            )
            session.write_certificate(der, key_id=key_id, label=ticket.common_name)
            on_key = [c for c in key_certificates(session) if c.der == der]
            if not on_key:
                raise WorkflowError("the certificate written to the key did not read back")
            mark = {"order_no": order_no, "ra_url": self._ra_url}
            session.write_data(*ACTIVATION_MARK, json.dumps(mark).encode())
            session.logout()
        report(ProvisionStep.REGISTER)
        entry = self._journal.record(entry, ProvisionStep.REGISTER)
        self._ra.register_key(key.serial, issued.serial_hex, staff_token=staff.token)
        self._journal.finish(entry)
        report(ProvisionStep.DONE)
        return ProvisionResult(
            order_no=order_no,
            key_serial=key.serial,
            certificate_serial=issued.serial_hex,
            so_pin_version=ticket.so_pin_version,
            holder=ticket.common_name,
        )

    def _resumable(self, order_no: str, key: KeyRef) -> JournalEntry | None:
        for entry in self.pending():
            if entry.get("order_no") != order_no:
                continue
            if entry.key_serial != key.serial:
                raise WrongKey(entry.key_serial, key.serial)
            log.info("resuming provisioning of %s at %s", order_no, entry.step)
            return entry
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
        self, session: KeySession, entry: JournalEntry, ticket: ProvisionTicket, factory: str
    ) -> JournalEntry:
        if _reached(entry, ProvisionStep.SO_PIN):
            # The SO PIN was being set: the key holds the RA's one, or (crashed inside
            # C_SetPIN) still the factory one.
            try:
                session.login_so(ticket.so_pin)
                return entry
            except PinIncorrect:
                pass
        entry = self._journal.record(entry, ProvisionStep.SO_PIN)
        session.login_so(factory)
        session.set_so_pin(factory, ticket.so_pin)
        entry = self._journal.record(entry, ProvisionStep.USER_PIN)
        return entry

    def _key_pair(
        self, session: KeySession, entry: JournalEntry, ticket: ProvisionTicket
    ) -> tuple[JournalEntry, bytes]:
        key_id = entry.get("key_id")
        if key_id and key_id in session.key_pair_ids():
            return entry, session.public_key_der(key_id)
        if session.key_pair_ids():
            raise KeyNotBlank("keys")
        key_id = pysecrets.token_hex(8)
        entry = self._journal.record(entry, ProvisionStep.KEY_PAIR, key_id=key_id)
        public_der = session.generate_key_pair(
            ticket.algorithm.value, key_id=key_id, label=ticket.common_name
        )
        return entry, public_der
