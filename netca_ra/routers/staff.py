"""Staff over the API (受理点模式 in the client): Bearer sessions, provisioning, 复审, returns.

Answers that carry an SO PIN are sent with ``Cache-Control: no-store`` and never go through
the idempotency store (it would persist them).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from netca_protocol import (
    REQUEST_ID_PATTERN,
    CertificateOut,
    KeyOut,
    KeyRegisterIn,
    KeyRequestOut,
    OrderOut,
    ProvisionIn,
    ProvisionTicket,
    StaffCertificateIn,
    StaffLoginIn,
    StaffRole,
    StaffSessionOut,
)
from netca_protocol.errors import ErrorCode
from netca_protocol.models import KEY_SERIAL_PATTERN, ORDER_NO_PATTERN
from netca_ra.app import services_of
from netca_ra.errors import ApiError
from netca_ra.routers.common import IdempotencyKey, client_of, json_response, problems
from netca_ra.services.idempotency import check_key, request_fingerprint
from netca_ra.services.staff import LoginThrottled, Permission, StaffPrincipal

router = APIRouter(prefix="/staff", tags=["staff"])
OrderNo = Annotated[str, Path(pattern=ORDER_NO_PATTERN)]
KeySerial = Annotated[str, Path(pattern=KEY_SERIAL_PATTERN)]
RequestId = Annotated[str, Path(pattern=REQUEST_ID_PATTERN)]
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}

_bearer = HTTPBearer(auto_error=False, description="A token from POST /staff/sessions.")


def _unauthorised(detail: str) -> ApiError:
    error = ApiError(ErrorCode.UNAUTHORISED, 401, detail)
    error.extra_headers["WWW-Authenticate"] = 'Bearer realm="netca-ra"'
    return error


def bearer_token(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    if credentials is None or not credentials.credentials:
        raise _unauthorised("Authorization: Bearer <token> is required")
    return credentials.credentials


def api_staff(request: Request, token: Annotated[str, Depends(bearer_token)]) -> StaffPrincipal:
    principal = services_of(request).staff.principal(token)
    if principal is None:
        raise _unauthorised("the staff session is unknown or has expired; sign in again")
    return principal


ApiStaff = Annotated[StaffPrincipal, Depends(api_staff)]


def _session_out(principal: StaffPrincipal, token: str) -> StaffSessionOut:
    return StaffSessionOut(
        token=token,
        expires_at=principal.expires_at,
        username=principal.username,
        display_name=principal.display_name,
        role=StaffRole(principal.role.value),
    )


@router.post(
    "/sessions", response_model=StaffSessionOut, status_code=201, responses=problems(401, 429)
)
def sign_in(request: Request, payload: StaffLoginIn) -> Response:
    staff = services_of(request).staff
    try:
        token = staff.login(
            username=payload.username, password=payload.password, client=client_of(request)
        )
    except LoginThrottled as exc:
        raise ApiError(
            ErrorCode.RATE_LIMITED, 429, "too many failed sign-ins", retry_after=exc.retry_after
        ) from exc
    principal = staff.principal(token) if token else None
    if token is None or principal is None:
        raise _unauthorised("wrong user name or password")
    body = _session_out(principal, token).model_dump_json()
    return Response(body, status_code=201, media_type="application/json", headers=NO_STORE)


@router.delete("/sessions/current", status_code=204, responses=problems(401))
def sign_out(
    request: Request, staff: ApiStaff, token: Annotated[str, Depends(bearer_token)]
) -> Response:
    services_of(request).staff.logout(token)
    return Response(status_code=204)


@router.get("/orders/{order_no}", response_model=OrderOut, responses=problems(401, 403, 404))
def staff_order(request: Request, staff: ApiStaff, order_no: OrderNo) -> OrderOut:
    staff.require(Permission.VIEW)
    return services_of(request).orders.staff_view(order_no)


@router.post(
    "/orders/{order_no}/provision",
    response_model=ProvisionTicket,
    responses=problems(401, 403, 404, 409),
)
def provision(
    request: Request, staff: ApiStaff, order_no: OrderNo, payload: ProvisionIn
) -> Response:
    staff.require(Permission.PROVISION)
    ticket = services_of(request).keys.provision(order_no, payload, actor=staff.actor)
    return Response(ticket.model_dump_json(), media_type="application/json", headers=NO_STORE)


@router.post(
    "/orders/{order_no}/certificate",
    response_model=CertificateOut,
    status_code=201,
    responses=problems(400, 401, 403, 404, 409),
)
def issue_onto_key(
    request: Request,
    staff: ApiStaff,
    order_no: OrderNo,
    payload: StaffCertificateIn,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    staff.require(Permission.PROVISION)
    key = check_key(idempotency_key)
    fingerprint = request_fingerprint(payload.model_dump_json().encode())
    return json_response(
        services_of(request).keys.issue_certificate(
            order_no, payload, actor=staff.actor, key=key, fingerprint=fingerprint
        )
    )


@router.post(
    "/orders/{order_no}/recheck", response_model=OrderOut, responses=problems(401, 403, 404, 409)
)
def recheck(request: Request, staff: ApiStaff, order_no: OrderNo) -> OrderOut:
    staff.require(Permission.RECHECK)
    return services_of(request).keys.recheck(order_no, actor=staff.actor)


@router.post(
    "/keys/{serial}/register", response_model=KeyOut, responses=problems(401, 403, 404, 409)
)
def register_key(
    request: Request, staff: ApiStaff, serial: KeySerial, payload: KeyRegisterIn
) -> KeyOut:
    staff.require(Permission.PROVISION)
    return services_of(request).keys.register(serial, payload, actor=staff.actor)


@router.post("/keys/{serial}/return", response_model=KeyOut, responses=problems(401, 403, 404, 409))
def return_key(request: Request, staff: ApiStaff, serial: KeySerial) -> KeyOut:
    staff.require(Permission.PROVISION)
    return services_of(request).keys.return_key(serial, actor=staff.actor)


@router.post(
    "/key-requests/{request_id}/authorise",
    response_model=KeyRequestOut,
    responses=problems(401, 403, 404, 409),
)
def authorise_request(request: Request, staff: ApiStaff, request_id: RequestId) -> KeyRequestOut:
    staff.require(Permission.PROVISION)
    return services_of(request).key_requests.authorise(request_id, actor=staff.actor)
