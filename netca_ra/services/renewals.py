"""证书续期: offers, nonces, renewal orders proven by the old keys, issue on payment, install.

The conversation (docs/ra-protocol.md, section 12): the client asks whether a certificate may
be renewed online (``offer``), takes a nonce, and sends the renewal with one proof of
possession per old key (``create``); the RA opens one renewal order for all the certificates
(approved at once, or by staff, per profile), takes one payment through the order's usual
endpoints, and on payment issues every new certificate (``Issuer``). The holder reads the
renewal by its unguessable id (it is kept on the key) and reports each new certificate
installed with a proof by the NEW key.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from netca_protocol import BusinessType, OrderState, PaymentState
from netca_protocol.errors import ErrorCode
from netca_protocol.renewal import (
    Approval,
    InstalledIn,
    NonceOut,
    RenewalCreate,
    RenewalCreated,
    RenewalItemOut,
    RenewalOffer,
    RenewalOut,
    RenewalRefusal,
    RevokeOld,
    installed_message,
    proof_message,
)
from netca_ra.errors import ApiError
from netca_ra.models import IssuedCertificate, Order, Renewal, RenewalItem, utcnow
from netca_ra.services import idempotency, ratelimit, renewal_proofs, transitions
from netca_ra.services.certificates import CertificateService
from netca_ra.services.fees import fee_fen
from netca_ra.services.numbering import next_order_no
from netca_ra.services.orders import applicant_actor, token_hash
from netca_ra.services.profiles import profile_out
from netca_ra.services.renewal_issue import Issuer, checked_csr, revoke_superseded
from netca_ra.services.renewal_policies import (
    Renewable,
    agreement_version,
    judge,
    open_orders,
    paid_or_pending,
)
from netca_ra.settings import RaSettings

SYSTEM = transitions.SYSTEM
_AUTO_STEPS = (OrderState.UNDER_REVIEW, OrderState.APPROVED, OrderState.AWAITING_PAYMENT)


@dataclass(frozen=True)
class RenewalParts:
    """What the renewal service works with, built once per app (wiring)."""

    sessions: sessionmaker[Session]
    settings: RaSettings
    certificates: CertificateService
    issuer: Issuer


class RenewalService:
    def __init__(self, parts: RenewalParts) -> None:
        self._sessions = parts.sessions
        self._settings = parts.settings
        self._certificates = parts.certificates
        self._issuer = parts.issuer

    # --- asking -----------------------------------------------------------------------

    def offer(self, serial: str) -> RenewalOffer:
        with self._sessions.begin() as session:
            return judge(session, serial)[1]

    def nonce(self, *, client: str) -> NonceOut:
        with self._sessions.begin() as session:
            return renewal_proofs.issue_nonce(session, client=client)

    # --- the renewal order ---------------------------------------------------------------

    def create(
        self, payload: RenewalCreate, *, call: idempotency.IdempotentCall, client: str
    ) -> RenewalCreated:
        def caller(session: Session) -> str:
            self._check_proofs(session, payload)
            serials = ",".join(sorted(i.certificate_serial for i in payload.items))
            return idempotency.caller_id("certificates", serials)

        def action(session: Session, sealer: idempotency.Sealer) -> RenewalCreated:
            renewal_proofs.consume(session, payload.nonce)
            self._count_new_order(session, client)
            token = sealer.new_secret()
            renewal = self._open(session, payload, token=token)
            return RenewalCreated(renewal=self._out(session, renewal), access_token=token)

        once = idempotency.Once(scope="POST /renewals", call=call, caller=caller)
        return idempotency.run_once(
            self._sessions, once, action, answer=RenewalCreated,
            seal_key=self._settings.effective_secret,
        )  # fmt: skip

    def _check_proofs(self, session: Session, payload: RenewalCreate) -> None:
        """Every item proven by its old key over this request and its nonce (before replays)."""
        proofs = {p.certificate_serial: p.signature for p in payload.proofs}
        message = proof_message(payload)
        for item in payload.items:
            signature = proofs.get(item.certificate_serial)
            if signature is None:
                raise ApiError(
                    ErrorCode.PROOF_REQUIRED, 401,
                    f"certificate {item.certificate_serial} needs a proof of possession",
                )  # fmt: skip
            cert = session.get(IssuedCertificate, item.certificate_serial)
            if cert is None:
                raise ApiError(
                    ErrorCode.RENEWAL_NOT_ALLOWED, 422,
                    f"this RA did not issue {item.certificate_serial}",
                    certificate_serial=item.certificate_serial,
                    refusal=RenewalRefusal.UNKNOWN_CERTIFICATE.value,
                )  # fmt: skip
            renewal_proofs.verify_signature(cert.pem, signature_b64=signature, message=message)

    def _count_new_order(self, session: Session, client: str) -> None:
        settings = self._settings
        ratelimit.consume(
            session, scope="orders-client", key=client, what="new orders from this client",
            limit=settings.orders_per_client_per_hour, window_seconds=ratelimit.HOUR,
        )  # fmt: skip
        ratelimit.consume(
            session, scope="orders-all", key=ratelimit.EVERYONE, what="new orders",
            limit=settings.orders_per_hour, window_seconds=ratelimit.HOUR,
        )  # fmt: skip

    def _renewable(self, session: Session, payload: RenewalCreate) -> list[Renewable]:
        found = []
        for item in payload.items:
            renewable, offer = judge(session, item.certificate_serial)
            if renewable is None:
                assert offer.refusal is not None
                in_progress = offer.refusal is RenewalRefusal.IN_PROGRESS
                raise ApiError(
                    ErrorCode.RENEWAL_IN_PROGRESS if in_progress
                    else ErrorCode.RENEWAL_NOT_ALLOWED,
                    409 if in_progress else 422,
                    f"{item.certificate_serial} cannot be renewed online: {offer.refusal.value}",
                    certificate_serial=item.certificate_serial, refusal=offer.refusal.value,
                )  # fmt: skip
            if agreement_version(renewable.policy.agreement_text) != payload.agreement_version:
                raise ApiError(
                    ErrorCode.AGREEMENT_OUTDATED, 409,
                    "the service agreement changed: show the current one and ask again",
                )  # fmt: skip
            if payload.validity_years not in profile_out(renewable.profile).validity_years:
                raise ApiError(ErrorCode.VALIDITY_NOT_ALLOWED, 422, "validity years not offered")
            checked_csr(item.csr_pem, old=renewable.certificate)
            found.append(renewable)
        return found

    def _open(self, session: Session, payload: RenewalCreate, *, token: str) -> Renewal:
        found = self._renewable(session, payload)
        for renewable in found:
            self._supersede(session, renewable.certificate.serial_hex)
        first = found[0].order
        now = utcnow()
        amount = sum(
            fee_fen(
                profile_out(r.profile).fees, business_type=BusinessType.RENEWAL,
                validity_years=payload.validity_years,
            )
            for r in found
        )  # fmt: skip
        handler = payload.handler
        order = Order(
            order_no=next_order_no(session, prefix=self._settings.order_prefix, now=now),
            service_id=first.service_id, business_type=BusinessType.RENEWAL,
            certificate_kind=first.certificate_kind, validity_years=payload.validity_years,
            state=OrderState.SUBMITTED, amount_fen=amount, paid_fen=0,
            organisation_name=first.organisation_name,
            unified_social_credit_code=first.unified_social_credit_code,
            organisation_unit=first.organisation_unit,
            person_name=first.person_name if len(found) == 1 else None,
            handler_name=handler.name, handler_id_number=handler.id_number,
            handler_mobile=handler.mobile, access_token_hash=token_hash(token),
            created_at=now, updated_at=now,
        )  # fmt: skip
        transitions.record_creation(order, actor=applicant_actor(order))
        session.add(order)
        session.flush()
        staff = any(r.policy.approval == Approval.STAFF.value for r in found)
        renewal = Renewal(
            renewal_id=secrets.token_hex(16), order_id=order.id, order=order,
            approval=(Approval.STAFF if staff else Approval.AUTOMATIC).value,
            invoice_title=payload.invoice.title, invoice_tax_id=payload.invoice.tax_id,
            invoice_email=payload.invoice.email, invoice_mobile=payload.invoice.mobile,
            created_at=now,
        )  # fmt: skip
        for item, renewable in zip(payload.items, found, strict=True):
            renewal.items.append(
                RenewalItem(
                    old_serial=renewable.certificate.serial_hex, key_serial=item.key_serial,
                    service_id=renewable.profile.service_id,
                    revoke_old=renewable.policy.revoke_old, csr_pem=item.csr_pem,
                )
            )  # fmt: skip
        session.add(renewal)
        if not staff:
            for step in _AUTO_STEPS:
                transitions.move(
                    order, step, actor=SYSTEM, reason="证书在有效期内，在线续期自动审核"
                )
        if order.state is OrderState.AWAITING_PAYMENT and order.amount_fen == 0:
            transitions.move(order, OrderState.PAID, actor=SYSTEM, reason="本业务免费")
        session.flush()
        self._issuer.issue_paid(session, renewal)
        return renewal

    def _supersede(self, session: Session, serial: str) -> None:
        """An unpaid renewal of the same certificate gives way to the new one (cancelled)."""
        for order in open_orders(session, serial):
            if paid_or_pending(order):  # judge() refused it already; never cancel money
                raise ApiError(ErrorCode.RENEWAL_IN_PROGRESS, 409, f"order {order.order_no}")
            transitions.move(
                order, OrderState.CANCELLED, actor=SYSTEM, reason="同一证书提交了新的续期申请"
            )

    # --- reading, paying, installing ---------------------------------------------------

    def get(self, renewal_id: str) -> RenewalOut:
        with self._sessions.begin() as session:
            renewal = self._lock(session, renewal_id)
            self._issuer.issue_paid(session, renewal)  # e.g. a fee settled without the hook
            return self._out(session, renewal)

    def settled(self, session: Session, order: Order) -> None:
        """The payment hook: a renewal order just became paid."""
        renewal = session.scalar(select(Renewal).where(Renewal.order_id == order.id))
        if renewal is not None:
            self._issuer.issue_paid(session, renewal)

    def installed(self, renewal_id: str, old_serial: str, payload: InstalledIn) -> RenewalOut:
        with self._sessions.begin() as session:
            renewal = self._lock(session, renewal_id)
            item = next((i for i in renewal.items if i.old_serial == old_serial), None)
            if item is None:
                raise ApiError(ErrorCode.NOT_FOUND, 404, f"{old_serial} is not in this renewal")
            new = session.get(IssuedCertificate, item.new_serial) if item.new_serial else None
            if new is None:
                raise ApiError(
                    ErrorCode.ILLEGAL_TRANSITION, 409, "the new certificate is not issued yet",
                    from_state=renewal.order.state.value, to_state=OrderState.INSTALLED.value,
                )  # fmt: skip
            message = installed_message(
                nonce=payload.nonce, renewal_id=renewal_id, old_serial=old_serial,
                new_serial=new.serial_hex,
            )  # fmt: skip
            renewal_proofs.verify_signature(
                new.pem, signature_b64=payload.signature, message=message
            )
            if item.installed_at is None:
                renewal_proofs.consume(session, payload.nonce)
                self._mark_installed(session, renewal, item)
            return self._out(session, renewal)

    def _mark_installed(self, session: Session, renewal: Renewal, item: RenewalItem) -> None:
        item.installed_at = utcnow()
        if item.revoke_old == RevokeOld.AT_INSTALL.value:
            revoke_superseded(session, item.old_serial, actor=SYSTEM)
        order = renewal.order
        if all(i.installed_at is not None for i in renewal.items):
            if order.state is OrderState.ISSUED:
                transitions.move(order, OrderState.INSTALLED, actor=applicant_actor(order))
            if order.state is OrderState.INSTALLED:
                transitions.move(order, OrderState.COMPLETED, actor=SYSTEM, reason="续期证书已安装")

    def _lock(self, session: Session, renewal_id: str) -> Renewal:
        renewal = session.get(Renewal, renewal_id)
        if renewal is None:
            raise ApiError(ErrorCode.RENEWAL_NOT_FOUND, 404, "no such renewal")
        session.get(Order, renewal.order_id, with_for_update=True)
        return renewal

    def _out(self, session: Session, renewal: Renewal) -> RenewalOut:
        order = renewal.order
        items = []
        for item in renewal.items:
            old = session.get(IssuedCertificate, item.old_serial)
            new = session.get(IssuedCertificate, item.new_serial) if item.new_serial else None
            items.append(
                RenewalItemOut(
                    certificate_serial=item.old_serial, key_serial=item.key_serial,
                    certificate=self._certificates.out(new) if new is not None else None,
                    installed=item.installed_at is not None,
                    old_revoked=old is not None and old.revoked_at is not None,
                )
            )  # fmt: skip
        rejected = [e.reason for e in order.events if e.to_state is OrderState.REJECTED]
        return RenewalOut(
            renewal_id=renewal.renewal_id, order_no=order.order_no, order_state=order.state,
            amount_fen=order.amount_fen, paid_fen=order.paid_fen,
            validity_years=order.validity_years, approval=Approval(renewal.approval),
            items=items, invoice_no=renewal.invoice_no,
            payment_pending=any(p.state is PaymentState.PENDING for p in order.payments),
            review_reason=rejected[-1] if rejected else "",
        )  # fmt: skip
