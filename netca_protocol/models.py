"""Request and response bodies of the RA protocol (``/api/v1``), shared by client and RA.

Amounts are integers in fen (1 CNY = 100 fen), never floats.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

# Re-exported: the RA imports these from here.
from netca_protocol.enums import BusinessType as BusinessType
from netca_protocol.enums import KeyRequestPurpose as KeyRequestPurpose
from netca_protocol.limits import (
    ID_NUMBER_PATTERN,
    MAX_NAME_LENGTH,
    MOBILE_PATTERN,
    OTP_CODE_PATTERN,
    REQUEST_SECRET_PATTERN,
    USCC_PATTERN,
)
from netca_protocol.limits import KEY_SERIAL_PATTERN as KEY_SERIAL_PATTERN
from netca_protocol.limits import ORDER_NO_PATTERN as ORDER_NO_PATTERN
from netca_protocol.limits import SERVICE_ID_PATTERN as SERVICE_ID_PATTERN

API_PREFIX = "/api/v1"
IDEMPOTENCY_HEADER = "Idempotency-Key"
ORDER_TOKEN_HEADER = "X-Order-Token"  # noqa: S105 - a header name

#: Text a person typed (names, units): no control characters (C0, DEL, C1), no invisible
#: formatting (bidi overrides such as U+202E, zero-width characters, BOM, tag characters),
#: no line or paragraph separators. These end up in certificate subjects, the console and
#: terminals, where they can disguise what a name says. The pattern spells out the
#: Basic Multilingual Plane for OpenAPI readers; ``visible_text`` checks every plane.
SAFE_TEXT_PATTERN = (
    r"^[^\x00-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    r"\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]+$"
)
#: Unicode categories refused in typed text: controls, formats, line and paragraph
#: separators, lone surrogates. Private-use and (to this Python) unassigned code points stay
#: allowed: rare characters in Chinese names (生僻字) live there.
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def unsafe_characters(text: str) -> list[str]:
    """The code points of ``text`` that must not appear in a name (as U+XXXX)."""
    return [
        f"U+{ord(char):04X}" for char in text if unicodedata.category(char) in UNSAFE_CATEGORIES
    ]


def visible_text(text: str) -> str:
    """Refuse text with control or invisible formatting characters (a pydantic validator)."""
    found = unsafe_characters(text)
    if found:
        raise ValueError(f"control or invisible characters are not allowed: {', '.join(found)}")
    return text


def visible_lines(text: str) -> str:
    """Like ``visible_text``, but line breaks (CR, LF) are allowed: free text such as a reason."""
    visible_text(text.replace("\r", "").replace("\n", ""))
    return text


Fen = Annotated[int, Field(ge=0, le=100_000_000)]
ShortText = Annotated[
    str,
    Field(min_length=1, max_length=MAX_NAME_LENGTH, pattern=SAFE_TEXT_PATTERN),
    AfterValidator(visible_text),
]


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
    RECHECKED = "rechecked"  # 复审: paper materials re-checked; the key may be activated
    COMPLETED = "completed"
    CANCELLED = "cancelled"


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


class KeyAlgorithm(StrEnum):
    """The key pair a service profile's certificates are made for (what the counter generates
    on the key). SM2 is certified by the RA's SM2 issuing CA (docs/gm.md)."""

    RSA_2048 = "rsa2048"
    EC_P256 = "ec-p256"
    SM2 = "sm2"


class ProfileOut(_Wire):
    service_id: str
    name: str
    certificate_kind: CertificateKind
    medium: str
    fees: FeeSchedule
    business_types: list[BusinessType]
    validity_years: list[int]
    #: the key pair its certificates are for: SM2 profiles (国密) take only SM2 requests and
    #: are issued by the SM2 CA; the others never take SM2
    key_algorithm: KeyAlgorithm = KeyAlgorithm.RSA_2048


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
    code: Annotated[str, Field(pattern=OTP_CODE_PATTERN)]


class OtpVerified(_Wire):
    verified: bool


# --- staff sessions from the client (受理点模式) ------------------------------------

STAFF_AUTH_SCHEME = "Bearer"
REQUEST_TOKEN_HEADER = "X-Request-Token"  # noqa: S105 - a header name


class StaffRole(StrEnum):
    REVIEWER = "reviewer"
    COUNTER = "counter"
    ADMIN = "admin"


class StaffLoginIn(_Wire):
    username: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.@-]{1,64}$")]
    password: Annotated[str, Field(min_length=1, max_length=200)]


class StaffSessionOut(_Wire):
    """A staff API session: send ``Authorization: Bearer <token>``; it expires at ``expires_at``."""

    token: str
    expires_at: datetime
    username: str
    display_name: str
    role: StaffRole


# --- the key registry and provisioning -----------------------------------------------


class KeyState(StrEnum):
    PROVISIONING = "provisioning"  # a ticket was handed out; the certificate is not on it yet
    AWAITING_ACTIVATION = "awaiting_activation"  # provisioned; the holder has not set a PIN
    ACTIVE = "active"  # activated: the holder's own PIN; cannot be returned
    RETURNED = "returned"  # taken back before activation


class ProvisionIn(_Wire):
    key_serial: Annotated[str, Field(pattern=KEY_SERIAL_PATTERN)]
    key_model: ShortText | None = None


class ProvisionTicket(_Wire):
    """What the client needs to prepare a blank key for an order. Never cached or logged.

    ``so_pin`` is the SO PIN the RA derives for this key at ``so_pin_version``: the client
    sets the key's SO PIN to it. ``common_name`` is for the key's label only; the RA sets the
    certificate subject from the order.
    """

    order: OrderOut
    key_serial: str
    so_pin: str
    so_pin_version: int
    algorithm: KeyAlgorithm
    common_name: str


