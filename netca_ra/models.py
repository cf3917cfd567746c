"""ORM models (SQLAlchemy 2, typed). Wire models live in netca_protocol, not here.

States and kinds are enum columns of the protocol's enums (see ``values_of``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from netca_protocol import (
    BusinessType,
    CertificateKind,
    KeyAlgorithm,
    KeyRequestPurpose,
    KeyRequestState,
    KeyState,
    OrderState,
    PaymentMethod,
    PaymentState,
    StaffRole,
)
from netca_protocol.seals import SealOrderKind, SealOrderState


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def values_of(enum_type: type[StrEnum], *, length: int) -> Enum:
    """The column type for members of ``enum_type``, stored as their values in ``VARCHAR(length)``.

    Not a native PostgreSQL ENUM and no CHECK constraint: the schema is the same on SQLite and
    PostgreSQL, and a new state (renewal, seals) needs no DDL migration. SQLAlchemy refuses
    any other value on the way in (``validate_strings``) and on the way out, so the code only
    ever sees members of the enum.
    """
    return Enum(
        enum_type,
        native_enum=False,
        create_constraint=False,
        length=length,
        validate_strings=True,
        values_callable=lambda members: [member.value for member in members],
    )


class Base(DeclarativeBase):
    pass


class ServiceProfile(Base):
    """项目: a fee schedule with the business types and validity years it allows."""

    __tablename__ = "service_profiles"

    service_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    certificate_kind: Mapped[CertificateKind] = mapped_column(values_of(CertificateKind, length=16))
    medium: Mapped[str] = mapped_column(String(16))
    per_year_fen: Mapped[int] = mapped_column(Integer)
    first_year_fen: Mapped[int | None] = mapped_column(Integer)
    medium_fen: Mapped[int] = mapped_column(Integer)
    change_fen: Mapped[int] = mapped_column(Integer)
    unlock_fen: Mapped[int] = mapped_column(Integer)
    business_types: Mapped[str] = mapped_column(String(200))
    validity_years: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    key_algorithm: Mapped[KeyAlgorithm] = mapped_column(
        values_of(KeyAlgorithm, length=16), server_default=KeyAlgorithm.RSA_2048.value
    )


class OrderSequence(Base):
    """Per-day order-number counter, incremented atomically in the database."""

    __tablename__ = "order_sequences"

    day: Mapped[str] = mapped_column(String(8), primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)


class Order(Base):
    """业务: one business order and its current state."""

    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_no: Mapped[str] = mapped_column(String(17), unique=True)
    service_id: Mapped[str] = mapped_column(ForeignKey("service_profiles.service_id"))
    business_type: Mapped[BusinessType] = mapped_column(values_of(BusinessType, length=16))
    certificate_kind: Mapped[CertificateKind] = mapped_column(values_of(CertificateKind, length=16))
    validity_years: Mapped[int] = mapped_column(Integer)
    state: Mapped[OrderState] = mapped_column(values_of(OrderState, length=20), index=True)
    amount_fen: Mapped[int] = mapped_column(Integer)
    paid_fen: Mapped[int] = mapped_column(Integer, default=0)
    organisation_name: Mapped[str] = mapped_column(String(64))
    unified_social_credit_code: Mapped[str] = mapped_column(String(18))
    organisation_unit: Mapped[str | None] = mapped_column(String(64))
    person_name: Mapped[str | None] = mapped_column(String(64))
    handler_name: Mapped[str] = mapped_column(String(64))
    handler_id_number: Mapped[str] = mapped_column(String(18))
    handler_mobile: Mapped[str] = mapped_column(String(11), index=True)
    access_token_hash: Mapped[str] = mapped_column(String(64))
    certificate_serial: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    events: Mapped[list[OrderEvent]] = relationship(
        back_populates="order", order_by="OrderEvent.id", cascade="all, delete-orphan"
    )
    payments: Mapped[list[Payment]] = relationship(
        back_populates="order", order_by="Payment.id", cascade="all, delete-orphan"
    )


class OrderEvent(Base):
    """Audit trail: one row per state transition (who, when, why)."""

    __tablename__ = "order_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(80))
    from_state: Mapped[OrderState | None] = mapped_column(values_of(OrderState, length=20))
    to_state: Mapped[OrderState] = mapped_column(values_of(OrderState, length=20))
    reason: Mapped[str] = mapped_column(Text, default="")

    order: Mapped[Order] = relationship(back_populates="events")


class IdempotencyRecord(Base):
    """The stored answer to a state-changing request, replayed when its key comes again."""

    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("scope", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(128))
    request_hash: Mapped[str] = mapped_column(String(64))
    #: who may have it replayed: "anyone", or a hash naming an order token or a staff member
    caller: Mapped[str] = mapped_column(String(80))
    status_code: Mapped[int] = mapped_column(Integer)
    #: the answer with each bearer secret replaced by "sealed:<seed>" (see services/idempotency)
    response_body: Mapped[str] = mapped_column(Text)
    #: "seed.check,…": how to rebuild the secrets, and a short hash to tell a rebuild went right
    sealed: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Payment(Base):
    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    method: Mapped[PaymentMethod] = mapped_column(values_of(PaymentMethod, length=16))
    state: Mapped[PaymentState] = mapped_column(values_of(PaymentState, length=16), index=True)
    amount_fen: Mapped[int] = mapped_column(Integer)
    payer_token_hash: Mapped[str | None] = mapped_column(String(64))
    payer_account: Mapped[str | None] = mapped_column(String(40))
    payer_name: Mapped[str | None] = mapped_column(String(64))
    transfer_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    confirmed_by: Mapped[str | None] = mapped_column(String(80))

    order: Mapped[Order] = relationship(back_populates="payments")


class IssuedCertificate(Base):
    """Every certificate the built-in CA signed, with its revocation status (CRL, OCSP)."""

    __tablename__ = "certificates"

    serial_hex: Mapped[str] = mapped_column(String(40), primary_key=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    profile: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(Text)
    not_before: Mapped[datetime] = mapped_column(UtcDateTime)
    not_after: Mapped[datetime] = mapped_column(UtcDateTime)
    pem: Mapped[str] = mapped_column(Text)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revocation_reason: Mapped[str | None] = mapped_column(String(32))
    revoked_by: Mapped[str | None] = mapped_column(String(80))


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[StaffRole] = mapped_column(values_of(StaffRole, length=16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class StaffSession(Base):
    """A console login; the cookie holds a random token, the database only its SHA-256."""

    __tablename__ = "staff_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)

    staff: Mapped[Staff] = relationship()


class SmsMessage(Base):
    """Every SMS the RA sent (or, in dev mode, put in the outbox instead of sending)."""

    __tablename__ = "sms_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    phone: Mapped[str] = mapped_column(String(11), index=True)
    order_no: Mapped[str | None] = mapped_column(String(17))
    text: Mapped[str] = mapped_column(Text)
    gateway: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class RateCounter(Base):
    """Rate-limit counters per fixed window (services/ratelimit.py judges them over a sliding
    one), incremented atomically in the database."""

    __tablename__ = "rate_counters"

    scope: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    window_start: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class OneTimeCode(Base):
    """An SMS one-time code, stored as an HMAC only."""

    __tablename__ = "one_time_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class KeyRecord(Base):
    """The key registry: one USB key, its state, SO PIN version and handler on record.

    The SO PIN itself is never stored: it is derived from a master secret, the serial and
    ``so_pin_version`` whenever it is released.
    """

    __tablename__ = "key_records"

    serial: Mapped[str] = mapped_column(String(32), primary_key=True)
    model: Mapped[str | None] = mapped_column(String(64))
    state: Mapped[KeyState] = mapped_column(values_of(KeyState, length=24), index=True)
    so_pin_version: Mapped[int] = mapped_column(Integer)
    #: the highest SO PIN version ever handed out for this key (confirmed or not); a release
    #: allocates the version after it, so no version is told to two requests
    so_pin_issued: Mapped[int] = mapped_column(Integer)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    handler_name: Mapped[str] = mapped_column(String(64))
    handler_id_number: Mapped[str] = mapped_column(String(18))
    handler_mobile: Mapped[str] = mapped_column(String(11))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    activated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    order: Mapped[Order] = relationship()
    #: the certificates issued onto this key for its order, oldest first
    certificates: Mapped[list[KeyCertificate]] = relationship(
        order_by="KeyCertificate.id", cascade="all, delete-orphan"
    )


class KeyCertificate(Base):
    """A certificate issued onto a key at the counter, for the order the key is registered to."""

    __tablename__ = "key_certificates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_serial: Mapped[str] = mapped_column(ForeignKey("key_records.serial"), index=True)
    serial_hex: Mapped[str] = mapped_column(ForeignKey("certificates.serial_hex"), unique=True)

    certificate: Mapped[IssuedCertificate] = relationship()


class KeyRequest(Base):
    """An activation (激活) or unlock (忘记密码) request about one key."""

    __tablename__ = "key_requests"

    request_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    key_serial: Mapped[str] = mapped_column(ForeignKey("key_records.serial"), index=True)
    purpose: Mapped[KeyRequestPurpose] = mapped_column(values_of(KeyRequestPurpose, length=16))
    state: Mapped[KeyRequestState] = mapped_column(
        values_of(KeyRequestState, length=24), index=True
    )
    secret_hash: Mapped[str] = mapped_column(String(64))
    #: unlock: who the user says the handler is (checked against the key's handler)
    handler_name: Mapped[str | None] = mapped_column(String(64))
    handler_id_number: Mapped[str | None] = mapped_column(String(18))
    handler_mobile: Mapped[str | None] = mapped_column(String(11))
    handler_matched: Mapped[bool | None] = mapped_column(Boolean)
    #: wrong codes over the whole request (a new code never resets it)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_to: Mapped[str | None] = mapped_column(String(16))
    last_code_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    review_reason: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[str | None] = mapped_column(String(80))
    #: the key's SO PIN version when the SO PIN was released to this request
    released_version: Mapped[int | None] = mapped_column(Integer)
    #: the version allocated to this request for the key's next SO PIN (kept for re-releases)
    next_version: Mapped[int | None] = mapped_column(Integer)
    #: who approved the materials: only then may confirmation change the handler on record
    handler_approved_by: Mapped[str | None] = mapped_column(String(80))
    so_pin_version: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)

    key: Mapped[KeyRecord] = relationship()
    codes: Mapped[list[KeyCode]] = relationship(
        back_populates="request", order_by="KeyCode.id", cascade="all, delete-orphan"
    )
    materials: Mapped[list[KeyMaterial]] = relationship(
        back_populates="request", order_by="KeyMaterial.id", cascade="all, delete-orphan"
    )


class KeyCode(Base):
    """A one-time code sent for a key request: an HMAC over request, key and code only."""

    __tablename__ = "key_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[str] = mapped_column(ForeignKey("key_requests.request_id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    request: Mapped[KeyRequest] = relationship(back_populates="codes")


class KeyMaterial(Base):
    """An uploaded application material (jpg/png/pdf, content checked) for an unlock review."""

    __tablename__ = "key_materials"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[str] = mapped_column(ForeignKey("key_requests.request_id"), index=True)
    filename: Mapped[str] = mapped_column(String(128))
    media_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    request: Mapped[KeyRequest] = relationship(back_populates="materials")


class KeyEvent(Base):
    """Key audit trail: every step about a key or one of its requests (who, when, what)."""

    __tablename__ = "key_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_serial: Mapped[str] = mapped_column(String(32), index=True)
    request_id: Mapped[str | None] = mapped_column(String(32), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="")


# --- 证书续期: online renewal (issue 17) ---------------------------------------------------


class RenewalPolicy(Base):
    """How a service profile renews online: whether, how early, approval, revocation, agreement."""

    __tablename__ = "renewal_policies"

    service_id: Mapped[str] = mapped_column(
        ForeignKey("service_profiles.service_id"), primary_key=True
    )
    online: Mapped[bool] = mapped_column(Boolean)
    #: renewable online within this many days before expiry
    window_days: Mapped[int] = mapped_column(Integer)
    approval: Mapped[str] = mapped_column(String(16))
    revoke_old: Mapped[str] = mapped_column(String(16))
    agreement_title: Mapped[str] = mapped_column(String(128))
    agreement_text: Mapped[str] = mapped_column(Text)


class Renewal(Base):
    """One renewal order: its unguessable id, the invoice details, the certificates it renews."""

    __tablename__ = "renewals"

    renewal_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), unique=True)
    approval: Mapped[str] = mapped_column(String(16))
    invoice_title: Mapped[str] = mapped_column(String(100))
    invoice_tax_id: Mapped[str | None] = mapped_column(String(20))
    invoice_email: Mapped[str | None] = mapped_column(String(254))
    invoice_mobile: Mapped[str | None] = mapped_column(String(11))
    invoice_no: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    order: Mapped[Order] = relationship()
    items: Mapped[list[RenewalItem]] = relationship(
        order_by="RenewalItem.id", cascade="all, delete-orphan"
    )


class RenewalItem(Base):
    """A certificate a renewal replaces, on which key, with the CSR of the new key pair."""

    __tablename__ = "renewal_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    renewal_id: Mapped[str] = mapped_column(ForeignKey("renewals.renewal_id"), index=True)
    old_serial: Mapped[str] = mapped_column(ForeignKey("certificates.serial_hex"), index=True)
    key_serial: Mapped[str] = mapped_column(String(32))
    service_id: Mapped[str] = mapped_column(String(32))
    revoke_old: Mapped[str] = mapped_column(String(16))
    csr_pem: Mapped[str] = mapped_column(Text)
    new_serial: Mapped[str | None] = mapped_column(String(40))
    installed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class RenewalNonce(Base):
    """A nonce handed out for one proof of possession: its hash, lifetime and use."""

    __tablename__ = "renewal_nonces"

    nonce_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Invoice(Base):
    """电子发票: the record of an e-invoice and its PDF."""

    __tablename__ = "invoices"

    invoice_no: Mapped[str] = mapped_column(String(20), primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    title: Mapped[str] = mapped_column(String(100))
    tax_id: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    mobile: Mapped[str | None] = mapped_column(String(11))
    amount_fen: Mapped[int] = mapped_column(Integer)
    pdf: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


# --- seal applications and proof of possession (issue 18) ------------------------------------


class PossessionNonce(Base):
    """A fresh nonce for one proof of possession: its SHA-256 only, used once, for minutes."""

    __tablename__ = "possession_nonces"

    nonce_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class SealOrder(Base):
    """申请印章 / 变更印章: the seal application behind a seal order, for one key and the
    signing certificate on it; the seal once made."""

    __tablename__ = "seal_orders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), unique=True)
    key_serial: Mapped[str] = mapped_column(ForeignKey("key_records.serial"), index=True)
    certificate_serial: Mapped[str] = mapped_column(ForeignKey("certificates.serial_hex"))
    state: Mapped[SealOrderState] = mapped_column(values_of(SealOrderState, length=24), index=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    replaces_seal_id: Mapped[str] = mapped_column(String(64), default="")
    review_reason: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[str | None] = mapped_column(String(80))
    seal_id: Mapped[str | None] = mapped_column(String(64))
    seal_sha256: Mapped[str | None] = mapped_column(String(64))
    seal_der: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    seal_valid_from: Mapped[datetime | None] = mapped_column(UtcDateTime)
    seal_valid_to: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    installed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    order: Mapped[Order] = relationship()
    certificate: Mapped[IssuedCertificate] = relationship()
    revisions: Mapped[list[SealRevision]] = relationship(
        order_by="SealRevision.revision", cascade="all, delete-orphan"
    )
    materials: Mapped[list[SealMaterial]] = relationship(
        order_by="SealMaterial.id", cascade="all, delete-orphan"
    )


class SealRevision(Base):
    """One version of a seal application's details; 修改资料 adds one, never overwrites."""

    __tablename__ = "seal_revisions"
    __table_args__ = (UniqueConstraint("seal_order_id", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seal_order_id: Mapped[int] = mapped_column(ForeignKey("seal_orders.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    seal_kind: Mapped[SealOrderKind] = mapped_column(values_of(SealOrderKind, length=24))
    seal_name: Mapped[str] = mapped_column(String(64))
    size_mm: Mapped[int] = mapped_column(Integer)
    handler_name: Mapped[str] = mapped_column(String(64))
    handler_id_number: Mapped[str] = mapped_column(String(18))
    handler_mobile: Mapped[str] = mapped_column(String(11))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class SealMaterial(Base):
    """A scan of the stamped application form (jpg/png/pdf, content checked), per revision."""

    __tablename__ = "seal_materials"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seal_order_id: Mapped[int] = mapped_column(ForeignKey("seal_orders.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(128))
    media_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
