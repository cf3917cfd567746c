"""X.509 certificate summaries and helpers (Qt-free, thread-safe)."""

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
    "HolderKind",
    "KeyPurpose",
    "days_between",
    "find_uscc",
    "is_valid_uscc",
    "make_uscc",
    "summarize",
]
