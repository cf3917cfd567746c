"""The key registry: provisioning at the counter, registration, 复审 (recheck), return; key audit.

Every step about a key is written to ``key_events`` in the same transaction as the step.
SO PINs are derived when handed out (services/so_pin.py) and never stored or logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from netca_protocol import (
    CertificateOut,
    KeyOut,
    KeyRegisterIn,
    KeyState,
    OrderOut,
    OrderState,
    ProvisionIn,
    ProvisionTicket,
    StaffCertificateIn,
)
from netca_protocol.errors import ErrorCode
from netca_ra.ca.interface import CertificateAuthority
from netca_ra.errors import ApiError
from netca_ra.models import (
    IssuedCertificate,
    KeyCertificate,
    KeyEvent,
    KeyRecord,
    Order,
    utcnow,
)
from netca_ra.services import idempotency, transitions
from netca_ra.services.certificates import CertificateService, check_issuable, issue_for
from netca_ra.services.orders import lock_order, order_out
from netca_ra.services.sms import deliver, mask_phone
from netca_ra.services.so_pin import derive_so_pin
from netca_ra.settings import RaSettings
from netca_ra.sms.gateway import SmsGateway

# Two-character surnames keep both characters when a name is masked (欧阳* rather than 欧*).
_SURNAMES = "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 "
_SURNAMES += "南宫 西门 独孤 百里 呼延 澹台 公冶 太史 申屠 钟离 闻人 赫连 濮阳 万俟"
COMPOUND_SURNAMES = frozenset(_SURNAMES.split(" "))
#: order states in which returning the key also cancels the order (its certificate is revoked)
CANCELLED_ON_RETURN = (OrderState.ISSUED, OrderState.INSTALLED, OrderState.RECHECKED)


def mask_name(name: str) -> str:
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else name[:1]
    return surname + "*"


def audit(
    session: Session,
    *,
    serial: str,
    actor: str,
    action: str,
    detail: str = "",
    request_id: str | None = None,
) -> None:
    session.add(
        KeyEvent(
            key_serial=serial,
            request_id=request_id,
            at=utcnow(),
            actor=actor,
            action=action,
            detail=detail,
        )
    )


def serials_of(record: KeyRecord) -> list[str]:
    """The certificates issued onto the key for its order, oldest first."""
    return [certificate.serial_hex for certificate in record.certificates]


def lock_key(session: Session, serial: str, *, lock: bool = True) -> KeyRecord:
    record = session.get(KeyRecord, serial, with_for_update=lock)
    if record is None:
        raise ApiError(ErrorCode.KEY_NOT_REGISTERED, 404, f"no key {serial} in the registry")
    return record


def key_out(record: KeyRecord, *, staff_view: bool = False) -> KeyOut:
    """The key on the wire. Without ``staff_view`` (anyone who knows the serial) it carries no
    personal data: no holder or handler name, and the masked phone only while the key awaits
    activation (where the activation code will go)."""
    order = record.order
    awaiting = record.state is KeyState.AWAITING_ACTIVATION
    return KeyOut(
        key_serial=record.serial,
        state=record.state,
        order_no=order.order_no,
        organisation_name=order.organisation_name,
        holder_name=(order.person_name or order.organisation_name) if staff_view else "",
        certificate_serials=serials_of(record),
        handler_name_masked=mask_name(record.handler_name) if staff_view else "",
        handler_mobile_masked=(mask_phone(record.handler_mobile) if staff_view or awaiting else ""),
        activation_allowed=activation_allowed(record),
        updated_at=record.updated_at,
    )


def activation_allowed(record: KeyRecord) -> bool:
    return (
        record.state is KeyState.AWAITING_ACTIVATION and record.order.state is OrderState.RECHECKED
    )


@dataclass(frozen=True)
class KeyRow:
    """A registry line for the console (never an SO PIN)."""

    serial: str
    model: str | None
    state: KeyState
    order_no: str
    so_pin_version: int
    updated_at: datetime
    activated_at: datetime | None


@dataclass(frozen=True)
class KeyAuditRow:
    at: datetime
    actor: str
    action: str
    detail: str
    request_id: str | None


class KeyService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        settings: RaSettings,
        *,
        ca: CertificateAuthority,
        certificates: CertificateService,
        gateway: SmsGateway,
    ) -> None:
        self._sessions = sessions
        self._settings = settings
        self._ca = ca
        self._certificates = certificates
        self._gateway = gateway

    def so_pin(self, serial: str, version: int) -> str:
        return derive_so_pin(self._settings.so_pin_master_key, serial=serial, version=version)

    # --- staff: provisioning -------------------------------------------------------

    def provision(self, order_no: str, payload: ProvisionIn, *, actor: str) -> ProvisionTicket:
        """A ticket to prepare a blank key for a paid new-certificate order (or to resume)."""
        serial = payload.key_serial
        with self._sessions.begin() as session:
            order = lock_order(session, order_no)
            profile = check_issuable(session, order, onto_key=True)
            record = session.get(KeyRecord, serial, with_for_update=True)
            resuming = (
                record is not None
                and record.order_id == order.id
                and record.state is KeyState.PROVISIONING
            )
            if order.state is not OrderState.PAID and not (
                resuming and order.state is OrderState.ISSUED
            ):
                raise ApiError(
                    ErrorCode.ILLEGAL_TRANSITION,
                    409,
                    f"order {order_no} is {order.state}; only paid orders are provisioned",
                    from_state=order.state,
                    to_state=OrderState.ISSUED.value,
                )
            if record is not None and not resuming and record.state is not KeyState.RETURNED:
                raise ApiError(
                    ErrorCode.KEY_ALREADY_REGISTERED,
                    409,
                    f"key {serial} is registered ({record.state}) to order {record.order.order_no}",
                )
            self._retire_other_keys(session, order, keep=serial, actor=actor)
            now = utcnow()
            if record is None:
                record = KeyRecord(serial=serial, so_pin_version=1, so_pin_issued=1, created_at=now)
                session.add(record)
            if not resuming:
                record.state = KeyState.PROVISIONING
                record.order_id = order.id
                record.order = order
                record.certificates.clear()
                record.handler_name = order.handler_name
                record.handler_id_number = order.handler_id_number
                record.handler_mobile = order.handler_mobile
            record.model = payload.key_model or record.model
            record.updated_at = now
            audit(
                session,
                serial=serial,
                actor=actor,
                action="provision_resumed" if resuming else "provisioning",
                detail=f"业务 {order_no}，下发 SO PIN 第 {record.so_pin_version} 版",
            )
            return ProvisionTicket(
                order=order_out(order, staff_view=True),
                key_serial=serial,
                so_pin=self.so_pin(serial, record.so_pin_version),
                so_pin_version=record.so_pin_version,
                algorithm=profile.key_algorithm,
                common_name=order.person_name or order.organisation_name,
            )

    def _retire_other_keys(self, session: Session, order: Order, *, keep: str, actor: str) -> None:
        """A paid order being provisioned onto another key: the earlier blank one is set aside."""
        others = session.scalars(
            select(KeyRecord).where(
                KeyRecord.order_id == order.id,
                KeyRecord.state == KeyState.PROVISIONING,
                KeyRecord.serial != keep,
            )
        )
        for other in others:
            other.state = KeyState.RETURNED
            other.updated_at = utcnow()
            audit(
                session,
                serial=other.serial,
                actor=actor,
                action="returned",
                detail=f"业务 {order.order_no} 改用密钥 {keep} 制证",
            )

    def issue_certificate(
        self,
        order_no: str,
        payload: StaffCertificateIn,
        *,
        actor: str,
        call: idempotency.IdempotentCall,
    ) -> CertificateOut:
        def action(session: Session, _: idempotency.Sealer) -> CertificateOut:
            order = lock_order(session, order_no)
            record = session.get(KeyRecord, payload.key_serial, with_for_update=True)
            if (
                record is None
                or record.order_id != order.id
                or record.state is not KeyState.PROVISIONING
            ):
                raise ApiError(
                    ErrorCode.KEY_STATE_CONFLICT,
                    409,
                    f"key {payload.key_serial} is not being provisioned for order {order_no}",
                )
            row = issue_for(
                session, self._ca, order, csr_pem=payload.csr_pem, actor=actor, onto_key=True
            )
            record.certificates.append(KeyCertificate(serial_hex=row.serial_hex, certificate=row))
            record.updated_at = utcnow()
            audit(
                session,
                serial=record.serial,
                actor=actor,
                action="certificate_issued",
                detail=f"证书 {row.serial_hex}（业务 {order_no}）",
            )
            return self._certificates.out(row)

        once = idempotency.Once(
            scope=f"POST /staff/orders/{order_no}/certificate",
            call=call,
            caller=lambda _: idempotency.caller_id("staff", actor),
        )
        return idempotency.run_once(
            self._sessions,
            once,
            action,
            answer=CertificateOut,
            seal_key=self._settings.effective_secret,
        )

    def register(self, serial: str, payload: KeyRegisterIn, *, actor: str) -> KeyOut:
        """The certificate is on the key: it awaits activation; the order is installed."""
        with self._sessions.begin() as session:
            record = lock_key(session, serial)
            certificate = payload.certificate_serial
            if record.state is KeyState.AWAITING_ACTIVATION and certificate in serials_of(record):
                return key_out(record, staff_view=True)  # a retry: nothing new to audit
            order = lock_order(session, record.order.order_no)
            if (
                record.state is not KeyState.PROVISIONING
                or certificate not in serials_of(record)
                or order.certificate_serial != certificate
            ):
                raise ApiError(
                    ErrorCode.KEY_STATE_CONFLICT,
                    409,
                    f"key {serial} is {record.state}; certificate {certificate} was not issued "
                    "onto it for its order",
                )
            now = utcnow()
            record.state = KeyState.AWAITING_ACTIVATION
            record.updated_at = now
            transitions.move(
                order, OrderState.INSTALLED, actor=actor, reason=f"证书已写入密钥 {serial}"
            )
            audit(
                session,
                serial=serial,
                actor=actor,
                action="registered",
                detail=f"证书 {certificate} 已写入密钥",
            )
            return key_out(record, staff_view=True)

    def recheck(self, order_no: str, *, actor: str) -> OrderOut:
        """复审: the paper materials are re-checked; the handler learns the key may be activated."""
        with self._sessions.begin() as session:
            order = lock_order(session, order_no)
            record = session.scalar(
                select(KeyRecord).where(
                    KeyRecord.order_id == order.id,
                    KeyRecord.state == KeyState.AWAITING_ACTIVATION,
                )
            )
            transitions.require(order, OrderState.RECHECKED)
            if record is None:
                raise ApiError(
                    ErrorCode.KEY_STATE_CONFLICT,
                    409,
                    f"order {order_no} has no key awaiting activation",
                )
            transitions.move(order, OrderState.RECHECKED, actor=actor, reason="纸质材料复审通过")
            audit(
                session,
                serial=record.serial,
                actor=actor,
                action="rechecked",
                detail=f"业务 {order_no}",
            )
            deliver(
                session,
                self._gateway,
                settings=self._settings,
                phone=order.handler_mobile,
                text=f"【NETCA-RA】您的证书已可激活：请插入密钥（{record.serial}），"
                f"在客户端选择“激活证书”。业务单号{order_no}。",
                order_no=order_no,
            )
            return order_out(order, staff_view=True)

    def return_key(self, serial: str, *, actor: str) -> KeyOut:
        """Take a key back before activation: its certificates are revoked, the order ends."""
        with self._sessions.begin() as session:
            record = lock_key(session, serial)
            if record.state is KeyState.ACTIVE:
                raise ApiError(ErrorCode.KEY_ACTIVATED, 409, "an activated key cannot be returned")
            if record.state is KeyState.RETURNED:
                return key_out(record, staff_view=True)
            order = lock_order(session, record.order.order_no)
            now = utcnow()
            for serial_hex in serials_of(record):
                certificate = session.get(IssuedCertificate, serial_hex, with_for_update=True)
                if certificate is not None and certificate.revoked_at is None:
                    certificate.revoked_at = now
                    certificate.revocation_reason = x509.ReasonFlags.cessation_of_operation.value
                    certificate.revoked_by = actor
            if order.state in CANCELLED_ON_RETURN:
                transitions.cancel_on_return(order, actor=actor, reason=f"密钥 {serial} 已归还")
            record.state = KeyState.RETURNED
            record.updated_at = now
            audit(
                session,
                serial=serial,
                actor=actor,
                action="returned",
                detail=f"业务 {order.order_no} 现为 {order.state}；"
                f"吊销证书：{'、'.join(serials_of(record)) or '无'}",
            )
            return key_out(record, staff_view=True)

    # --- reading -------------------------------------------------------------------

    def get(self, serial: str, *, staff_view: bool = False) -> KeyOut:
        with self._sessions.begin() as session:
            return key_out(lock_key(session, serial, lock=False), staff_view=staff_view)

    def registry(self, *, limit: int = 200) -> list[KeyRow]:
        with self._sessions.begin() as session:
            rows = session.scalars(
                select(KeyRecord).order_by(KeyRecord.updated_at.desc()).limit(limit)
            )
            return [_row(r) for r in rows]

    def row(self, serial: str) -> KeyRow:
        with self._sessions.begin() as session:
            return _row(lock_key(session, serial, lock=False))

    def for_order(self, order_no: str) -> list[KeyRow]:
        with self._sessions.begin() as session:
            rows = session.scalars(
                select(KeyRecord)
                .join(Order, KeyRecord.order_id == Order.id)
                .where(Order.order_no == order_no)
                .order_by(KeyRecord.created_at)
            )
            return [_row(r) for r in rows]

    def events(self, serial: str) -> list[KeyAuditRow]:
        with self._sessions.begin() as session:
            rows = session.scalars(
                select(KeyEvent).where(KeyEvent.key_serial == serial).order_by(KeyEvent.id)
            )
            return [
                KeyAuditRow(
                    at=e.at,
                    actor=e.actor,
                    action=e.action,
                    detail=e.detail,
                    request_id=e.request_id,
                )
                for e in rows
            ]


def _row(record: KeyRecord) -> KeyRow:
    return KeyRow(
        serial=record.serial,
        model=record.model,
        state=record.state,
        order_no=record.order.order_no,
        so_pin_version=record.so_pin_version,
        updated_at=record.updated_at,
        activated_at=record.activated_at,
    )
