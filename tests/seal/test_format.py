"""Seal DER: made seals parse back field for field; v1 and SM2 seals parse; junk is refused."""

from __future__ import annotations

import json
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from asn1crypto import core
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from netca_seal import (
    ECDSA_WITH_SHA256,
    SHA256_WITH_RSA,
    SM2_WITH_SM3,
    CertListType,
    SealBuildError,
    SealFormat,
    SealFormatError,
    SealKind,
    SealType,
    SignatureStatus,
    Verdict,
    build_seal,
    build_seal_info,
    check_seal,
    make_seal,
    parse_seal,
    png_picture,
)
from netca_seal import asn1 as seal_asn1

from .conftest import NOW, Issued


def test_made_seal_parses_back_field_for_field(
    seal_der: bytes, maker: Issued, holder: Issued, picture_png: bytes
) -> None:
    seal = parse_seal(seal_der)

    assert seal.format is SealFormat.GBT_38540
    assert seal.version == 4
    assert seal.vendor_id == "NETCA-OSS"
    assert seal.seal_id == "44010000000001"
    assert seal.name == "广州示例科技有限公司合同专用章"
    assert seal.seal_type == SealType.CONTRACT
    assert seal.kind is SealKind.CONTRACT
    assert seal.cert_list_type is CertListType.CERTIFICATES
    assert seal.allowed_certs == (holder.cert.public_bytes(Encoding.DER),)
    assert seal.allowed_certificates() == (holder.cert,)
    assert seal.created == NOW - timedelta(days=30)
    assert seal.valid_from == NOW - timedelta(days=30)
    assert seal.valid_to == NOW + timedelta(days=365)
    assert seal.picture.type == "PNG"
    assert seal.picture.data == picture_png
    assert (seal.picture.width_mm, seal.picture.height_mm) == (40, 40)
    assert seal.maker_certificate == maker.cert
    assert seal.signature_algorithm == ECDSA_WITH_SHA256
    assert seal.signature_algorithm_name == "ecdsa-with-SHA256"
    assert seal.der == seal_der
    assert seal.extensions == ()


def test_seal_der_is_canonical_for_the_standard_module(seal_der: bytes) -> None:
    reloaded = seal_asn1.SesSealV4.load(seal_der, strict=True)
    info = reloaded["e_seal_info"]
    assert info["header"]["id"].native == "ES"
    assert isinstance(info["property"]["valid_end"].chosen, core.GeneralizedTime)
    # Re-encoding every parsed value gives the same bytes: no BER leftovers.
    assert reloaded.dump(force=True) == seal_der


def test_openssl_asn1parse_reads_the_seal(seal_der: bytes) -> None:
    result = subprocess.run(
        ["openssl", "asn1parse", "-inform", "DER", "-i"],
        input=seal_der,
        capture_output=True,
        check=False,
        timeout=30,
    )
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert "IA5STRING         :ES" in out
    assert "GENERALIZEDTIME" in out
    assert ":ecdsa-with-SHA256" in out
    assert "Error" not in out + result.stderr.decode()


def test_rsa_maker_makes_a_verifiable_seal(
    rsa_maker: Issued, root: Issued, holder: Issued, picture_png: bytes
) -> None:
    der = make_seal(
        picture_png=picture_png,
        name="张三",
        seal_type=SealType.LEGAL_REPRESENTATIVE,
        allowed_certs=[holder.cert],
        valid_from=NOW - timedelta(days=1),
        valid_to=NOW + timedelta(days=1),
        maker_cert=rsa_maker.cert,
        maker_key=rsa_maker.key,
        vendor_id="NETCA-OSS",
        seal_id="RSA-1",
        picture_size_mm=(20, 20),
    )
    seal = parse_seal(der)
    assert seal.signature_algorithm == SHA256_WITH_RSA
    assert seal.kind is SealKind.LEGAL_REPRESENTATIVE
    assert (seal.picture.width_mm, seal.picture.height_mm) == (20, 20)
    check = check_seal(seal, trusted_roots=[root.cert], holder_cert=holder.cert, now=NOW)
    assert check.verdict is Verdict.VALID, check.problems


def test_digest_cert_list_allows_only_the_digested_certificate(
    maker: Issued, root: Issued, holder: Issued, other_holder: Issued, picture_png: bytes
) -> None:
    der = make_seal(
        picture_png=picture_png,
        name="摘要章",
        seal_type=SealType.ORGANISATION,
        allowed_certs=[holder.cert],
        valid_from=NOW - timedelta(days=1),
        valid_to=NOW + timedelta(days=1),
        maker_cert=maker.cert,
        maker_key=maker.key,
        vendor_id="NETCA-OSS",
        seal_id="DIGEST-1",
        cert_list_type=CertListType.DIGESTS,
    )
    seal = parse_seal(der)
    assert seal.cert_list_type is CertListType.DIGESTS
    assert seal.allowed_certs == ()
    assert [d.algorithm for d in seal.allowed_cert_digests] == ["SHA256"]
    assert seal.allows(holder.cert)
    assert not seal.allows(other_holder.cert)
    assert check_seal(seal, trusted_roots=[root.cert], holder_cert=holder.cert, now=NOW).ok


