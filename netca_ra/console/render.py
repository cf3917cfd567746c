"""Jinja2 rendering for the console and the payer page, with the display filters they share."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from netca_protocol import BusinessType, OrderState, PaymentMethod, PaymentState

CHINA = ZoneInfo("Asia/Shanghai")

STATE_NAMES = {
    OrderState.SUBMITTED: "已提交",
    OrderState.UNDER_REVIEW: "审核中",
    OrderState.APPROVED: "审核通过",
    OrderState.REJECTED: "已驳回",
    OrderState.AWAITING_PAYMENT: "待缴费",
    OrderState.PAID: "已缴费",
    OrderState.ISSUED: "已签发",
    OrderState.INSTALLED: "已安装",
    OrderState.COMPLETED: "已办结",
    OrderState.CANCELLED: "已取消",
}
BUSINESS_NAMES = {
    BusinessType.NEW: "新申请",
    BusinessType.RENEWAL: "续期",
    BusinessType.CHANGE: "变更",
    BusinessType.REPLACEMENT: "补办",
    BusinessType.UNLOCK: "解锁",
    BusinessType.SEAL_APPLY: "印章申请",
    BusinessType.SEAL_CHANGE: "印章变更",
}
KIND_NAMES = {"organisation": "单位证书", "employee": "单位员工证书"}
PAYMENT_NAMES = {
    PaymentMethod.SIMULATED: "在线支付（模拟）",
    PaymentMethod.BANK_TRANSFER: "对公转账",
    PaymentState.PENDING: "待确认",
    PaymentState.CONFIRMED: "已到账",
    PaymentState.REJECTED: "未匹配",
}


def yuan(fen: int) -> str:
    return f"¥{fen // 100:,}.{fen % 100:02d}"


def local_time(value: datetime | None) -> str:
    return value.astimezone(CHINA).strftime("%Y-%m-%d %H:%M:%S") if value else ""


def actor_name(actor: str) -> str:
    kind, _, name = actor.partition(":")
    labels = {"staff": "工作人员", "applicant": "经办人", "payment": "支付渠道"}
    if kind == "system":
        return "系统"
    return f"{labels.get(kind, kind)} {name}".strip()


templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.filters.update(
    yuan=yuan,
    local_time=local_time,
    actor_name=actor_name,
    state_name=lambda s: STATE_NAMES.get(OrderState(s), s) if s else "",
    business_name=lambda b: BUSINESS_NAMES.get(BusinessType(b), b),
    kind_name=lambda k: KIND_NAMES.get(str(k), k),
    payment_name=lambda p: PAYMENT_NAMES.get(p, p),
)


def render(request: Request, name: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    response = templates.TemplateResponse(request, name, context, status_code=status)
    response.headers["Content-Security-Policy"] = "default-src 'self'; frame-ancestors 'none'"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Cache-Control"] = "no-store"
    return response
