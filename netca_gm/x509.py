"""Certificates, CSRs, CRLs and OCSP answers signed with SM2: their signatures and chains.

Any other algorithm is checked by ``cryptography``; SM2-with-SM3 by libcrypto with the
distinguishing ID given (DEFAULT_ID unless the caller agreed another). A chain whose link
was signed with another ID (OpenSSL's default empty ID, say) does not verify.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives.serialization import Encoding

from netca_gm.oids import SM2_SIGN, SM2_WITH_SM3
from netca_gm.sm2 import DEFAULT_ID, is_sm2_public_key, verify

MAX_CHAIN = 8
_SM2_SIGNATURES = frozenset({SM2_WITH_SM3, SM2_SIGN})
_CURVE_NAMES = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}


def public_key_der(cert: x509.Certificate) -> bytes:
    """The certificate's SubjectPublicKeyInfo DER, for any algorithm (cryptography's
    public_key() raises UnsupportedAlgorithm for SM2)."""
    tbs = asn1_x509.TbsCertificate.load(cert.tbs_certificate_bytes)
    return bytes(tbs["subject_public_key_info"].dump())


def is_sm2_certificate(cert: x509.Certificate) -> bool:
    """Whether the certificate certifies an SM2 key."""
    return is_sm2_public_key(public_key_der(cert))


def is_sm2_signed(cert: x509.Certificate) -> bool:
    """Whether the certificate's issuer signed it with SM2-with-SM3."""
    return cert.signature_algorithm_oid.dotted_string in _SM2_SIGNATURES


def key_algorithm(public_key_der_: bytes) -> tuple[str, int]:
    """A name and a size for any SubjectPublicKeyInfo: ("SM2", 256), ("RSA", 2048),
    ("EC P-256", 256), ("Ed25519", 256) … and the dotted OID with 0 for what nobody here
    knows. Never raises for a key that parses as ASN.1; ValueError for one that does not."""
    if is_sm2_public_key(public_key_der_):
        return "SM2", 256
    info = asn1_keys.PublicKeyInfo.load(public_key_der_)
    algorithm = info["algorithm"]["algorithm"]
    try:
        name = info.algorithm
        if name == "rsa":
            return "RSA", int(info.bit_size)
        if name == "ec":
            curve = info.curve[1]
            return f"EC {_CURVE_NAMES.get(str(curve), curve)}", int(info.bit_size)
        if name in ("ed25519", "ed448"):
            return name.capitalize(), 256 if name == "ed25519" else 456
        if name == "dsa":
            return "DSA", int(info.bit_size)
    except (ValueError, KeyError, TypeError):
        pass
    return str(algorithm.dotted), 0


def signature_algorithm_name(oid: str) -> str:
    """A readable name for a signature algorithm OID (SM2-with-SM3 and the usual ones)."""
    if oid in _SM2_SIGNATURES:
        return "SM2-with-SM3"
    try:
        return str(x509.ObjectIdentifier(oid)._name)
    except ValueError:
        return oid


def verify_signed(
    issuer_public_key: bytes,
    algorithm_oid: str,
    tbs: bytes,
    signature: bytes,
    *,
    distid: bytes = DEFAULT_ID,
) -> bool:
    """Whether ``signature`` over ``tbs`` verifies with the issuer's SubjectPublicKeyInfo.
    SM2 through libcrypto (Sm2Unavailable where it has none); the rest through cryptography."""
    if algorithm_oid in _SM2_SIGNATURES:
        return is_sm2_public_key(issuer_public_key) and verify(
            issuer_public_key, tbs, signature, distid
        )
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
    from cryptography.hazmat.primitives.serialization import load_der_public_key

    digests: dict[str, type[hashes.HashAlgorithm]] = {
        "1.2.840.113549.1.1.11": hashes.SHA256,
        "1.2.840.113549.1.1.12": hashes.SHA384,
        "1.2.840.113549.1.1.13": hashes.SHA512,
        "1.2.840.10045.4.3.2": hashes.SHA256,
        "1.2.840.10045.4.3.3": hashes.SHA384,
        "1.2.840.10045.4.3.4": hashes.SHA512,
    }
    digest = digests.get(algorithm_oid)
    if digest is None:
        return False
    try:
        key = load_der_public_key(issuer_public_key)
        if isinstance(key, rsa.RSAPublicKey) and algorithm_oid.startswith("1.2.840.113549"):
            key.verify(signature, tbs, padding.PKCS1v15(), digest())
            return True
        if isinstance(key, ec.EllipticCurvePublicKey) and algorithm_oid.startswith("1.2.840.10045"):
            key.verify(signature, tbs, ec.ECDSA(digest()))
            return True
    except (InvalidSignature, UnsupportedAlgorithm, ValueError):
        return False
    return False


