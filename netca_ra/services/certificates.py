"""Certificates for orders: issue through the CA interface, revoke, CRL and OCSP from the DB."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from netca_gm import SM2_WITH_SM3
from netca_protocol import (
    BusinessType,
    CertificateKind,
    CertificateOut,
    KeyAlgorithm,
    OrderState,
    ProfileOut,
)
from netca_protocol.errors import ErrorCode
from netca_protocol.models import unsafe_characters
from netca_ra.ca.builtin import CsrRejected
from netca_ra.ca.gm_ca import csr_is_sm2
from netca_ra.ca.interface import (
    CertificateAuthority,
    CertificateStatus,
    RevocationEntry,
    SubjectKind,
    SubjectProfile,
)
from netca_ra.errors import ApiError
from netca_ra.models import IssuedCertificate, Order, utcnow
from netca_ra.services import idempotency, transitions
from netca_ra.services.orders import applicant_actor, applicant_caller, lock_order
from netca_ra.services.profiles import load_profile, profile_out

_PEM = serialization.Encoding.PEM
#: business types whose order ends in a certificate; change, unlock, replacement and seal
#: orders produce none through the API (they are counter business or no certificate at all)
CERTIFICATE_BUSINESS = frozenset({BusinessType.NEW, BusinessType.RENEWAL})
#: the medium whose certificates go onto a key prepared at the counter, never to the applicant
USB_KEY = "usb_key"


def check_issuable(session: Session, order: Order, *, onto_key: bool) -> ProfileOut:
    """Refuse unless ``order`` may get a certificate this way: its business type makes one,
    its profile still offers that type and validity, and the medium fits the path (a USB-key
    order only onto a key at the counter, ``onto_key``; other media only to the applicant).
    Returns the order's profile."""
    profile = profile_out(load_profile(session, order.service_id))
    business = order.business_type
    if business not in CERTIFICATE_BUSINESS or business not in profile.business_types:
        raise ApiError(
            ErrorCode.BUSINESS_TYPE_NOT_ALLOWED,
            422,
            f"a {business.value} order of {profile.service_id} does not produce a certificate",
        )
    if onto_key and business is not BusinessType.NEW:
        raise ApiError(
            ErrorCode.BUSINESS_TYPE_NOT_ALLOWED,
            422,
            "only new-certificate orders are provisioned onto a blank key",
        )
    if order.validity_years not in profile.validity_years:
        raise ApiError(
            ErrorCode.VALIDITY_NOT_ALLOWED,
            422,
            f"{profile.service_id} does not offer {order.validity_years} years",
        )
    if onto_key != (profile.medium == USB_KEY):
        where = "onto a USB key at the counter" if not onto_key else "to the applicant"
        raise ApiError(
            ErrorCode.MEDIUM_NOT_ALLOWED,
            422,
            f"{profile.service_id} certificates ({profile.medium}) are issued only {where}",
        )
    names = (order.organisation_name, order.organisation_unit, order.person_name)
    found = [c for name in names if name for c in unsafe_characters(name)]
    if found:  # orders taken before such characters were refused at the door
        raise ApiError(
            ErrorCode.VALIDATION_FAILED,
            422,
            f"the order's names hold control or invisible characters ({', '.join(found)})",
        )
    return profile


def check_key_algorithm(profile: ProfileOut, csr: x509.CertificateSigningRequest) -> None:
    """An SM2 (国密) profile certifies SM2 keys only, and the others never certify SM2: the
    profile decides which CA signs (CSR_INVALID otherwise)."""
    sm2_profile = profile.key_algorithm is KeyAlgorithm.SM2
    if csr_is_sm2(csr) != sm2_profile:
        wanted = "an SM2 key" if sm2_profile else "an RSA or EC key, not SM2"
        raise ApiError(
            ErrorCode.CSR_INVALID, 422, f"{profile.service_id} certificates are for {wanted}"
        )


def subject_of(order: Order) -> SubjectProfile:
    if order.certificate_kind is CertificateKind.EMPLOYEE:
        return SubjectProfile(
            kind=SubjectKind.EMPLOYEE,
            common_name=order.person_name or order.handler_name,
            organisation=order.organisation_name,
            organisation_unit=order.organisation_unit,
            organisation_identifier=order.unified_social_credit_code,
        )
    return SubjectProfile(
        kind=SubjectKind.ORGANISATION,
        common_name=order.organisation_name,
        organisation=order.organisation_name,
        organisation_unit=order.organisation_unit,
        organisation_identifier=order.unified_social_credit_code,
    )


def record_certificate(
    session: Session, cert: x509.Certificate, *, profile: str, order_id: int | None = None
) -> IssuedCertificate:
    row = IssuedCertificate(
        serial_hex=format(cert.serial_number, "x"),
        order_id=order_id,
        profile=profile,
        subject=cert.subject.rfc4514_string(),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        pem=cert.public_bytes(_PEM).decode("ascii"),
    )
    session.add(row)
    return row


def issue_for(
    session: Session,
    ca: CertificateAuthority,
    order: Order,
    *,
    csr_pem: str,
    actor: str,
    onto_key: bool,
) -> IssuedCertificate:
    """Issue a paid order's certificate for ``csr_pem`` (subject from the order): PAID→ISSUED."""
    transitions.require(order, OrderState.ISSUED)
    profile = check_issuable(session, order, onto_key=onto_key)
    try:
        csr = x509.load_pem_x509_csr(csr_pem.encode("ascii", "replace"))
        check_key_algorithm(profile, csr)
        now = utcnow()
        cert = ca.issue(
            csr=csr,
            subject=subject_of(order),
            not_after=now + timedelta(days=365 * order.validity_years),
        )
    except (ValueError, CsrRejected) as exc:
        raise ApiError(ErrorCode.CSR_INVALID, 422, str(exc)) from exc
    row = record_certificate(session, cert, profile=order.certificate_kind.value, order_id=order.id)
    order.certificate_serial = row.serial_hex
    transitions.move(order, OrderState.ISSUED, actor=actor)
    return row


