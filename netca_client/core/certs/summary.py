"""X.509 summaries for display: holder, organisation code, signing vs encryption, expiry."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import math
from dataclasses import dataclass, field

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from netca_client.core.certs.uscc import find_uscc
from netca_client.core.gm import key_algorithm, public_key_der

ORGANIZATION_IDENTIFIER = x509.ObjectIdentifier("2.5.4.97")


class HolderKind(enum.StrEnum):
    ORGANISATION = "organisation"
    EMPLOYEE = "employee"
    PERSONAL = "personal"
    UNKNOWN = "unknown"


class KeyPurpose(enum.StrEnum):
    SIGNING = "signing"
    ENCRYPTION = "encryption"
    BOTH = "both"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class CertificateSummary:
    """What a holder needs to know about one certificate."""

    subject_cn: str
    subject_o: str
    subject_ou: str
    org_code: str | None
    issuer_cn: str
    serial: str
    not_before: dt.datetime
    not_after: dt.datetime
    days_left: int
    key_algorithm: str
    key_size: int
    key_usage: tuple[str, ...]
    purpose: KeyPurpose
    holder_kind: HolderKind
    sha256: str
    label: str = ""
    key_id: str = ""
    der: bytes = field(default=b"", repr=False)

    @property
    def expired(self) -> bool:
        return self.days_left < 0


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    return ", ".join(str(v.value) for v in values)


def _key_algorithm(cert: x509.Certificate) -> tuple[str, int]:
    try:
        key = cert.public_key()
    except (ValueError, UnsupportedAlgorithm, x509.UnsupportedGeneralNameType):
        # cryptography knows no SM2 (it raises UnsupportedAlgorithm, not ValueError): SM2
        # keys are named from the ASN.1, anything else nobody here knows by its OID.
        try:
            return key_algorithm(public_key_der(cert))
        except ValueError:
            return cert.public_key_algorithm_oid.dotted_string, 0
    if isinstance(key, rsa.RSAPublicKey):
        return "RSA", key.key_size
    if isinstance(key, ec.EllipticCurvePublicKey):
        return f"EC {key.curve.name}", key.curve.key_size
    if isinstance(key, ed25519.Ed25519PublicKey):
        return "Ed25519", 256
    if isinstance(key, ed448.Ed448PublicKey):
        return "Ed448", 456
    if isinstance(key, dsa.DSAPublicKey):
        return "DSA", key.key_size
    return type(key).__name__, 0


def _key_usage(cert: x509.Certificate) -> tuple[str, ...]:
    try:
        ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return ()
    names = [
        "digital_signature",
        "content_commitment",
        "key_encipherment",
        "data_encipherment",
        "key_agreement",
        "key_cert_sign",
        "crl_sign",
    ]
    used = [n for n in names if getattr(ku, n)]
    if ku.key_agreement:
        used += [n for n in ("encipher_only", "decipher_only") if getattr(ku, n)]
    return tuple(used)


def _purpose(usage: tuple[str, ...]) -> KeyPurpose:
    signs = bool({"digital_signature", "content_commitment"} & set(usage))
    encrypts = bool({"key_encipherment", "data_encipherment", "key_agreement"} & set(usage))
    if signs and encrypts:
        return KeyPurpose.BOTH
    if signs:
        return KeyPurpose.SIGNING
    if encrypts:
        return KeyPurpose.ENCRYPTION
    return KeyPurpose.UNKNOWN


def _holder_kind(cn: str, org: str, org_code: str | None) -> HolderKind:
    if not cn and not org:
        return HolderKind.UNKNOWN
    if not org:
        return HolderKind.ORGANISATION if org_code else HolderKind.PERSONAL
    if cn.strip() == org.strip():
        return HolderKind.ORGANISATION
    return HolderKind.EMPLOYEE


def _org_code(subject: x509.Name) -> str | None:
    for oid in (
        ORGANIZATION_IDENTIFIER,
        NameOID.SERIAL_NUMBER,
        NameOID.ORGANIZATIONAL_UNIT_NAME,
        NameOID.COMMON_NAME,
    ):
        code = find_uscc(_attr(subject, oid))
        if code:
            return code
    return None


def summarize(
    cert: x509.Certificate | bytes,
    *,
    now: dt.datetime | None = None,
    label: str = "",
    key_id: str = "",
) -> CertificateSummary:
    """Summarise a certificate (object or DER). ``now`` is for tests; default is the UTC clock."""
    if isinstance(cert, bytes):
        cert = x509.load_der_x509_certificate(cert)
    der = cert.public_bytes(Encoding.DER)
    now = now or dt.datetime.now(dt.UTC)
    subject = cert.subject
    cn = _attr(subject, NameOID.COMMON_NAME)
    org = _attr(subject, NameOID.ORGANIZATION_NAME)
    org_code = _org_code(subject)
    algorithm, size = _key_algorithm(cert)
    usage = _key_usage(cert)
    not_after = cert.not_valid_after_utc
    return CertificateSummary(
        subject_cn=cn,
        subject_o=org,
        subject_ou=_attr(subject, NameOID.ORGANIZATIONAL_UNIT_NAME),
        org_code=org_code,
        issuer_cn=_attr(cert.issuer, NameOID.COMMON_NAME) or cert.issuer.rfc4514_string(),
        serial=format(cert.serial_number, "X"),
        not_before=cert.not_valid_before_utc,
        not_after=not_after,
        days_left=days_between(now, not_after),
        key_algorithm=algorithm,
        key_size=size,
        key_usage=usage,
        purpose=_purpose(usage),
        holder_kind=_holder_kind(cn, org, org_code),
        sha256=hashlib.sha256(der).hexdigest(),
        label=label,
        key_id=key_id,
        der=der,
    )


def days_between(now: dt.datetime, until: dt.datetime) -> int:
    """Whole days from ``now`` until ``until``: 0 on the last day, negative once expired."""
    return math.floor((until - now).total_seconds() / 86400)
