"""证书续期 (online renewal): its wire models, limits, and the bytes a proof of possession signs.

A renewal is asked for with a proof of possession of every old certificate's key: each old key
signs ``proof_message(request)`` — a fixed prefix, a fresh single-use RA nonce and the request
in canonical JSON (sorted keys, no spaces, UTF-8) without the proofs. The install is reported
with a proof by the NEW key over ``installed_message(...)``. Both sides build these bytes here,
so they cannot disagree (docs/ra-protocol.md, section 12).
"""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from netca_protocol.limits import KEY_SERIAL_PATTERN, MOBILE_PATTERN
from netca_protocol.models import (
    SAFE_TEXT_PATTERN,
    CertificateOut,
    HandlerIn,
    OrderState,
    visible_text,
)

#: a certificate serial as the RA writes it: lower-case hex, no leading zeros
CERTIFICATE_SERIAL_PATTERN = r"^[0-9a-f]{1,40}$"
#: the RA's name for one renewal: 32 hex, unguessable (the key keeps it in a public object)
RENEWAL_ID_PATTERN = r"^[0-9a-f]{32}$"
#: a nonce the RA hands out for one proof of possession (43 characters of base64url)
NONCE_PATTERN = r"^[A-Za-z0-9_-]{43}$"
#: how long a nonce may be used after the RA handed it out, and only once
NONCE_LIFETIME_SECONDS = 300
#: 纳税人识别号: 15 to 20 upper-case letters and digits (a USCC is 18)
TAX_ID_PATTERN = r"^[0-9A-Z]{15,20}$"
EMAIL_PATTERN = r"^[^@\s]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+$"
#: an invoice title (发票抬头) may be a long organisation name
MAX_INVOICE_TITLE_LENGTH = 100
#: certificates one renewal may cover (several keys, one payment)
MAX_RENEWAL_ITEMS = 20
#: the validity a renewal may add, in years
RENEWAL_YEARS = (1, 2, 3, 4, 5)

PROOF_PREFIX = b"netca-ra renewal proof v1\x00"
INSTALLED_PREFIX = b"netca-ra renewal installed v1\x00"

InvoiceTitle = Annotated[
    str,
    Field(min_length=1, max_length=MAX_INVOICE_TITLE_LENGTH, pattern=SAFE_TEXT_PATTERN),
    AfterValidator(visible_text),
]


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RenewalRefusal(StrEnum):
    """Why a certificate cannot be renewed online (the client says what to do instead)."""

    UNKNOWN_CERTIFICATE = "unknown_certificate"  # this RA did not issue it
    EXPIRED = "expired"  # counter or mail only
    REVOKED = "revoked"  # a new application
    NOT_ONLINE = "not_online"  # the profile renews at the counter or by mail only
    TOO_EARLY = "too_early"  # outside the profile's window before expiry
    IN_PROGRESS = "in_progress"  # a paid renewal of it is under way


class Approval(StrEnum):
    AUTOMATIC = "automatic"
    STAFF = "staff"


class RevokeOld(StrEnum):
    """When the RA revokes the certificate a renewal replaces."""

    IMMEDIATELY = "immediately"  # as soon as the new one is issued
    AT_INSTALL = "at_install"  # when the client reports the new one installed


class RenewalOffer(_Wire):
    """What the RA says about renewing one certificate online (no personal data)."""

    certificate_serial: str
    eligible: bool
    refusal: RenewalRefusal | None = None
    not_after: datetime | None = None
    #: the first day the window opens (when ``refusal`` is too_early)
    renewable_from: datetime | None = None
    window_days: int = 0
    service_id: str = ""
    profile_name: str = ""
    per_year_fen: int = 0
    validity_years: list[int] = []
    approval: Approval = Approval.AUTOMATIC
    revoke_old: RevokeOld = RevokeOld.AT_INSTALL
    agreement_title: str = ""
    agreement_text: str = ""
    #: send it back with the request: the RA refuses a request made under another text
    agreement_version: str = ""


