"""Jinja2 rendering for the console and the payer page, with the display filters they share."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from netca_protocol import (
    BusinessType,
    KeyRequestPurpose,
    KeyRequestState,
    KeyState,
    OrderState,
    PaymentMethod,
    PaymentState,
)

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
    OrderState.RECHECKED: "已复审",
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
KEY_NAMES: dict[str, str] = {
    KeyState.PROVISIONING: "制证中",
    KeyState.AWAITING_ACTIVATION: "待激活",
    KeyState.ACTIVE: "已激活",
    KeyState.RETURNED: "已归还",
    KeyRequestPurpose.ACTIVATE: "激活证书",
    KeyRequestPurpose.UNLOCK: "忘记密码（解锁）",
    KeyRequestState.OTP_SENT: "待验证短信",
    KeyRequestState.MATERIALS_REQUIRED: "待上传材料",
    KeyRequestState.UNDER_REVIEW: "材料审核中",
    KeyRequestState.REJECTED: "已驳回",
    KeyRequestState.AUTHORISED: "已授权",
    KeyRequestState.SO_PIN_RELEASED: "已下发管理员口令",
    KeyRequestState.COMPLETED: "已完成",
    KeyRequestState.FAILED: "验证码错误次数过多",
    KeyRequestState.EXPIRED: "已过期",
    # key audit actions
    "provision_resumed": "再次领取制证参数",
    "certificate_issued": "签发证书",
    "registered": "证书已写入，待激活",
    "rechecked": "复审通过，已通知经办人",
    "request_created": "提交申请",
    "code_sent": "发送验证码",
    "wrong_code": "验证码错误",
    "material_uploaded": "上传材料",
    "handler_replaced": "更换登记的经办人",
    "seal_order_created": "申请印章",
    "seal_made": "印章审核通过，已制作",
    "seal_installed": "印章已安装",
}
SEAL_KIND_NAMES = {
    "official": "公章",
    "contract": "合同专用章",
    "finance": "财务专用章",
    "legal_representative": "法人章",
    "signature": "手写签名",
}
SEAL_STATE_NAMES = {
    "materials_required": "待上传盖章扫描件",
    "under_review": "审核中",
    "rejected": "已驳回",
    "approved": "审核通过，印章待安装",
    "installed": "已安装",
    "cancelled": "已取消",
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
    if kind == "holder":
        return "持有人（客户端）"
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
    key_name=lambda k: KEY_NAMES.get(str(k), k),
    seal_kind=lambda k: SEAL_KIND_NAMES.get(str(k), k),
    seal_state=lambda s: SEAL_STATE_NAMES.get(str(s), s),
)


def render(request: Request, name: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    response = templates.TemplateResponse(request, name, context, status_code=status)
    response.headers["Content-Security-Policy"] = "default-src 'self'; frame-ancestors 'none'"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Cache-Control"] = "no-store"
    return response
