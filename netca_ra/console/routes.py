"""Console pages: login, review queue, order detail with audit trail, payments, SMS outbox."""

from __future__ import annotations

import hmac
import secrets
from pathlib import Path as FsPath
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import AfterValidator

from netca_protocol import OrderState
from netca_protocol.errors import ErrorCode
from netca_protocol.models import ORDER_NO_PATTERN, visible_lines
from netca_ra.console import keys, seals
from netca_ra.console.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    CheckedStaff,
    Staff,
    cookie_secure,
)
from netca_ra.console.render import render
from netca_ra.deps import (
    CertificateServiceDep,
    ClientDep,
    OrderServiceDep,
    PaymentServiceDep,
    ServicesDep,
    SettingsDep,
    SmsServiceDep,
    StaffServiceDep,
)
from netca_ra.errors import ApiError
from netca_ra.routers.common import OrderNo, PaymentId
from netca_ra.services.orders import STAFF_QUEUE_STATES
from netca_ra.services.staff import ROLE_NAMES, USERNAME_PATTERN, LoginThrottled, Permission
from netca_ra.settings import RaSettings
from netca_ra.sms.gateway import OutboxMessage, read_outbox

router = APIRouter(prefix="/console", include_in_schema=False)
# Free text goes into the database and the audit trail: no control or invisible characters
# but line breaks (see netca_protocol.visible_text).
Reason = Annotated[str, Form(max_length=500), AfterValidator(visible_lines)]
Username = Annotated[str, Form(pattern=USERNAME_PATTERN)]

OUTBOX_PAGE = 200
LOGIN_ERRORS = {
    "credentials": "用户名或密码错误",
    "throttled": "登录失败次数过多，请 15 分钟后再试",
}
ACTIONS: dict[str, tuple[OrderState, Permission]] = {
    "claim": (OrderState.UNDER_REVIEW, Permission.REVIEW),
    "approve": (OrderState.APPROVED, Permission.REVIEW),
    "reject": (OrderState.REJECTED, Permission.REVIEW),
    "complete": (OrderState.COMPLETED, Permission.CONFIRM_PAYMENT),
}


def mount_console(app: FastAPI) -> None:
    app.include_router(router)
    app.include_router(keys.router)
    app.include_router(seals.router)
    static = FsPath(__file__).parent / "static"
    app.mount("/console/static", StaticFiles(directory=static), name="console-static")


def _page(
    request: Request, name: str, staff: Staff, *, settings: RaSettings, **context: Any
) -> HTMLResponse:
    return render(
        request,
        name,
        staff=staff,
        role_name=ROLE_NAMES[staff.role],
        dev_mode=settings.dev_mode,
        **context,
    )


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, settings: SettingsDep, error: str = "") -> HTMLResponse:
    token = secrets.token_urlsafe(32)
    # Only known codes are shown, so a crafted link cannot put its own words on our page.
    response = render(request, "login.html", csrf=token, error=LOGIN_ERRORS.get(error, ""))
    response.set_cookie(
        LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", path="/console",
        secure=cookie_secure(settings),
    )  # fmt: skip
    return response


