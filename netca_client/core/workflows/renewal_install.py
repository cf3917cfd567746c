"""证书安装: write the renewed certificate next to its new key pair, check it, tell the RA,
and only then retire the old signing pair (an encryption-capable pair is kept, archived).

Order on the key, each step journalled first: INSTALLING (write, read back, check against the
new key pair and the CA chain) → WRITTEN → the RA is told with a proof by the NEW key →
REPORTED → the old pair goes → the job ends. A crash or an unplugged key at any point leaves
the old certificate usable and the install resumable: writing again replaces the same object.
"""

from __future__ import annotations

import base64
import datetime as dt
import itertools
from dataclasses import replace

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding

from netca_client.core import gm
from netca_client.core.certs import KeyPurpose, key_certificates
from netca_client.core.certs.archive import archived_label
from netca_client.core.errors import WorkflowError, WrongKey
from netca_client.core.token import KeyRef, KeySession
from netca_client.core.workflows.fault_points import fault_point
from netca_client.core.workflows.renewal_record import Progress, RenewalJob, RenewalResult
from netca_client.core.workflows.renewals import Renewals
from netca_protocol import CertificateOut
from netca_protocol.renewal import InstalledIn, installed_message

_CHECK = b"netca-client renewal install check"


class CertificateNotTrusted(WorkflowError):
    """The certificate the RA sent does not fit: another issuer, subject or key."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"the renewed certificate was refused: {reason}")


def install(
    renewals: Renewals, job: RenewalJob, key: KeyRef, pin: str, *, allow_final_try: bool = False
) -> RenewalJob:
    """Install the job's new certificate on ``key`` and finish the renewal there."""
    if key.serial != job.key_serial:
        raise WrongKey(job.key_serial, key.serial)
    entry = renewals.journal.get(job.entry_id) or job.entry
    job = replace(job, entry=entry)
    if not job.record.reached(Progress.WRITTEN):
        job = renewals.refresh(job)
        item = job.item
        if item is None or item.certificate is None:
            raise WorkflowError("the renewed certificate is not issued yet")
        job = _write(renewals, job, key, pin, allow_final_try, item.certificate)
    with renewals.library.open(key, rw=True) as session:
        session.login(pin, allow_final_try=allow_final_try)
        if not job.record.reached(Progress.REPORTED):
            job = _report(renewals, job, session)
        archived = _retire_old(session, job)
        new_serial = job.record.new_serial or ""
        found = [c for c in key_certificates(session) if c.key_id == job.record.new_key_id]
    renewals.forget(job)
    not_after = found[0].not_after.isoformat() if found else ""
    result = RenewalResult(job.key_serial, job.record.old_serial, new_serial, not_after, archived)
    return replace(job, result=result)


def _write(
    renewals: Renewals,
    job: RenewalJob,
    key: KeyRef,
    pin: str,
    allow_final_try: bool,
    issued: CertificateOut,
) -> RenewalJob:
    new_key_id = job.record.new_key_id
    if new_key_id is None:
        raise WorkflowError("the journal lost the new key pair's id")
    cert = x509.load_pem_x509_certificate(issued.certificate_pem.encode("ascii"))
    chain = [x509.load_pem_x509_certificate(p.encode("ascii")) for p in issued.chain_pem]
    record = job.record.at(Progress.INSTALLING, new_serial=issued.serial_hex)
    job = replace(job, entry=renewals.journal.save(job.entry, record), record=record)
    with renewals.library.open(key, rw=True) as session:
        session.login(pin, allow_final_try=allow_final_try)
        old = _old_certificate(session, job.record.old_key_id)
        check_issued(cert, chain, old=old)
        label = _label_of(session, job.record.old_key_id) or cert.subject.rfc4514_string()[:64]
        session.write_certificate(cert.public_bytes(Encoding.DER), key_id=new_key_id, label=label)
        signature = session.sign(_CHECK, key_id=new_key_id)
        _verify(cert, signature.value, _CHECK)  # the private key on the key fits the certificate
    record = job.record.at(Progress.WRITTEN)
    job = replace(job, entry=renewals.journal.save(job.entry, record), record=record)
    fault_point("after-certificate-written")
    return job


