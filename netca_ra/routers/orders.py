"""Orders (业务): create, query, cancel, report installed, get the certificate issued."""

from __future__ import annotations

from fastapi import APIRouter, Response

from netca_protocol import (
    CertificateIn,
    CertificateOut,
    OrderCreate,
    OrderCreated,
    OrderOut,
    OrderState,
)
from netca_ra.deps import CertificateServiceDep, ClientDep, IdempotencyDep, OrderServiceDep
from netca_ra.routers.common import OrderNo, OrderToken, problems

router = APIRouter(tags=["orders"])


@router.post(
    "/orders", response_model=OrderCreated, status_code=201, responses=problems(400, 404, 429)
)
def create_order(
    payload: OrderCreate, orders: OrderServiceDep, client: ClientDep, idempotency: IdempotencyDep
) -> OrderCreated:
    return orders.create(payload, call=idempotency.of(payload), client=client)


@router.get("/orders/{order_no}", response_model=OrderOut, responses=problems(401, 403, 404))
async def get_order(
    order_no: OrderNo, orders: OrderServiceDep, x_order_token: OrderToken = None
) -> Response:
    # The poll every client runs: async, so that FastAPI hops to its thread pool only where
    # the read needs it (HotReads: PostgreSQL), and answered as JSON here, the same bytes
    # FastAPI would make from ``response_model`` without validating the model we just built
    # once more (docs/performance.md).
    order = await orders.get(order_no, token=x_order_token)
    return Response(order.model_dump_json(), media_type="application/json")


@router.post(
    "/orders/{order_no}/cancel",
    response_model=OrderOut,
    responses=problems(400, 401, 403, 404, 409),
)
def cancel_order(
    order_no: OrderNo,
    orders: OrderServiceDep,
    idempotency: IdempotencyDep,
    x_order_token: OrderToken = None,
) -> OrderOut:
    return orders.applicant_move(
        order_no,
        token=x_order_token,
        to_state=OrderState.CANCELLED,
        call=idempotency.of(OrderState.CANCELLED.value),
    )


@router.post(
    "/orders/{order_no}/installed",
    response_model=OrderOut,
    responses=problems(400, 401, 403, 404, 409),
)
def report_installed(
    order_no: OrderNo,
    orders: OrderServiceDep,
    idempotency: IdempotencyDep,
    x_order_token: OrderToken = None,
) -> OrderOut:
    return orders.applicant_move(
        order_no,
        token=x_order_token,
        to_state=OrderState.INSTALLED,
        call=idempotency.of(OrderState.INSTALLED.value),
    )


@router.post(
    "/orders/{order_no}/certificate",
    response_model=CertificateOut,
    status_code=201,
    responses=problems(400, 401, 403, 404, 409),
)
def issue_certificate(
    order_no: OrderNo,
    payload: CertificateIn,
    certificates: CertificateServiceDep,
    idempotency: IdempotencyDep,
    x_order_token: OrderToken = None,
) -> CertificateOut:
    return certificates.issue_for_order(
        order_no, token=x_order_token, csr_pem=payload.csr_pem, call=idempotency.of(payload)
    )