@router.post("/login")
def login(
    request: Request,
    accounts: StaffServiceDep,
    settings: SettingsDep,
    client: ClientDep,
    username: Username,
    password: Annotated[str, Form(max_length=200)],
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not csrf or not hmac.compare_digest(cookie, csrf):
        raise ApiError(ErrorCode.FORBIDDEN, 403, "登录页已过期，请刷新后重试")
    try:
        token = accounts.login(username=username, password=password, client=client)
    except LoginThrottled:
        return RedirectResponse("/console/login?error=throttled", status_code=303)
    if token is None:
        return RedirectResponse("/console/login?error=credentials", status_code=303)
    response = RedirectResponse("/console/", status_code=303)
    response.set_cookie(
        SESSION_COOKIE, token, httponly=True, samesite="strict", path="/console",
        secure=cookie_secure(settings),
        max_age=settings.session_ttl_seconds,
    )  # fmt: skip
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/console")
    return response


@router.post("/logout")
def logout(request: Request, staff: CheckedStaff, accounts: StaffServiceDep) -> Response:
    accounts.logout(request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/console/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/console")
    return response


@router.get("/", response_class=HTMLResponse)
def review_queue(
    request: Request,
    staff: Staff,
    orders: OrderServiceDep,
    settings: SettingsDep,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    return _page(
        request,
        "queue.html",
        staff,
        settings=settings,
        queue=orders.queue(STAFF_QUEUE_STATES, page=page),
        recent=orders.recent(limit=20),
    )


@router.get("/find")
def find_order(staff: Staff, order_no: Annotated[str, Query(pattern=ORDER_NO_PATTERN)]) -> Response:
    return RedirectResponse(f"/console/orders/{order_no}", status_code=303)


@router.get("/orders/{order_no}", response_class=HTMLResponse)
def order_detail(
    request: Request, staff: Staff, order_no: OrderNo, services: ServicesDep
) -> HTMLResponse:
    order = services.orders.staff_view(order_no)
    certificate = (
        services.certificates.get(order.certificate_serial) if order.certificate_serial else None
    )
    return _page(
        request,
        "order.html",
        staff,
        settings=services.settings,
        order=order,
        payments=services.payments.for_order(order_no),
        certificate=certificate,
        may_review=staff.may(Permission.REVIEW),
        may_counter=staff.may(Permission.CONFIRM_PAYMENT),
        may_revoke=staff.may(Permission.REVOKE),
        keys=services.keys.for_order(order_no),
        may_recheck=staff.may(Permission.RECHECK),
        may_provision=staff.may(Permission.PROVISION),
    )


@router.post("/orders/{order_no}/action")
def order_action(
    staff: CheckedStaff,
    order_no: OrderNo,
    orders: OrderServiceDep,
    action: Annotated[str, Form(max_length=20)],
    reason: Reason = "",
) -> Response:
    if action not in ACTIONS:
        raise ApiError(ErrorCode.BAD_REQUEST, 400, f"unknown action {action!r}")
    to_state, permission = ACTIONS[action]
    staff.require(permission)
    orders.staff_move(order_no, to_state=to_state, actor=staff.actor, reason=reason)
    return RedirectResponse(f"/console/orders/{order_no}", status_code=303)


@router.post("/certificates/{serial_hex}/revoke")
def revoke_certificate(
    staff: CheckedStaff,
    certificates: CertificateServiceDep,
    serial_hex: Annotated[str, Path(pattern=r"^[0-9a-f]{1,40}$")],
    order_no: Annotated[str, Form(pattern=ORDER_NO_PATTERN)],
) -> Response:
    staff.require(Permission.REVOKE)
    # No reason code: RFC 5280 5.3.1 asks CAs to leave out "unspecified".
    certificates.revoke(serial_hex, reason=None, actor=staff.actor)
    return RedirectResponse(f"/console/orders/{order_no}", status_code=303)


@router.get("/payments", response_class=HTMLResponse)
def payments_page(
    request: Request, staff: Staff, payments: PaymentServiceDep, settings: SettingsDep
) -> HTMLResponse:
    staff.require(Permission.CONFIRM_PAYMENT)
    pending = payments.pending_bank_transfers()
    return _page(request, "payments.html", staff, settings=settings, pending=pending)


@router.post("/payments/{payment_id}/{decision}")
def decide_payment(
    staff: CheckedStaff,
    payment_id: PaymentId,
    decision: Annotated[str, Path(pattern=r"^(confirm|reject)$")],
    payments: PaymentServiceDep,
) -> Response:
    staff.require(Permission.CONFIRM_PAYMENT)
    if decision == "confirm":
        payments.confirm_bank_transfer(payment_id, actor=staff.actor)
    else:
        payments.reject_bank_transfer(payment_id, actor=staff.actor)
    return RedirectResponse("/console/payments", status_code=303)


@router.get("/sms", response_class=HTMLResponse)
def sms_outbox(
    request: Request, staff: Staff, sms: SmsServiceDep, settings: SettingsDep
) -> HTMLResponse:
    if not settings.dev_mode:
        raise ApiError(ErrorCode.NOT_FOUND, 404, "短信发件箱仅在开发模式下可用")
    if settings.sms_outbox:
        # The simulated handset: the outbox file holds the real texts, codes included.
        messages: list[OutboxMessage] = list(
            reversed(read_outbox(settings.data_dir)[-OUTBOX_PAGE:])
        )
    else:
        messages = sms.sent(limit=OUTBOX_PAGE)
    return _page(
        request,
        "sms.html",
        staff,
        settings=settings,
        messages=messages,
        from_file=settings.sms_outbox,
    )
