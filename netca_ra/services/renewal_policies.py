"""Renewal policies per service profile (online or not, window, approval, revocation, agreement)
and the offer: may this certificate be renewed online now, and if not, why."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from netca_protocol import BusinessType, OrderState, PaymentState
from netca_protocol.renewal import Approval, RenewalOffer, RenewalRefusal, RevokeOld
from netca_ra.models import (
    IssuedCertificate,
    Order,
    Renewal,
    RenewalItem,
    RenewalPolicy,
    ServiceProfile,
    utcnow,
)
from netca_ra.services.profiles import profile_out

AGREEMENT_TITLE = "网证通电子认证服务协议（示例）"
#: A short agreement in the spirit of the public guides' 电子认证服务协议 (written for this RA).
AGREEMENT_TEXT = "\n".join(
    (
        "订户在申请（包括续期、更新）、下载或使用本机构签发的数字证书之前，应先阅读并同意本协议。订户一旦提交续期申请，即表明同意接受并遵守本协议的全部条款。",
        "",
        "一、订户应保证所提供资料真实、完整、合法；资料发生变化时，应及时到受理点办理变更。",
        "二、订户应妥善保管数字证书、私钥及其保护密码（PIN），不得泄露或交付他人；因保管不善造成的损失由订户承担。",
        "三、续期将在 USB Key 上生成新的密钥对并签发新证书；"
        "原签名证书和密钥在新证书安装成功后删除，原证书按项目规定吊销。",
        "四、若曾用原证书加密过文件，请在续期前先解密这些文件，"
        "或保留原加密密钥（客户端会将其标记为已归档，不会删除）。",
        "五、证书遗失或被盗时，订户应立即到受理点办理注销。",
        "六、续期费用按所选年限计收，缴费后不予退还；电子发票发送到订户填写的手机或邮箱。",
    )
)

#: profiles renew online within 90 days of expiry unless they say otherwise
DEFAULT_WINDOW_DAYS = 90
#: the seeded profiles' policies: (online, window, approval, when the old certificate goes)
DEFAULT_POLICIES: dict[str, tuple[bool, int, Approval, RevokeOld]] = {
    "GD-ORG": (True, 90, Approval.AUTOMATIC, RevokeOld.AT_INSTALL),
    "GD-EMP": (True, 90, Approval.AUTOMATIC, RevokeOld.AT_INSTALL),
    "GD-PROC": (True, 30, Approval.STAFF, RevokeOld.IMMEDIATELY),
    "GD-MOBILE": (False, 90, Approval.AUTOMATIC, RevokeOld.AT_INSTALL),
}
#: renewal orders in these states hold their certificate: no second renewal of it
OPEN_STATES = (
    OrderState.SUBMITTED,
    OrderState.UNDER_REVIEW,
    OrderState.APPROVED,
    OrderState.AWAITING_PAYMENT,
    OrderState.PAID,
    OrderState.ISSUED,
)


def agreement_version(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def seed_policies(sessions: sessionmaker[Session]) -> int:
    """A policy for every profile that has none (defaults above, else online in 90 days)."""
    added = 0
    with sessions.begin() as session:
        for profile in session.scalars(select(ServiceProfile)):
            if session.get(RenewalPolicy, profile.service_id) is not None:
                continue
            online, window, approval, revoke = DEFAULT_POLICIES.get(
                profile.service_id,
                (True, DEFAULT_WINDOW_DAYS, Approval.AUTOMATIC, RevokeOld.AT_INSTALL),
            )
            session.add(
                RenewalPolicy(
                    service_id=profile.service_id, online=online, window_days=window,
                    approval=approval.value, revoke_old=revoke.value,
                    agreement_title=AGREEMENT_TITLE, agreement_text=AGREEMENT_TEXT,
                )
            )  # fmt: skip
            added += 1
    return added


@dataclass(frozen=True)
class Renewable:
    """A certificate that may be renewed now, with its order and the profile's policy."""

    certificate: IssuedCertificate
    order: Order
    profile: ServiceProfile
    policy: RenewalPolicy


def open_orders(session: Session, serial: str) -> list[Order]:
    """Unfinished renewal orders that replace this certificate."""
    rows = session.scalars(
        select(Order)
        .join(Renewal, Renewal.order_id == Order.id)
        .join(RenewalItem, RenewalItem.renewal_id == Renewal.renewal_id)
        .where(RenewalItem.old_serial == serial, Order.state.in_(OPEN_STATES))
    )
    return list(rows)


def judge(
    session: Session, serial: str, *, now: datetime | None = None
) -> tuple[Renewable | None, RenewalOffer]:
    """Whether ``serial`` may be renewed online now: the parts when it may, and the offer."""
    now = now or utcnow()
    cert = session.get(IssuedCertificate, serial.lower())
    order = session.get(Order, cert.order_id) if cert and cert.order_id else None
    if (
        cert is None
        or order is None
        or order.business_type
        not in (
            BusinessType.NEW,
            BusinessType.RENEWAL,
        )
    ):
        return None, RenewalOffer(
            certificate_serial=serial, eligible=False,
            refusal=RenewalRefusal.UNKNOWN_CERTIFICATE,
            not_after=cert.not_after if cert else None,
        )  # fmt: skip
    profile = session.get(ServiceProfile, order.service_id)
    policy = session.get(RenewalPolicy, order.service_id)
    assert profile is not None
    refusal: RenewalRefusal | None = None
    renewable_from = None
    if cert.revoked_at is not None:
        refusal = RenewalRefusal.REVOKED
    elif cert.not_after <= now:
        refusal = RenewalRefusal.EXPIRED
    elif (
        policy is None
        or not policy.online
        or not profile.active
        or BusinessType.RENEWAL.value not in profile.business_types.split(",")
    ):
        refusal = RenewalRefusal.NOT_ONLINE
    else:
        renewable_from = cert.not_after - timedelta(days=policy.window_days)
        if now < renewable_from:
            refusal = RenewalRefusal.TOO_EARLY
        elif any(paid_or_pending(o) for o in open_orders(session, cert.serial_hex)):
            refusal = RenewalRefusal.IN_PROGRESS
    offer = _offer(cert, profile, policy, refusal=refusal, renewable_from=renewable_from)
    if refusal is not None or policy is None:
        return None, offer
    return Renewable(cert, order, profile, policy), offer


def paid_or_pending(order: Order) -> bool:
    """Money moved (or was reported) for this order: it may not simply be replaced."""
    return order.state in (OrderState.PAID, OrderState.ISSUED) or any(
        payment.state is PaymentState.PENDING for payment in order.payments
    )


def _offer(
    cert: IssuedCertificate,
    profile: ServiceProfile,
    policy: RenewalPolicy | None,
    *,
    refusal: RenewalRefusal | None,
    renewable_from: datetime | None,
) -> RenewalOffer:
    out = profile_out(profile)
    return RenewalOffer(
        certificate_serial=cert.serial_hex,
        eligible=refusal is None,
        refusal=refusal,
        not_after=cert.not_after,
        renewable_from=renewable_from,
        window_days=policy.window_days if policy else 0,
        service_id=out.service_id,
        profile_name=out.name,
        per_year_fen=out.fees.per_year_fen,
        validity_years=out.validity_years,
        approval=Approval(policy.approval) if policy else Approval.AUTOMATIC,
        revoke_old=RevokeOld(policy.revoke_old) if policy else RevokeOld.AT_INSTALL,
        agreement_title=policy.agreement_title if policy else "",
        agreement_text=policy.agreement_text if policy else "",
        agreement_version=agreement_version(policy.agreement_text) if policy else "",
    )