def test_sm2_signed_seal_parses_and_an_sm2_claim_over_a_non_sm2_maker_key_is_invalid(
    maker: Issued, root: Issued, holder: Issued, picture_png: bytes
) -> None:
    info = build_seal_info(
        name="国密章",
        seal_type=SealType.ORGANISATION,
        allowed_certs=[holder.cert],
        valid_from=NOW - timedelta(days=1),
        valid_to=NOW + timedelta(days=1),
        picture=png_picture(picture_png),
        vendor_id="OTHER-VENDOR",
        seal_id="SM2-1",
    )
    der = build_seal(
        seal_info_der=info,
        maker_cert=maker.cert,
        signature_algorithm=SM2_WITH_SM3,
        signature=bytes(range(70)),
    )
    seal = parse_seal(der)
    assert seal.signature_algorithm == SM2_WITH_SM3
    assert seal.signature_algorithm_name == "SM2-with-SM3"
    assert seal.signature == bytes(range(70))

    # SM2 is checked here now (netca_gm); an SM2 signature from a maker whose certificate
    # holds no SM2 key cannot be valid (tests/gm/test_gm_seals.py checks real SM2 seals).
    check = check_seal(seal, trusted_roots=[root.cert], holder_cert=holder.cert, now=NOW)
    assert check.signature is SignatureStatus.INVALID
    assert check.verdict is Verdict.INVALID
    assert [p.message for p in check.problems] == [
        "the maker's SM2 signature does not match the seal"
    ]


def _v1_seal(maker: Issued, holder: Issued, picture_png: bytes) -> bytes:
    """A GM/T 0031 SESeal: UTCTime, plain cert list, signature over (sealInfo, cert, alg)."""

    def utc(days: int) -> asn1_x509.Time:
        return asn1_x509.Time(name="utc_time", value=NOW + timedelta(days=days))

    info = seal_asn1.SesSealInfoV1(
        {
            "header": {"id": "ES", "version": 2, "vid": "OLD-VENDOR"},
            "es_id": "V1-0001",
            "property": {
                "type": 1,
                "name": "旧格式单位印章",
                "cert_list": [holder.cert.public_bytes(Encoding.DER)],
                "create_date": utc(-10),
                "valid_start": utc(-10),
                "valid_end": utc(100),
            },
            "picture": {"type": "PNG", "data": picture_png, "width": 40, "height": 40},
        }
    )
    cert = maker.cert.public_bytes(Encoding.DER)
    to_sign = seal_asn1.SealSignRangeV1(
        {"seal_info": info, "cert": cert, "signature_algorithm": ECDSA_WITH_SHA256}
    ).dump()
    assert isinstance(maker.key, ec.EllipticCurvePrivateKey)
    signature = maker.key.sign(to_sign, ec.ECDSA(hashes.SHA256()))
    seal = seal_asn1.SesSealV1(
        {
            "eseal_info": info,
            "sign_info": {
                "cert": cert,
                "signature_algorithm": ECDSA_WITH_SHA256,
                "sign_data": core.BitString.load(
                    b"\x03" + bytes([len(signature) + 1, 0]) + signature
                ),
            },
        }
    )
    return bytes(seal.dump())


def test_gmt0031_v1_seal_parses_and_verifies(
    maker: Issued, root: Issued, holder: Issued, picture_png: bytes
) -> None:
    seal = parse_seal(_v1_seal(maker, holder, picture_png))

    assert seal.format is SealFormat.GMT_0031
    assert seal.version == 2
    assert seal.vendor_id == "OLD-VENDOR"
    assert seal.name == "旧格式单位印章"
    assert seal.kind is SealKind.ORGANISATION
    assert seal.valid_to == NOW + timedelta(days=100)
    assert seal.allows(holder.cert)
    check = check_seal(seal, trusted_roots=[root.cert], holder_cert=holder.cert, now=NOW)
    assert check.verdict is Verdict.VALID, check.problems


