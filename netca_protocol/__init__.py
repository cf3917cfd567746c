"""Wire contract shared by the client and the RA: pydantic models and stable error codes.

Imports neither ``netca_client`` nor ``netca_ra``; both sides import it. The error codes and
the limits load at once; the pydantic models (and pydantic) on first use of one of them, so
a front end can name an ErrorCode or check a pattern without paying for pydantic at start.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from netca_protocol.errors import ErrorCode
from netca_protocol.limits import (
    ID_NUMBER_PATTERN,
    IDEMPOTENCY_KEY_PATTERN,
    KEY_SERIAL_PATTERN,
    MAX_DER_BODY_BYTES,
    MAX_JSON_BODY_BYTES,
    MAX_MATERIAL_BYTES,
    MAX_MATERIALS_PER_REQUEST,
    MAX_UPLOAD_BODY_BYTES,
    MOBILE_PATTERN,
    ORDER_NO_PATTERN,
    OTP_CODE_PATTERN,
    REQUEST_ID_PATTERN,
    REQUEST_SECRET_PATTERN,
)

if TYPE_CHECKING:
    from netca_protocol.models import (
        API_PREFIX,
        IDEMPOTENCY_HEADER,
        ORDER_TOKEN_HEADER,
        REQUEST_TOKEN_HEADER,
        SAFE_TEXT_PATTERN,
        STAFF_AUTH_SCHEME,
        AuditEntry,
        BankTransferIn,
        BusinessType,
        CaCertificates,
        CertificateIn,
        CertificateKind,
        CertificateOut,
        FeeSchedule,
        HandlerIn,
        KeyAlgorithm,
        KeyOut,
        KeyRegisterIn,
        KeyRequestConfirm,
        KeyRequestCreate,
        KeyRequestOut,
        KeyRequestPurpose,
        KeyRequestState,
        KeyState,
        MaterialOut,
        OrderCreate,
        OrderCreated,
        OrderOut,
        OrderState,
        OtpCodeIn,
        OtpSent,
        OtpVerified,
        OtpVerifyIn,
        PaymentIn,
        PaymentMethod,
        PaymentOut,
        PaymentState,
        ProfileOut,
        ProvisionIn,
        ProvisionTicket,
        SoPinRelease,
        StaffCertificateIn,
        StaffLoginIn,
        StaffRole,
        StaffSessionOut,
        SubjectIn,
        UnlockPath,
    )
    from netca_protocol.problem import Problem
    from netca_protocol.renewal import (
        Approval,
        InstalledIn,
        InvoiceIn,
        NonceOut,
        Proof,
        RenewalCreate,
        RenewalCreated,
        RenewalItemIn,
        RenewalItemOut,
        RenewalOffer,
        RenewalOut,
        RenewalRefusal,
        RevokeOld,
    )

__all__ = [
    "API_PREFIX",
    "IDEMPOTENCY_HEADER",
    "IDEMPOTENCY_KEY_PATTERN",
    "ID_NUMBER_PATTERN",
    "KEY_SERIAL_PATTERN",
    "MAX_DER_BODY_BYTES",
    "MAX_JSON_BODY_BYTES",
    "MAX_MATERIALS_PER_REQUEST",
    "MAX_MATERIAL_BYTES",
    "MAX_UPLOAD_BODY_BYTES",
    "MOBILE_PATTERN",
    "ORDER_NO_PATTERN",
    "ORDER_TOKEN_HEADER",
    "OTP_CODE_PATTERN",
    "REQUEST_ID_PATTERN",
    "REQUEST_SECRET_PATTERN",
    "REQUEST_TOKEN_HEADER",
    "SAFE_TEXT_PATTERN",
    "STAFF_AUTH_SCHEME",
    "Approval",
    "AuditEntry",
    "BankTransferIn",
    "BusinessType",
    "CaCertificates",
    "CertificateIn",
    "CertificateKind",
    "CertificateOut",
    "ErrorCode",
    "FeeSchedule",
    "HandlerIn",
    "InstalledIn",
    "InvoiceIn",
    "KeyAlgorithm",
    "KeyOut",
    "KeyRegisterIn",
    "KeyRequestConfirm",
    "KeyRequestCreate",
    "KeyRequestOut",
    "KeyRequestPurpose",
    "KeyRequestState",
    "KeyState",
    "MaterialOut",
    "NonceOut",
    "OrderCreate",
    "OrderCreated",
    "OrderOut",
    "OrderState",
    "OtpCodeIn",
    "OtpSent",
    "OtpVerified",
    "OtpVerifyIn",
    "PaymentIn",
    "PaymentMethod",
    "PaymentOut",
    "PaymentState",
    "Problem",
    "ProfileOut",
    "Proof",
    "ProvisionIn",
    "ProvisionTicket",
    "RenewalCreate",
    "RenewalCreated",
    "RenewalItemIn",
    "RenewalItemOut",
    "RenewalOffer",
    "RenewalOut",
    "RenewalRefusal",
    "RevokeOld",
    "SoPinRelease",
    "StaffCertificateIn",
    "StaffLoginIn",
    "StaffRole",
    "StaffSessionOut",
    "SubjectIn",
    "UnlockPath",
]


_RENEWAL = (
    "Approval",
    "InstalledIn",
    "InvoiceIn",
    "NonceOut",
    "Proof",
    "RenewalCreate",
    "RenewalCreated",
    "RenewalItemIn",
    "RenewalItemOut",
    "RenewalOffer",
    "RenewalOut",
    "RenewalRefusal",
    "RevokeOld",
)

_ON_USE = (
    {name: "netca_protocol.models" for name in __all__}
    | {name: "netca_protocol.renewal" for name in _RENEWAL}
    | {"Problem": "netca_protocol.problem"}
    | {"KeyRequestPurpose": "netca_protocol.enums"}
)


def __getattr__(name: str) -> Any:
    """The models (and Problem) are imported on first use; see the module docstring."""
    module = _ON_USE.get(name)
    if module is None or name in globals():
        raise AttributeError(f"module 'netca_protocol' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
