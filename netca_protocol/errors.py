"""Stable error codes of the RA protocol (no pydantic here: the client's error texts import
them at start-up; the problem+json body is ``netca_protocol.problem.Problem``)."""

from __future__ import annotations

from enum import StrEnum

PROBLEM_MEDIA_TYPE = "application/problem+json"


class ErrorCode(StrEnum):
    """The ``code`` member of every problem+json answer. Values never change once published."""

    VALIDATION_FAILED = "validation_failed"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    UNAUTHORISED = "unauthorised"
    FORBIDDEN = "forbidden"
    ILLEGAL_TRANSITION = "illegal_transition"
    IDEMPOTENCY_KEY_MISSING = "idempotency_key_missing"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    IDEMPOTENCY_IN_PROGRESS = "idempotency_in_progress"
    PROFILE_NOT_FOUND = "profile_not_found"
    BUSINESS_TYPE_NOT_ALLOWED = "business_type_not_allowed"
    VALIDITY_NOT_ALLOWED = "validity_not_allowed"
    ORDER_NOT_FOUND = "order_not_found"
    PAYMENT_NOT_FOUND = "payment_not_found"
    PAYMENT_METHOD_UNAVAILABLE = "payment_method_unavailable"
    PAYMENT_AMOUNT_MISMATCH = "payment_amount_mismatch"
    PAYMENT_ALREADY_SETTLED = "payment_already_settled"
    CSR_INVALID = "csr_invalid"
    RATE_LIMITED = "rate_limited"
    OTP_INVALID = "otp_invalid"
    OTP_EXPIRED = "otp_expired"
    SMS_FAILED = "sms_failed"
    OTP_LOCKED = "otp_locked"
    KEY_NOT_REGISTERED = "key_not_registered"
    KEY_ALREADY_REGISTERED = "key_already_registered"
    KEY_STATE_CONFLICT = "key_state_conflict"
    ACTIVATION_NOT_ALLOWED = "activation_not_allowed"
    KEY_ACTIVATED = "key_activated"
    REQUEST_NOT_FOUND = "request_not_found"
    REQUEST_STATE_CONFLICT = "request_state_conflict"
    SO_PIN_ALREADY_RELEASED = "so_pin_already_released"
    MATERIAL_INVALID = "material_invalid"
    MATERIAL_TOO_LARGE = "material_too_large"
    MEDIUM_NOT_ALLOWED = "medium_not_allowed"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    IDEMPOTENCY_ANSWER_GONE = "idempotency_answer_gone"
    BAD_REQUEST = "bad_request"
    INTERNAL = "internal"
    # 证书续期 (issue 17)
    RENEWAL_NOT_ALLOWED = "renewal_not_allowed"
    RENEWAL_NOT_FOUND = "renewal_not_found"
    RENEWAL_IN_PROGRESS = "renewal_in_progress"
    AGREEMENT_OUTDATED = "agreement_outdated"
    PROOF_REQUIRED = "proof_required"
    PROOF_STALE = "proof_stale"
    PROOF_INVALID = "proof_invalid"
