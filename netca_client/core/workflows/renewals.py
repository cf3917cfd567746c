"""证书续期 (online renewal): ask, order with proof of possession, pay, follow the order.

The conversation (docs/ra-protocol.md, section 12): the RA's offer for each certificate →
on each key, with its PIN, a new key pair and a CSR signed by it → a fresh RA nonce → each
OLD key signs the request (proof of possession) → one order for every certificate → one
payment (QR code, or a bank transfer staff confirm) → the RA issues each certificate →
install on each key (renewal_install.py), whenever that key is plugged in.

``Renewals`` holds the transitions; each returns the next ``RenewalJob`` (one per key),
whose ``next_step()`` tells the front end what to do. The journal records each step before
it happens, so a crash at any point ends in exactly one order, one payment and one new
certificate per key. PINs are arguments, never kept.
"""

from __future__ import annotations

import base64
import json
import secrets as pysecrets
from dataclasses import dataclass, replace

from cryptography.hazmat.primitives.serialization import Encoding

from netca_client.core.certs import CertificateSummary
from netca_client.core.certs.csr import build_csr
from netca_client.core.errors import NetcaError, RaRejected, WorkflowError
from netca_client.core.ra.client import new_request_id
from netca_client.core.ra.renewal_client import RenewalClient
from netca_client.core.secrets import SecretStore
from netca_client.core.token import KeyRef, KeySession, TokenLibrary
from netca_client.core.workflows.fault_points import fault_point
from netca_client.core.workflows.journal import Journal, JournalEntry
from netca_client.core.workflows.renewal_record import (
    KIND,
    Progress,
    RenewalJob,
    RenewalRecord,
)
from netca_client.core.workflows.steps import StepKind
from netca_protocol import ErrorCode, HandlerIn, OrderState, PaymentIn
from netca_protocol.renewal import (
    InvoiceIn,
    Proof,
    RenewalCreate,
    RenewalCreated,
    RenewalItemIn,
    RenewalOut,
    proof_message,
)

#: the public data object a key carries while a renewal of one of its certificates is open
MARK_APPLICATION = "netca-client"
MARK_PREFIX = "renewal-"
_ALGORITHMS = {"RSA": "rsa2048", "EC secp256r1": "ec-p256", "SM2": "sm2"}
#: refusals that mean the order was never opened: the request may be signed again
_NOT_OPENED = frozenset({ErrorCode.PROOF_STALE, ErrorCode.PROOF_INVALID, ErrorCode.PROOF_REQUIRED})


@dataclass(frozen=True)
class RenewalDetails:
    """What the holder chose: years, handler, invoice, and the agreement they accepted."""

    validity_years: int
    handler: HandlerIn
    invoice: InvoiceIn
    agreement_version: str


@dataclass(frozen=True)
class RenewalPart:
    """One certificate to renew, on a plugged key, with that key's PIN (never stored)."""

    key: KeyRef
    certificate: CertificateSummary
    pin: str
    allow_final_try: bool = False


def mark_label(old_serial: str) -> str:
    return MARK_PREFIX + old_serial


def login(session: KeySession, part: RenewalPart) -> None:
    session.login(part.pin, allow_final_try=part.allow_final_try)


