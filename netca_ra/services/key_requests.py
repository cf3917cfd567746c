"""Activation (激活证书) and unlock (忘记密码) requests: code, SO PIN release, confirmation.

The holder proves each later call with the request secret chosen at creation (only its
SHA-256 is kept). The SO PIN is released once per authorisation and never stored; until the
client confirms the next version, the key record keeps the current one, so a client that
crashed after rotating the key gets both versions again on the recovery path
(services/so_pin_release.py says which versions a release names).

An unlock answers the same whatever name, ID number and phone it gives: the holder chooses
the path (``unlock_path``): an SMS code to the handler on record (``otp_sent``), or materials
for staff review because the handler changed (``materials_required``). On the first path a
request whose details are not the ones on record looks like any other, but its codes are
never sent; the phone on record gets a notice instead, so only the handler sees the difference.
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
    KeyState,
    OrderState,
    SoPinRelease,
)
from netca_protocol.errors import ErrorCode
from netca_ra.errors import ApiError
from netca_ra.models import KeyRecord, KeyRequest, utcnow
from netca_ra.services import idempotency, key_codes, ratelimit, so_pin_release, transitions
from netca_ra.services.key_request_life import (
    LIFETIME,
    R,
    RefuseAfterCommit,
    code_phone,
    expire_if_due,
    load_request,
    locked,
    may_staff_authorise,
    request_out,
    require_life,
    secret_hash,
    set_state,
    silent,
    state_conflict,
    take_handler,
)
from netca_ra.services.keys import KeyService, activation_allowed, audit, lock_key
from netca_ra.services.orders import anyone, lock_order
from netca_ra.services.sms import count_client_sms, mask_phone
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

    @property
    def settings(self) -> RaSettings:
        return self._settings

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

    def send_code(
        self, session: Session, request: KeyRequest, now: datetime, *, client: str | None
    ) -> None:
        """A code to the phone it goes to (a notice instead for a silent unlock); ``client``
        is who caused it, counted against their SMS limit (None: staff did)."""
        if client is not None:
            count_client_sms(session, self._settings, client)
        quiet = silent(request)
        notice = key_codes.mismatch_notice(request.key_serial) if quiet else None
        key_codes.send_code(
            session,
            request,
            phone=code_phone(request),
            order_no=request.key.order.order_no,
            settings=self._settings,
            gateway=self._gateway,
            now=now,
            notice=notice,
        )
        if quiet and request.handler_mobile:
            # The answer names the phone the holder gave, as a real one would: the masked
            # phone on record would tell that the one given is not it.
            request.sent_to = mask_phone(request.handler_mobile)

    # --- the holder ------------------------------------------------------------------

    def create(
        self,
        serial: str,
        payload: KeyRequestCreate,
        *,
        call: idempotency.IdempotentCall,
        client: str,
    ) -> KeyRequestOut:
        def action(session: Session, _: idempotency.Sealer) -> KeyRequestOut:
            record = lock_key(session, serial)
            now = utcnow()
            self._check_purpose(record, payload)
            self._count_request(session, serial, client)
            request = KeyRequest(
                request_id=secrets.token_hex(16),
                key_serial=serial,
                key=record,
                purpose=payload.purpose,
                state=R.OTP_SENT,
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
            if payload.purpose is KeyRequestPurpose.UNLOCK:
                assert payload.handler is not None
                path = payload.unlock_path
                if not take_handler(session, request, record, payload.handler, now, path=path):
                    return request_out(request)
            session.flush()
            if payload.send_code:
                self.send_code(session, request, now, client=client)
            return request_out(request)

        once = idempotency.Once(scope=f"POST /keys/{serial}/requests", call=call, caller=anyone)
        return idempotency.run_once(
            self._sessions,
            once,
            action,
            answer=KeyRequestOut,
            seal_key=self._settings.effective_secret,
        )

    def _count_request(self, session: Session, serial: str, client: str) -> None:
        settings = self._settings
        ratelimit.consume(
            session, scope="keyreq-key", key=serial, what="requests for this key",
            limit=settings.key_requests_per_key_per_day, window_seconds=ratelimit.DAY,
        )  # fmt: skip
        ratelimit.consume(
            session, scope="keyreq-client", key=client, what="key requests from this client",
            limit=settings.key_requests_per_client_per_hour, window_seconds=ratelimit.HOUR,
        )  # fmt: skip

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
        if record.state is not KeyState.ACTIVE:
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

    def resend(self, request_id: str, *, token: str | None, client: str) -> KeyRequestOut:
        def work(session: Session) -> KeyRequestOut:
            request = self.holder(session, request_id, token)
            now = utcnow()
            require_life(session, request, now)
            if request.state not in (R.OTP_SENT, R.SO_PIN_RELEASED):
                raise state_conflict(request, "a code is sent only while one is awaited")
            self.send_code(session, request, now, client=client)
            return request_out(request)

        return self.run(work)

    def verify(self, request_id: str, *, token: str | None, code: str) -> KeyRequestOut:
        def work(session: Session) -> KeyRequestOut:
            request = self.holder(session, request_id, token)
            now = utcnow()
            require_life(session, request, now)
            if request.state not in (R.OTP_SENT, R.SO_PIN_RELEASED):
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
            if request.state is R.SO_PIN_RELEASED:
                raise ApiError(
                    ErrorCode.SO_PIN_ALREADY_RELEASED,
                    409,
                    "the SO PIN was released to this request already; confirm, or verify a new "
                    "code to have it released again",
                )
            expire_if_due(session, request, utcnow())
            if request.state is not R.AUTHORISED:
                raise state_conflict(request, "the SO PIN is released only to an authorised one")
            record = lock_key(session, request.key_serial)
            wanted = (
                KeyState.AWAITING_ACTIVATION
                if request.purpose is KeyRequestPurpose.ACTIVATE
                else KeyState.ACTIVE
            )
            if record.state is not wanted:
                raise ApiError(
                    ErrorCode.KEY_STATE_CONFLICT, 409, f"key {record.serial} is {record.state}"
                )
            released = so_pin_release.release(record, request, derive=self._keys.so_pin)
            set_state(
                session,
                request,
                R.SO_PIN_RELEASED,
                actor="holder",
                detail=f"下发 SO PIN 第 {released.version} 版与第 {released.next_version} 版"
                + (
                    f"（另附未确认的 {len(released.unconfirmed_so_pins)} 个版本）"
                    if released.unconfirmed_so_pins
                    else ""
                ),
            )
            return released

        return self.run(work)

    def confirm(self, request_id: str, *, token: str | None, so_pin_version: int) -> KeyRequestOut:
        def work(session: Session) -> KeyRequestOut:
            request = self.holder(session, request_id, token)
            if request.state is R.COMPLETED and request.so_pin_version == so_pin_version:
                return request_out(request)  # a replay changes nothing
            released, upcoming = request.released_version, request.next_version
            if request.state is not R.SO_PIN_RELEASED or released is None or upcoming is None:
                raise state_conflict(request, "only a released SO PIN is confirmed")
            record = lock_key(session, request.key_serial)
            if so_pin_version != upcoming or record.so_pin_version not in (released, upcoming):
                raise ApiError(
                    ErrorCode.KEY_STATE_CONFLICT,
                    409,
                    f"the key was released version {released}; confirm version {upcoming}",
                )
            self._complete(session, request, record, version=upcoming)
            return request_out(request)

        return self.run(work)

    def _complete(
        self, session: Session, request: KeyRequest, record: KeyRecord, *, version: int
    ) -> None:
        now = utcnow()
        record.so_pin_version = version
        record.updated_at = now
        request.so_pin_version = version
        if request.purpose is KeyRequestPurpose.ACTIVATE:
            record.state = KeyState.ACTIVE
            record.activated_at = record.activated_at or now
            order = lock_order(session, record.order.order_no)
            if order.state is OrderState.RECHECKED:
                transitions.move(
                    order, OrderState.COMPLETED, actor=transitions.SYSTEM, reason="密钥已激活"
                )
        elif request.handler_approved_by and request.handler_name:
            # Only an approved materials review changes the handler on record.
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
                detail="登记的经办人更换为本次申请的经办人（材料审核通过：审核员 "
                f"{request.handler_approved_by.removeprefix('staff:')}）",
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
        """Counter staff authorise with the holder and the handler on record present, instead
        of the SMS code. Another handler needs an approved materials review first."""

        def work(session: Session) -> KeyRequestOut:
            request = load_request(session, request_id)
            now = utcnow()
            expire_if_due(session, request, now)
            if not may_staff_authorise(request):
                raise state_conflict(
                    request,
                    "counter staff authorise a holder with the handler on record (or one a "
                    "reviewer approved); another handler needs the materials review",
                )
            code = key_codes.open_code(request)
            if code is not None:
                code.used_at = now
            request.reviewed_by = actor
            who = "材料审核通过的经办人" if request.handler_approved_by else "登记的经办人"
            set_state(
                session,
                request,
                R.AUTHORISED,
                actor=actor,
                detail=f"受理点现场核验授权（{who}在场），代替短信验证码",
            )
            return request_out(request)

        return self.run(work)
