"""check_seal: each kind of bad seal is reported as such, a good one as valid."""

from __future__ import annotations

import json
from datetime import timedelta

from netca_seal import (
    HolderStatus,
    MakerStatus,
    PictureStatus,
    SealPicture,
    SealType,
    SignatureStatus,
    ValidityStatus,
    Verdict,
    build_seal,
    build_seal_info,
    check_seal,
    make_seal,
    parse_seal,
    sign_seal_info,
)

from .conftest import NOW, Issued, issue


def test_good_seal_passes_every_check(seal_der: bytes, root: Issued, holder: Issued) -> None:
    check = check_seal(
        parse_seal(seal_der), trusted_roots=[root.cert], holder_cert=holder.cert, now=NOW
    )

    assert check.signature is SignatureStatus.VALID
    assert check.maker is MakerStatus.TRUSTED
    assert check.validity is ValidityStatus.VALID
    assert check.holder is HolderStatus.LISTED
    assert check.picture is PictureStatus.DECODES
    assert check.verdict is Verdict.VALID
    assert check.ok
    assert check.problems == ()


def test_without_holder_the_holder_is_not_checked(seal_der: bytes, root: Issued) -> None:
    check = check_seal(parse_seal(seal_der), trusted_roots=[root.cert], now=NOW)
    assert check.holder is HolderStatus.NOT_CHECKED
    assert check.verdict is Verdict.VALID


def test_one_changed_byte_in_the_signed_name_is_an_invalid_signature(
    seal_der: bytes, root: Issued, holder: Issued
) -> None:
    name = "广州示例科技有限公司合同专用章".encode()
    field = b"\x0c" + bytes([len(name)]) + name  # the UTF8String of the seal name
    assert seal_der.count(field) == 1
    neighbour = chr(ord("例") + 1)  # same UTF-8 length, last byte one higher
    changed = field.replace("例".encode(), neighbour.encode())
    tampered = seal_der.replace(field, changed)
    assert sum(a != b for a, b in zip(seal_der, tampered, strict=True)) == 1

    seal = parse_seal(tampered)
    check = check_seal(seal, trusted_roots=[root.cert], holder_cert=holder.cert, now=NOW)

    assert seal.name == f"广州示{neighbour}科技有限公司合同专用章"
    assert check.signature is SignatureStatus.INVALID
    assert check.verdict is Verdict.INVALID
    assert "signature-invalid" in [p.code for p in check.problems]


def test_one_changed_byte_in_the_validity_is_an_invalid_signature(
    seal_der: bytes, root: Issued, holder: Issued
) -> None:
    valid_end = b"\x18\x0f" + (NOW + timedelta(days=365)).strftime("%Y%m%d%H%M%SZ").encode()
    assert seal_der.count(valid_end) == 1
    stretched = valid_end.replace(b"2027", b"2037")
    tampered = seal_der.replace(valid_end, stretched)

    check = check_seal(
        parse_seal(tampered), trusted_roots=[root.cert], holder_cert=holder.cert, now=NOW
    )
    assert check.signature is SignatureStatus.INVALID
    assert check.verdict is Verdict.INVALID


def test_expired_seal_is_reported_expired(seal_der: bytes, root: Issued, holder: Issued) -> None:
    later = NOW + timedelta(days=366)
    maker_still_valid = later < parse_seal(seal_der).maker_certificate.not_valid_after_utc
    assert maker_still_valid

    check = check_seal(
        parse_seal(seal_der), trusted_roots=[root.cert], holder_cert=holder.cert, now=later
    )
    assert check.validity is ValidityStatus.EXPIRED
    assert check.signature is SignatureStatus.VALID
    assert check.verdict is Verdict.INVALID
    assert [p.code for p in check.problems] == ["expired"]


def test_seal_before_its_start_is_not_yet_valid(seal_der: bytes, root: Issued) -> None:
    check = check_seal(
        parse_seal(seal_der), trusted_roots=[root.cert], now=NOW - timedelta(days=31)
    )
    assert check.validity is ValidityStatus.NOT_YET_VALID
    assert check.verdict is Verdict.INVALID


