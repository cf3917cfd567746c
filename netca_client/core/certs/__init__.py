"""X.509 certificate summaries and helpers (Qt-free, thread-safe); above core.token."""

from netca_client.core.certs.csr import CsrNotValid, CsrSignature, build_csr
from netca_client.core.certs.onkey import key_certificates
from netca_client.core.certs.summary import (
    CertificateSummary,
    HolderKind,
    KeyPurpose,
    days_between,
    summarize,
)
from netca_client.core.certs.uscc import find_uscc, is_valid_uscc, make_uscc

__all__ = [
    "CertificateSummary",
    "CsrNotValid",
    "CsrSignature",
    "HolderKind",
    "KeyPurpose",
    "build_csr",
    "days_between",
    "find_uscc",
    "is_valid_uscc",
    "key_certificates",
    "make_uscc",
    "summarize",
]
