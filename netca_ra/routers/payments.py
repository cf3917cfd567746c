"""Payments: start one for an order, poll it; the simulated provider's payer page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse

from netca_protocol import PaymentIn, PaymentOut
from netca_ra.console.render import render
from netca_ra.deps import IdempotencyDep, PaymentServiceDep
from netca_ra.routers.common import OrderNo, OrderToken, PaymentId, problems

router = APIRouter(tags=["payments"])
pay_pages = APIRouter(include_in_schema=False)


@router.post(
    "/orders/{order_no}/payments",
    response_model=PaymentOut,
    status_code=201,
    responses=problems(400, 401, 403, 404, 409),
)
def start_payment(
    order_no: OrderNo,
    payload: PaymentIn,
    payments: PaymentServiceDep,
    idempotency: IdempotencyDep,
    x_order_token: OrderToken = None,
) -> PaymentOut:
    return payments.start(
        order_no, token=x_order_token, payload=payload, call=idempotency.of(payload)
    )


@router.get(
    "/orders/{order_no}/payments/{payment_id}",
    response_model=PaymentOut,
    responses=problems(401, 403, 404),
)
def get_payment(
    order_no: OrderNo,
    payment_id: PaymentId,
    payments: PaymentServiceDep,
    x_order_token: OrderToken = None,
) -> PaymentOut:
    return payments.get(order_no, payment_id, token=x_order_token)


@pay_pages.get("/pay/sim/{payment_id}", response_class=HTMLResponse)
def simulated_page(
    request: Request,
    payment_id: PaymentId,
    payments: PaymentServiceDep,
    t: Annotated[str, Query(max_length=64)],
) -> HTMLResponse:
    payment = payments.simulated_view(payment_id, payer_token=t)
    return render(request, "pay.html", payment=payment, token=t, done=False)


@pay_pages.post("/pay/sim/{payment_id}", response_class=HTMLResponse)
def simulated_confirm(
    request: Request,
    payment_id: PaymentId,
    payments: PaymentServiceDep,
    t: Annotated[str, Form(max_length=64)],
) -> HTMLResponse:
    # The unguessable payer token in the form is what authorises this page (no cookie: no CSRF).
    payment = payments.confirm_simulated(payment_id, payer_token=t)
    return render(request, "pay.html", payment=payment, token=t, done=True)
