"""The RA seal maker: the built-in CA's seal-maker key signs seals that check as valid
against the CA's root, that openssl reads, and it refuses images and validities it must."""

from __future__ import annotations

import io
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID
from PIL import Image

from netca_ra.ca.builtin import BuiltinCa
from netca_ra.ca.interface import SubjectKind, SubjectProfile
from netca_ra.errors import ApiError
from netca_ra.services.seal_maker import SealMaker, make_holder_seal
from netca_seal import SHA256_WITH_RSA, SealType, Verdict, check_seal, parse_seal
from netca_seal.art import render_legal_rep_seal, render_organisation_seal

NOW = datetime.now(UTC).replace(microsecond=0)
ORG = "广州示例科技有限公司"


@pytest.fixture(scope="module")
def ca_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seal-ca") / "ca"
    BuiltinCa.create(path, base_url="http://127.0.0.1:8600", organisation="NETCA-RA", now=NOW)
    return path


@pytest.fixture(scope="module")
def ca(ca_dir: Path) -> BuiltinCa:
    return BuiltinCa.load(ca_dir, base_url="http://127.0.0.1:8600")


@pytest.fixture(scope="module")
def holder(ca: BuiltinCa) -> x509.Certificate:
    key = ec.generate_private_key(ec.SECP256R1())
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "ignored")]))
        .sign(key, hashes.SHA256())
    )
    profile = SubjectProfile(kind=SubjectKind.ORGANISATION, common_name=ORG, organisation=ORG)
    return ca.issue(csr=csr, subject=profile, not_after=NOW + timedelta(days=365), now=NOW)


@pytest.fixture(scope="module")
def art_png() -> bytes:
    return render_organisation_seal(ORG, bottom_text="合同专用章").png


def _make(ca_dir: Path, holder: x509.Certificate, png: bytes, **changes: object) -> bytes:
    arguments: dict[str, object] = {
        "image_png": png,
        "name": f"{ORG}合同专用章",
        "seal_type": SealType.CONTRACT,
        "holder_certs": [holder],
        "valid_from": NOW,
        "valid_to": NOW + timedelta(days=365),
        "seal_id": "00-2026-000001",
        "now": NOW,
    }
    arguments.update(changes)
    return make_holder_seal(SealMaker.load(ca_dir), **arguments)  # type: ignore[arg-type]


def test_a_seal_made_by_the_ra_checks_valid_against_the_ca_root(
    ca_dir: Path, ca: BuiltinCa, holder: x509.Certificate, art_png: bytes, tmp_path: Path
) -> None:
    der = _make(ca_dir, holder, art_png)
    seal = parse_seal(der)
    assert (seal.name, seal.seal_type, seal.seal_id) == (f"{ORG}合同专用章", 4, "00-2026-000001")
    assert seal.vendor_id == "NETCA-OSS-RA"
    assert seal.signature_algorithm == SHA256_WITH_RSA
    assert seal.picture.data == art_png
    assert seal.maker_cert_der == x509.load_pem_x509_certificate(
        (ca_dir / "seal-maker.crt.pem").read_bytes()
    ).public_bytes(Encoding.DER)
    result = check_seal(
        seal, trusted_roots=[ca.root], intermediates=[ca.issuing], holder_cert=holder,
        now=NOW + timedelta(hours=1),
    )  # fmt: skip
    assert result.verdict is Verdict.VALID, result.problems
    # without the issuing CA the maker does not chain: the client needs it in its trust files
    alone = check_seal(seal, trusted_roots=[ca.root], holder_cert=holder, now=NOW)
    assert [p.code for p in alone.problems] == ["maker-untrusted"]
    (tmp_path / "seal.der").write_bytes(der)
    parsed = subprocess.run(
        ["openssl", "asn1parse", "-inform", "DER", "-in", str(tmp_path / "seal.der")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert parsed.returncode == 0, parsed.stderr
    assert ":ES" in parsed.stdout


def _opaque_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (200, 200), (255, 255, 255)).save(out, format="PNG", dpi=(300, 300))
    return out.getvalue()


def _filled_rgba_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (200, 200), (230, 0, 18, 255)).save(out, format="PNG", dpi=(300, 300))
    return out.getvalue()


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (200, 200), (230, 0, 18)).save(out, format="JPEG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("image", "fragment"),
    [
        (_opaque_png, "no transparency"),
        (_filled_rgba_png, "background is not transparent"),
        (_jpeg, "must be a PNG"),
        (lambda: b"not an image", "does not decode"),
    ],
)
def test_an_image_that_is_not_a_transparent_png_is_refused(
    ca_dir: Path, holder: x509.Certificate, image: object, fragment: str
) -> None:
    with pytest.raises(ApiError) as refused:
        _make(ca_dir, holder, image())  # type: ignore[operator]
    assert (refused.value.status, refused.value.code.value) == (422, "validation_failed")
    assert fragment in refused.value.detail


def test_a_square_legal_representative_seal_inked_to_its_corners_is_accepted(
    ca_dir: Path, holder: x509.Certificate
) -> None:
    png = render_legal_rep_seal("张三之印").png
    der = _make(ca_dir, holder, png, name="张三之印", seal_type=SealType.LEGAL_REPRESENTATIVE)
    assert parse_seal(der).picture.data == png


def test_a_seal_outliving_the_maker_certificate_is_refused(
    ca_dir: Path, holder: x509.Certificate, art_png: bytes
) -> None:
    with pytest.raises(ApiError) as refused:
        _make(ca_dir, holder, art_png, valid_to=NOW + timedelta(days=365 * 6))
    assert "seal-maker certificate" in refused.value.detail


def test_a_seal_needs_a_holder_certificate_valid_now(
    ca_dir: Path, holder: x509.Certificate, art_png: bytes
) -> None:
    with pytest.raises(ApiError, match="at least one holder"):
        _make(ca_dir, holder, art_png, holder_certs=[])
    with pytest.raises(ApiError, match="not valid now"):
        _make(ca_dir, holder, art_png, now=NOW + timedelta(days=400))
