"""X.509 certificate summaries and helpers (Qt-free, thread-safe); above core.token.

The CSR builder (asn1crypto's CSR and key schemas) is imported on first use: the window and
`netca keys` show certificates without making requests."""

from typing import TYPE_CHECKING, Any

from netca_client.core.certs.onkey import key_certificates
from netca_client.core.certs.summary import (
    CertificateSummary,
    HolderKind,
    KeyPurpose,
    days_between,
    summarize,
)
from netca_client.core.certs.uscc import find_uscc, is_valid_uscc, make_uscc

if TYPE_CHECKING:
    from netca_client.core.certs.csr import CsrNotValid, CsrSignature, build_csr

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


def __getattr__(name: str) -> Any:
    if name in ("CsrNotValid", "CsrSignature", "build_csr"):
        from netca_client.core.certs import csr

        return getattr(csr, name)
    raise AttributeError(f"module 'netca_client.core.certs' has no attribute {name!r}")
