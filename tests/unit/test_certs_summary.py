"""Certificate summaries: days left at the edges, holder kinds, purposes."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from netca_client.core.certs import HolderKind, KeyPurpose, days_between, make_uscc, summarize
from tests.support.pki import ORG_IDENTIFIER

NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)


def _cert(attrs: list[x509.NameAttribute], *, days: float = 30, usage: dict | None = None):
    key = ec.generate_private_key(ec.SECP256R1())
    flags = dict.fromkeys(
        ["digital_signature", "content_commitment", "key_encipherment", "data_encipherment",
         "key_agreement", "key_cert_sign", "crl_sign", "encipher_only", "decipher_only"],
        False,
    )  # fmt: skip
    flags.update(usage or {"digital_signature": True})
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attrs))
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CA")]))
        .public_key(key.public_key())
        .serial_number(0xABC123)
        .not_valid_before(NOW - dt.timedelta(days=400))
        .not_valid_after(NOW + dt.timedelta(days=days))
        .add_extension(x509.KeyUsage(**flags), critical=True)
    )
    return builder.sign(key, hashes.SHA256())


def test_days_between_counts_whole_days_and_goes_negative_after_expiry() -> None:
    assert days_between(NOW, NOW + dt.timedelta(days=20, hours=23)) == 20
    assert days_between(NOW, NOW + dt.timedelta(hours=1)) == 0
    assert days_between(NOW, NOW - dt.timedelta(hours=1)) == -1
    assert days_between(NOW, NOW - dt.timedelta(days=3)) == -3


def test_organisation_certificate_with_code() -> None:
    code = make_uscc("91440101MA5CXXXX0")
    cert = _cert([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "某某公司"),
        x509.NameAttribute(ORG_IDENTIFIER, f"NTRCN-{code}"),
        x509.NameAttribute(NameOID.COMMON_NAME, "某某公司"),
    ])  # fmt: skip
    summary = summarize(cert, now=NOW)
    assert summary.holder_kind is HolderKind.ORGANISATION
    assert summary.org_code == code
    assert summary.serial == "ABC123"
    assert summary.days_left == 30
    assert summary.key_algorithm == "EC secp256r1"


@pytest.mark.parametrize(
    ("attrs", "kind"),
    [
        ([("O", "某某公司"), ("CN", "李四")], HolderKind.EMPLOYEE),
        ([("CN", "王五")], HolderKind.PERSONAL),
    ],
)
def test_holder_kind_from_the_subject(attrs, kind) -> None:
    oids = {"O": NameOID.ORGANIZATION_NAME, "CN": NameOID.COMMON_NAME}
    cert = _cert([x509.NameAttribute(oids[k], v) for k, v in attrs])
    assert summarize(cert, now=NOW).holder_kind is kind


def test_encryption_certificate_purpose() -> None:
    cert = _cert(
        [x509.NameAttribute(NameOID.COMMON_NAME, "x")],
        usage={"key_encipherment": True, "data_encipherment": True},
    )
    summary = summarize(cert, now=NOW)
    assert summary.purpose is KeyPurpose.ENCRYPTION
    assert summary.key_usage == ("key_encipherment", "data_encipherment")


def test_expired_certificate() -> None:
    summary = summarize(_cert([x509.NameAttribute(NameOID.COMMON_NAME, "x")], days=-2), now=NOW)
    assert summary.expired
    assert summary.days_left == -2
