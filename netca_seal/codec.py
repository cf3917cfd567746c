"""DER reading and writing of seals: parse_seal, build_seal_info, build_seal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TypedDict

from asn1crypto import core
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from netca_seal import asn1
from netca_seal.errors import SealBuildError, SealFormatError
from netca_seal.model import (
    DIGEST_ALGORITHMS,
    CertDigest,
    CertListType,
    Seal,
    SealExtension,
    SealFormat,
    SealPicture,
)

HEADER_ID = "ES"
VERSION_V4 = 4


def parse_seal(der: bytes) -> Seal:
    """Read a GB/T 38540 (v4) or GM/T 0031 (v1) seal from DER; raise SealFormatError if not one."""
    try:
        outer = core.Sequence.load(der, strict=True)
        count = len(outer)
    except (ValueError, TypeError) as exc:
        raise SealFormatError(f"not a DER SEQUENCE: {exc}") from exc
    if count == 4:
        return _parse_v4(der)
    if count == 2:
        return _parse_v1(der)
    raise SealFormatError(f"a seal has 4 (GB/T 38540) or 2 (GM/T 0031) fields, not {count}")


def _parse_v4(der: bytes) -> Seal:
    try:
        seal = asn1.SesSealV4.load(der, strict=True)
        info = seal["e_seal_info"]
        prop = info["property"]
        list_type = _cert_list_type(prop["cert_list_type"].native)
        certs: tuple[bytes, ...] = ()
        digests: tuple[CertDigest, ...] = ()
        raw_list = prop["cert_list"].dump()
        if list_type is CertListType.CERTIFICATES:
            certs = tuple(item.native for item in asn1.CertInfoList.load(raw_list, strict=True))
        else:
            digests = tuple(
                CertDigest(algorithm=item["type"].native, value=item["value"].native)
                for item in asn1.CertDigestList.load(raw_list, strict=True)
            )
        return Seal(
            format=SealFormat.GBT_38540,
            signed_data=info.dump(),
            maker_cert_der=seal["cert"].native,
            signature_algorithm=seal["sign_alg_id"].dotted,
            signature=_bit_string_bytes(seal["signed_value"], "signedValue"),
            cert_list_type=list_type,
            allowed_certs=certs,
            allowed_cert_digests=digests,
            der=der,
            **_common_fields(info),
        )
    except SealFormatError:
        raise
    except (ValueError, TypeError, KeyError, OverflowError) as exc:
        raise SealFormatError(f"not a GB/T 38540 SES_Seal: {exc}") from exc


def _parse_v1(der: bytes) -> Seal:
    try:
        seal = asn1.SesSealV1.load(der, strict=True)
        info = seal["eseal_info"]
        sign_info = seal["sign_info"]
        signed = _der_sequence(
            info.dump(), sign_info["cert"].dump(), sign_info["signature_algorithm"].dump()
        )
        return Seal(
            format=SealFormat.GMT_0031,
            signed_data=signed,
            maker_cert_der=sign_info["cert"].native,
            signature_algorithm=sign_info["signature_algorithm"].dotted,
            signature=_bit_string_bytes(sign_info["sign_data"], "signData"),
            cert_list_type=CertListType.CERTIFICATES,
            allowed_certs=tuple(item.native for item in info["property"]["cert_list"]),
            allowed_cert_digests=(),
            der=der,
            **_common_fields(info),
        )
    except SealFormatError:
        raise
    except (ValueError, TypeError, KeyError, OverflowError) as exc:
        raise SealFormatError(f"not a GM/T 0031 SESeal: {exc}") from exc


class _CommonFields(TypedDict):
    version: int
    vendor_id: str
    seal_id: str
    seal_type: int
    name: str
    created: datetime
    valid_from: datetime
    valid_to: datetime
    picture: SealPicture
    extensions: tuple[SealExtension, ...]


def _common_fields(info: core.Sequence) -> _CommonFields:
    header = info["header"]
    if header["id"].native != HEADER_ID:
        raise SealFormatError(f"expected 'ES', found {header['id'].native!r}", field="header.id")
    prop = info["property"]
    picture = info["picture"]
    extensions: tuple[SealExtension, ...] = ()
    if info["ext_datas"].native is not None:
        extensions = tuple(
            SealExtension(
                oid=item["extn_id"].dotted,
                critical=bool(item["critical"].native),
                value=item["extn_value"].native,
            )
            for item in info["ext_datas"]
        )
    return _CommonFields(
        version=int(header["version"].native),
        vendor_id=header["vid"].native,
        seal_id=info["es_id"].native,
        seal_type=int(prop["type"].native),
        name=prop["name"].native,
        created=_aware(prop["create_date"].native),
        valid_from=_aware(prop["valid_start"].native),
        valid_to=_aware(prop["valid_end"].native),
        picture=SealPicture(
            type=picture["type"].native,
            data=picture["data"].native,
            width_mm=int(picture["width"].native),
            height_mm=int(picture["height"].native),
        ),
        extensions=extensions,
    )


def _cert_list_type(value: int) -> CertListType:
    try:
        return CertListType(value)
    except ValueError:
        raise SealFormatError(f"unknown value {value}", field="certListType") from None


def _bit_string_bytes(value: core.BitString, field: str) -> bytes:
    # A signature is a whole number of octets; asn1crypto refuses .native padding otherwise.
    unused_bits = value.contents[0] if value.contents else 0
    if unused_bits:
        raise SealFormatError("signature is not a whole number of bytes", field=field)
    return bytes(value.contents[1:])


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _der_length(length: int) -> bytes:
    if length < 0x80:
        return bytes([length])
    octets = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(octets)]) + octets


def _der_sequence(*encoded_children: bytes) -> bytes:
    body = b"".join(encoded_children)
    return b"\x30" + _der_length(len(body)) + body


def _generalized_time(value: datetime, field: str) -> asn1_x509.Time:
    if value.tzinfo is None:
        raise SealBuildError(f"{field} must be timezone-aware")
    whole_seconds = value.astimezone(UTC).replace(microsecond=0)
    return asn1_x509.Time(name="general_time", value=whole_seconds)


def alternative_signed_data(seal: Seal) -> bytes | None:
    """For a v4 seal, SEQUENCE { eSealInfo, cert, signAlgID }: the reading of GB/T 38540 some
    makers follow (docs/seal-format.md); checks accept it besides DER(eSealInfo)."""
    if seal.format is not SealFormat.GBT_38540:
        return None
    cert = core.OctetString(seal.maker_cert_der).dump()
    algorithm = core.ObjectIdentifier(seal.signature_algorithm).dump()
    return _der_sequence(seal.signed_data, cert, algorithm)


def build_seal_info(
    *,
    name: str,
    seal_type: int,
    allowed_certs: Sequence[x509.Certificate],
    valid_from: datetime,
    valid_to: datetime,
    picture: SealPicture,
    vendor_id: str,
    seal_id: str,
    created: datetime | None = None,
    cert_list_type: CertListType = CertListType.CERTIFICATES,
    digest_algorithm: str = "SHA256",
) -> bytes:
    """DER of a GB/T 38540 SES_SealInfo: the bytes a v4 seal's maker signs."""
    if not allowed_certs:
        raise SealBuildError("a seal lists at least one certificate allowed to use it")
    for field, value in (("valid_from", valid_from), ("valid_to", valid_to)):
        if value.tzinfo is None:
            raise SealBuildError(f"{field} must be timezone-aware")
    if valid_to <= valid_from:
        raise SealBuildError("valid_to must be after valid_from")
    cert_list = _cert_list(allowed_certs, cert_list_type, digest_algorithm)
    try:
        info = asn1.SesSealInfoV4(
            {
                "header": {"id": HEADER_ID, "version": VERSION_V4, "vid": vendor_id},
                "es_id": seal_id,
                "property": {
                    "type": seal_type,
                    "name": name,
                    "cert_list_type": int(cert_list_type),
                    "cert_list": core.Any.load(cert_list.dump()),
                    "create_date": _generalized_time(created or datetime.now(UTC), "created"),
                    "valid_start": _generalized_time(valid_from, "valid_from"),
                    "valid_end": _generalized_time(valid_to, "valid_to"),
                },
                "picture": {
                    "type": picture.type,
                    "data": picture.data,
                    "width": picture.width_mm,
                    "height": picture.height_mm,
                },
            }
        )
        return bytes(info.dump())
    except (ValueError, TypeError) as exc:
        raise SealBuildError(f"cannot encode the seal info: {exc}") from exc


