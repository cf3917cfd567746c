"""What the RA needs from a CA. The built-in CA implements it; an external CA could too."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from cryptography import x509


class SubjectKind(StrEnum):
    ORGANISATION = "organisation"
    EMPLOYEE = "employee"
    SEAL_MAKER = "seal_maker"
    TSA = "tsa"


@dataclass(frozen=True)
class SubjectProfile:
    """The names a certificate carries; ``organisation_identifier`` is the USCC (2.5.4.97)."""

    kind: SubjectKind
    common_name: str
    organisation: str
    organisation_unit: str | None = None
    organisation_identifier: str | None = None


@dataclass(frozen=True)
class RevocationEntry:
    serial: int
    revoked_at: datetime
    reason: x509.ReasonFlags | None = None


@dataclass(frozen=True)
class CertificateStatus:
    """OCSP view of one serial: known or not, and revoked when."""

    known: bool
    revocation: RevocationEntry | None = None


StatusLookup = Callable[[int], CertificateStatus]


class CertificateAuthority(Protocol):
    def chain(self) -> list[x509.Certificate]:
        """The issuing CA certificate first, then up to the root."""
        ...

    def chain_for(self, cert: x509.Certificate) -> list[x509.Certificate]:
        """The chain above ``cert`` (an SM2 certificate has the SM2 chain)."""
        ...

    def sm2_crl_der(self, revoked: Sequence[RevocationEntry], *, now: datetime) -> bytes | None:
        """The SM2 issuing CA's CRL, None without one."""
        ...

    def issue(
        self,
        *,
        csr: x509.CertificateSigningRequest,
        subject: SubjectProfile,
        not_after: datetime,
    ) -> x509.Certificate: ...

    def crl_der(self, revoked: Sequence[RevocationEntry], *, now: datetime) -> bytes: ...

    def ocsp_der(self, request_der: bytes, *, lookup: StatusLookup, now: datetime) -> bytes: ...


class TimeStampAuthority(Protocol):
    def respond(self, request_der: bytes, *, now: datetime) -> bytes:
        """An RFC 3161 TimeStampResp (DER) for a TimeStampReq (DER)."""
        ...