@pytest.mark.parametrize(
    "der",
    [
        b"",
        b"not a seal",
        core.Sequence.load(b"\x30\x03\x02\x01\x01").dump(),
        core.SequenceOf(spec=core.Integer, value=[1, 2, 3, 4]).dump(),
    ],
    ids=["empty", "text", "one-field", "four-integers"],
)
def test_junk_is_a_seal_format_error(der: bytes) -> None:
    with pytest.raises(SealFormatError):
        parse_seal(der)


def test_wrong_header_id_is_a_seal_format_error(seal_der: bytes) -> None:
    tampered = seal_der.replace(b"\x16\x02ES", b"\x16\x02EX", 1)
    with pytest.raises(SealFormatError, match=r"header\.id"):
        parse_seal(tampered)


def test_seal_summary_is_json_ready(seal_der: bytes, holder: Issued, maker: Issued) -> None:
    summary = json.loads(json.dumps(parse_seal(seal_der).as_dict()))

    assert summary["name"] == "广州示例科技有限公司合同专用章"
    assert summary["kind"] == "contract"
    assert summary["format"] == "GB/T 38540-2020"
    assert summary["valid_to"] == (NOW + timedelta(days=365)).isoformat()
    assert [c["subject"] for c in summary["allowed_certificates"]] == [
        holder.cert.subject.rfc4514_string()
    ]
    assert summary["maker"]["subject"] == maker.cert.subject.rfc4514_string()
    assert summary["picture"] == {
        "type": "PNG",
        "width_mm": 40,
        "height_mm": 40,
        "bytes": len(parse_seal(seal_der).picture.data),
    }


def _asn1parse_top_level(der_path: str) -> list[tuple[int, int, int]]:
    """(offset, header length, length) of each depth-1 element, as openssl reports them."""
    out = subprocess.run(
        ["openssl", "asn1parse", "-inform", "DER", "-in", der_path],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    items = []
    for line in out.splitlines():
        if "d=1" in line:
            offset = int(line.split(":", 1)[0])
            header = int(line.split("hl=")[1].split()[0])
            length = int(line.split(" l=")[1].split()[0])
            items.append((offset, header, length))
    return items


def test_openssl_verifies_the_maker_signature_over_the_seal_info_der(
    seal_der: bytes, maker: Issued, tmp_path: Path
) -> None:
    """Independent of our reader: openssl cuts eSealInfo out and checks the signature."""
    seal_path = tmp_path / "seal.der"
    seal_path.write_bytes(seal_der)
    (info_off, info_hl, info_len), _, _, (sig_off, sig_hl, sig_len) = _asn1parse_top_level(
        str(seal_path)
    )
    (tmp_path / "info.der").write_bytes(seal_der[info_off : info_off + info_hl + info_len])
    # BIT STRING contents: one unused-bits octet (0), then the DER ECDSA signature.
    bits = seal_der[sig_off + sig_hl : sig_off + sig_hl + sig_len]
    assert bits[0] == 0
    (tmp_path / "sig.bin").write_bytes(bits[1:])
    (tmp_path / "maker.pem").write_bytes(
        maker.cert.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    )
    result = subprocess.run(
        ["openssl", "dgst", "-sha256", "-verify", "maker.pem", "-signature", "sig.bin", "info.der"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Verified OK" in result.stdout


def _make(maker: Issued, holder: Issued, png: bytes, /, **changes: object) -> bytes:
    arguments: dict[str, object] = {
        "picture_png": png,
        "name": "测试章",
        "seal_type": SealType.ORGANISATION,
        "allowed_certs": [holder.cert],
        "valid_from": NOW,
        "valid_to": NOW + timedelta(days=1),
        "maker_cert": maker.cert,
        "maker_key": maker.key,
        "vendor_id": "NETCA-OSS",
        "seal_id": "E-1",
    }
    arguments.update(changes)
    return make_seal(**arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"vendor_id": "网证通"}, "encode"),
        ({"valid_from": NOW.replace(tzinfo=None)}, "timezone-aware"),
        ({"valid_to": NOW - timedelta(days=1)}, "after valid_from"),
        ({"allowed_certs": []}, "at least one certificate"),
        ({"picture_png": b"GIF89a not a png"}, "picture"),
    ],
    ids=["non-ascii-vendor", "naive-time", "end-before-start", "no-certs", "not-png"],
)
def test_bad_inputs_are_seal_build_errors(
    maker: Issued, holder: Issued, picture_png: bytes, change: dict[str, object], message: str
) -> None:
    with pytest.raises(SealBuildError, match=message):
        _make(maker, holder, picture_png, **change)


def test_maker_key_must_match_maker_certificate(
    maker: Issued, rsa_maker: Issued, holder: Issued, picture_png: bytes
) -> None:
    with pytest.raises(SealBuildError, match="does not belong"):
        _make(maker, holder, picture_png, maker_key=rsa_maker.key)
