"""Payments: start one for an order, poll it; the simulated provider's payer page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request, Response
from fastapi.responses import HTMLResponse

from netca_protocol import PaymentIn, PaymentOut
from netca_protocol.models import ORDER_NO_PATTERN
from netca_ra.app import services_of
from netca_ra.console.render import render
from netca_ra.routers.common import IdempotencyKey, OrderToken, json_response, problems
from netca_ra.services.idempotency import check_key, request_fingerprint

router = APIRouter(tags=["payments"])
pay_pages = APIRouter(include_in_schema=False)
OrderNo = Annotated[str, Path(pattern=ORDER_NO_PATTERN)]
PaymentId = Annotated[str, Path(pattern=r"^[0-9a-f]{24}$")]


@router.post(
    "/orders/{order_no}/payments",
    response_model=PaymentOut,
    status_code=201,
    responses=problems(400, 401, 403, 404, 409),
)
def start_payment(
    request: Request,
    order_no: OrderNo,
    payload: PaymentIn,
    x_order_token: OrderToken = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    key = check_key(idempotency_key)
    fingerprint = request_fingerprint(payload.model_dump_json().encode())
    return json_response(
        services_of(request).payments.start(
            order_no, token=x_order_token, payload=payload, key=key, fingerprint=fingerprint
        )
    )


@router.get(
    "/orders/{order_no}/payments/{payment_id}",
    response_model=PaymentOut,
    responses=problems(401, 403, 404),
)
def get_payment(
    request: Request, order_no: OrderNo, payment_id: PaymentId, x_order_token: OrderToken = None
) -> PaymentOut:
    return services_of(request).payments.get(order_no, payment_id, token=x_order_token)


@pay_pages.get("/pay/sim/{payment_id}", response_class=HTMLResponse)
def simulated_page(
    request: Request, payment_id: PaymentId, t: Annotated[str, Query(max_length=64)]
) -> HTMLResponse:
    payment = services_of(request).payments.simulated_view(payment_id, payer_token=t)
    return render(request, "pay.html", payment=payment, token=t, done=False)


@pay_pages.post("/pay/sim/{payment_id}", response_class=HTMLResponse)
def simulated_confirm(
    request: Request, payment_id: PaymentId, t: Annotated[str, Form(max_length=64)]
) -> HTMLResponse:
    # The unguessable payer token in the form is what authorises this page (no cookie: no CSRF).
    payment = services_of(request).payments.confirm_simulated(payment_id, payer_token=t)
    return render(request, "pay.html", payment=payment, token=t, done=True)
