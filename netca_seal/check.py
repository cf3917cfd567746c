"""Checking a seal: maker signature, maker chain, validity, holder, picture, in one SealCheck."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.verification import (
    ClientVerifier,
    ExtensionPolicy,
    PolicyBuilder,
    Store,
    VerificationError,
)

from netca_gm import is_sm2_public_key, unavailable_reason
from netca_gm import verify as sm2_verify
from netca_gm.x509 import check_chain, public_key_der
from netca_seal.codec import alternative_signed_data
from netca_seal.errors import SealFormatError
from netca_seal.model import SM2_WITH_SM3, Seal
from netca_seal.picture import picture_problem

_ECDSA_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "1.2.840.10045.4.3.2": hashes.SHA256,
    "1.2.840.10045.4.3.3": hashes.SHA384,
    "1.2.840.10045.4.3.4": hashes.SHA512,
}
_RSA_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "1.2.840.113549.1.1.11": hashes.SHA256,
    "1.2.840.113549.1.1.12": hashes.SHA384,
    "1.2.840.113549.1.1.13": hashes.SHA512,
}


class SignatureStatus(enum.Enum):
    VALID = "valid"
    INVALID = "invalid"
    NOT_VERIFIABLE = "not-verifiable"


class MakerStatus(enum.Enum):
    TRUSTED = "trusted"
    UNTRUSTED = "untrusted"
    NOT_VERIFIABLE = "not-verifiable"


class ValidityStatus(enum.Enum):
    NOT_YET_VALID = "not-yet-valid"
    VALID = "valid"
    EXPIRED = "expired"


class HolderStatus(enum.Enum):
    LISTED = "listed"
    NOT_LISTED = "not-listed"
    NOT_CHECKED = "not-checked"


class PictureStatus(enum.Enum):
    DECODES = "decodes"
    BROKEN = "broken"


class Verdict(enum.Enum):
    """VALID: every check passed. INDETERMINATE: nothing failed but something was not
    verifiable here (an unknown algorithm, SM2 where libcrypto has none). INVALID: at least
    one check failed."""

    VALID = "valid"
    INDETERMINATE = "indeterminate"
    INVALID = "invalid"


@dataclass(frozen=True)
class SealProblem:
    """One finding: a stable code for programs, a message for logs (front ends word it)."""

    code: str
    message: str


@dataclass(frozen=True)
class SealCheck:
    """The result of check_seal, one status per check plus the overall verdict."""

    signature: SignatureStatus
    maker: MakerStatus
    validity: ValidityStatus
    holder: HolderStatus
    picture: PictureStatus
    verdict: Verdict
    problems: tuple[SealProblem, ...]
    checked_at: datetime

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.VALID

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form (for `netca seals --json`)."""
        return {
            "verdict": self.verdict.value,
            "signature": self.signature.value,
            "maker": self.maker.value,
            "validity": self.validity.value,
            "holder": self.holder.value,
            "picture": self.picture.value,
            "problems": [{"code": p.code, "message": p.message} for p in self.problems],
            "checked_at": self.checked_at.isoformat(),
        }


def check_seal(
    seal: Seal,
    *,
    trusted_roots: Sequence[x509.Certificate],
    holder_cert: x509.Certificate | None = None,
    now: datetime | None = None,
    intermediates: Sequence[x509.Certificate] = (),
) -> SealCheck:
    """Run every check on a parsed seal; never raises for a bad seal, reports it instead."""
    at = (now or datetime.now(UTC)).astimezone(UTC)
    problems: list[SealProblem] = []
    maker_cert = _load_maker(seal, problems)
    signature = _check_signature(seal, maker_cert, problems)
    maker = _check_maker(maker_cert, trusted_roots, intermediates, at, problems)
    validity = _check_validity(seal, at, problems)
    holder = _check_holder(seal, holder_cert, problems)
    picture_issue = picture_problem(seal.picture)
    picture = PictureStatus.DECODES
    if picture_issue is not None:
        picture = PictureStatus.BROKEN
        problems.append(SealProblem("picture-broken", picture_issue))
    failed = (
        signature is SignatureStatus.INVALID
        or maker is MakerStatus.UNTRUSTED
        or validity is not ValidityStatus.VALID
        or holder is HolderStatus.NOT_LISTED
        or picture is PictureStatus.BROKEN
    )
    unverifiable = (
        signature is SignatureStatus.NOT_VERIFIABLE or maker is MakerStatus.NOT_VERIFIABLE
    )
    verdict = (
        Verdict.INVALID if failed else Verdict.INDETERMINATE if unverifiable else Verdict.VALID
    )
    return SealCheck(
        signature=signature,
        maker=maker,
        validity=validity,
        holder=holder,
        picture=picture,
        verdict=verdict,
        problems=tuple(problems),
        checked_at=at,
    )


