"""SMS one-time codes to the order's handler (经办人)."""

from __future__ import annotations

from fastapi import APIRouter

from netca_protocol import OtpSent, OtpVerified, OtpVerifyIn
from netca_ra.deps import ClientDep, IdempotencyDep, SmsServiceDep
from netca_ra.routers.common import OrderNo, OrderToken, problems

router = APIRouter(tags=["sms"])


@router.post(
    "/orders/{order_no}/otp",
    response_model=OtpSent,
    status_code=201,
    responses=problems(400, 401, 403, 404, 429, 502),
)
def send_otp(
    order_no: OrderNo,
    sms: SmsServiceDep,
    client: ClientDep,
    idempotency: IdempotencyDep,
    x_order_token: OrderToken = None,
) -> OtpSent:
    return sms.send_otp(order_no, token=x_order_token, call=idempotency.of("otp"), client=client)


@router.post(
    "/orders/{order_no}/otp/verify",
    response_model=OtpVerified,
    responses=problems(401, 403, 404),
)
def verify_otp(
    order_no: OrderNo, payload: OtpVerifyIn, sms: SmsServiceDep, x_order_token: OrderToken = None
) -> OtpVerified:
    return sms.verify_otp(order_no, token=x_order_token, code=payload.code)
