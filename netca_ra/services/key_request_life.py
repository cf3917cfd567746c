"""The life of a key request: its states, expiry and refusals, and its wire view.

Shared by the holder's calls (key_requests) and the materials review (key_materials).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from netca_protocol import HandlerIn, KeyRequestOut, KeyRequestPurpose, KeyRequestState, UnlockPath
from netca_protocol.errors import ErrorCode
from netca_ra.errors import ApiError
from netca_ra.models import KeyRecord, KeyRequest, utcnow
from netca_ra.services import key_codes
from netca_ra.services.keys import audit

R = KeyRequestState
LIFETIME = timedelta(hours=24)
LIFETIME_WITH_MATERIALS = timedelta(days=7)
FINISHED = frozenset({R.COMPLETED, R.FAILED, R.EXPIRED, R.REJECTED})
#: states in which counter staff may authorise instead of the code (the holder present with
#: the handler on record); a request with another handler goes through the materials review
STAFF_AUTHORISABLE = frozenset({R.OTP_SENT, R.SO_PIN_RELEASED})


class RefuseAfterCommit(Exception):
    """Refuse with ``error`` but keep what the transaction changed (a counted wrong code)."""

    def __init__(self, error: ApiError) -> None:
        self.error = error
        super().__init__(str(error))


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def same(given: str, on_record: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), on_record.encode("utf-8"))


def request_out(request: KeyRequest) -> KeyRequestOut:
    code = key_codes.open_code(request)
    return KeyRequestOut(
        request_id=request.request_id,
        key_serial=request.key_serial,
        purpose=request.purpose,
        state=request.state,
        handler_matched=None,  # never told: it made unlock an oracle for the ID number
        sent_to=request.sent_to,
        code_expires_at=code.expires_at if code is not None else None,
        resend_after=(
            request.last_code_at + key_codes.RESEND_INTERVAL if request.last_code_at else None
        ),
        attempts_left=key_codes.attempts_left(request),
        materials=len(request.materials),
        review_reason=request.review_reason,
        expires_at=request.expires_at,
        so_pin_version=request.so_pin_version,
    )


def code_phone(request: KeyRequest) -> str:
    """Where codes go: the phone given in an unlock whose materials staff approved, else the
    handler on record."""
    if request.handler_approved_by and request.handler_mobile:
        return request.handler_mobile
    return request.key.handler_mobile


def silent(request: KeyRequest) -> bool:
    """An unlock for the handler on record whose name, ID number or phone is not the one on
    record: it answers like any other, but its codes are never sent (the phone on record
    gets a notice instead)."""
    return (
        request.purpose is KeyRequestPurpose.UNLOCK
        and request.handler_matched is False
        and not request.handler_approved_by
    )


def may_staff_authorise(request: KeyRequest) -> bool:
    """Counter staff vouch for a holder present with the handler on record: an activation, an
    unlock whose handler matched, or one whose new handler a reviewer approved."""
    if request.state not in STAFF_AUTHORISABLE:
        return False
    return (
        request.purpose is KeyRequestPurpose.ACTIVATE
        or request.handler_matched is True
        or bool(request.handler_approved_by)
    )


def load_request(session: Session, request_id: str) -> KeyRequest:
    request = session.get(KeyRequest, request_id, with_for_update=True)
    if request is None:
        raise ApiError(ErrorCode.REQUEST_NOT_FOUND, 404, f"no key request {request_id}")
    return request


def set_state(
    session: Session, request: KeyRequest, state: KeyRequestState, *, actor: str, detail: str = ""
) -> None:
    request.state = state
    request.updated_at = utcnow()
    audit(
        session,
        serial=request.key_serial,
        request_id=request.request_id,
        actor=actor,
        action=state.value,
        detail=detail,
    )


def expire_if_due(session: Session, request: KeyRequest, now: datetime) -> None:
    """An open request past its life becomes EXPIRED (a released SO PIN may still be confirmed)."""
    state = request.state
    if state in FINISHED or state is R.SO_PIN_RELEASED or now < request.expires_at:
        return
    set_state(session, request, R.EXPIRED, actor="system")
    raise RefuseAfterCommit(
        ApiError(ErrorCode.REQUEST_STATE_CONFLICT, 409, "the request expired", state="expired")
    )


def locked() -> ApiError:
    return ApiError(
        ErrorCode.OTP_LOCKED, 409, "too many wrong codes; start a new request", attempts_left=0
    )


def require_life(session: Session, request: KeyRequest, now: datetime) -> None:
    """An open request within its life; a released one past it may only be confirmed."""
    expire_if_due(session, request, now)
    if request.state is R.SO_PIN_RELEASED and now >= request.expires_at:
        raise ApiError(
            ErrorCode.REQUEST_STATE_CONFLICT,
            409,
            "the request expired: confirm the version on the key, or start a new request",
            state=request.state,
        )


def state_conflict(request: KeyRequest, wanted: str) -> ApiError:
    if request.state is R.FAILED:
        return locked()
    return ApiError(
        ErrorCode.REQUEST_STATE_CONFLICT,
        409,
        f"the request is {request.state}; {wanted}",
        state=request.state,
    )


def take_handler(
    session: Session,
    request: KeyRequest,
    record: KeyRecord,
    handler: HandlerIn,
    now: datetime,
    *,
    path: UnlockPath,
) -> bool:
    """Keep who the user says the handler is; False when they chose the materials review.

    The answer depends only on the path the user chose, never on what matched: with the
    handler on record the request is ``otp_sent`` either way (a mismatch only makes it
    silent), so nobody learns from it whether a name, ID number or phone is the one on record.
    """
    request.handler_name = handler.name
    request.handler_id_number = handler.id_number
    request.handler_mobile = handler.mobile
    # Every field is compared, each in constant time, whatever the others say.
    matches = [
        same(handler.name, record.handler_name),
        same(handler.id_number, record.handler_id_number),
        same(handler.mobile, record.handler_mobile),
    ]
    request.handler_matched = all(matches)
    if path is UnlockPath.HANDLER_ON_RECORD:
        if not request.handler_matched:
            audit(
                session, serial=record.serial, request_id=request.request_id,
                actor="system", action="handler_mismatch",
                detail="填写的经办人信息与登记的不一致：不发验证码，只向登记手机发提示",
            )  # fmt: skip
        return True
    request.expires_at = now + LIFETIME_WITH_MATERIALS
    set_state(
        session,
        request,
        R.MATERIALS_REQUIRED,
        actor="system",
        detail="申请人选择经办人已更换，需上传材料",
    )
    return False
