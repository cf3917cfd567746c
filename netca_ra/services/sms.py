"""SMS one-time codes for the handler, with per-phone and per-order limits kept in the DB."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from netca_protocol import OtpSent, OtpVerified
from netca_protocol.errors import ErrorCode
from netca_ra.errors import ApiError
from netca_ra.models import OneTimeCode, SmsMessage, utcnow
from netca_ra.services import idempotency, ratelimit
from netca_ra.services.orders import applicant_caller, authorise_applicant, lock_order
from netca_ra.settings import RaSettings
from netca_ra.sms.gateway import OutboxMessage, SmsGateway, SmsSendFailed

WINDOW_SECONDS = 3600
MAX_OTP_ATTEMPTS = 5


def mask_phone(phone: str) -> str:
    return phone[:3] + "****" + phone[-4:]


def count_and_check(session: Session, *, scope: str, key: str, limit: int) -> None:
    """Count one message for ``key``; refuse (429) past ``limit`` (the caller rolls back)."""
    count, retry_after = ratelimit.bump(
        session, scope=scope, key=key, window_seconds=WINDOW_SECONDS
    )
    if count > limit:
        raise ApiError(
            ErrorCode.RATE_LIMITED,
            429,
            f"too many messages for this {scope}; try again later",
            retry_after=retry_after,
        )


def count_client_sms(session: Session, settings: RaSettings, client: str) -> None:
    """One more SMS caused by ``client`` (an IP address or /64); 429 past its hourly limit."""
    ratelimit.consume(
        session, scope="sms-client", key=client, what="SMS messages from this client",
        limit=settings.sms_per_client_per_hour, window_seconds=ratelimit.HOUR,
    )  # fmt: skip


def deliver(
    session: Session,
    gateway: SmsGateway,
    *,
    settings: RaSettings,
    phone: str,
    text: str,
    code: str | None = None,
    order_no: str | None = None,
) -> None:
    """Send ``text`` and record it; the database copy never holds the code (502 on failure).

    Every message counts against the RA-wide hourly SMS limit (429 past it), whoever caused it.
    """
    ratelimit.consume(
        session, scope="sms-all", key=ratelimit.EVERYONE, what="SMS messages",
        limit=settings.sms_per_hour, window_seconds=ratelimit.HOUR,
    )  # fmt: skip
    try:
        gateway.send(phone=phone, text=text)
    except SmsSendFailed as exc:
        raise ApiError(ErrorCode.SMS_FAILED, 502, "the SMS provider refused") from exc
    stored = text.replace(code, "******") if code else text
    session.add(
        SmsMessage(phone=phone, order_no=order_no, text=stored, gateway=gateway.name, status="sent")
    )


class SmsService:
    def __init__(
        self, sessions: sessionmaker[Session], settings: RaSettings, gateway: SmsGateway
    ) -> None:
        self._sessions = sessions
        self._settings = settings
        self._gateway = gateway

    def _code_hash(self, order_no: str, code: str) -> str:
        message = f"{order_no}:{code}".encode()
        return hmac.new(self._settings.effective_secret, message, hashlib.sha256).hexdigest()

    def send_otp(
        self, order_no: str, *, token: str | None, call: idempotency.IdempotentCall, client: str
    ) -> OtpSent:
        def action(session: Session, _: idempotency.Sealer) -> OtpSent:
            order = lock_order(session, order_no)
            phone = order.handler_mobile
            count_client_sms(session, self._settings, client)
            count_and_check(
                session, scope="phone", key=phone, limit=self._settings.sms_per_phone_per_hour
            )
            count_and_check(
                session, scope="order", key=order_no, limit=self._settings.sms_per_order_per_hour
            )
            code = f"{secrets.randbelow(10**6):06d}"
            expires = utcnow() + timedelta(seconds=self._settings.otp_ttl_seconds)
            session.add(
                OneTimeCode(
                    order_id=order.id, code_hash=self._code_hash(order_no, code), expires_at=expires
                )
            )
            minutes = self._settings.otp_ttl_seconds // 60
            text = f"【NETCA-RA】您的验证码为{code}，{minutes}分钟内有效。业务单号{order_no}。"
            deliver(
                session, self._gateway, settings=self._settings, phone=phone, text=text,
                code=code, order_no=order_no,
            )  # fmt: skip
            return OtpSent(sent_to=mask_phone(phone), expires_at=expires)

        once = idempotency.Once(
            scope=f"POST /orders/{order_no}/otp",
            call=call,
            caller=applicant_caller(order_no, token),
        )
        return idempotency.run_once(
            self._sessions, once, action, answer=OtpSent, seal_key=self._settings.effective_secret
        )

    def verify_otp(self, order_no: str, *, token: str | None, code: str) -> OtpVerified:
        """Check the newest open code; wrong tries count (max 5) even though we answer 422."""
        with self._sessions.begin() as session:
            order = authorise_applicant(session, order_no, token)
            otp = session.scalar(
                select(OneTimeCode)
                .where(OneTimeCode.order_id == order.id, OneTimeCode.used_at.is_(None))
                .order_by(OneTimeCode.id.desc())
                .limit(1)
                .with_for_update()
            )
            now = utcnow()
            if otp is None or otp.expires_at < now or otp.attempts >= MAX_OTP_ATTEMPTS:
                failure = ErrorCode.OTP_EXPIRED
            else:
                otp.attempts += 1
                if hmac.compare_digest(otp.code_hash, self._code_hash(order_no, code)):
                    otp.used_at = now
                    return OtpVerified(verified=True)
                failure = ErrorCode.OTP_INVALID
        raise ApiError(failure, 422, "the code is wrong or no longer valid")

    @property
    def gateway(self) -> SmsGateway:
        return self._gateway

    def sent(self, *, limit: int = 100) -> list[OutboxMessage]:
        """The record of sent messages (codes masked), newest first."""
        with self._sessions.begin() as session:
            rows = session.scalars(select(SmsMessage).order_by(SmsMessage.id.desc()).limit(limit))
            return [OutboxMessage(at=m.created_at, phone=m.phone, text=m.text) for m in rows]
