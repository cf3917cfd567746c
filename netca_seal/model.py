"""The Seal model: frozen dataclasses and enums for a parsed GB/T 38540 or GM/T 0031 seal."""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from netca_seal.errors import SealFormatError

SM2_WITH_SM3 = "1.2.156.10197.1.501"
ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2"
SHA256_WITH_RSA = "1.2.840.113549.1.1.11"

SIGNATURE_ALGORITHM_NAMES: dict[str, str] = {
    SM2_WITH_SM3: "SM2-with-SM3",
    ECDSA_WITH_SHA256: "ecdsa-with-SHA256",
    "1.2.840.10045.4.3.3": "ecdsa-with-SHA384",
    "1.2.840.10045.4.3.4": "ecdsa-with-SHA512",
    SHA256_WITH_RSA: "sha256WithRSAEncryption",
    "1.2.840.113549.1.1.12": "sha384WithRSAEncryption",
    "1.2.840.113549.1.1.13": "sha512WithRSAEncryption",
}


class SealFormat(enum.Enum):
    """Which standard's structure the seal uses."""

    GBT_38540 = "GB/T 38540-2020"
    GMT_0031 = "GM/T 0031-2014"


class SealType(enum.IntEnum):
    """Values we write in SES_ESPropertyInfo.type.

    GM/T 0031 defines 1 = organisation seal and 2 = personal seal; GB/T 38540 leaves the value
    to the application, so 3 and up are this project's convention (docs/seal-format.md).
    """

    ORGANISATION = 1
    PERSONAL = 2
    LEGAL_REPRESENTATIVE = 3
    CONTRACT = 4
    FINANCE = 5
    INVOICE = 6


class SealKind(enum.Enum):
    """What the seal is, for people: derived from the seal type."""

    ORGANISATION = "organisation"
    PERSONAL = "personal"
    LEGAL_REPRESENTATIVE = "legal-representative"
    CONTRACT = "contract"
    FINANCE = "finance"
    INVOICE = "invoice"
    OTHER = "other"

    @classmethod
    def from_type(cls, seal_type: int) -> SealKind:
        try:
            return _KIND_BY_TYPE[SealType(seal_type)]
        except ValueError:
            return cls.OTHER


_KIND_BY_TYPE = {
    SealType.ORGANISATION: SealKind.ORGANISATION,
    SealType.PERSONAL: SealKind.PERSONAL,
    SealType.LEGAL_REPRESENTATIVE: SealKind.LEGAL_REPRESENTATIVE,
    SealType.CONTRACT: SealKind.CONTRACT,
    SealType.FINANCE: SealKind.FINANCE,
    SealType.INVOICE: SealKind.INVOICE,
}


class CertListType(enum.IntEnum):
    """SES_ESPropertyInfo.certListType: the certificates themselves, or their digests."""

    CERTIFICATES = 1
    DIGESTS = 2


# CertDigestObj.type is a free PrintableString; these are the names we write and read.
DIGEST_ALGORITHMS: dict[str, str] = {"SHA256": "sha256", "SHA384": "sha384", "SHA512": "sha512"}


@dataclass(frozen=True)
class CertDigest:
    """One entry of a digest cert list: algorithm name (as written in the seal) and value."""

    algorithm: str
    value: bytes

    @classmethod
    def of(cls, cert: x509.Certificate, algorithm: str = "SHA256") -> CertDigest:
        hashlib_name = DIGEST_ALGORITHMS[algorithm]
        der = cert.public_bytes(Encoding.DER)
        return cls(algorithm=algorithm, value=hashlib.new(hashlib_name, der).digest())

    def matches(self, cert: x509.Certificate) -> bool:
        hashlib_name = DIGEST_ALGORITHMS.get(self.algorithm.upper())
        if hashlib_name is None:
            return False
        der = cert.public_bytes(Encoding.DER)
        return hashlib.new(hashlib_name, der).digest() == self.value


@dataclass(frozen=True)
class SealPicture:
    """SES_ESPictrueInfo: image type ("PNG"), bytes, display size in millimetres."""

    type: str
    data: bytes
    width_mm: int
    height_mm: int


@dataclass(frozen=True)
class SealExtension:
    """One ExtData of the seal info (vendor extension), kept as read."""

    oid: str
    critical: bool
    value: bytes


@dataclass(frozen=True)
class Seal:
    """A parsed seal. `signed_data` is the exact byte string the maker signed."""

    format: SealFormat
    version: int
    vendor_id: str
    seal_id: str
    seal_type: int
    name: str
    cert_list_type: CertListType
    allowed_certs: tuple[bytes, ...]
    allowed_cert_digests: tuple[CertDigest, ...]
    created: datetime
    valid_from: datetime
    valid_to: datetime
    picture: SealPicture
    maker_cert_der: bytes
    signature_algorithm: str
    signature: bytes
    signed_data: bytes
    extensions: tuple[SealExtension, ...]
    der: bytes

    @property
    def kind(self) -> SealKind:
        return SealKind.from_type(self.seal_type)

    @property
    def signature_algorithm_name(self) -> str:
        return SIGNATURE_ALGORITHM_NAMES.get(self.signature_algorithm, self.signature_algorithm)

    @property
    def maker_certificate(self) -> x509.Certificate:
        """The maker's certificate; raises SealFormatError when it is not X.509 DER."""
        try:
            return x509.load_der_x509_certificate(self.maker_cert_der)
        except ValueError as exc:
            raise SealFormatError("not a DER X.509 certificate", field="cert") from exc

    def allowed_certificates(self) -> tuple[x509.Certificate, ...]:
        """The listed signer certificates that load as X.509 (empty for a digest list)."""
        loaded = []
        for der in self.allowed_certs:
            try:
                loaded.append(x509.load_der_x509_certificate(der))
            except ValueError:
                continue
        return tuple(loaded)

    def allows(self, cert: x509.Certificate) -> bool:
        """Whether `cert` is among the certificates (or digests) allowed to use the seal."""
        der = cert.public_bytes(Encoding.DER)
        if self.cert_list_type is CertListType.CERTIFICATES:
            return der in self.allowed_certs
        return any(digest.matches(cert) for digest in self.allowed_cert_digests)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready description (for `netca seals --json`); the picture as metadata only."""
        return {
            "name": self.name,
            "kind": self.kind.value,
            "type": self.seal_type,
            "format": self.format.value,
            "version": self.version,
            "vendor_id": self.vendor_id,
            "seal_id": self.seal_id,
            "created": self.created.isoformat(),
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat(),
            "allowed_certificates": [_cert_summary(cert) for cert in self.allowed_certificates()],
            "allowed_certificate_digests": [
                {"algorithm": d.algorithm, "value": d.value.hex()}
                for d in self.allowed_cert_digests
            ],
            "maker": _maker_summary(self.maker_cert_der),
            "signature_algorithm": self.signature_algorithm_name,
            "picture": {
                "type": self.picture.type,
                "width_mm": self.picture.width_mm,
                "height_mm": self.picture.height_mm,
                "bytes": len(self.picture.data),
            },
        }


def _cert_summary(cert: x509.Certificate) -> dict[str, object]:
    der = cert.public_bytes(Encoding.DER)
    return {
        "subject": cert.subject.rfc4514_string(),
        "issuer": cert.issuer.rfc4514_string(),
        "serial": format(cert.serial_number, "x"),
        "sha256": hashlib.sha256(der).hexdigest(),
    }


def _maker_summary(der: bytes) -> dict[str, object] | None:
    try:
        return _cert_summary(x509.load_der_x509_certificate(der))
    except ValueError:
        return None