def test_certificate_not_in_the_list_is_reported_not_listed(
    seal_der: bytes, root: Issued, other_holder: Issued
) -> None:
    check = check_seal(
        parse_seal(seal_der), trusted_roots=[root.cert], holder_cert=other_holder.cert, now=NOW
    )
    assert check.holder is HolderStatus.NOT_LISTED
    assert check.verdict is Verdict.INVALID
    assert [p.code for p in check.problems] == ["holder-not-listed"]


def test_maker_under_another_root_is_untrusted(
    seal_der: bytes, other_root: Issued, holder: Issued
) -> None:
    check = check_seal(
        parse_seal(seal_der), trusted_roots=[other_root.cert], holder_cert=holder.cert, now=NOW
    )
    assert check.maker is MakerStatus.UNTRUSTED
    assert check.signature is SignatureStatus.VALID
    assert check.verdict is Verdict.INVALID
    assert [p.code for p in check.problems] == ["maker-untrusted"]


def test_self_signed_maker_is_untrusted(root: Issued, holder: Issued, picture_png: bytes) -> None:
    rogue = issue("Rogue Seal Maker")
    der = make_seal(
        picture_png=picture_png,
        name="伪造章",
        seal_type=SealType.ORGANISATION,
        allowed_certs=[holder.cert],
        valid_from=NOW - timedelta(days=1),
        valid_to=NOW + timedelta(days=1),
        maker_cert=rogue.cert,
        maker_key=rogue.key,
        vendor_id="ROGUE",
        seal_id="R-1",
    )
    check = check_seal(parse_seal(der), trusted_roots=[root.cert], holder_cert=holder.cert, now=NOW)
    assert check.signature is SignatureStatus.VALID
    assert check.maker is MakerStatus.UNTRUSTED
    assert check.verdict is Verdict.INVALID


def test_maker_with_expired_certificate_is_untrusted(
    root: Issued, holder: Issued, picture_png: bytes
) -> None:
    old_maker = issue(
        "Old Seal Maker",
        issuer=root,
        not_before=NOW - timedelta(days=800),
        not_after=NOW - timedelta(days=1),
    )
    der = make_seal(
        picture_png=picture_png,
        name="过期制章人",
        seal_type=SealType.ORGANISATION,
        allowed_certs=[holder.cert],
        valid_from=NOW - timedelta(days=1),
        valid_to=NOW + timedelta(days=1),
        maker_cert=old_maker.cert,
        maker_key=old_maker.key,
        vendor_id="NETCA-OSS",
        seal_id="OLD-1",
    )
    check = check_seal(parse_seal(der), trusted_roots=[root.cert], now=NOW)
    assert check.maker is MakerStatus.UNTRUSTED


def test_no_trusted_roots_means_untrusted(seal_der: bytes) -> None:
    check = check_seal(parse_seal(seal_der), trusted_roots=[], now=NOW)
    assert check.maker is MakerStatus.UNTRUSTED
    assert check.verdict is Verdict.INVALID


def test_picture_that_does_not_decode_is_broken(
    maker: Issued, root: Issued, holder: Issued
) -> None:
    info = build_seal_info(
        name="坏图章",
        seal_type=SealType.ORGANISATION,
        allowed_certs=[holder.cert],
        valid_from=NOW - timedelta(days=1),
        valid_to=NOW + timedelta(days=1),
        picture=SealPicture(type="PNG", data=b"\x89PNG\r\n\x1a\nbroken", width_mm=40, height_mm=40),
        vendor_id="NETCA-OSS",
        seal_id="BAD-PIC",
    )
    algorithm, signature = sign_seal_info(info, maker.key)
    der = build_seal(
        seal_info_der=info,
        maker_cert=maker.cert,
        signature_algorithm=algorithm,
        signature=signature,
    )
    check = check_seal(parse_seal(der), trusted_roots=[root.cert], holder_cert=holder.cert, now=NOW)
    assert check.signature is SignatureStatus.VALID
    assert check.picture is PictureStatus.BROKEN
    assert check.verdict is Verdict.INVALID


def test_check_result_is_json_ready(seal_der: bytes, other_root: Issued) -> None:
    check = check_seal(parse_seal(seal_der), trusted_roots=[other_root.cert], now=NOW)
    reloaded = json.loads(json.dumps(check.as_dict()))
    assert reloaded["verdict"] == "invalid"
    assert reloaded["maker"] == "untrusted"
    assert reloaded["problems"][0]["code"] == "maker-untrusted"