def _cert_list(
    certs: Sequence[x509.Certificate], list_type: CertListType, digest_algorithm: str
) -> core.Asn1Value:
    if list_type is CertListType.CERTIFICATES:
        return asn1.CertInfoList([cert.public_bytes(Encoding.DER) for cert in certs])
    if digest_algorithm not in DIGEST_ALGORITHMS:
        raise SealBuildError(
            f"digest algorithm {digest_algorithm!r} is not one of {DIGEST_ALGORITHMS}"
        )
    digests = [CertDigest.of(cert, digest_algorithm) for cert in certs]
    return asn1.CertDigestList([{"type": d.algorithm, "value": d.value} for d in digests])


def build_seal(
    *,
    seal_info_der: bytes,
    maker_cert: x509.Certificate,
    signature_algorithm: str,
    signature: bytes,
) -> bytes:
    """DER of a GB/T 38540 SES_Seal from signed seal info (any algorithm OID, dotted)."""
    try:
        info = asn1.SesSealInfoV4.load(seal_info_der, strict=True)
        seal = asn1.SesSealV4(
            {
                "e_seal_info": info,
                "cert": maker_cert.public_bytes(Encoding.DER),
                "sign_alg_id": signature_algorithm,
                "signed_value": core.BitString.load(
                    b"\x03" + _der_length(len(signature) + 1) + b"\x00" + signature
                ),
            }
        )
        return bytes(seal.dump())
    except (ValueError, TypeError) as exc:
        raise SealBuildError(f"cannot encode the seal: {exc}") from exc
