"""A pyhanko Signer whose private-key operation is KeySession.sign on the token thread.

The signer runs inside pyhanko's asyncio.run on the token thread, so session.sign runs
inline there; pyhanko's own PKCS#11 signer is not used (it would run C_Sign on an executor
thread and import pkcs11 outside core/token).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from asn1crypto import algos
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.sign.signers import Signer
from pyhanko_certvalidator.registry import SimpleCertificateStore

from netca_client.core import gm
from netca_client.core.certs import key_certificates
from netca_client.core.errors import PdfSigningFailed, SealNotBound

SM3_SM2 = "sm3_sm2"

if TYPE_CHECKING:
    from netca_client.core.seals import KeySeal
    from netca_client.core.token import KeySession


def to_asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))


class KeySigner(Signer):
    """Signs CMS signed attributes with the key's private key (RSA PKCS#1 v1.5, ECDSA, or
    SM2 with SM3 over the attributes, Z_A with the configured ID, made on the key)."""

    def __init__(
        self,
        session: KeySession,
        *,
        key_id: str,
        certificate: x509.Certificate,
        chain: Sequence[x509.Certificate] = (),
    ) -> None:
        self.md_algorithm = "sha256"
        #: PAdES for RSA and ECDSA; SM2 writes adbe.pkcs7.detached (docs/gm.md says why)
        self.subfilter = "pades"
        if gm.is_sm2_certificate(certificate):
            mechanism, self._dry_length = SM3_SM2, 72  # DER { r, s }: 2 × (32 + 3) + 2
            self.md_algorithm, self.subfilter = "sm3", "pkcs7"
        elif isinstance(public := certificate.public_key(), rsa.RSAPublicKey):
            mechanism, self._dry_length = "sha256_rsa", public.key_size // 8
        elif isinstance(public, ec.EllipticCurvePublicKey):
            # DER ECDSA: two integers of up to key size + 1 byte each, plus headers.
            mechanism, self._dry_length = "sha256_ecdsa", 2 * (public.key_size // 8 + 3) + 3
        else:
            raise PdfSigningFailed(f"unsupported key type {type(public).__name__}")
        super().__init__(
            signing_cert=to_asn1(certificate),
            cert_registry=SimpleCertificateStore.from_certs([to_asn1(c) for c in chain]),
            signature_mechanism=algos.SignedDigestAlgorithm({"algorithm": mechanism}),
        )
        self._session = session
        self._key_id = key_id
        self._mechanism = mechanism

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> Any:
        if digest_algorithm != self.md_algorithm:
            raise PdfSigningFailed(f"the key signs {self.md_algorithm}, not {digest_algorithm}")
        if dry_run:
            return bytes(self._dry_length)
        signature = self._session.sign(data, key_id=self._key_id)
        if signature.algorithm != self._mechanism:
            raise PdfSigningFailed(
                f"key made {signature.algorithm}, certificate needs {self._mechanism}"
            )
        return signature.value


def signing_certificate(session: KeySession, seal: KeySeal) -> tuple[str, x509.Certificate]:
    """The key's certificate the seal is bound to (CKA_ID hex and certificate).

    A seal lists the certificates (or their digests) allowed to use it; the first one
    found on the key with a private key (a CKA_ID) wins.
    """
    if seal.seal is None:
        raise SealNotBound(seal.name)
    for summary in key_certificates(session):
        if not summary.der or not summary.key_id:
            continue
        cert = x509.load_der_x509_certificate(summary.der)
        if seal.seal.allows(cert):
            return summary.key_id, cert
    raise SealNotBound(seal.name)


def key_chain(session: KeySession, leaf: x509.Certificate) -> list[x509.Certificate]:
    """CA certificates stored on the key beside the leaf (keys often carry their chain)."""
    out = []
    for summary in key_certificates(session):
        if not summary.der:
            continue
        cert = x509.load_der_x509_certificate(summary.der)
        if cert != leaf and _is_ca(cert):
            out.append(cert)
    return out


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False
