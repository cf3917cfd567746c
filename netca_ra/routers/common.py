"""What every API router shares: problem responses for OpenAPI, path parameters, headers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Header, Path

from netca_protocol import (
    KEY_SERIAL_PATTERN,
    ORDER_TOKEN_HEADER,
    REQUEST_ID_PATTERN,
    REQUEST_TOKEN_HEADER,
)
from netca_protocol.errors import PROBLEM_MEDIA_TYPE
from netca_protocol.models import ORDER_NO_PATTERN
from netca_protocol.problem import Problem


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {
        status: {"model": Problem, "content": {PROBLEM_MEDIA_TYPE: {}}}
        for status in (*statuses, 422)
    }


OrderNo = Annotated[str, Path(pattern=ORDER_NO_PATTERN)]
KeySerial = Annotated[str, Path(pattern=KEY_SERIAL_PATTERN)]
RequestId = Annotated[str, Path(pattern=REQUEST_ID_PATTERN)]
PaymentId = Annotated[str, Path(pattern=r"^[0-9a-f]{24}$")]

OrderToken = Annotated[
    str | None,
    Header(alias=ORDER_TOKEN_HEADER, description="The access_token returned with the order."),
]
RequestToken = Annotated[
    str | None,
    Header(
        alias=REQUEST_TOKEN_HEADER,
        max_length=200,
        description="The request_secret chosen when the request was created.",
    ),
]

#: for answers that carry an SO PIN: never cached, never stored
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
