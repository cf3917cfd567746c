"""What every API router shares: problem responses for OpenAPI and the common headers."""

from __future__ import annotations

import ipaddress
from typing import Annotated, Any

from fastapi import Header, Request, Response

from netca_protocol import IDEMPOTENCY_HEADER, ORDER_TOKEN_HEADER
from netca_protocol.errors import PROBLEM_MEDIA_TYPE, Problem


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {
        status: {"model": Problem, "content": {PROBLEM_MEDIA_TYPE: {}}}
        for status in (*statuses, 422)
    }


IdempotencyKey = Annotated[
    str | None,
    Header(
        alias=IDEMPOTENCY_HEADER,
        pattern=r"^[A-Za-z0-9_.:-]{8,128}$",
        description="Client-chosen request id (8-128 of A-Za-z0-9_.:-). Required: a retry "
        "with the same key and body replays the first answer.",
    ),
]
OrderToken = Annotated[
    str | None,
    Header(alias=ORDER_TOKEN_HEADER, description="The access_token returned with the order."),
]


def json_response(status_and_body: tuple[int, str]) -> Response:
    status, body = status_and_body
    return Response(content=body, status_code=status, media_type="application/json")


def client_of(request: Request) -> str:
    """Who is asking, for per-client limits: the client's IP address, an IPv6 client by its
    /64 (one subscriber's network). Behind a proxy uvicorn puts the address from
    X-Forwarded-For here, if the proxy is in ``--forwarded-allow-ips``."""
    host = request.client.host if request.client else ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host[:64] or "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)
