"""CMS SignedData (RFC 5652) for web login and data signing, and its verification.

Any thread: ``build_signed_data`` calls ``sign`` once (a KeySession.sign, which hops to the
token thread); everything else is parsing and arithmetic.

A login signs a *login statement*, three lines a site can rebuild from what it knows::

    netca-web-login:v1
    origin:https://rp.example
    challenge:<the site's challenge, as sent>

with the signed attributes contentType, signingTime and messageDigest (SHA-256). The
signed attributes are DER-sorted before signing, as OpenSSL and Bouncy Castle re-encode them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from asn1crypto import algos, cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding

LOGIN_STATEMENT_VERSION = "netca-web-login:v1"

#: what ``sign`` returns: the signature and "sha256_rsa" or "sha256_ecdsa" (KeySignature)
Signature = tuple[bytes, str]


class SignedDataInvalid(ValueError):
    """The SignedData does not parse, or its signature does not hold."""


def login_statement(*, origin: str, challenge: str) -> bytes:
    """The bytes a login signs: the version line, the site's origin, its challenge."""
    return f"{LOGIN_STATEMENT_VERSION}\norigin:{origin}\nchallenge:{challenge}\n".encode()


def parse_login_statement(content: bytes) -> tuple[str, str]:
    """(origin, challenge) of a login statement; SignedDataInvalid when it is none."""
    try:
        lines = content.decode("utf-8").split("\n")
    except UnicodeDecodeError as exc:
        raise SignedDataInvalid("the login statement is not UTF-8") from exc
    if (
        len(lines) != 4
        or lines[0] != LOGIN_STATEMENT_VERSION
        or not lines[1].startswith("origin:")
        or not lines[2].startswith("challenge:")
        or lines[3] != ""
    ):
        raise SignedDataInvalid("not a login statement")
    return lines[1][len("origin:") :], lines[2][len("challenge:") :]


def _attribute(name: str, value: object) -> cms.CMSAttribute:
    return cms.CMSAttribute({"type": name, "values": [value]})


def _sorted_attributes(attributes: Sequence[cms.CMSAttribute]) -> cms.CMSAttributes:
    """A SET OF in DER order (X.690 11.6): what a verifier re-encodes before checking."""
    ordered = sorted(attributes, key=lambda attribute: attribute.dump())
    return cms.CMSAttributes(ordered)


def build_signed_data(
    *,
    content: bytes,
    certificate: x509.Certificate,
    sign: Callable[[bytes], Signature],
    signing_time: dt.datetime,
    detached: bool,
    chain: Sequence[x509.Certificate] = (),
) -> bytes:
    """DER ContentInfo of a SignedData over ``content`` by ``certificate``'s key.

    ``sign(data)`` signs with SHA-256 (the token's C_Sign); detached leaves the content out.
    """
    signer = asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))
    extra = [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in chain]
    attributes = _sorted_attributes(
        [
            _attribute("content_type", "data"),
            _attribute("signing_time", cms.Time({"utc_time": signing_time.astimezone(dt.UTC)})),
            _attribute("message_digest", hashlib.sha256(content).digest()),
        ]
    )
    value, algorithm = sign(attributes.dump())
    if algorithm not in ("sha256_rsa", "sha256_ecdsa"):
        raise SignedDataInvalid(f"unsupported signature algorithm {algorithm}")
    signer_info = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                {
                    "issuer_and_serial_number": cms.IssuerAndSerialNumber(
                        {"issuer": signer.issuer, "serial_number": signer.serial_number}
                    )
                }
            ),
            "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
            "signed_attrs": attributes,
            "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": algorithm}),
            "signature": value,
        }
    )
    encapsulated: dict[str, object] = {"content_type": "data"}
    if not detached:
        encapsulated["content"] = content
    signed_data = cms.SignedData(
        {
            "version": "v1",
            "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
            "encap_content_info": cms.ContentInfo(encapsulated),
            "certificates": [signer, *extra],
            "signer_infos": [signer_info],
        }
    )
    return bytes(cms.ContentInfo({"content_type": "signed_data", "content": signed_data}).dump())


