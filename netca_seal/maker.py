"""Making seals: sign a GB/T 38540 seal info with the maker's ECDSA P-256, RSA or SM2 key."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from netca_gm import Sm2PrivateKey
from netca_gm.x509 import public_key_der
from netca_seal.codec import build_seal, build_seal_info
from netca_seal.errors import SealBuildError
from netca_seal.model import ECDSA_WITH_SHA256, SHA256_WITH_RSA, SM2_WITH_SM3, CertListType
from netca_seal.picture import png_picture

MakerKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey | Sm2PrivateKey


def sign_seal_info(seal_info_der: bytes, maker_key: MakerKey) -> tuple[str, bytes]:
    """Sign the seal info DER; returns (algorithm OID, signature). SM2 (GB/T 38540 allows it)
    signs with SM3 and the ID 1234567812345678, DER SEQUENCE { r, s }, through libcrypto."""
    if isinstance(maker_key, Sm2PrivateKey):
        return SM2_WITH_SM3, maker_key.sign(seal_info_der)
    if isinstance(maker_key, ec.EllipticCurvePrivateKey):
        signature = maker_key.sign(seal_info_der, ec.ECDSA(hashes.SHA256()))
        return ECDSA_WITH_SHA256, signature
    if isinstance(maker_key, rsa.RSAPrivateKey):
        signature = maker_key.sign(seal_info_der, padding.PKCS1v15(), hashes.SHA256())
        return SHA256_WITH_RSA, signature
    raise SealBuildError(f"maker key type {type(maker_key).__name__} is not ECDSA or RSA")


def make_seal(
    *,
    picture_png: bytes,
    name: str,
    seal_type: int,
    allowed_certs: Sequence[x509.Certificate],
    valid_from: datetime,
    valid_to: datetime,
    maker_cert: x509.Certificate,
    maker_key: MakerKey,
    vendor_id: str,
    seal_id: str,
    picture_size_mm: tuple[int, int] | None = None,
    created: datetime | None = None,
    cert_list_type: CertListType = CertListType.CERTIFICATES,
) -> bytes:
    """Build and sign a GB/T 38540 SES_Seal; returns its DER.

    The picture size defaults to what the PNG's dpi says (seal art records it).
    """
    _require_matching_key(maker_cert, maker_key)
    picture = png_picture(picture_png, size_mm=picture_size_mm)
    info = build_seal_info(
        name=name,
        seal_type=seal_type,
        allowed_certs=allowed_certs,
        valid_from=valid_from,
        valid_to=valid_to,
        picture=picture,
        vendor_id=vendor_id,
        seal_id=seal_id,
        created=created,
        cert_list_type=cert_list_type,
    )
    algorithm, signature = sign_seal_info(info, maker_key)
    return build_seal(
        seal_info_der=info,
        maker_cert=maker_cert,
        signature_algorithm=algorithm,
        signature=signature,
    )


def _require_matching_key(maker_cert: x509.Certificate, maker_key: MakerKey) -> None:
    spki = PublicFormat.SubjectPublicKeyInfo
    if isinstance(maker_key, Sm2PrivateKey):
        if maker_key.public_der() != public_key_der(maker_cert):
            raise SealBuildError("the maker key does not belong to the maker certificate")
        return
    cert_key = maker_cert.public_key().public_bytes(Encoding.DER, spki)
    if maker_key.public_key().public_bytes(Encoding.DER, spki) != cert_key:
        raise SealBuildError("the maker key does not belong to the maker certificate")
