"""Orders (业务): create, query, cancel, report installed, get the certificate issued."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from netca_protocol import (
    CertificateIn,
    CertificateOut,
    OrderCreate,
    OrderCreated,
    OrderOut,
    OrderState,
)
from netca_protocol.models import ORDER_NO_PATTERN
from netca_ra.app import services_of
from netca_ra.routers.common import (
    IdempotencyKey,
    OrderToken,
    client_of,
    json_response,
    problems,
)
from netca_ra.services.idempotency import check_key, request_fingerprint

router = APIRouter(tags=["orders"])
OrderNo = Annotated[str, Path(pattern=ORDER_NO_PATTERN)]


@router.post(
    "/orders", response_model=OrderCreated, status_code=201, responses=problems(400, 404, 429)
)
def create_order(
    request: Request, payload: OrderCreate, idempotency_key: IdempotencyKey = None
) -> Response:
    key = check_key(idempotency_key)
    fingerprint = request_fingerprint(payload.model_dump_json().encode())
    return json_response(
        services_of(request).orders.create(
            payload, key=key, fingerprint=fingerprint, client=client_of(request)
        )
    )


@router.get("/orders/{order_no}", response_model=OrderOut, responses=problems(401, 403, 404))
def get_order(request: Request, order_no: OrderNo, x_order_token: OrderToken = None) -> OrderOut:
    return services_of(request).orders.get(order_no, token=x_order_token)


def _applicant_move(
    request: Request, order_no: str, token: str | None, key: str | None, to_state: OrderState
) -> Response:
    checked = check_key(key)
    fingerprint = request_fingerprint(to_state.value.encode())
    return json_response(
        services_of(request).orders.applicant_move(
            order_no, token=token, to_state=to_state, key=checked, fingerprint=fingerprint
        )
    )


@router.post(
    "/orders/{order_no}/cancel",
    response_model=OrderOut,
    responses=problems(400, 401, 403, 404, 409),
)
def cancel_order(
    request: Request,
    order_no: OrderNo,
    x_order_token: OrderToken = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    return _applicant_move(request, order_no, x_order_token, idempotency_key, OrderState.CANCELLED)


@router.post(
    "/orders/{order_no}/installed",
    response_model=OrderOut,
    responses=problems(400, 401, 403, 404, 409),
)
def report_installed(
    request: Request,
    order_no: OrderNo,
    x_order_token: OrderToken = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    return _applicant_move(request, order_no, x_order_token, idempotency_key, OrderState.INSTALLED)


@router.post(
    "/orders/{order_no}/certificate",
    response_model=CertificateOut,
    status_code=201,
    responses=problems(400, 401, 403, 404, 409),
)
def issue_certificate(
    request: Request,
    order_no: OrderNo,
    payload: CertificateIn,
    x_order_token: OrderToken = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    key = check_key(idempotency_key)
    fingerprint = request_fingerprint(payload.model_dump_json().encode())
    return json_response(
        services_of(request).certificates.issue_for_order(
            order_no, token=x_order_token, csr_pem=payload.csr_pem, key=key, fingerprint=fingerprint
        )
    )
