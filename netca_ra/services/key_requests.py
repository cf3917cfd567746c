"""Activation (激活证书) and unlock (忘记密码) requests: code, SO PIN release, confirmation.

The holder proves each later call with the request secret chosen at creation (only its
SHA-256 is kept). The SO PIN is released once per authorisation and never stored; until the
client confirms the next version, the key record keeps the current one, so a client that
crashed after rotating the key gets both versions again on the recovery path.
"""

from __future__ import annotations

import contextlib
import hmac
import secrets
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from sqlalchemy.orm import Session, sessionmaker

from netca_protocol import (
    KeyRequestCreate,
    KeyRequestOut,
    KeyRequestPurpose,
    KeyRequestState,
    KeyState,
    OrderState,
    SoPinRelease,
)
from netca_protocol.errors import ErrorCode
from netca_ra.errors import ApiError
from netca_ra.models import KeyRecord, KeyRequest, utcnow
from netca_ra.services import idempotency, key_codes, transitions
from netca_ra.services.key_request_life import (
    LIFETIME,
    LIFETIME_WITH_MATERIALS,
    STAFF_AUTHORISABLE,
    R,
    RefuseAfterCommit,
    code_phone,
    expire_if_due,
    load_request,
    locked,
    request_out,
    require_life,
    same,
    secret_hash,
    set_state,
    state_conflict,
)
from netca_ra.services.keys import KeyService, activation_allowed, audit, lock_key
from netca_ra.services.orders import lock_order
from netca_ra.settings import RaSettings
from netca_ra.sms.gateway import SmsGateway

T = TypeVar("T")


