"""One-time codes for key requests: issue (rate-limited, hashed) and check (bound, counted).

A code is six digits from ``secrets``, lives ``otp_ttl_seconds``, is used once, and is kept
only as HMAC(secret_key, request_id:serial:code), so it is bound to its request and key.
Wrong tries are counted on the request, so a new code never resets them.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from netca_protocol import KeyRequestPurpose
from netca_protocol.errors import ErrorCode
from netca_ra.errors import ApiError
from netca_ra.models import KeyCode, KeyRequest
from netca_ra.services import ratelimit
from netca_ra.services.keys import audit
from netca_ra.services.sms import count_and_check, deliver, mask_phone
from netca_ra.settings import RaSettings
from netca_ra.sms.gateway import SmsGateway

#: wrong codes a request may take in total, whatever number of codes it was sent
MAX_WRONG_CODES = 5
RESEND_INTERVAL = timedelta(seconds=60)
DAY_SECONDS = 86_400


def mismatch_notice(serial: str) -> str:
    """What the phone on record gets instead of a code when the name or ID number is wrong."""
    return (
        f"【NETCA-RA】有人为密钥{serial}申请解锁（忘记密码），但填写的经办人姓名或身份证号"
        "与登记的不一致，因此没有发送验证码。如是您本人，请核对后重新申请；如不是，请忽略本短信。"
    )


def code_hash(settings: RaSettings, request: KeyRequest, code: str) -> str:
    message = f"{request.request_id}:{request.key_serial}:{code}".encode()
    return hmac.new(settings.effective_secret, message, hashlib.sha256).hexdigest()


def open_code(request: KeyRequest) -> KeyCode | None:
    """The newest code not yet used (older ones are closed when a new one is sent)."""
    newest = request.codes[-1] if request.codes else None
    return newest if newest is not None and newest.used_at is None else None


def attempts_left(request: KeyRequest) -> int:
    return max(0, MAX_WRONG_CODES - request.failed_attempts)


def send_code(
    session: Session,
    request: KeyRequest,
    *,
    phone: str,
    order_no: str,
    settings: RaSettings,
    gateway: SmsGateway,
    now: datetime,
    notice: str | None = None,
) -> None:
    """Send a fresh code to ``phone`` (refusing with 429 past any limit); no commit.

    With ``notice``, the phone gets that text instead and the code is never told to anyone:
    the request looks and counts exactly like one whose code went out (same answers, same
    limits), but no code can ever be verified (an unlock whose handler did not match).
    """
    if request.last_code_at is not None and now < request.last_code_at + RESEND_INTERVAL:
        wait = (request.last_code_at + RESEND_INTERVAL - now).total_seconds()
        raise ApiError(
            ErrorCode.RATE_LIMITED,
            429,
            "a new code may be sent once a minute",
            retry_after=max(1, int(wait + 0.999)),
        )
    count, retry_after = ratelimit.bump(
        session, scope="keycodes", key=request.key_serial, window_seconds=DAY_SECONDS
    )
    if count > settings.key_codes_per_day:
        raise ApiError(
            ErrorCode.RATE_LIMITED,
            429,
            f"at most {settings.key_codes_per_day} codes a day for this key",
            retry_after=retry_after,
        )
    count_and_check(session, scope="phone", key=phone, limit=settings.sms_per_phone_per_hour)
    for earlier in request.codes:
        if earlier.used_at is None:
            earlier.used_at = now  # one open code per request: the newest
    code = f"{secrets.randbelow(10**6):06d}"
    request.codes.append(
        KeyCode(
            code_hash=code_hash(settings, request, code),
            created_at=now,
            expires_at=now + timedelta(seconds=settings.otp_ttl_seconds),
        )
    )
    request.sent_to = mask_phone(phone)
    request.last_code_at = now
    request.updated_at = now
    minutes = max(1, settings.otp_ttl_seconds // 60)
    what = "激活" if request.purpose is KeyRequestPurpose.ACTIVATE else "解锁（忘记密码）"
    text = notice or (
        f"【NETCA-RA】您的验证码为{code}，{minutes}分钟内有效，用于{what}密钥"
        f"{request.key_serial}。请勿告诉他人。业务单号{order_no}。"
    )
    deliver(
        session, gateway, settings=settings, phone=phone, text=text,
        code=None if notice else code, order_no=order_no,
    )  # fmt: skip
    audit(
        session,
        serial=request.key_serial,
        request_id=request.request_id,
        actor="system",
        action="notice_sent" if notice else "code_sent",
        detail=f"发送至 {mask_phone(phone)}"
        + ("（经办人信息不符，仅发提示，不发验证码）" if notice else ""),
    )


def code_matches(settings: RaSettings, request: KeyRequest, code: KeyCode, given: str) -> bool:
    return hmac.compare_digest(code.code_hash, code_hash(settings, request, given))