class InvoiceIn(_Wire):
    """电子发票: the title (发票抬头), tax number for organisations, where to send it."""

    title: InvoiceTitle
    tax_id: Annotated[str | None, Field(pattern=TAX_ID_PATTERN)] = None
    email: Annotated[str | None, Field(max_length=254, pattern=EMAIL_PATTERN)] = None
    mobile: Annotated[str | None, Field(pattern=MOBILE_PATTERN)] = None

    @model_validator(mode="after")
    def _somewhere_to_send(self) -> InvoiceIn:
        if not self.email and not self.mobile:
            raise ValueError("an e-invoice needs an email address or a mobile number")
        return self


class RenewalItemIn(_Wire):
    """One certificate to renew: the old one, the key it is on, the CSR of the new key pair."""

    certificate_serial: Annotated[str, Field(pattern=CERTIFICATE_SERIAL_PATTERN)]
    key_serial: Annotated[str, Field(pattern=KEY_SERIAL_PATTERN)]
    csr_pem: Annotated[str, Field(min_length=1, max_length=20_000)]


class Proof(_Wire):
    """A signature by one old certificate's key over ``proof_message``, base64 (DER for EC)."""

    certificate_serial: Annotated[str, Field(pattern=CERTIFICATE_SERIAL_PATTERN)]
    signature: Annotated[str, Field(min_length=4, max_length=2048, pattern=r"^[A-Za-z0-9+/=]+$")]


class RenewalCreate(_Wire):
    """Renew ``items`` for ``validity_years`` with one order and one payment."""

    items: Annotated[list[RenewalItemIn], Field(min_length=1, max_length=MAX_RENEWAL_ITEMS)]
    validity_years: Annotated[int, Field(ge=1, le=5)]
    handler: HandlerIn
    invoice: InvoiceIn
    #: the ``agreement_version`` of the offer whose agreement the holder accepted
    agreement_version: Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]
    #: the holder read that files encrypted to the old key must be decrypted first
    encryption_warning_acknowledged: Literal[True]
    nonce: Annotated[str, Field(pattern=NONCE_PATTERN)]
    #: one per item, by that item's old key; not part of what is signed
    proofs: Annotated[list[Proof], Field(max_length=MAX_RENEWAL_ITEMS)] = []

    @model_validator(mode="after")
    def _distinct(self) -> RenewalCreate:
        serials = [item.certificate_serial for item in self.items]
        if len(set(serials)) != len(serials):
            raise ValueError("a certificate is listed twice")
        return self


class RenewalItemOut(_Wire):
    certificate_serial: str
    key_serial: str
    #: the new certificate, once issued
    certificate: CertificateOut | None = None
    installed: bool = False
    old_revoked: bool = False


class RenewalOut(_Wire):
    """A renewal as its holder (whoever knows ``renewal_id``) sees it: no personal data."""

    renewal_id: str
    order_no: str
    order_state: OrderState
    amount_fen: int
    paid_fen: int
    validity_years: int
    approval: Approval
    items: list[RenewalItemOut]
    invoice_no: str | None = None
    #: a payment reported or started and not yet settled
    payment_pending: bool = False
    review_reason: str = ""


class RenewalCreated(_Wire):
    """The renewal, and the order's access token (查询码: payments, cancel, 业务查询)."""

    renewal: RenewalOut
    access_token: str


class NonceOut(_Wire):
    nonce: str
    expires_at: datetime


class InstalledIn(_Wire):
    """The new certificate is on the key: proven by a signature of the NEW key."""

    nonce: Annotated[str, Field(pattern=NONCE_PATTERN)]
    signature: Annotated[str, Field(min_length=4, max_length=2048, pattern=r"^[A-Za-z0-9+/=]+$")]


def canonical_json(value: Any) -> bytes:
    """The one JSON form both sides sign: sorted keys, no spaces, UTF-8."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def proof_message(request: RenewalCreate) -> bytes:
    """What each old key signs: prefix, nonce, and the request without its proofs."""
    body = request.model_dump(mode="json", exclude={"proofs"})
    return PROOF_PREFIX + request.nonce.encode("ascii") + b"\x00" + canonical_json(body)


def installed_message(*, nonce: str, renewal_id: str, old_serial: str, new_serial: str) -> bytes:
    """What the new key signs to report the new certificate installed."""
    parts = (nonce, renewal_id, old_serial, new_serial)
    return INSTALLED_PREFIX + b"\x00".join(p.encode("ascii") for p in parts)
