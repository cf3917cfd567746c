"""ApiError and the ONE handler that turns every failure into application/problem+json."""

from __future__ import annotations

import html
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from netca_protocol.errors import PROBLEM_MEDIA_TYPE, ErrorCode
from netca_protocol.problem import Problem

log = logging.getLogger(__name__)

_STATUS_CODES = {
    400: ErrorCode.BAD_REQUEST,
    401: ErrorCode.UNAUTHORISED,
    403: ErrorCode.FORBIDDEN,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    422: ErrorCode.VALIDATION_FAILED,
}

_TITLES = {
    ErrorCode.ILLEGAL_TRANSITION: "The order cannot move to that state",
    ErrorCode.VALIDATION_FAILED: "The request is not valid",
    ErrorCode.INTERNAL: "Internal error",
}


# What console users read first (Chinese UI); the code and English detail follow, smaller.
_CONSOLE_TITLES = {
    ErrorCode.ILLEGAL_TRANSITION: "当前业务状态不允许此操作，请刷新页面后查看最新状态",
    ErrorCode.FORBIDDEN: "没有权限，或页面已过期",
    ErrorCode.VALIDATION_FAILED: "填写的内容不符合要求",
    ErrorCode.NOT_FOUND: "找不到该页面或记录",
    ErrorCode.ORDER_NOT_FOUND: "没有这个业务单号",
    ErrorCode.PAYMENT_ALREADY_SETTLED: "该笔缴费已处理过",
    ErrorCode.INTERNAL: "系统内部错误，已记录日志",
}


class ApiError(Exception):
    """A refusal with a stable code; raised by services, rendered by the one handler."""

    def __init__(self, code: ErrorCode, status: int, detail: str = "", **extra: Any) -> None:
        self.code = code
        self.status = status
        self.detail = detail
        self.extra = extra
        #: more HTTP headers for the answer, e.g. WWW-Authenticate
        self.extra_headers: dict[str, str] = {}
        super().__init__(f"{code} ({status}) {detail}")

    @property
    def headers(self) -> dict[str, str] | None:
        """HTTP headers that go with the refusal (Retry-After, WWW-Authenticate)."""
        headers = dict(self.extra_headers)
        if isinstance(self.extra.get("retry_after"), int):
            headers["Retry-After"] = str(max(1, self.extra["retry_after"]))
        return headers or None


def _problem_of(exc: Exception) -> tuple[int, Problem]:
    if isinstance(exc, ApiError):
        title = _TITLES.get(exc.code, exc.code.value.replace("_", " ").capitalize())
        problem = Problem(title=title, status=exc.status, code=exc.code, detail=exc.detail)
        for name, value in exc.extra.items():
            setattr(problem, name, value)
        return exc.status, problem
    if isinstance(exc, RequestValidationError):
        errors = [
            {"loc": [str(part) for part in err.get("loc", ())], "msg": str(err.get("msg", ""))}
            for err in exc.errors()
        ]
        problem = Problem(
            title="The request is not valid",
            status=422,
            code=ErrorCode.VALIDATION_FAILED,
            detail="; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors)[:1000],
        )
        problem.errors = errors  # type: ignore[attr-defined]
        return 422, problem
    if isinstance(exc, StarletteHTTPException):
        code = _STATUS_CODES.get(exc.status_code, ErrorCode.BAD_REQUEST)
        return exc.status_code, Problem(
            title=str(exc.detail), status=exc.status_code, code=code, detail=str(exc.detail)
        )
    log.exception("unhandled error", exc_info=exc)
    return 500, Problem(title="Internal error", status=500, code=ErrorCode.INTERNAL)


async def problem_handler(request: Request, exc: Exception) -> Response:
    """The single error handler: JSON problem for the API, a small HTML page for the console."""
    status, problem = _problem_of(exc)
    headers = exc.headers if isinstance(exc, StarletteHTTPException | ApiError) else None
    if request.url.path.startswith("/console") or request.url.path.startswith("/pay/"):
        title = _CONSOLE_TITLES.get(problem.code, "操作未能完成")
        body = (
            "<!doctype html><html lang=zh-CN><meta charset=utf-8><title>出错了</title>"
            "<link rel=stylesheet href=/console/static/ra.css>"
            "<header class=top><div class=brand>NETCA-RA <span>受理控制台</span></div></header>"
            f"<main><section class=card><h1>{html.escape(title)}</h1>"
            f"<p class=muted>{html.escape(problem.detail)} ({html.escape(problem.code.value)}, "
            f"{status})</p><p><a href=/console/>返回控制台</a></p></section></main></html>"
        )
        return HTMLResponse(body, status_code=status, headers=headers)
    return JSONResponse(
        problem.model_dump(mode="json", exclude_none=True),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


def install_problem_handler(app: FastAPI) -> None:
    for exc_type in (ApiError, RequestValidationError, StarletteHTTPException, Exception):
        app.add_exception_handler(exc_type, problem_handler)
