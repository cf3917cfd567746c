"""What happens when a renewal is paid: each new certificate issued (same subject as the old
one, the new key from the CSR, validity carried on from the old expiry), the old certificate
revoked when the profile says "immediately", the approval SMS, the e-invoice."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from sqlalchemy.orm import Session

from netca_gm import Sm2Unavailable
from netca_gm.x509 import csr_signature_valid, is_sm2_certificate, public_key_der
from netca_protocol import OrderState
from netca_protocol.errors import ErrorCode
from netca_protocol.renewal import RevokeOld
from netca_ra.ca.builtin import CsrRejected
from netca_ra.ca.gm_ca import csr_is_sm2, csr_public_key_der
from netca_ra.ca.interface import CertificateAuthority, SubjectKind, SubjectProfile
from netca_ra.errors import ApiError
from netca_ra.models import (
    IssuedCertificate,
    KeyCertificate,
    KeyRecord,
    Order,
    Renewal,
    RenewalItem,
    utcnow,
)
from netca_ra.services import transitions
from netca_ra.services.certificates import record_certificate
from netca_ra.services.invoices import issue_invoice
from netca_ra.services.keys import audit
from netca_ra.services.sms import deliver
from netca_ra.settings import RaSettings
from netca_ra.sms.gateway import SmsGateway

log = logging.getLogger(__name__)
SYSTEM = transitions.SYSTEM
_SPKI = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def checked_csr(csr_pem: str, *, old: IssuedCertificate) -> x509.CertificateSigningRequest:
    """The CSR of a renewal item: it parses, its signature verifies, its key is one the CA
    certifies and is NOT the old certificate's key (a renewal makes a new key pair). An SM2
    certificate renews with an SM2 key, and only it does."""
    old_cert = x509.load_pem_x509_certificate(old.pem.encode("ascii"))
    try:
        csr = x509.load_pem_x509_csr(csr_pem.encode("ascii", "replace"))
        sm2 = csr_is_sm2(csr)
    except ValueError as exc:
        raise ApiError(ErrorCode.CSR_INVALID, 422, str(exc)) from exc
    if sm2 or is_sm2_certificate(old_cert):
        return _checked_sm2_csr(csr, old_cert, sm2=sm2)
    try:
        if not csr.is_signature_valid:
            raise CsrRejected("the CSR signature does not verify")
        public = csr.public_key()
    except (ValueError, CsrRejected) as exc:
        raise ApiError(ErrorCode.CSR_INVALID, 422, str(exc)) from exc
    if isinstance(public, rsa.RSAPublicKey):
        usable = public.key_size >= 2048
    elif isinstance(public, ec.EllipticCurvePublicKey):
        usable = public.curve.name in ("secp256r1", "secp384r1")
    else:
        usable = False
    if not usable:
        raise ApiError(ErrorCode.CSR_INVALID, 422, "only RSA >= 2048 and P-256/P-384 keys")
    old_public = old_cert.public_key()
    if public.public_bytes(*_SPKI) == old_public.public_bytes(*_SPKI):
        raise ApiError(ErrorCode.CSR_INVALID, 422, "a renewal needs a new key pair")
    return csr


def _checked_sm2_csr(
    csr: x509.CertificateSigningRequest, old_cert: x509.Certificate, *, sm2: bool
) -> x509.CertificateSigningRequest:
    if not (sm2 and is_sm2_certificate(old_cert)):
        raise ApiError(
            ErrorCode.CSR_INVALID, 422, "an SM2 certificate renews with an SM2 key, and only it"
        )
    der = csr.public_bytes(serialization.Encoding.DER)
    try:
        valid = csr_signature_valid(der)
    except Sm2Unavailable as exc:
        raise ApiError(ErrorCode.CSR_INVALID, 422, f"SM2 is not available: {exc}") from exc
    if not valid:
        raise ApiError(ErrorCode.CSR_INVALID, 422, "the CSR signature does not verify")
    if csr_public_key_der(csr) == public_key_der(old_cert):
        raise ApiError(ErrorCode.CSR_INVALID, 422, "a renewal needs a new key pair")
    return csr


def subject_of_certificate(old: IssuedCertificate) -> SubjectProfile:
    """The old certificate's names, so the new certificate carries the very same subject."""
    name = x509.load_pem_x509_certificate(old.pem.encode("ascii")).subject

    def one(oid: x509.ObjectIdentifier) -> str | None:
        values = name.get_attributes_for_oid(oid)
        return str(values[0].value) if values else None

    kind = (
        SubjectKind.EMPLOYEE
        if old.profile == SubjectKind.EMPLOYEE.value
        else (SubjectKind.ORGANISATION)
    )
    return SubjectProfile(
        kind=kind,
        common_name=one(NameOID.COMMON_NAME) or "",
        organisation=one(NameOID.ORGANIZATION_NAME) or "",
        organisation_unit=one(NameOID.ORGANIZATIONAL_UNIT_NAME),
        organisation_identifier=one(NameOID.ORGANIZATION_IDENTIFIER),
    )


