"""Fixtures for seal tests: a small CA (root -> seal maker), holder certificates, a picture."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from PIL import Image

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)

Key = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


@dataclass(frozen=True)
class Issued:
    cert: x509.Certificate
    key: Key


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "NETCA Test"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def issue(
    common_name: str,
    *,
    issuer: Issued | None = None,
    ca: bool = False,
    key: Key | None = None,
    not_before: datetime = NOW - timedelta(days=365),
    not_after: datetime = NOW + timedelta(days=3 * 365),
) -> Issued:
    """A certificate signed by `issuer` (self-signed when None)."""
    key = key or ec.generate_private_key(ec.SECP256R1())
    subject = _name(common_name)
    signer_key = issuer.key if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.cert.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    return Issued(cert=builder.sign(signer_key, hashes.SHA256()), key=key)


@pytest.fixture(scope="session")
def root() -> Issued:
    return issue("NETCA Test Seal Root", ca=True)


@pytest.fixture(scope="session")
def maker(root: Issued) -> Issued:
    return issue("NETCA Test Seal Maker", issuer=root)


@pytest.fixture(scope="session")
def rsa_maker(root: Issued) -> Issued:
    return issue(
        "NETCA Test RSA Seal Maker",
        issuer=root,
        key=rsa.generate_private_key(public_exponent=65537, key_size=2048),
    )


@pytest.fixture(scope="session")
def other_root() -> Issued:
    return issue("Somebody Else's Root", ca=True)


@pytest.fixture(scope="session")
def holder(root: Issued) -> Issued:
    return issue("广州示例科技有限公司", issuer=root)


@pytest.fixture(scope="session")
def other_holder(root: Issued) -> Issued:
    return issue("另一家公司", issuer=root)


@pytest.fixture(scope="session")
def picture_png() -> bytes:
    """A 40 mm red disc at 300 dpi (472 px) with a transparent background."""
    size = 472
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    for x in range(size):
        for y in range(size):
            if (x - size / 2) ** 2 + (y - size / 2) ** 2 < (size / 2 - 4) ** 2:
                image.putpixel((x, y), (230, 0, 18, 255))
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(300, 300))
    return out.getvalue()


@pytest.fixture(scope="session")
def seal_der(maker: Issued, holder: Issued, picture_png: bytes) -> bytes:
    """A GB/T 38540 seal made by the test maker for the holder, valid around NOW."""
    from netca_seal import SealType, make_seal

    return make_seal(
        picture_png=picture_png,
        name="广州示例科技有限公司合同专用章",
        seal_type=SealType.CONTRACT,
        allowed_certs=[holder.cert],
        valid_from=NOW - timedelta(days=30),
        valid_to=NOW + timedelta(days=365),
        maker_cert=maker.cert,
        maker_key=maker.key,
        vendor_id="NETCA-OSS",
        seal_id="44010000000001",
        created=NOW - timedelta(days=30),
    )
