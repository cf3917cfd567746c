"""Request and response bodies of the RA protocol (``/api/v1``), shared by client and RA.

Amounts are integers in fen (1 CNY = 100 fen), never floats.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

API_PREFIX = "/api/v1"
IDEMPOTENCY_HEADER = "Idempotency-Key"
ORDER_TOKEN_HEADER = "X-Order-Token"  # noqa: S105 - a header name

# 统一社会信用代码: 18 characters, GB 32100-2015 alphabet (no I, O, S, V, Z).
USCC_PATTERN = r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$"
ID_NUMBER_PATTERN = r"^[0-9]{17}[0-9X]$"
MOBILE_PATTERN = r"^1[3-9][0-9]{9}$"
ORDER_NO_PATTERN = r"^[0-9]{17}$"
SERVICE_ID_PATTERN = r"^[A-Za-z0-9_-]{1,32}$"

Fen = Annotated[int, Field(ge=0, le=100_000_000)]
ShortText = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[^\x00-\x1f\x7f]+$")]


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OrderState(StrEnum):
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    APPROVED = "approved"
    REJECTED = "rejected"
    AWAITING_PAYMENT = "awaiting_payment"
    PAID = "paid"
    ISSUED = "issued"
    INSTALLED = "installed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class BusinessType(StrEnum):
    NEW = "new"
    RENEWAL = "renewal"
    CHANGE = "change"
    REPLACEMENT = "replacement"
    UNLOCK = "unlock"
    SEAL_APPLY = "seal_apply"
    SEAL_CHANGE = "seal_change"


class CertificateKind(StrEnum):
    ORGANISATION = "organisation"
    EMPLOYEE = "employee"


class PaymentMethod(StrEnum):
    SIMULATED = "simulated"
    BANK_TRANSFER = "bank_transfer"


class PaymentState(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class FeeSchedule(_Wire):
    """What a service profile charges, in fen. ``first_year_fen`` replaces one year's fee on new."""

    per_year_fen: Fen
    first_year_fen: Fen | None = None
    medium_fen: Fen = 0
    change_fen: Fen = 0
    unlock_fen: Fen = 0


class ProfileOut(_Wire):
    service_id: str
    name: str
    certificate_kind: CertificateKind
    medium: str
    fees: FeeSchedule
    business_types: list[BusinessType]
    validity_years: list[int]


class HandlerIn(_Wire):
    """经办人: the person the organisation authorised for this order."""

    name: ShortText
    id_number: Annotated[str, Field(pattern=ID_NUMBER_PATTERN)]
    mobile: Annotated[str, Field(pattern=MOBILE_PATTERN)]


class SubjectIn(_Wire):
    """Who the certificate names. ``person_name`` is required for employee certificates."""

    organisation_name: ShortText
    unified_social_credit_code: Annotated[str, Field(pattern=USCC_PATTERN)]
    organisation_unit: ShortText | None = None
    person_name: ShortText | None = None


class OrderCreate(_Wire):
    service_id: Annotated[str, Field(pattern=SERVICE_ID_PATTERN)]
    business_type: BusinessType
    validity_years: Annotated[int, Field(ge=1, le=5)]
    subject: SubjectIn
    handler: HandlerIn


class AuditEntry(_Wire):
    at: datetime
    actor: str
    from_state: OrderState | None
    to_state: OrderState
    reason: str = ""


class OrderOut(_Wire):
    order_no: str
    service_id: str
    business_type: BusinessType
    certificate_kind: CertificateKind
    validity_years: int
    state: OrderState
    amount_fen: int
    paid_fen: int
    subject: SubjectIn
    handler: HandlerIn
    created_at: datetime
    updated_at: datetime
    certificate_serial: str | None = None
    audit: list[AuditEntry] = []


class OrderCreated(_Wire):
    """The new order plus the secret that authorises later calls about it (keep it)."""

    order: OrderOut
    access_token: str


class BankTransferIn(_Wire):
    """对公转账: what the applicant reports about a transfer, for staff to match."""

    payer_account: Annotated[str, Field(min_length=4, max_length=40, pattern=r"^[0-9 -]+$")]
    payer_name: ShortText
    amount_fen: Annotated[int, Field(ge=1, le=100_000_000)]
    transfer_date: date


class PaymentIn(_Wire):
    method: PaymentMethod
    bank_transfer: BankTransferIn | None = None


class PaymentOut(_Wire):
    payment_id: str
    order_no: str
    method: PaymentMethod
    state: PaymentState
    amount_fen: int
    payment_url: str | None = None
    created_at: datetime
    confirmed_at: datetime | None = None


class CertificateIn(_Wire):
    csr_pem: Annotated[str, Field(min_length=1, max_length=20_000)]


class CertificateOut(_Wire):
    serial_hex: str
    certificate_pem: str
    chain_pem: list[str]
    not_before: datetime
    not_after: datetime


class CaCertificates(_Wire):
    root_pem: str
    issuing_pem: str
    tsa_pem: str
    seal_maker_pem: str


class OtpSent(_Wire):
    sent_to: str
    expires_at: datetime


class OtpVerifyIn(_Wire):
    code: Annotated[str, Field(pattern=r"^[0-9]{6}$")]


class OtpVerified(_Wire):
    verified: bool