def revoke_superseded(session: Session, serial: str, *, actor: str) -> None:
    row = session.get(IssuedCertificate, serial, with_for_update=True)
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
        row.revocation_reason = x509.ReasonFlags.superseded.value
        row.revoked_by = actor


@dataclass(frozen=True)
class Issuer:
    """What issuing a paid renewal needs from the RA."""

    ca: CertificateAuthority
    settings: RaSettings
    gateway: SmsGateway

    def issue_paid(self, session: Session, renewal: Renewal) -> None:
        """paid → issued: every item's certificate, revocations, the SMS and the invoice."""
        order = renewal.order
        if order.state is not OrderState.PAID:
            return
        for item in renewal.items:
            if item.new_serial is None:
                self._issue_item(session, order, item)
        order.certificate_serial = renewal.items[0].new_serial
        transitions.move(order, OrderState.ISSUED, actor=SYSTEM, reason="续期证书已签发，待安装")
        issue_invoice(
            session, renewal, order,
            data_dir=Path(self.settings.data_dir), dev_mode=self.settings.dev_mode,
        )  # fmt: skip
        self._tell_handler(session, order)

    def _issue_item(self, session: Session, order: Order, item: RenewalItem) -> None:
        old = session.get(IssuedCertificate, item.old_serial)
        assert old is not None  # a foreign key
        csr = checked_csr(item.csr_pem, old=old)
        start = max(utcnow(), old.not_after)
        try:
            cert = self.ca.issue(
                csr=csr,
                subject=subject_of_certificate(old),
                not_after=start + timedelta(days=365 * order.validity_years),
            )
        except CsrRejected as exc:
            raise ApiError(ErrorCode.CSR_INVALID, 422, str(exc)) from exc
        row = record_certificate(session, cert, profile=old.profile, order_id=order.id)
        item.new_serial = row.serial_hex
        if item.revoke_old == RevokeOld.IMMEDIATELY.value:
            revoke_superseded(session, item.old_serial, actor=SYSTEM)
        record = session.get(KeyRecord, item.key_serial, with_for_update=True)
        if record is not None:
            session.flush()
            record.certificates.append(KeyCertificate(serial_hex=row.serial_hex, certificate=row))
            audit(
                session, serial=item.key_serial, actor=SYSTEM, action="renewal_issued",
                detail=f"续期证书 {row.serial_hex} 替换 {item.old_serial}（业务 {order.order_no}）",
            )  # fmt: skip

    def _tell_handler(self, session: Session, order: Order) -> None:
        text = (
            f"【NETCA-RA】{order.handler_name}您好，您的数字证书续期业务已经审核通过。"
            "请插入 USB Key，回到客户端“证书安装”安装新证书。"
            f"电子发票已开具，将发送到您的手机或邮箱。业务单号{order.order_no}。"
        )
        try:
            deliver(
                session, self.gateway, settings=self.settings, phone=order.handler_mobile,
                text=text, order_no=order.order_no,
            )  # fmt: skip
        except ApiError as exc:  # the certificate and the payment stand; the SMS is a notice
            log.warning("renewal %s: approval SMS not sent: %s", order.order_no, exc)
