"""PKCS#10 certificate requests for a key pair whose private key stays on the USB key.

The request is signed through a callback (KeySession.sign on the token thread), so this
module never touches PKCS#11. Thread-safe; the callback decides where signing runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from asn1crypto import csr as asn1_csr
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509

from netca_client.core import gm

# The signature algorithm each key algorithm must sign the request with.
_SIGNATURE_FOR_KEY = {"rsa": "sha256_rsa", "ec": "sha256_ecdsa"}
_SM2 = "sm3_sm2"


class CsrSignature(Protocol):
    """What the signing callback returns (KeySignature fits): DER signature and its name."""

    @property
    def value(self) -> bytes: ...

    @property
    def algorithm(self) -> str: ...


class CsrNotValid(ValueError):
    """The request signed through the callback does not verify against its public key
    (the callback signed with another key, or with an unexpected algorithm)."""


def build_csr(
    public_key_der: bytes,
    *,
    common_name: str,
    sign: Callable[[bytes], CsrSignature],
) -> x509.CertificateSigningRequest:
    """A PKCS#10 request (subject CN only) for ``public_key_der`` (SubjectPublicKeyInfo).

    ``sign`` receives the DER CertificationRequestInfo and signs it with SHA-256:
    RSA PKCS#1 v1.5 ("sha256_rsa") or ECDSA ("sha256_ecdsa"), or with SM2/SM3 ("sm3_sm2",
    the configured ID) for an SM2 key. Raises CsrNotValid when the result does not verify,
    ValueError when the public key is not RSA, EC or SM2.
    """
    public = asn1_keys.PublicKeyInfo.load(public_key_der)
    sm2 = gm.is_sm2_public_key(public_key_der)
    expected = _SM2 if sm2 else _SIGNATURE_FOR_KEY.get(public.algorithm)
    if expected is None:
        raise ValueError(f"no CSR signature algorithm for a {public.algorithm} key")
    info = asn1_csr.CertificationRequestInfo(
        {
            "version": "v1",
            "subject": asn1_x509.Name.build({"common_name": common_name}),
            "subject_pk_info": public,
            "attributes": [],
        }
    )
    signature = sign(info.dump())
    if signature.algorithm != expected:
        raise CsrNotValid(
            f"signed with {signature.algorithm}, a {public.algorithm} key needs {expected}"
        )
    request = asn1_csr.CertificationRequest(
        {
            "certification_request_info": info,
            "signature_algorithm": {"algorithm": expected},
            "signature": signature.value,
        }
    )
    csr = x509.load_der_x509_csr(request.dump())
    if sm2:  # cryptography cannot check SM2: libcrypto does, with the configured ID
        if not gm.csr_signature_valid(request.dump(), distid=gm.configured_id()):
            raise CsrNotValid("the request's SM2 signature does not verify with its public key")
        return csr
    if not csr.is_signature_valid:
        raise CsrNotValid("the request's signature does not verify with its public key")
    return csr