class StaffCertificateIn(_Wire):
    key_serial: Annotated[str, Field(pattern=KEY_SERIAL_PATTERN)]
    csr_pem: Annotated[str, Field(min_length=1, max_length=20_000)]


class KeyRegisterIn(_Wire):
    """The certificate is on the key: the RA records it and waits for activation."""

    certificate_serial: Annotated[str, Field(pattern=r"^[0-9a-f]{1,40}$")]


class KeyOut(_Wire):
    """What anyone holding the key may learn about it.

    No personal data goes to unauthenticated callers: ``holder_name`` and
    ``handler_name_masked`` are empty, and ``handler_mobile_masked`` (where the activation
    code will go) is filled only while the key awaits activation.
    """

    key_serial: str
    state: KeyState
    order_no: str
    organisation_name: str
    holder_name: str
    certificate_serials: list[str]
    handler_name_masked: str
    handler_mobile_masked: str
    #: True once the RA re-checked (复审) the paper materials and the key awaits activation
    activation_allowed: bool
    updated_at: datetime


# --- activation and unlock requests (激活证书 / 忘记密码) -----------------------------


class KeyRequestState(StrEnum):
    OTP_SENT = "otp_sent"  # a code went to the handler; verify it
    MATERIALS_REQUIRED = "materials_required"  # unlock, handler changed: upload, submit
    UNDER_REVIEW = "under_review"  # materials submitted; staff review them
    REJECTED = "rejected"  # staff rejected the materials
    AUTHORISED = "authorised"  # code verified (or staff authorised): the SO PIN may be released
    SO_PIN_RELEASED = "so_pin_released"  # released once; confirm, or verify a new code to retry
    COMPLETED = "completed"  # confirmed: the key has the next SO PIN version
    FAILED = "failed"  # too many wrong codes
    EXPIRED = "expired"


class UnlockPath(StrEnum):
    """How an unlock is authorised. The user chooses; the RA's answer never depends on whether
    the handler given is the one on record (that would tell an outsider who is)."""

    #: an SMS code to the handler on record → ``otp_sent`` (a real code only when name, ID
    #: number and mobile all match; otherwise the phone on record gets a notice instead)
    HANDLER_ON_RECORD = "handler_on_record"
    #: the handler changed: materials for staff review → ``materials_required``; approval
    #: sends the code to the mobile given
    HANDLER_CHANGED = "handler_changed"


class KeyRequestCreate(_Wire):
    """Start an activation or unlock. ``handler`` is required for unlock (who the user says
    the handler is); ``request_secret`` is chosen by the client and sent back later in
    ``X-Request-Token`` (the RA keeps only its hash)."""

    purpose: KeyRequestPurpose
    handler: HandlerIn | None = None
    request_secret: Annotated[str, Field(pattern=REQUEST_SECRET_PATTERN)]
    #: False when a staff member at the counter will authorise: no SMS goes out now (a code
    #: can still be asked for later through ``/key-requests/{id}/otp``)
    send_code: bool = True
    #: unlock only: which way the holder chose (activation always codes the handler on record)
    unlock_path: UnlockPath = UnlockPath.HANDLER_ON_RECORD

    @model_validator(mode="after")
    def _path_fits_purpose(self) -> KeyRequestCreate:
        if self.purpose is KeyRequestPurpose.ACTIVATE and (
            self.unlock_path is not UnlockPath.HANDLER_ON_RECORD
        ):
            raise ValueError("an activation always sends the code to the handler on record")
        return self


class KeyRequestOut(_Wire):
    request_id: str
    key_serial: str
    purpose: KeyRequestPurpose
    state: KeyRequestState
    #: no longer filled (always null): telling whether the handler given matched the one on
    #: record made unlock an oracle for the handler's ID number
    handler_matched: bool | None = None
    #: where the newest code went (masked), when one was sent
    sent_to: str | None = None
    code_expires_at: datetime | None = None
    #: no new code before this time (resend at most once a minute)
    resend_after: datetime | None = None
    #: wrong codes this request may still take (a new code does not reset it)
    attempts_left: int
    materials: int = 0
    review_reason: str = ""
    expires_at: datetime
    #: the SO PIN version on the key when the request is completed
    so_pin_version: int | None = None


class OtpCodeIn(_Wire):
    code: Annotated[str, Field(pattern=OTP_CODE_PATTERN)]


class MaterialOut(_Wire):
    material_id: int
    filename: str
    media_type: str
    size: int
    sha256: str


class SoPinRelease(_Wire):
    """The key's SO PIN, released once to an authorised request. Never cached or logged.

    Log in as SO with ``so_pin`` (the key may already hold ``next_so_pin`` after a crash
    inside this request, or one of ``unconfirmed_so_pins`` after an earlier request that
    never confirmed), reset the user PIN, set the SO PIN to ``next_so_pin``, then confirm
    ``next_version``. ``next_version`` is allocated for this request alone: no other
    request was ever told its SO PIN, so it is not always ``version + 1``.
    """

    so_pin: str
    version: int
    next_so_pin: str
    next_version: int
    #: SO PINs released to earlier requests for this key that were never confirmed, newest
    #: first: a client that died while setting one may have left the key holding it
    unconfirmed_so_pins: list[str] = []


class KeyRequestConfirm(_Wire):
    so_pin_version: Annotated[int, Field(ge=1)]
