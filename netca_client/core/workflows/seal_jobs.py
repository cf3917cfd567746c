"""申请印章 / 变更印章 / 修改资料 / 安装印章: seal applications from the key to the installed seal.

The conversation (docs/ra-protocol.md, section 13): sign the application on the key (proof of
possession) → the RA opens a seal order and hands out its token → download the form, print it,
stamp the three boxes, scan it, upload, submit → staff review (修改资料 meanwhile opens a new
revision) → approved: the RA's seal maker made the seal → install it: checked, written beside
the old seal, read back and verified, only then the old seal removed → tell the RA.

``SealJobs`` holds the transitions; each returns the next ``SealJob``, whose ``next_step()`` the
front ends switch on (seal_record.py). Blocking: call from a worker thread.
"""

from __future__ import annotations

import base64
import contextlib
from dataclasses import replace
from pathlib import Path

from cryptography import x509

from netca_client.core.certs import CertificateSummary, key_certificates
from netca_client.core.errors import RaRejected, SealNotVerified, WorkflowError, WrongKey
from netca_client.core.ra.client import RaClient, new_request_id
from netca_client.core.ra.possession import prove_possession
from netca_client.core.seals import SealTrust
from netca_client.core.secrets import SecretStore
from netca_client.core.token import KeyRef, TokenLibrary
from netca_client.core.workflows import seal_install
from netca_client.core.workflows.fault_points import fault_point
from netca_client.core.workflows.journal import Journal, JournalEntry
from netca_client.core.workflows.materials import read_material
from netca_client.core.workflows.seal_record import (
    KIND,
    ON_KEY,
    SealInstalled,
    SealJob,
    SealProgress,
    SealRecord,
)
from netca_client.core.workflows.steps import StepKind
from netca_protocol import BusinessType, MaterialOut, ProofOfPossession
from netca_protocol.seals import (
    SealApplicationIn,
    SealDetailsIn,
    SealInstalledIn,
    SealOrderCreate,
    SealOrderOut,
)

POSSESSION_PURPOSE = "seal-order"


def signing_certificate(certificates: list[CertificateSummary]) -> CertificateSummary:
    """The certificate a seal is bound to: the newest signing certificate with a key pair."""
    usable = [
        c for c in certificates if c.key_id and c.purpose.value in ("signing", "both", "unknown")
    ]
    if not usable:
        raise WorkflowError("the key holds no signing certificate to bind a seal to")
    return max(usable, key=lambda c: c.not_after)