def _load_maker(seal: Seal, problems: list[SealProblem]) -> x509.Certificate | None:
    try:
        return seal.maker_certificate
    except SealFormatError as exc:
        problems.append(SealProblem("maker-cert-unreadable", str(exc)))
        return None


def _check_signature(
    seal: Seal, maker_cert: x509.Certificate | None, problems: list[SealProblem]
) -> SignatureStatus:
    algorithm = seal.signature_algorithm
    if algorithm == SM2_WITH_SM3:
        return _check_sm2_signature(seal, maker_cert, problems)
    if algorithm not in _ECDSA_HASHES and algorithm not in _RSA_HASHES:
        message = f"signature algorithm {algorithm} not verifiable here"
        problems.append(SealProblem("signature-not-verifiable", message))
        return SignatureStatus.NOT_VERIFIABLE
    if maker_cert is None:
        problems.append(SealProblem("signature-invalid", "no readable maker certificate"))
        return SignatureStatus.INVALID
    candidates = [seal.signed_data]
    alternative = alternative_signed_data(seal)
    if alternative is not None:
        candidates.append(alternative)
    try:
        key = maker_cert.public_key()
    except (UnsupportedAlgorithm, ValueError) as exc:
        problems.append(SealProblem("signature-not-verifiable", f"maker key: {exc}"))
        return SignatureStatus.NOT_VERIFIABLE
    if any(_verifies(key, algorithm, seal.signature, data) for data in candidates):
        return SignatureStatus.VALID
    message = f"the maker's {seal.signature_algorithm_name} signature does not match the seal"
    problems.append(SealProblem("signature-invalid", message))
    return SignatureStatus.INVALID


def _check_sm2_signature(
    seal: Seal, maker_cert: x509.Certificate | None, problems: list[SealProblem]
) -> SignatureStatus:
    """SM2/SM3 with the standard ID through libcrypto; not verifiable where it has no SM2."""
    reason = unavailable_reason()
    if reason is not None:
        message = f"SM2 signature not verifiable here: {reason}"
        problems.append(SealProblem("signature-not-verifiable", message))
        return SignatureStatus.NOT_VERIFIABLE
    if maker_cert is None:
        problems.append(SealProblem("signature-invalid", "no readable maker certificate"))
        return SignatureStatus.INVALID
    spki = public_key_der(maker_cert)
    candidates = [seal.signed_data]
    alternative = alternative_signed_data(seal)
    if alternative is not None:
        candidates.append(alternative)
    if is_sm2_public_key(spki) and any(sm2_verify(spki, d, seal.signature) for d in candidates):
        return SignatureStatus.VALID
    problems.append(
        SealProblem("signature-invalid", "the maker's SM2 signature does not match the seal")
    )
    return SignatureStatus.INVALID


def _verifies(key: object, algorithm: str, signature: bytes, data: bytes) -> bool:
    try:
        if isinstance(key, ec.EllipticCurvePublicKey) and algorithm in _ECDSA_HASHES:
            key.verify(signature, data, ec.ECDSA(_ECDSA_HASHES[algorithm]()))
            return True
        if isinstance(key, rsa.RSAPublicKey) and algorithm in _RSA_HASHES:
            key.verify(signature, data, padding.PKCS1v15(), _RSA_HASHES[algorithm]())
            return True
    except InvalidSignature:
        return False
    return False


