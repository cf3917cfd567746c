"""SMS one-time codes to the order's handler (经办人)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from netca_protocol import OtpSent, OtpVerified, OtpVerifyIn
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

router = APIRouter(tags=["sms"])
OrderNo = Annotated[str, Path(pattern=ORDER_NO_PATTERN)]


@router.post(
    "/orders/{order_no}/otp",
    response_model=OtpSent,
    status_code=201,
    responses=problems(400, 401, 403, 404, 429, 502),
)
def send_otp(
    request: Request,
    order_no: OrderNo,
    x_order_token: OrderToken = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    key = check_key(idempotency_key)
    return json_response(
        services_of(request).sms.send_otp(
            order_no,
            token=x_order_token,
            key=key,
            fingerprint=request_fingerprint(b"otp"),
            client=client_of(request),
        )
    )


@router.post(
    "/orders/{order_no}/otp/verify",
    response_model=OtpVerified,
    responses=problems(401, 403, 404),
)
def verify_otp(
    request: Request, order_no: OrderNo, payload: OtpVerifyIn, x_order_token: OrderToken = None
) -> OtpVerified:
    return services_of(request).sms.verify_otp(order_no, token=x_order_token, code=payload.code)
