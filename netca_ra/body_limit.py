"""Request body limits in the app itself, not only at the reverse proxy.

A ``Content-Length`` over the limit is refused before the app reads anything; a body without
one (chunked) is counted as it arrives and cut off where it passes the limit. Either way the
answer is ``413`` problem+json and the app's own answer, if any, is dropped. Moderately
oversized bodies are read and thrown away first, so that the client hears the 413 instead of
a connection reset; larger ones get it at once and the connection is closed.
"""

from __future__ import annotations

import contextlib
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from netca_protocol import (
    API_PREFIX,
    MAX_DER_BODY_BYTES,
    MAX_JSON_BODY_BYTES,
    MAX_UPLOAD_BODY_BYTES,
)
from netca_protocol.errors import PROBLEM_MEDIA_TYPE, ErrorCode
from netca_protocol.problem import Problem

_UPLOAD = re.compile(rf"^{API_PREFIX}/key-requests/[^/]+/materials$")
_DER = (f"{API_PREFIX}/ca/ocsp", f"{API_PREFIX}/ca/tsa")


class _TooLarge(Exception):
    """Raised inside the app's ``receive`` once the body passed its limit."""


def limit_for(path: str) -> tuple[int, ErrorCode]:
    """The largest body accepted at ``path``, and the problem code for a larger one."""
    if _UPLOAD.match(path):
        return MAX_UPLOAD_BODY_BYTES, ErrorCode.MATERIAL_TOO_LARGE
    if path.startswith(_DER):
        return MAX_DER_BODY_BYTES, ErrorCode.PAYLOAD_TOO_LARGE
    return MAX_JSON_BODY_BYTES, ErrorCode.PAYLOAD_TOO_LARGE


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isdigit() else None
    return None


class BodyLimit:
    """ASGI middleware: no request body larger than ``limit_for(path)`` reaches the app."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, code = limit_for(scope["path"])
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            if declared <= 2 * limit + 1024 * 1024:
                await _drain(receive)
            await _refuse(send, limit, code)
            return
        await self._guarded(scope, receive, send, limit=limit, code=code)

    async def _guarded(
        self, scope: Scope, receive: Receive, send: Send, *, limit: int, code: ErrorCode
    ) -> None:
        received = 0
        exceeded = False
        started = False

        async def counted_receive() -> Message:
            nonlocal received, exceeded
            if exceeded:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded:
                return  # the app's answer to a cut-off body is dropped; ours goes out
            started = started or message["type"] == "http.response.start"
            await send(message)

        with contextlib.suppress(_TooLarge):
            await self.app(scope, counted_receive, guarded_send)
        if exceeded and not started:
            await _refuse(send, limit, code)


async def _drain(receive: Receive) -> None:
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return


async def _refuse(send: Send, limit: int, code: ErrorCode) -> None:
    problem = Problem(
        title="The request body is too large",
        status=413,
        code=code,
        detail=f"at most {limit} bytes here",
    )
    body = problem.model_dump_json(exclude_none=True).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", PROBLEM_MEDIA_TYPE.encode("ascii")),
                (b"content-length", str(len(body)).encode("ascii")),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
