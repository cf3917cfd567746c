"""Staff over the API (受理点模式 in the client): Bearer sessions, provisioning, 复审, returns.

Answers that carry an SO PIN are sent with ``Cache-Control: no-store`` and never go through
the idempotency store (it would persist them).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from netca_protocol import (
    CertificateOut,
    KeyOut,
    KeyRegisterIn,
    KeyRequestOut,
    OrderOut,
    ProvisionIn,
    ProvisionTicket,
    StaffCertificateIn,
    StaffLoginIn,
    StaffSessionOut,
)
from netca_protocol.errors import ErrorCode
from netca_ra.deps import (
    ClientDep,
    IdempotencyDep,
    KeyRequestServiceDep,
    KeyServiceDep,
    OrderServiceDep,
    StaffServiceDep,
)
from netca_ra.errors import ApiError
from netca_ra.routers.common import NO_STORE, KeySerial, OrderNo, RequestId, problems
from netca_ra.services.staff import LoginThrottled, Permission, StaffPrincipal

router = APIRouter(prefix="/staff", tags=["staff"])

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


def api_staff(
    accounts: StaffServiceDep, token: Annotated[str, Depends(bearer_token)]
) -> StaffPrincipal:
    principal = accounts.principal(token)
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
        role=principal.role,
    )


@router.post(
    "/sessions", response_model=StaffSessionOut, status_code=201, responses=problems(401, 429)
)
def sign_in(payload: StaffLoginIn, accounts: StaffServiceDep, client: ClientDep) -> Response:
    try:
        token = accounts.login(username=payload.username, password=payload.password, client=client)
    except LoginThrottled as exc:
        raise ApiError(
            ErrorCode.RATE_LIMITED, 429, "too many failed sign-ins", retry_after=exc.retry_after
        ) from exc
    principal = accounts.principal(token) if token else None
    if token is None or principal is None:
        raise _unauthorised("wrong user name or password")
    body = _session_out(principal, token).model_dump_json()
    return Response(body, status_code=201, media_type="application/json", headers=NO_STORE)


@router.delete("/sessions/current", status_code=204, responses=problems(401))
def sign_out(
    staff: ApiStaff, accounts: StaffServiceDep, token: Annotated[str, Depends(bearer_token)]
) -> Response:
    accounts.logout(token)
    return Response(status_code=204)


@router.get("/orders/{order_no}", response_model=OrderOut, responses=problems(401, 403, 404))
def staff_order(staff: ApiStaff, order_no: OrderNo, orders: OrderServiceDep) -> OrderOut:
    staff.require(Permission.VIEW)
    return orders.staff_view(order_no)


@router.post(
    "/orders/{order_no}/provision",
    response_model=ProvisionTicket,
    responses=problems(401, 403, 404, 409),
)
def provision(
    staff: ApiStaff, order_no: OrderNo, payload: ProvisionIn, keys: KeyServiceDep
) -> Response:
    staff.require(Permission.PROVISION)
    ticket = keys.provision(order_no, payload, actor=staff.actor)
    return Response(ticket.model_dump_json(), media_type="application/json", headers=NO_STORE)


@router.post(
    "/orders/{order_no}/certificate",
    response_model=CertificateOut,
    status_code=201,
    responses=problems(400, 401, 403, 404, 409),
)
def issue_onto_key(
    staff: ApiStaff,
    order_no: OrderNo,
    payload: StaffCertificateIn,
    keys: KeyServiceDep,
    idempotency: IdempotencyDep,
) -> CertificateOut:
    staff.require(Permission.PROVISION)
    return keys.issue_certificate(
        order_no, payload, actor=staff.actor, call=idempotency.of(payload)
    )


@router.post(
    "/orders/{order_no}/recheck", response_model=OrderOut, responses=problems(401, 403, 404, 409)
)
def recheck(staff: ApiStaff, order_no: OrderNo, keys: KeyServiceDep) -> OrderOut:
    staff.require(Permission.RECHECK)
    return keys.recheck(order_no, actor=staff.actor)


@router.post(
    "/keys/{serial}/register", response_model=KeyOut, responses=problems(401, 403, 404, 409)
)
def register_key(
    staff: ApiStaff, serial: KeySerial, payload: KeyRegisterIn, keys: KeyServiceDep
) -> KeyOut:
    staff.require(Permission.PROVISION)
    return keys.register(serial, payload, actor=staff.actor)


@router.post("/keys/{serial}/return", response_model=KeyOut, responses=problems(401, 403, 404, 409))
def return_key(staff: ApiStaff, serial: KeySerial, keys: KeyServiceDep) -> KeyOut:
    staff.require(Permission.PROVISION)
    return keys.return_key(serial, actor=staff.actor)


@router.post(
    "/key-requests/{request_id}/authorise",
    response_model=KeyRequestOut,
    responses=problems(401, 403, 404, 409),
)
def authorise_request(
    staff: ApiStaff, request_id: RequestId, key_requests: KeyRequestServiceDep
) -> KeyRequestOut:
    staff.require(Permission.PROVISION)
    return key_requests.authorise(request_id, actor=staff.actor)