class SealJobs:
    def __init__(
        self,
        library: TokenLibrary,
        ra: RaClient,
        *,
        ra_url: str,
        journal: Journal,
        secrets: SecretStore,
        trust: SealTrust,
    ) -> None:
        self._library = library
        self._ra = ra
        self._ra_url = ra_url.rstrip("/")
        self._journal = journal
        self._secrets = secrets
        self._trust = trust

    # --- reading -------------------------------------------------------------------------

    def pending(self, key_serial: str | None = None) -> list[JournalEntry]:
        return [
            e
            for e in self._journal.unfinished(kind=KIND, key_serial=key_serial)
            if e.ra_url == self._ra_url
        ]

    def resume(self, entry: JournalEntry) -> SealJob:
        current = self._journal.get(entry.entry_id)
        if current is None:
            raise WorkflowError(f"no unfinished job {entry.entry_id}")
        return self.refresh(SealJob(current, SealRecord.from_entry(current)))

    def refresh(self, job: SealJob) -> SealJob:
        """Ask the RA where the application stands; a job the RA ended is forgotten."""
        out = self._ra.seal_order(self._order_no(job), token=self._token(job))
        return self._answered(job, out)

    def _answered(self, job: SealJob, out: SealOrderOut) -> SealJob:
        answered = replace(job, order=out)
        if answered.next_step().kind is StepKind.FAILED:
            self._forget(answered.entry)
        return answered

    def form(self, job: SealJob) -> bytes:
        """The 电子印章申请表 (PDF) of the current details."""
        return self._ra.seal_form(self._order_no(job), token=self._token(job))

    # --- applying ------------------------------------------------------------------------

    def start(
        self,
        key: KeyRef,
        pin: str,
        details: SealDetailsIn,
        *,
        business_type: BusinessType = BusinessType.SEAL_APPLY,
        replaces_seal_id: str = "",
    ) -> SealJob:
        """Open a seal order, signed on the key with its signing certificate."""
        application = SealApplicationIn(
            business_type=business_type, details=details, replaces_seal_id=replaces_seal_id
        )
        record = SealRecord(
            SealProgress.STARTED, business_type, new_request_id(),
            replaces_seal_id=replaces_seal_id,
        )  # fmt: skip
        entry = self._journal.begin(KIND, record, key_serial=key.serial, ra_url=self._ra_url)
        opened = False
        try:
            body = SealOrderCreate(
                application=application, proof=self._prove(key, pin, application)
            )
            created = self._ra.create_seal_order(key.serial, body, request_id=record.idempotency)
            opened = True
        finally:
            if not opened:
                self._forget(entry)
        record = record.at(SealProgress.APPLIED, order_no=created.application.order_no)
        entry = self._journal.save(entry, record)
        entry, record = self._keep_token(entry, record, created.access_token)
        return self._answered(SealJob(entry, record), created.application)

    def _prove(self, key: KeyRef, pin: str, application: SealApplicationIn) -> ProofOfPossession:
        nonce = self._ra.possession_nonce().nonce
        with self._library.open(key) as session:
            certificate = signing_certificate(key_certificates(session))
            session.login(pin)
            try:

                def sign(message: bytes) -> tuple[bytes, str]:
                    signed = session.sign(message, key_id=certificate.key_id)
                    return signed.value, signed.algorithm

                return prove_possession(
                    sign=sign, purpose=POSSESSION_PURPOSE, key_serial=key.serial,
                    certificate_serial=certificate.serial.lower().lstrip("0") or "0",
                    nonce=nonce, body=application,
                )  # fmt: skip
            finally:
                session.logout()

    def _keep_token(
        self, entry: JournalEntry, record: SealRecord, token: str
    ) -> tuple[JournalEntry, SealRecord]:
        # The order token is the application's bearer (its 查询码): in the keyring where there
        # is one, else in the journal file (0600), which must survive a crash.
        if self._secrets.persistent and self._secrets.set(_token_name(entry), token):
            return entry, record
        record = record.at(record.progress, order_token=token)
        return self._journal.save(entry, record), record

    def order_token(self, job: SealJob) -> str:
        """The 查询码 of the order, for 业务查询."""
        return self._token(job)

    def _token(self, job: SealJob) -> str:
        token = job.record.order_token or self._secrets.get(_token_name(job.entry))
        if not token:
            raise WorkflowError("the order's token is gone (keyring cleared?)")
        return token

    @staticmethod
    def _order_no(job: SealJob) -> str:
        if not job.record.order_no:
            raise WorkflowError("the seal order was never opened at the RA")
        return job.record.order_no

    # --- scans, submit, 修改资料 ------------------------------------------------------------

    def upload(self, job: SealJob, path: Path) -> MaterialOut:
        """One scan of the stamped form (jpg/png/pdf up to 5 MB, judged by content)."""
        material = read_material(path)
        return self._ra.upload_seal_scan(
            self._order_no(job), material.filename, material.content, material.media_type,
            token=self._token(job),
        )  # fmt: skip

    def submit(self, job: SealJob) -> SealJob:
        out = self._ra.submit_seal_order(self._order_no(job), token=self._token(job))
        return self._answered(job, out)

    def edit(self, job: SealJob, details: SealDetailsIn) -> SealJob:
        """修改资料: new details; then the new form's scans are uploaded and submitted."""
        out = self._ra.edit_seal_order(
            self._order_no(job), details, token=self._token(job), request_id=new_request_id()
        )
        return self._answered(job, out)

    def discard(self, job: SealJob) -> None:
        """Withdraw an application that nothing depends on yet (the RA cancels it)."""
        if not job.may_discard:
            raise WorkflowError("the seal is made or being installed: install it instead")
        if job.record.order_no:
            # Over at the RA already (rejected, say): nothing to withdraw.
            with contextlib.suppress(RaRejected):
                self._ra.cancel_seal_order(
                    job.record.order_no, token=self._token(job), request_id=new_request_id()
                )
        self._forget(job.entry)

    def _forget(self, entry: JournalEntry) -> None:
        self._journal.finish(entry)
        self._secrets.delete(_token_name(entry))

    # --- install -------------------------------------------------------------------------

    def install(self, job: SealJob, key: KeyRef, pin: str) -> SealJob:
        """Write the approved seal to the key, verify it, remove the seal it replaces, tell
        the RA. Resumable at every step; the old seal goes only after the new one verified."""
        entry = self._journal.get(job.entry_id) or job.entry
        record = SealRecord.from_entry(entry)
        if key.serial != entry.key_serial:
            raise WrongKey(entry.key_serial, key.serial)
        order_no, token = self._order_no(job), self._token(job)
        issued = self._ra.issued_seal(order_no, token=token)
        maker, trust = self._ra_trust()
        der = _decoded(issued.seal_der_base64)
        with self._library.open(key, rw=True) as session:
            checked = seal_install.check_for_key(session, der, trust=trust, maker=maker)
            session.login(pin)
            if record.progress not in (SealProgress.VERIFIED, SealProgress.REPLACED):
                record = record.at(
                    SealProgress.INSTALLING, seal_id=issued.seal_id, seal_sha256=checked.sha256
                )
                entry = self._journal.save(entry, record)
                seal_install.write_beside(session, checked)
                record = record.at(SealProgress.WRITTEN)
                entry = self._journal.save(entry, record)
                fault_point("seal-after-write")
                try:
                    seal_install.verify_written(session, checked.sha256, trust=trust, maker=maker)
                except SealNotVerified:
                    session.delete_seal_value(checked.der)  # the old seal stays as it was
                    raise
                record = record.at(SealProgress.VERIFIED)
                entry = self._journal.save(entry, record)
                fault_point("seal-after-verify")
            if record.replaces_seal_id and record.replaces_seal_id != issued.seal_id:
                seal_install.remove_seals(
                    session, record.replaces_seal_id, keep_sha256=checked.sha256
                )
            record = record.at(SealProgress.REPLACED)
            entry = self._journal.save(entry, record)
            session.logout()
        self._ra.report_seal_installed(
            order_no, SealInstalledIn(seal_id=issued.seal_id, sha256=checked.sha256),
            token=token, request_id=f"installed-{order_no}-{checked.sha256[:16]}",
        )  # fmt: skip
        self._forget(entry)
        result = SealInstalled(
            key.serial, order_no, issued.seal_id, checked.seal.name, record.replaces_seal_id
        )
        return SealJob(entry, record, job.order, result=result)

    def _ra_trust(self) -> tuple[x509.Certificate, SealTrust]:
        """The RA's seal maker, and the trust to check it with: the configured roots plus the
        RA's own root and issuing CA (the RA this client does business with, over HTTPS)."""
        published = self._ra.ca_certificates()
        root = x509.load_pem_x509_certificate(published.root_pem.encode())
        issuing = x509.load_pem_x509_certificate(published.issuing_pem.encode())
        trust = SealTrust(
            roots=(*self._trust.roots, root),
            intermediates=(*self._trust.intermediates, issuing),
            sources=(*self._trust.sources, f"{self._ra_url}/api/v1/ca/certificates"),
        )
        maker = x509.load_pem_x509_certificate(published.seal_maker_pem.encode())
        return maker, trust

    def abandon_failed_write(self, job: SealJob) -> SealJob:
        """After a verify failure the new object was removed: back to waiting for install."""
        entry = self._journal.get(job.entry_id) or job.entry
        record = SealRecord.from_entry(entry)
        if record.progress in ON_KEY:
            record = record.at(SealProgress.APPLIED)
            entry = self._journal.save(entry, record)
        return replace(job, entry=entry, record=record)


def _decoded(text: str) -> bytes:
    return base64.b64decode(text)


def _token_name(entry: JournalEntry) -> str:
    return f"seal-order:{entry.entry_id}"
