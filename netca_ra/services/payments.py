"""Payments: start (online or bank transfer), confirm by the provider or by staff, query."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from netca_protocol import OrderState, PaymentIn, PaymentMethod, PaymentOut, PaymentState
from netca_protocol.errors import ErrorCode
from netca_ra.errors import ApiError
from netca_ra.models import Order, Payment, utcnow
from netca_ra.payments.interface import OnlinePaymentProvider
from netca_ra.services import idempotency, transitions
from netca_ra.services.orders import applicant_caller, authorise_applicant, lock_order, token_hash


def payment_out(payment: Payment, *, payment_url: str | None = None) -> PaymentOut:
    return PaymentOut(
        payment_id=payment.public_id,
        order_no=payment.order.order_no,
        method=payment.method,
        state=payment.state,
        amount_fen=payment.amount_fen,
        payment_url=payment_url,
        created_at=payment.created_at,
        confirmed_at=payment.confirmed_at,
    )


def _settle(payment: Payment, *, actor: str, reason: str) -> None:
    if payment.state is not PaymentState.PENDING:
        raise ApiError(ErrorCode.PAYMENT_ALREADY_SETTLED, 409, f"payment is {payment.state}")
    order = payment.order
    transitions.move(order, OrderState.PAID, actor=actor, reason=reason)
    payment.state = PaymentState.CONFIRMED
    payment.confirmed_at = utcnow()
    payment.confirmed_by = actor
    order.paid_fen += payment.amount_fen


class PaymentService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        online: OnlinePaymentProvider | None,
        seal_key: bytes,
        on_paid: Callable[[Session, Order], None] | None = None,
    ) -> None:
        self._sessions = sessions
        self._online = online
        self._seal_key = seal_key
        #: told (in the same transaction) when an order is paid: a renewal issues then
        self._on_paid = on_paid

    def start(
        self,
        order_no: str,
        *,
        token: str | None,
        payload: PaymentIn,
        call: idempotency.IdempotentCall,
    ) -> PaymentOut:
        def action(session: Session, sealer: idempotency.Sealer) -> PaymentOut:
            order = lock_order(session, order_no)
            transitions.require(order, OrderState.PAID)
            payment = Payment(
                public_id=secrets.token_hex(12),
                method=payload.method,
                state=PaymentState.PENDING,
                amount_fen=order.amount_fen,
                created_at=utcnow(),
            )
            url: str | None = None
            if payload.method is PaymentMethod.SIMULATED:
                if self._online is None:
                    raise ApiError(
                        ErrorCode.PAYMENT_METHOD_UNAVAILABLE, 422, "online payment is not enabled"
                    )
                started = self._online.start(
                    payment_id=payment.public_id,
                    order_no=order_no,
                    amount_fen=order.amount_fen,
                    payer_token=sealer.new_secret(),
                )
                payment.payer_token_hash = token_hash(started.payer_token)
                url = started.payment_url
            else:
                transfer = payload.bank_transfer
                if transfer is None:
                    raise ApiError(ErrorCode.VALIDATION_FAILED, 422, "bank_transfer is required")
                if transfer.amount_fen != order.amount_fen:
                    raise ApiError(
                        ErrorCode.PAYMENT_AMOUNT_MISMATCH,
                        422,
                        f"the order costs {order.amount_fen} fen, not {transfer.amount_fen}",
                    )
                payment.payer_account = transfer.payer_account
                payment.payer_name = transfer.payer_name
                payment.transfer_date = transfer.transfer_date
            order.payments.append(payment)
            session.flush()
            return payment_out(payment, payment_url=url)

        once = idempotency.Once(
            scope=f"POST /orders/{order_no}/payments",
            call=call,
            caller=applicant_caller(order_no, token),
        )
        return idempotency.run_once(
            self._sessions, once, action, answer=PaymentOut, seal_key=self._seal_key
        )

    def get(self, order_no: str, payment_id: str, *, token: str | None) -> PaymentOut:
        with self._sessions.begin() as session:
            order = authorise_applicant(session, order_no, token)
            for payment in order.payments:
                if payment.public_id == payment_id:
                    return payment_out(payment)
        raise ApiError(ErrorCode.PAYMENT_NOT_FOUND, 404, f"no payment {payment_id}")

    def _lock(self, session: Session, payment_id: str) -> Payment:
        payment = session.scalar(
            select(Payment).where(Payment.public_id == payment_id).with_for_update()
        )
        if payment is None:
            raise ApiError(ErrorCode.PAYMENT_NOT_FOUND, 404, f"no payment {payment_id}")
        session.scalar(select(Order).where(Order.id == payment.order_id).with_for_update())
        return payment

    def simulated_view(self, payment_id: str, *, payer_token: str) -> PaymentOut:
        with self._sessions.begin() as session:
            return payment_out(self._payer_payment(session, payment_id, payer_token))

    def confirm_simulated(self, payment_id: str, *, payer_token: str) -> PaymentOut:
        with self._sessions.begin() as session:
            payment = self._payer_payment(session, payment_id, payer_token)
            _settle(payment, actor="payment:simulated", reason="在线支付（模拟）")
            self._paid(session, payment)
            return payment_out(payment)

    def _paid(self, session: Session, payment: Payment) -> None:
        if self._on_paid is not None:
            self._on_paid(session, payment.order)

    def _payer_payment(self, session: Session, payment_id: str, payer_token: str) -> Payment:
        payment = self._lock(session, payment_id)
        stored = payment.payer_token_hash or ""
        if payment.method is not PaymentMethod.SIMULATED or not hmac.compare_digest(
            stored, token_hash(payer_token)
        ):
            raise ApiError(ErrorCode.FORBIDDEN, 403, "this payment link is not valid")
        return payment

    def confirm_bank_transfer(self, payment_id: str, *, actor: str) -> PaymentOut:
        with self._sessions.begin() as session:
            payment = self._lock(session, payment_id)
            if payment.method is not PaymentMethod.BANK_TRANSFER:
                raise ApiError(
                    ErrorCode.FORBIDDEN, 403, "only bank transfers are confirmed by staff"
                )
            _settle(payment, actor=actor, reason="对公转账已核对到账")
            self._paid(session, payment)
            return payment_out(payment)

    def reject_bank_transfer(self, payment_id: str, *, actor: str) -> PaymentOut:
        with self._sessions.begin() as session:
            payment = self._lock(session, payment_id)
            if payment.state is not PaymentState.PENDING:
                raise ApiError(
                    ErrorCode.PAYMENT_ALREADY_SETTLED, 409, f"payment is {payment.state}"
                )
            payment.state = PaymentState.REJECTED
            payment.confirmed_by = actor
            payment.confirmed_at = utcnow()
            return payment_out(payment)

    def pending_bank_transfers(self) -> list[PaymentRow]:
        """Bank transfers waiting for staff to match them against the bank statement."""
        with self._sessions.begin() as session:
            rows = session.scalars(
                select(Payment)
                .where(
                    Payment.method == PaymentMethod.BANK_TRANSFER,
                    Payment.state == PaymentState.PENDING,
                )
                .order_by(Payment.id)
            )
            return [_row(p) for p in rows]

    def for_order(self, order_no: str) -> list[PaymentRow]:
        with self._sessions.begin() as session:
            rows = session.scalars(
                select(Payment).join(Order).where(Order.order_no == order_no).order_by(Payment.id)
            )
            return [_row(p) for p in rows]


@dataclass(frozen=True)
class PaymentRow:
    """A payment as staff see it: with what the payer reported and who confirmed it."""

    payment: PaymentOut
    payer_account: str
    payer_name: str
    transfer_date: str
    confirmed_by: str


def _row(payment: Payment) -> PaymentRow:
    return PaymentRow(
        payment=payment_out(payment),
        payer_account=payment.payer_account or "",
        payer_name=payment.payer_name or "",
        transfer_date=payment.transfer_date.isoformat() if payment.transfer_date else "",
        confirmed_by=payment.confirmed_by or "",
    )
