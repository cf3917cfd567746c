"""The one check that a key signed a message with the certificate the RA issued for it.

Both proofs of possession use it — renewal's (docs/ra-protocol.md §12) and the seal
applications' (§13) — so a key type that can prove possession for one can prove it for the
other: SHA-256 with RSA PKCS#1 v1.5, ECDSA with SHA-256 (DER), and SM3-with-SM2 (GM/T 0009,
the standard ID 1234567812345678, DER) for an SM2 certificate, checked by libcrypto.
"""

from __future__ import annotations

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from netca_gm import Sm2Unavailable
from netca_gm import verify as sm2_verify
from netca_gm.x509 import is_sm2_certificate, public_key_der

#: the algorithm names a proof may carry (KeySignature's names on the client)
SHA256_RSA, SHA256_ECDSA, SM3_SM2 = "sha256_rsa", "sha256_ecdsa", "sm3_sm2"


class CannotVerify(Exception):
    """The certificate's key cannot prove possession here (its type, or SM2 unavailable)."""


def signing_algorithm(cert: x509.Certificate) -> str:
    """The algorithm this certificate's key signs proofs with; CannotVerify for a key type
    that cannot prove possession."""
    if is_sm2_certificate(cert):
        return SM3_SM2
    try:
        public = cert.public_key()
    except (UnsupportedAlgorithm, ValueError) as exc:
        raise CannotVerify("the certificate's key type cannot prove possession") from exc
    if isinstance(public, rsa.RSAPublicKey):
        return SHA256_RSA
    if isinstance(public, ec.EllipticCurvePublicKey):
        return SHA256_ECDSA
    raise CannotVerify("the certificate's key type cannot prove possession")


def signed_by(cert: x509.Certificate, signature: bytes, message: bytes) -> bool:
    """Whether ``signature`` is the certificate key's signature of ``message`` with
    ``signing_algorithm(cert)``. CannotVerify when the key type (or SM2 here) cannot."""
    algorithm = signing_algorithm(cert)
    if algorithm == SM3_SM2:
        try:
            return sm2_verify(public_key_der(cert), message, signature)
        except Sm2Unavailable as exc:
            raise CannotVerify(f"SM2 is not available: {exc}") from exc
    public = cert.public_key()
    try:
        if isinstance(public, rsa.RSAPublicKey):
            public.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(signature, message, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError):
        return False
    return True