def _check_maker(
    maker_cert: x509.Certificate | None,
    trusted_roots: Sequence[x509.Certificate],
    intermediates: Sequence[x509.Certificate],
    at: datetime,
    problems: list[SealProblem],
) -> MakerStatus:
    if maker_cert is None:
        problems.append(SealProblem("maker-untrusted", "no readable maker certificate"))
        return MakerStatus.UNTRUSTED
    if maker_cert.signature_algorithm_oid.dotted_string == SM2_WITH_SM3:
        return _check_sm2_maker(maker_cert, trusted_roots, intermediates, at, problems)
    if not trusted_roots:
        problems.append(SealProblem("maker-untrusted", "no trusted seal-maker roots configured"))
        return MakerStatus.UNTRUSTED
    if maker_cert in trusted_roots and _within(maker_cert, at):
        return MakerStatus.TRUSTED
    try:
        _chain_verifier(trusted_roots, at).verify(maker_cert, list(intermediates))
    except (VerificationError, UnsupportedAlgorithm, ValueError) as exc:
        subject = maker_cert.subject.rfc4514_string()
        message = f"maker certificate {subject} does not chain to a trusted root: {exc}"
        problems.append(SealProblem("maker-untrusted", message))
        return MakerStatus.UNTRUSTED
    return MakerStatus.TRUSTED


def _check_sm2_maker(
    maker_cert: x509.Certificate,
    trusted_roots: Sequence[x509.Certificate],
    intermediates: Sequence[x509.Certificate],
    at: datetime,
    problems: list[SealProblem],
) -> MakerStatus:
    reason = unavailable_reason()
    if reason is not None:
        message = f"maker certificate is SM2-signed: chain not verifiable here ({reason})"
        problems.append(SealProblem("maker-not-verifiable", message))
        return MakerStatus.NOT_VERIFIABLE
    if not trusted_roots:
        problems.append(SealProblem("maker-untrusted", "no trusted seal-maker roots configured"))
        return MakerStatus.UNTRUSTED
    result = check_chain(maker_cert, roots=trusted_roots, intermediates=intermediates, at=at)
    if result.ok:
        return MakerStatus.TRUSTED
    subject = maker_cert.subject.rfc4514_string()
    message = f"maker certificate {subject} does not chain to a trusted root: {result.problem}"
    problems.append(SealProblem("maker-untrusted", message))
    return MakerStatus.UNTRUSTED


def _chain_verifier(roots: Sequence[x509.Certificate], at: datetime) -> ClientVerifier:
    """CA certificates under the Web PKI CA profile; the maker certificate unconstrained
    (maker certificates carry no TLS key purpose, so the client profile's would refuse them)."""
    return (
        PolicyBuilder()
        .store(Store(list(roots)))
        .time(at)
        .extension_policies(
            ca_policy=ExtensionPolicy.webpki_defaults_ca(),
            ee_policy=ExtensionPolicy.permit_all(),
        )
        .build_client_verifier()
    )


def _within(cert: x509.Certificate, at: datetime) -> bool:
    return cert.not_valid_before_utc <= at <= cert.not_valid_after_utc


def _check_validity(seal: Seal, at: datetime, problems: list[SealProblem]) -> ValidityStatus:
    if at < seal.valid_from:
        message = f"seal valid from {seal.valid_from.isoformat()}"
        problems.append(SealProblem("not-yet-valid", message))
        return ValidityStatus.NOT_YET_VALID
    if at > seal.valid_to:
        problems.append(SealProblem("expired", f"seal expired {seal.valid_to.isoformat()}"))
        return ValidityStatus.EXPIRED
    return ValidityStatus.VALID


def _check_holder(
    seal: Seal, holder_cert: x509.Certificate | None, problems: list[SealProblem]
) -> HolderStatus:
    if holder_cert is None:
        return HolderStatus.NOT_CHECKED
    if seal.allows(holder_cert):
        return HolderStatus.LISTED
    subject = holder_cert.subject.rfc4514_string()
    message = f"certificate {subject} is not among those allowed to use the seal"
    problems.append(SealProblem("holder-not-listed", message))
    return HolderStatus.NOT_LISTED