class CertificateService:
    def __init__(
        self, sessions: sessionmaker[Session], ca: CertificateAuthority, *, seal_key: bytes
    ) -> None:
        self._sessions = sessions
        self._ca = ca
        self._seal_key = seal_key

    def out(self, row: IssuedCertificate) -> CertificateOut:
        try:  # an SM2 certificate has the SM2 chain; a row that does not parse, the RSA one
            chain = self._ca.chain_for(x509.load_pem_x509_certificate(row.pem.encode()))
        except ValueError:
            chain = self._ca.chain()
        return CertificateOut(
            serial_hex=row.serial_hex,
            certificate_pem=row.pem,
            chain_pem=[c.public_bytes(_PEM).decode("ascii") for c in chain],
            not_before=row.not_before,
            not_after=row.not_after,
        )

    def issue_for_order(
        self, order_no: str, *, token: str | None, csr_pem: str, call: idempotency.IdempotentCall
    ) -> CertificateOut:
        """A paid order's certificate for the applicant's CSR; the subject comes from the order."""

        def action(session: Session, _: idempotency.Sealer) -> CertificateOut:
            order = lock_order(session, order_no)
            row = issue_for(
                session, self._ca, order, csr_pem=csr_pem, actor=applicant_actor(order),
                onto_key=False,
            )  # fmt: skip
            return self.out(row)

        once = idempotency.Once(
            scope=f"POST /orders/{order_no}/certificate",
            call=call,
            caller=applicant_caller(order_no, token),
        )
        return idempotency.run_once(
            self._sessions, once, action, answer=CertificateOut, seal_key=self._seal_key
        )

    def get(self, serial_hex: str) -> CertificateRow | None:
        with self._sessions.begin() as session:
            row = session.get(IssuedCertificate, serial_hex.lower())
            return None if row is None else _certificate_row(row)

    def revoke(self, serial_hex: str, *, reason: x509.ReasonFlags | None, actor: str) -> None:
        """Revoke; ``reason`` None (or unspecified) leaves the reason code out, as RFC 5280
        5.3.1 asks of CRLs (and OCSP answers follow)."""
        if reason is x509.ReasonFlags.unspecified:
            reason = None
        with self._sessions.begin() as session:
            row = session.get(IssuedCertificate, serial_hex.lower(), with_for_update=True)
            if row is None:
                raise ApiError(ErrorCode.NOT_FOUND, 404, f"no certificate {serial_hex}")
            if row.revoked_at is None:
                row.revoked_at = utcnow()
                row.revocation_reason = reason.value if reason is not None else None
                row.revoked_by = actor

    def crl_der(self) -> bytes:
        """The RSA issuing CA's CRL: the revoked certificates it signed."""
        return self._ca.crl_der(self._revoked(sm2=False), now=utcnow())

    def sm2_crl_der(self) -> bytes | None:
        """The SM2 issuing CA's CRL (None when there is no SM2 CA)."""
        return self._ca.sm2_crl_der(self._revoked(sm2=True), now=utcnow())

    def _revoked(self, *, sm2: bool) -> list[RevocationEntry]:
        with self._sessions.begin() as session:
            rows = session.scalars(
                select(IssuedCertificate).where(IssuedCertificate.revoked_at.is_not(None))
            ).all()
            return [_entry(row) for row in rows if _sm2_signed(row) == sm2]

    def ocsp_der(self, request_der: bytes) -> bytes:
        with self._sessions.begin() as session:

            def lookup(serial: int) -> CertificateStatus:
                row = session.get(IssuedCertificate, format(serial, "x"))
                if row is None:
                    return CertificateStatus(known=False)
                return CertificateStatus(
                    known=True, revocation=_entry(row) if row.revoked_at else None
                )

            return self._ca.ocsp_der(request_der, lookup=lookup, now=utcnow())


@dataclass(frozen=True)
class CertificateRow:
    """A certificate as staff see it: its validity and who revoked it, if anyone did."""

    serial_hex: str
    subject: str
    not_before: datetime
    not_after: datetime
    revoked_at: datetime | None
    revoked_by: str | None


def _certificate_row(row: IssuedCertificate) -> CertificateRow:
    return CertificateRow(
        serial_hex=row.serial_hex,
        subject=row.subject,
        not_before=row.not_before,
        not_after=row.not_after,
        revoked_at=row.revoked_at,
        revoked_by=row.revoked_by,
    )


def _sm2_signed(row: IssuedCertificate) -> bool:
    """Whether the SM2 CA signed ``row``. A stored certificate that does not parse (rows
    from before issue 21 were never checked) stays with the RSA CA, as it always was."""
    try:
        cert = x509.load_pem_x509_certificate(row.pem.encode("ascii"))
    except ValueError:
        return False
    return cert.signature_algorithm_oid.dotted_string == SM2_WITH_SM3


def _entry(row: IssuedCertificate) -> RevocationEntry:
    assert row.revoked_at is not None
    reason = x509.ReasonFlags(row.revocation_reason) if row.revocation_reason else None
    if reason is x509.ReasonFlags.unspecified:
        reason = None  # rows revoked before the reason was left out (RFC 5280 5.3.1)
    return RevocationEntry(serial=int(row.serial_hex, 16), revoked_at=row.revoked_at, reason=reason)
