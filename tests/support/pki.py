"""A small test CA built with `cryptography`: issues certificates for public keys read off keys."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

ORG_IDENTIFIER = x509.ObjectIdentifier("2.5.4.97")


@dataclass
class MiniCa:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    @classmethod
    def create(cls, name: str = "测试 CA 根证书") -> MiniCa:
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        now = dt.datetime.now(dt.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256())
        )
        return cls(key, cert)

    def issue(
        self,
        public_key_der: bytes,
        *,
        cn: str,
        org: str | None = None,
        org_code: str | None = None,
        not_before: dt.datetime,
        not_after: dt.datetime,
        signing: bool = True,
    ) -> x509.Certificate:
        public_key = serialization.load_der_public_key(public_key_der)
        attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "CN")]
        if org:
            attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
        if org_code:
            attrs.append(x509.NameAttribute(ORG_IDENTIFIER, f"NTRCN-{org_code}"))
        attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
        usage = x509.KeyUsage(
            digital_signature=signing,
            content_commitment=signing,
            key_encipherment=not signing,
            data_encipherment=not signing,
            key_agreement=False,
            key_cert_sign=False,
            crl_sign=False,
            encipher_only=False,
            decipher_only=False,
        )
        return (
            x509.CertificateBuilder()
            .subject_name(x509.Name(attrs))
            .issuer_name(self.cert.subject)
            .public_key(public_key)  # type: ignore[arg-type]
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before)
            .not_valid_after(not_after)
            .add_extension(usage, critical=True)
            .sign(self.key, hashes.SHA256())
        )
