"""The client's view of the seals on a key: what each one is, who may use it, and its check."""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from netca_client.core.errors import SealUnreadable
from netca_client.core.seals.der import parse_key_seal
from netca_client.core.seals.trust import SealTrust
from netca_seal import SEAL_APPLICATION, CertListType, Seal, SealCheck, SealKind, check_seal
from netca_seal.check import (
    HolderStatus,
    MakerStatus,
    PictureStatus,
    SignatureStatus,
    ValidityStatus,
)

if TYPE_CHECKING:
    from netca_client.core.token.models import DataObjectSummary

__all__ = [
    "SEAL_APPLICATION",
    "AllowedCertificate",
    "KeySeal",
    "SealObject",
    "SealVerdict",
    "describe_seal",
    "describe_seals",
    "seal_objects",
    "seal_verdict",
]


class SealVerdict(enum.StrEnum):
    """What the client says about a seal. Untrusted is not invalid:

    - VALID: every check passed.
    - UNTRUSTED: intact and within its validity, but its maker does not chain to a root
      trusted here (an unknown seal maker or root): trust the root, or ask its issuer.
    - INDETERMINATE: intact as far as can be checked here (SM2 is not verifiable here).
    - INVALID: broken: altered, expired or not yet valid, not for this key's
      certificates, an unreadable maker certificate, a damaged picture.
    - UNREADABLE: the object is not a seal at all.
    """

    VALID = "valid"
    UNTRUSTED = "untrusted"
    INDETERMINATE = "indeterminate"
    INVALID = "invalid"
    UNREADABLE = "unreadable"


def seal_verdict(check: SealCheck) -> SealVerdict:
    """The client's verdict from netca_seal's checks (which count an untrusted maker as a
    failure)."""
    broken = (
        check.signature is SignatureStatus.INVALID
        or check.validity is not ValidityStatus.VALID
        or check.holder is HolderStatus.NOT_LISTED
        or check.picture is PictureStatus.BROKEN
        or any(p.code == "maker-cert-unreadable" for p in check.problems)
    )
    if broken:
        return SealVerdict.INVALID
    if check.maker is MakerStatus.UNTRUSTED:
        return SealVerdict.UNTRUSTED
    if (
        check.signature is SignatureStatus.NOT_VERIFIABLE
        or check.maker is MakerStatus.NOT_VERIFIABLE
    ):
        return SealVerdict.INDETERMINATE
    return SealVerdict.VALID


@dataclass(frozen=True)
class AllowedCertificate:
    """One entry of a seal's certificate list, and whether it is a certificate on this key.

    A certificate list gives subject CN, serial and SHA-256; a digest list only the digest.
    """

    digest_algorithm: str
    digest: str
    subject_cn: str | None = None
    serial: str | None = None
    on_key: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "subject_cn": self.subject_cn,
            "serial": self.serial,
            "digest_algorithm": self.digest_algorithm,
            "digest": self.digest,
            "on_key": self.on_key,
        }