def check_issued(
    cert: x509.Certificate, chain: list[x509.Certificate], *, old: x509.Certificate | None
) -> None:
    """The new certificate chains to a root through the CA that issued the old one, and names
    the same subject; CertificateNotTrusted otherwise."""
    if len(chain) < 1:
        raise CertificateNotTrusted("no CA chain came with it")
    if gm.is_sm2_signed(cert):  # an SM2 CA: cryptography cannot check it, libcrypto does
        _check_sm2_issued(cert, chain, old=old)
        return
    try:
        cert.verify_directly_issued_by(chain[0])
        for child, parent in itertools.pairwise(chain):
            child.verify_directly_issued_by(parent)
        chain[-1].verify_directly_issued_by(chain[-1])
        if old is not None:
            old.verify_directly_issued_by(chain[0])
    except (ValueError, TypeError, InvalidSignature) as exc:
        raise CertificateNotTrusted(f"the CA chain does not verify: {exc}") from exc
    if old is not None and cert.subject != old.subject:
        raise CertificateNotTrusted("the subject differs from the old certificate's")
    now = dt.datetime.now(dt.UTC)
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        raise CertificateNotTrusted("it is not valid now")


def _check_sm2_issued(
    cert: x509.Certificate, chain: list[x509.Certificate], *, old: x509.Certificate | None
) -> None:
    """check_issued for certificates of the SM2 CA (SM2/SM3 with the configured ID)."""
    distid = gm.configured_id()
    links = [(cert, chain[0]), *itertools.pairwise(chain), (chain[-1], chain[-1])]
    if old is not None:
        links.append((old, chain[0]))
    try:
        for child, parent in links:
            if not gm.certificate_signed_by(child, parent, distid=distid):
                raise CertificateNotTrusted(
                    f"the CA chain does not verify: {child.subject.rfc4514_string()} is not "
                    f"signed by {parent.subject.rfc4514_string()}"
                )
    except gm.Sm2Unavailable as exc:
        raise CertificateNotTrusted(f"SM2 cannot be checked here: {exc}") from exc


def _verify(cert: x509.Certificate, signature: bytes, data: bytes) -> None:
    if gm.is_sm2_certificate(cert):
        try:
            fits = gm.verify(gm.public_key_der(cert), data, signature, gm.configured_id())
        except gm.Sm2Unavailable as exc:
            raise CertificateNotTrusted(f"SM2 cannot be checked here: {exc}") from exc
        if not fits:
            raise CertificateNotTrusted("it does not fit the key pair on the key")
        return
    public = cert.public_key()
    try:
        if isinstance(public, rsa.RSAPublicKey):
            public.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        else:
            raise CertificateNotTrusted("an unknown key type")
    except InvalidSignature as exc:
        raise CertificateNotTrusted("it does not fit the key pair on the key") from exc


def _old_certificate(session: KeySession, key_id: str) -> x509.Certificate | None:
    for summary in key_certificates(session):
        if summary.key_id == key_id and summary.der:
            return x509.load_der_x509_certificate(summary.der)
    return None


def _label_of(session: KeySession, key_id: str) -> str:
    return next((c.label for c in key_certificates(session) if c.key_id == key_id), "")


def _report(renewals: Renewals, job: RenewalJob, session: KeySession) -> RenewalJob:
    record = job.record
    if not (record.renewal_id and record.new_key_id and record.new_serial):
        raise WorkflowError("the journal lost the renewal's id or the new certificate")
    nonce = renewals.ra.renewal_nonce().nonce
    message = installed_message(
        nonce=nonce, renewal_id=record.renewal_id, old_serial=record.old_serial,
        new_serial=record.new_serial,
    )  # fmt: skip
    signature = session.sign(message, key_id=record.new_key_id)
    proof = InstalledIn(nonce=nonce, signature=base64.b64encode(signature.value).decode("ascii"))
    renewal = renewals.ra.report_renewal_installed(record.renewal_id, record.old_serial, proof)
    record = record.at(Progress.REPORTED)
    job = replace(
        job, entry=renewals.journal.save(job.entry, record), record=record, renewal=renewal
    )
    fault_point("after-ra-told")
    return job


def _retire_old(session: KeySession, job: RenewalJob) -> bool:
    """Delete the old signing pair, or archive it when it can decrypt: whether it was kept."""
    old_key_id = job.record.old_key_id
    if old_key_id == job.record.new_key_id:
        return False
    olds = [c for c in key_certificates(session) if c.key_id == old_key_id]
    if not olds:
        return False  # retired already (a crash after this step)
    encrypts = olds[0].purpose in (KeyPurpose.ENCRYPTION, KeyPurpose.BOTH)
    if encrypts:
        session.relabel_key_pair(old_key_id, archived_label(olds[0].label))
    else:
        session.delete_key_pair(old_key_id)
    return encrypts