def certificate_signed_by(
    cert: x509.Certificate, issuer: x509.Certificate, *, distid: bytes = DEFAULT_ID
) -> bool:
    """Whether ``issuer`` (names match, and its key verifies the signature) issued ``cert``."""
    if cert.issuer != issuer.subject:
        return False
    return verify_signed(
        public_key_der(issuer),
        cert.signature_algorithm_oid.dotted_string,
        cert.tbs_certificate_bytes,
        cert.signature,
        distid=distid,
    )


def csr_signature_valid(csr_der: bytes, *, distid: bytes = DEFAULT_ID) -> bool:
    """Whether a PKCS#10 request is signed by the key it carries (SM2 or not)."""
    from asn1crypto import csr as asn1_csr

    request = asn1_csr.CertificationRequest.load(csr_der)
    info = request["certification_request_info"]
    return verify_signed(
        bytes(info["subject_pk_info"].dump()),
        request["signature_algorithm"]["algorithm"].dotted,
        bytes(info.dump()),
        bytes(request["signature"].native),
        distid=distid,
    )


@dataclass(frozen=True)
class ChainCheck:
    """The outcome of check_chain: ``ok`` with the path leaf first, or the ``problem``."""

    ok: bool
    problem: str | None = None
    path: tuple[x509.Certificate, ...] = field(default=())


def check_chain(
    leaf: x509.Certificate,
    *,
    roots: Sequence[x509.Certificate],
    intermediates: Sequence[x509.Certificate] = (),
    at: datetime | None = None,
    distid: bytes = DEFAULT_ID,
) -> ChainCheck:
    """A path from ``leaf`` to one of ``roots``: each link's signature (SM2 with ``distid``),
    names, validity at ``at`` and, for every issuer, CA basic constraints and keyCertSign.
    No revocation (the PDF verifier adds it through pyhanko-certvalidator)."""
    moment = (at or datetime.now(UTC)).astimezone(UTC)
    root_ders = {c.public_bytes(Encoding.DER) for c in roots}
    path = [leaf]
    current = leaf
    for _ in range(MAX_CHAIN):
        problem = _time_problem(current, moment)
        if problem:
            return ChainCheck(False, problem)
        if current.public_bytes(Encoding.DER) in root_ders:
            return ChainCheck(True, path=tuple(path))
        candidates = [c for c in (*intermediates, *roots) if c.subject == current.issuer]
        issuer = next(
            (c for c in candidates if certificate_signed_by(current, c, distid=distid)), None
        )
        if issuer is None:
            name = current.subject.rfc4514_string()
            why = "no issuer's signature verifies" if candidates else "issuer not known"
            return ChainCheck(False, f"{name}: {why}")
        if not _may_issue(issuer):
            return ChainCheck(False, f"{issuer.subject.rfc4514_string()} is not a CA")
        path.append(issuer)
        current = issuer
    return ChainCheck(False, "the chain is too long")


def _time_problem(cert: x509.Certificate, at: datetime) -> str | None:
    if at < cert.not_valid_before_utc:
        return f"{cert.subject.rfc4514_string()} is not yet valid"
    if at > cert.not_valid_after_utc:
        return f"{cert.subject.rfc4514_string()} expired"
    return None


def _may_issue(cert: x509.Certificate) -> bool:
    try:
        if not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca:
            return False
    except x509.ExtensionNotFound:
        return False
    try:
        return bool(cert.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign)
    except x509.ExtensionNotFound:
        return True