class Renewals:
    """Renewals against one RA. Blocking: call from a worker thread."""

    def __init__(
        self,
        library: TokenLibrary,
        ra: RenewalClient,
        *,
        ra_url: str,
        journal: Journal,
        secrets: SecretStore,
    ) -> None:
        self.library = library
        self.ra = ra
        self.ra_url = ra_url.rstrip("/")
        self.journal = journal
        self.secrets = secrets

    # --- reading -------------------------------------------------------------------

    def pending(self, key_serial: str | None = None) -> list[JournalEntry]:
        return [
            e
            for e in self.journal.unfinished(kind=KIND, key_serial=key_serial)
            if e.ra_url == self.ra_url
        ]

    def resume(self, entry: JournalEntry) -> RenewalJob:
        """The job of an entry left by an earlier run: an order half-sent is sent again (the
        same request and key: the RA replays its answer, or says the nonce is stale)."""
        current = self.journal.get(entry.entry_id)
        if current is None:
            raise WorkflowError(f"no unfinished job {entry.entry_id}")
        job = RenewalJob(current, RenewalRecord.from_entry(current))
        if job.record.progress is Progress.ORDERING and job.record.request:
            return self._send(self._batch(job.record.batch))[job.entry_id]
        if not job.record.reached(Progress.ORDERED) or job.record.reached(Progress.WRITTEN):
            return job
        return self.refresh(job)

    def _batch(self, batch: str) -> list[RenewalJob]:
        return [
            RenewalJob(e, RenewalRecord.from_entry(e))
            for e in self.pending()
            if RenewalRecord.from_entry(e).batch == batch
        ]

    def refresh(self, job: RenewalJob) -> RenewalJob:
        """Ask the RA how far the order got; note payment and issue in the journal."""
        renewal_id = job.record.renewal_id
        if not renewal_id:
            raise WorkflowError("the renewal was never opened at the RA")
        return self._answered(job, self.ra.get_renewal(renewal_id))

    def _answered(self, job: RenewalJob, renewal: RenewalOut) -> RenewalJob:
        record, entry = job.record, job.entry
        paid = renewal.order_state in (
            OrderState.PAID, OrderState.ISSUED, OrderState.INSTALLED, OrderState.COMPLETED,
        )  # fmt: skip
        if paid and not record.reached(Progress.PAID):
            record = record.at(Progress.PAID)
            entry = self.journal.save(entry, record)
            fault_point("after-paid")
        item = next((i for i in renewal.items if i.certificate_serial == record.old_serial), None)
        issued = item.certificate if item is not None else None
        if issued is not None and not record.reached(Progress.ISSUED):
            record = record.at(Progress.ISSUED, new_serial=issued.serial_hex)
            entry = self.journal.save(entry, record)
            fault_point("after-issued")
        answered = replace(job, entry=entry, record=record, renewal=renewal)
        if answered.next_step().kind is StepKind.FAILED:
            self.forget(answered)
        return answered

    # --- ordering ------------------------------------------------------------------

    def start(self, parts: list[RenewalPart], details: RenewalDetails) -> list[RenewalJob]:
        """Open the order for ``parts`` (one payment for all): a new key pair on each key, a
        CSR signed by it, and each old key's proof over the request and a fresh nonce."""
        if not parts:
            raise ValueError("nothing to renew")
        batch, idempotency = pysecrets.token_hex(8), new_request_id()
        jobs = []
        for part in parts:
            record = RenewalRecord(
                progress=Progress.STARTED, batch=batch,
                old_serial=format(int(part.certificate.serial, 16), "x"),
                old_key_id=part.certificate.key_id, validity_years=details.validity_years,
                idempotency=idempotency,
            )  # fmt: skip
            entry = self.journal.begin(KIND, record, key_serial=part.key.serial, ra_url=self.ra_url)
            jobs.append(RenewalJob(entry, record))
        try:
            return self.sign_and_send(jobs, parts, details)
        except NetcaError:
            # A wrong PIN, an unplugged key, the RA unreachable before the request was kept:
            # nothing was sent, so nothing is left to resume (a new pair made meanwhile is
            # unused, its certificate never asked for). A kept request stays, to be sent again.
            for job in jobs:
                current = self.journal.get(job.entry_id)
                if current is not None and not RenewalRecord.from_entry(current).reached(
                    Progress.ORDERING
                ):
                    self.forget(RenewalJob(current, RenewalRecord.from_entry(current)))
            raise

    def sign_and_send(
        self, jobs: list[RenewalJob], parts: list[RenewalPart], details: RenewalDetails
    ) -> list[RenewalJob]:
        """Make (or reuse) each new key pair, sign the request with every old key, send it."""
        made = [self._new_pair(job, part) for job, part in zip(jobs, parts, strict=True)]
        jobs = [job for job, _ in made]
        csrs = [csr for _, csr in made]
        unsigned = RenewalCreate(
            items=[
                RenewalItemIn(
                    certificate_serial=job.record.old_serial,
                    key_serial=part.key.serial,
                    csr_pem=csr,
                )
                for job, part, csr in zip(jobs, parts, csrs, strict=True)
            ],
            validity_years=details.validity_years,
            handler=details.handler,
            invoice=details.invoice,
            agreement_version=details.agreement_version,
            encryption_warning_acknowledged=True,
            nonce=self.ra.renewal_nonce().nonce,
        )
        message = proof_message(unsigned)
        proofs = [self._prove(job, part, message) for job, part in zip(jobs, parts, strict=True)]
        request = unsigned.model_copy(update={"proofs": proofs}).model_dump_json()
        idempotency = new_request_id()  # a request never sent, or refused: a fresh key
        saved = []
        for job in jobs:
            record = job.record.at(Progress.ORDERING, request=request, idempotency=idempotency)
            saved.append(replace(job, entry=self.journal.save(job.entry, record), record=record))
        return list(self._send(saved).values())

    def _new_pair(self, job: RenewalJob, part: RenewalPart) -> tuple[RenewalJob, str]:
        """The CSR of this key's new pair, made now (or found again after a crash)."""
        with self.library.open(part.key, rw=True) as session:
            login(session, part)
            key_id = job.record.new_key_id
            if key_id is None or key_id not in session.key_pair_ids():
                key_id = pysecrets.token_hex(8)
                record = job.record.at(Progress.KEY_PAIR, new_key_id=key_id)
                job = replace(job, entry=self.journal.save(job.entry, record), record=record)
                algorithm = _ALGORITHMS.get(part.certificate.key_algorithm, "rsa2048")
                public = session.generate_key_pair(
                    algorithm, key_id=key_id, label=part.certificate.label or "renewal"
                )
                fault_point("after-key-pair")
            else:
                public = session.public_key_der(key_id)
            csr = build_csr(
                public,
                common_name=part.certificate.subject_cn or "renewal",
                sign=lambda data: session.sign(data, key_id=key_id),
            )
        return job, csr.public_bytes(Encoding.PEM).decode("ascii")

    def _prove(self, job: RenewalJob, part: RenewalPart, message: bytes) -> Proof:
        with self.library.open(part.key) as session:
            login(session, part)
            signature = session.sign(message, key_id=job.record.old_key_id)
        return Proof(
            certificate_serial=job.record.old_serial,
            signature=base64.b64encode(signature.value).decode("ascii"),
        )

    def _send(self, jobs: list[RenewalJob]) -> dict[str, RenewalJob]:
        """Send the batch's saved request; on a refusal that proves no order exists, go back
        to signing (ENTER_PIN); other errors leave the jobs to resume."""
        first = jobs[0].record
        assert first.request is not None
        request = RenewalCreate.model_validate_json(first.request)
        try:
            created = self.ra.create_renewal(request, request_id=first.idempotency)
        except RaRejected as exc:
            if exc.code in _NOT_OPENED:
                return {j.entry_id: self._unsent(j) for j in jobs}
            for job in jobs:  # refused for good (not eligible, agreement changed…)
                self.forget(job)
            raise
        done = {}
        for job in jobs:
            job = self._ordered(job, created)
            done[job.entry_id] = self._answered(job, created.renewal)
        fault_point("after-order-created")
        return done

    def _unsent(self, job: RenewalJob) -> RenewalJob:
        record = job.record.at(Progress.KEY_PAIR, request=None)
        return replace(job, entry=self.journal.save(job.entry, record), record=record)

    def _ordered(self, job: RenewalJob, created: RenewalCreated) -> RenewalJob:
        renewal = created.renewal
        token_kept = self.secrets.persistent and self.secrets.set(
            _token_name(job.entry), created.access_token
        )
        record = job.record.at(
            Progress.ORDERED, renewal_id=renewal.renewal_id, order_no=renewal.order_no,
            order_token=None if token_kept else created.access_token,
        )  # fmt: skip
        entry = self.journal.save(job.entry, record)
        mark = {"renewal_id": renewal.renewal_id, "order_no": renewal.order_no,
                "ra_url": self.ra_url, "new_key_id": record.new_key_id}  # fmt: skip
        key = self.library.find(job.key_serial)
        with self.library.open(key, rw=True) as session:
            session.write_data(MARK_APPLICATION, mark_label(record.old_serial),
                               json.dumps(mark).encode())  # fmt: skip
        return replace(job, entry=entry, record=record)

    # --- paying --------------------------------------------------------------------

    def token(self, job: RenewalJob) -> str:
        token = job.record.order_token or self.secrets.get(_token_name(job.entry))
        if not token:
            raise WorkflowError("the order's token is not on this computer: pay where you ordered")
        return token

    def pay(self, job: RenewalJob, payment: PaymentIn) -> RenewalJob:
        """Start paying (the same payment again after a crash: its key is in the journal)."""
        record, entry = job.record, job.entry
        order_no, request_id = record.order_no, record.payment_request
        if order_no is None:
            raise WorkflowError("no order to pay")
        if request_id is None:
            request_id = new_request_id()
            record = record.at(record.progress, payment_request=request_id)
            entry = self.journal.save(entry, record)
        out = self.ra.start_payment(order_no, payment, token=self.token(job), request_id=request_id)
        record = record.at(record.progress, payment_id=out.payment_id)
        entry = self.journal.save(entry, record)
        return self.refresh(replace(job, entry=entry, record=record, payment=out))

    def cancel(self, job: RenewalJob) -> None:
        """Give up a renewal nothing was paid for: the order is cancelled, the job dropped."""
        if not job.may_discard:
            raise WorkflowError("the renewal is paid: install it instead")
        renewal, order_no = job.renewal, job.record.order_no
        ended = (OrderState.CANCELLED, OrderState.REJECTED)
        if order_no and renewal is not None and renewal.order_state not in ended:
            self.ra.cancel_order(order_no, token=self.token(job))
        self.forget(job)

    def forget(self, job: RenewalJob) -> None:
        """Drop the job: journal entry, token, and the key's mark when the key is here."""
        self.journal.finish(job.entry)
        self.secrets.delete(_token_name(job.entry))
        try:
            key = self.library.find(job.key_serial)
            with self.library.open(key, rw=True) as session:
                session.delete_data(MARK_APPLICATION, mark_label(job.record.old_serial))
        except NetcaError:  # unplugged: the mark is only a hint, the next install clears it
            pass


def _token_name(entry: JournalEntry) -> str:
    return f"renewal-order:{entry.entry_id}"
