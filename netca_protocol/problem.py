"""The problem+json body (RFC 9457) that carries an ErrorCode."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from netca_protocol.errors import ErrorCode


class Problem(BaseModel):
    """RFC 9457 problem details with the stable ``code`` extension member."""

    model_config = ConfigDict(extra="allow")

    type: str = "about:blank"
    title: str
    status: int
    code: ErrorCode
    detail: str = ""
    instance: str | None = None