@dataclass(frozen=True)
class KeySeal:
    """A seal object on the key. ``seal`` and ``check`` are None when the value does not parse
    (``problem`` says why); the object is still listed so a user can see and delete it."""

    label: str
    size: int
    private: bool
    problem: str = ""
    seal: Seal | None = field(default=None, repr=False, compare=False)
    allowed: tuple[AllowedCertificate, ...] = ()
    check: SealCheck | None = None
    der: bytes = field(default=b"", repr=False)

    @property
    def parses(self) -> bool:
        return self.seal is not None

    @property
    def name(self) -> str:
        return self.seal.name if self.seal else self.label

    @property
    def kind(self) -> SealKind | None:
        return self.seal.kind if self.seal else None

    @property
    def verdict(self) -> str:
        """The client's verdict (SealVerdict's value), or unreadable when not a seal."""
        return seal_verdict(self.check).value if self.check else SealVerdict.UNREADABLE.value

    def picture_png(self) -> bytes:
        """The picture bytes as stored in the seal (PNG for the seals we make)."""
        if self.seal is None:
            raise SealUnreadable(self.problem)
        return self.seal.picture.data

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form for `netca seals --json` (no DER, the picture as metadata)."""
        out: dict[str, object] = {
            "label": self.label,
            "size": self.size,
            "private": self.private,
            "parses": self.parses,
            "problem": self.problem,
            "verdict": self.verdict,
        }
        seal = self.seal
        if seal is None:
            return out
        described = seal.as_dict()
        out.update(
            {
                "name": seal.name,
                "kind": seal.kind.value,
                "type": seal.seal_type,
                "format": seal.format.value,
                "seal_id": seal.seal_id,
                "vendor_id": seal.vendor_id,
                "created": seal.created.isoformat(),
                "valid_from": seal.valid_from.isoformat(),
                "valid_to": seal.valid_to.isoformat(),
                "allowed_certificates": [a.as_dict() for a in self.allowed],
                "maker": described["maker"],
                "signature_algorithm": seal.signature_algorithm_name,
                "picture": described["picture"],
                "check": {**self.check.as_dict(), "verdict": self.verdict} if self.check else None,
            }
        )
        return out


def describe_seals(
    objects: Iterable[DataObjectSummary],
    *,
    key_certificates: Sequence[x509.Certificate],
    trust: SealTrust,
    now: datetime | None = None,
) -> list[KeySeal]:
    """The seals among ``objects`` (CKA_APPLICATION marks them), each parsed and checked.

    The holder check passes when any of ``key_certificates`` (the key's signing
    certificates) is allowed to use the seal; with none, the holder is not checked.
    """
    seals: list[KeySeal] = []
    for obj in objects:
        if obj.application != SEAL_APPLICATION:
            continue
        seals.append(describe_seal(obj, key_certificates=key_certificates, trust=trust, now=now))
    return seals


def describe_seal(
    obj: DataObjectSummary,
    *,
    key_certificates: Sequence[x509.Certificate],
    trust: SealTrust,
    now: datetime | None = None,
) -> KeySeal:
    """One seal object, parsed and checked (see describe_seals)."""
    try:
        seal = parse_key_seal(obj.value)
    except SealUnreadable as exc:
        return KeySeal(
            label=obj.label, size=obj.size, private=obj.private, problem=exc.reason, der=obj.value
        )
    allowed_here = [cert for cert in key_certificates if seal.allows(cert)]
    # A listed certificate makes the holder check pass; otherwise report against the first.
    candidates = allowed_here or list(key_certificates)
    holder = candidates[0] if candidates else None
    check = check_seal(
        seal,
        trusted_roots=trust.roots,
        holder_cert=holder,
        now=now,
        intermediates=trust.intermediates,
    )
    return KeySeal(
        label=obj.label,
        size=obj.size,
        private=obj.private,
        seal=seal,
        allowed=_allowed(seal, key_certificates),
        check=check,
        der=obj.value,
    )


def _allowed(
    seal: Seal, key_certificates: Sequence[x509.Certificate]
) -> tuple[AllowedCertificate, ...]:
    on_key = {hashlib.sha256(c.public_bytes(Encoding.DER)).digest() for c in key_certificates}
    entries: list[AllowedCertificate] = []
    if seal.cert_list_type is CertListType.CERTIFICATES:
        for der in seal.allowed_certs:
            digest = hashlib.sha256(der).digest()
            cn, serial = _names(der)
            entries.append(
                AllowedCertificate(
                    digest_algorithm="SHA256",
                    digest=digest.hex(),
                    subject_cn=cn,
                    serial=serial,
                    on_key=digest in on_key,
                )
            )
        return tuple(entries)
    for item in seal.allowed_cert_digests:
        matches = any(item.matches(cert) for cert in key_certificates)
        entries.append(
            AllowedCertificate(
                digest_algorithm=item.algorithm, digest=item.value.hex(), on_key=matches
            )
        )
    return tuple(entries)


def _names(der: bytes) -> tuple[str | None, str | None]:
    """Subject CN and serial (upper-case hex, as `netca certs` shows it) of a listed cert."""
    try:
        cert = x509.load_der_x509_certificate(der)
    except ValueError:
        return None, None
    cns = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    cn = ", ".join(str(a.value) for a in cns) or cert.subject.rfc4514_string()
    return cn, format(cert.serial_number, "X")


@dataclass(frozen=True)
class SealObject:
    """A seal object as stored on the key, parsed but not checked (cheap: no trust needed).

    For a key overview; KeySeal (describe_seals, key_seals) carries the checks."""

    label: str
    application: str
    size: int
    private: bool
    parses: bool
    problem: str = ""
    name: str = ""
    kind: SealKind | None = None
    der: bytes = field(default=b"", repr=False)


def seal_objects(objects: Iterable[DataObjectSummary]) -> list[SealObject]:
    """The seals among ``objects`` (CKA_APPLICATION marks them), each parsed with parse_seal."""
    seals: list[SealObject] = []
    for obj in objects:
        if obj.application != SEAL_APPLICATION:
            continue
        try:
            seal: Seal | None = parse_key_seal(obj.value)
            problem = ""
        except SealUnreadable as exc:
            seal, problem = None, exc.reason
        seals.append(
            SealObject(
                label=obj.label,
                application=obj.application,
                size=obj.size,
                private=obj.private,
                parses=seal is not None,
                problem=problem,
                name=seal.name if seal else "",
                kind=seal.kind if seal else None,
                der=obj.value,
            )
        )
    return seals