@dataclass(frozen=True)
class VerifiedSignature:
    """A SignedData whose signature holds (chain and revocation are the caller's checks)."""

    content: bytes
    signer: x509.Certificate
    #: the other certificates the SignedData carries (intermediates, perhaps)
    certificates: tuple[x509.Certificate, ...]
    signing_time: dt.datetime | None


def verify_signed_data(der: bytes, *, detached_content: bytes | None = None) -> VerifiedSignature:
    """Check a SignedData's one signature: the message digest over the content (the
    encapsulated one, else ``detached_content``) and the signer's signature over the signed
    attributes. SignedDataInvalid says what does not hold."""
    try:
        info = cms.ContentInfo.load(der)
        if info["content_type"].native != "signed_data":
            raise SignedDataInvalid("not a SignedData")
        signed = info["content"]
        encapsulated = signed["encap_content_info"]["content"]
        content = encapsulated.native if encapsulated.native is not None else detached_content
        if content is None:
            raise SignedDataInvalid("detached signature: the signed data is needed")
        certificates = [
            x509.load_der_x509_certificate(c.chosen.dump())
            for c in signed["certificates"]
            if c.name == "certificate"
        ]
        infos = list(signed["signer_infos"])
        if len(infos) != 1:
            raise SignedDataInvalid(f"{len(infos)} signers; exactly one expected")
        signer_info = infos[0]
        signer = _signer_certificate(signer_info, certificates)
        attributes = signer_info["signed_attrs"]
        if not attributes:
            raise SignedDataInvalid("no signed attributes")
        found = {a["type"].native: a["values"][0] for a in attributes}
        if signer_info["digest_algorithm"]["algorithm"].native != "sha256":
            raise SignedDataInvalid("only SHA-256 is accepted")
        digest = found.get("message_digest")
        if digest is None or not hmac.compare_digest(
            digest.native, hashlib.sha256(content).digest()
        ):
            raise SignedDataInvalid("the message digest does not match the content")
        _check_signature(
            signer,
            signature=signer_info["signature"].native,
            data=attributes.untag().dump(),
            algorithm=signer_info["signature_algorithm"].signature_algo,
        )
        when = found.get("signing_time")
        signing_time = when.native if when is not None else None
    except SignedDataInvalid:
        raise
    except (ValueError, TypeError, KeyError) as exc:
        raise SignedDataInvalid(f"the SignedData does not parse: {exc}") from exc
    others = tuple(c for c in certificates if c != signer)
    return VerifiedSignature(bytes(content), signer, others, signing_time)


def _signer_certificate(
    signer_info: cms.SignerInfo, certificates: list[x509.Certificate]
) -> x509.Certificate:
    sid = signer_info["sid"]
    if sid.name != "issuer_and_serial_number":
        raise SignedDataInvalid("the signer is named by key identifier; not supported")
    serial = sid.chosen["serial_number"].native
    issuer = sid.chosen["issuer"].dump()
    for cert in certificates:
        loaded = asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))
        if loaded.serial_number == serial and loaded.issuer.dump() == issuer:
            return cert
    raise SignedDataInvalid("the signer's certificate is not in the SignedData")


def _check_signature(
    cert: x509.Certificate, *, signature: bytes, data: bytes, algorithm: str
) -> None:
    try:
        public = cert.public_key()
    except UnsupportedAlgorithm as exc:  # SM2 and the like: refused, never a crash
        raise SignedDataInvalid(f"unsupported key or algorithm ({algorithm})") from exc
    try:
        if isinstance(public, rsa.RSAPublicKey) and algorithm == "rsassa_pkcs1v15":
            public.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(public, ec.EllipticCurvePublicKey) and algorithm == "ecdsa":
            public.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        else:
            raise SignedDataInvalid(f"unsupported key or algorithm ({algorithm})")
    except InvalidSignature as exc:
        raise SignedDataInvalid("the signature does not verify") from exc