class KeyRequestService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        settings: RaSettings,
        *,
        keys: KeyService,
        gateway: SmsGateway,
    ) -> None:
        self._sessions = sessions
        self._settings = settings
        self._keys = keys
        self._gateway = gateway

    def run(self, work: Callable[[Session], T]) -> T:
        """``work`` in one transaction; a RefuseAfterCommit commits first, then refuses."""
        with self._sessions.begin() as session:
            try:
                return work(session)
            except RefuseAfterCommit as refusal:
                error = refusal.error
        raise error

    def holder(self, session: Session, request_id: str, token: str | None) -> KeyRequest:
        if not token:
            raise ApiError(ErrorCode.UNAUTHORISED, 401, "X-Request-Token is required")
        request = load_request(session, request_id)
        if not hmac.compare_digest(request.secret_hash, secret_hash(token)):
            raise ApiError(ErrorCode.FORBIDDEN, 403, "the request token does not match")
        return request

    def send_code(self, session: Session, request: KeyRequest, now: datetime) -> None:
        key_codes.send_code(
            session,
            request,
            phone=code_phone(request),
            order_no=request.key.order.order_no,
            settings=self._settings,
            gateway=self._gateway,
            now=now,
        )

    # --- the holder ------------------------------------------------------------------

    def create(
        self, serial: str, payload: KeyRequestCreate, *, key: str, fingerprint: str
    ) -> tuple[int, str]:
        def action(session: Session) -> KeyRequestOut:
            record = lock_key(session, serial)
            now = utcnow()
            self._check_purpose(record, payload)
            request = KeyRequest(
                request_id=secrets.token_hex(16),
                key_serial=serial,
                key=record,
                purpose=payload.purpose.value,
                state=R.OTP_SENT.value,
                secret_hash=secret_hash(payload.request_secret),
                failed_attempts=0,
                review_reason="",
                created_at=now,
                updated_at=now,
                expires_at=now + LIFETIME,
            )
            session.add(request)
            audit(
                session,
                serial=serial,
                request_id=request.request_id,
                actor="holder",
                action="request_created",
                detail="激活证书" if payload.purpose is KeyRequestPurpose.ACTIVATE else "忘记密码",
            )
            if payload.handler is not None and payload.purpose is KeyRequestPurpose.UNLOCK:
                handler = payload.handler
                request.handler_name = handler.name
                request.handler_id_number = handler.id_number
                request.handler_mobile = handler.mobile
                # Every field is compared, each in constant time, whatever the first says.
                matches = [
                    same(handler.name, record.handler_name),
                    same(handler.id_number, record.handler_id_number),
                    same(handler.mobile, record.handler_mobile),
                ]
                request.handler_matched = all(matches)
                if not request.handler_matched:
                    request.expires_at = now + LIFETIME_WITH_MATERIALS
                    set_state(
                        session,
                        request,
                        R.MATERIALS_REQUIRED,
                        actor="system",
                        detail="填写的经办人与登记的不一致，需上传材料",
                    )
                    return request_out(request)
            session.flush()
            if payload.send_code:
                self.send_code(session, request, now)
            return request_out(request)

        return idempotency.run_once(
            self._sessions,
            scope=f"POST /keys/{serial}/requests",
            key=key,
            fingerprint=fingerprint,
            action=action,
        )

    @staticmethod
    def _check_purpose(record: KeyRecord, payload: KeyRequestCreate) -> None:
        if payload.purpose is KeyRequestPurpose.ACTIVATE:
            if not activation_allowed(record):
                raise ApiError(
                    ErrorCode.ACTIVATION_NOT_ALLOWED,
                    409,
                    f"key {record.serial} is {record.state} and its order {record.order.state}: "
                    "activation needs a registered key whose order was re-checked (复审)",
                )
            return
        if record.state != KeyState.ACTIVE.value:
            raise ApiError(
                ErrorCode.KEY_STATE_CONFLICT,
                409,
                f"key {record.serial} is {record.state}; only an activated key is unlocked",
            )
        if payload.handler is None:
            raise ApiError(ErrorCode.VALIDATION_FAILED, 422, "an unlock needs the handler")

    def get(self, request_id: str, *, token: str | None) -> KeyRequestOut:
        def work(session: Session) -> KeyRequestOut:
            request = self.holder(session, request_id, token)
            with contextlib.suppress(RefuseAfterCommit):
                expire_if_due(session, request, utcnow())  # reading shows it expired
            return request_out(request)

        return self.run(work)

    def resend(self, request_id: str, *, token: str | None) -> KeyRequestOut:
        def work(session: Session) -> KeyRequestOut:
            request = self.holder(session, request_id, token)
            now = utcnow()
            require_life(session, request, now)
            if request.state not in (R.OTP_SENT.value, R.SO_PIN_RELEASED.value):
                raise state_conflict(request, "a code is sent only while one is awaited")
            self.send_code(session, request, now)
            return request_out(request)

        return self.run(work)

    def verify(self, request_id: str, *, token: str | None, code: str) -> KeyRequestOut:
        def work(session: Session) -> KeyRequestOut:
            request = self.holder(session, request_id, token)
            now = utcnow()
            require_life(session, request, now)
            if request.state not in (R.OTP_SENT.value, R.SO_PIN_RELEASED.value):
                raise state_conflict(request, "no code is awaited")
            current = key_codes.open_code(request)
            if current is None or current.expires_at <= now:
                raise ApiError(
                    ErrorCode.OTP_EXPIRED, 422, "no valid code: ask for a new one",
                    attempts_left=key_codes.attempts_left(request),
                )  # fmt: skip
            if key_codes.code_matches(self._settings, request, current, code):
                current.used_at = now
                set_state(session, request, R.AUTHORISED, actor="holder", detail="验证码正确")
                return request_out(request)
            request.failed_attempts += 1
            left = key_codes.attempts_left(request)
            audit(
                session,
                serial=request.key_serial,
                request_id=request_id,
                actor="holder",
                action="wrong_code",
                detail=f"还可尝试 {left} 次",
            )
            if left == 0:
                current.used_at = now
                set_state(
                    session, request, R.FAILED, actor="system", detail="验证码错误 5 次，申请作废"
                )
                raise RefuseAfterCommit(locked())
            raise RefuseAfterCommit(
                ApiError(ErrorCode.OTP_INVALID, 422, "the code is wrong", attempts_left=left)
            )

        return self.run(work)

    def release(self, request_id: str, *, token: str | None) -> SoPinRelease:
        """The SO PIN (current and next version), once per authorisation; never stored."""

        def work(session: Session) -> SoPinRelease:
            request = self.holder(session, request_id, token)
            if request.state == R.SO_PIN_RELEASED.value:
                raise ApiError(
                    ErrorCode.SO_PIN_ALREADY_RELEASED,
                    409,
                    "the SO PIN was released to this request already; confirm, or verify a new "
                    "code to have it released again",
                )
            expire_if_due(session, request, utcnow())
            if request.state != R.AUTHORISED.value:
                raise state_conflict(request, "the SO PIN is released only to an authorised one")
            record = lock_key(session, request.key_serial)
            wanted = (
                KeyState.AWAITING_ACTIVATION
                if request.purpose == KeyRequestPurpose.ACTIVATE.value
                else KeyState.ACTIVE
            )
            if record.state != wanted.value:
                raise ApiError(
                    ErrorCode.KEY_STATE_CONFLICT, 409, f"key {record.serial} is {record.state}"
                )
            version = record.so_pin_version
            request.released_version = version
            set_state(
                session,
                request,
                R.SO_PIN_RELEASED,
                actor="holder",
                detail=f"下发 SO PIN 第 {version} 版与第 {version + 1} 版",
            )
            return SoPinRelease(
                so_pin=self._keys.so_pin(record.serial, version),
                version=version,
                next_so_pin=self._keys.so_pin(record.serial, version + 1),
                next_version=version + 1,
            )

        return self.run(work)

    def confirm(self, request_id: str, *, token: str | None, so_pin_version: int) -> KeyRequestOut:
        def work(session: Session) -> KeyRequestOut:
            request = self.holder(session, request_id, token)
            if request.state == R.COMPLETED.value and request.so_pin_version == so_pin_version:
                return request_out(request)  # a replay changes nothing
            if request.state != R.SO_PIN_RELEASED.value or request.released_version is None:
                raise state_conflict(request, "only a released SO PIN is confirmed")
            released = request.released_version
            record = lock_key(session, request.key_serial)
            if so_pin_version != released + 1 or record.so_pin_version not in (
                released,
                released + 1,
            ):
                raise ApiError(
                    ErrorCode.KEY_STATE_CONFLICT,
                    409,
                    f"the key was released version {released}; confirm version {released + 1}",
                )
            self._complete(session, request, record, version=released + 1)
            return request_out(request)

        return self.run(work)

    def _complete(
        self, session: Session, request: KeyRequest, record: KeyRecord, *, version: int
    ) -> None:
        now = utcnow()
        record.so_pin_version = version
        record.updated_at = now
        request.so_pin_version = version
        if request.purpose == KeyRequestPurpose.ACTIVATE.value:
            record.state = KeyState.ACTIVE.value
            record.activated_at = record.activated_at or now
            order = lock_order(session, record.order.order_no)
            if order.state == OrderState.RECHECKED.value:
                transitions.move(
                    order, OrderState.COMPLETED, actor=transitions.SYSTEM, reason="密钥已激活"
                )
        elif request.handler_matched is False and request.handler_name:
            assert request.handler_id_number is not None
            assert request.handler_mobile is not None
            record.handler_name = request.handler_name
            record.handler_id_number = request.handler_id_number
            record.handler_mobile = request.handler_mobile
            audit(
                session,
                serial=record.serial,
                request_id=request.request_id,
                actor="system",
                action="handler_replaced",
                detail="登记的经办人更换为本次材料审核通过的经办人",
            )
        set_state(
            session,
            request,
            R.COMPLETED,
            actor="holder",
            detail=f"密钥 SO PIN 已更新为第 {version} 版",
        )

    # --- staff -----------------------------------------------------------------------

    def authorise(self, request_id: str, *, actor: str) -> KeyRequestOut:
        """Counter staff authorise with the holder present, instead of the SMS code."""

        def work(session: Session) -> KeyRequestOut:
            request = load_request(session, request_id)
            now = utcnow()
            expire_if_due(session, request, now)
            if KeyRequestState(request.state) not in STAFF_AUTHORISABLE:
                raise state_conflict(request, "it cannot be authorised")
            code = key_codes.open_code(request)
            if code is not None:
                code.used_at = now
            request.reviewed_by = actor
            set_state(session, request, R.AUTHORISED, actor=actor, detail="受理点现场核验授权")
            return request_out(request)

        return self.run(work)
