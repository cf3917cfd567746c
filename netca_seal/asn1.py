"""ASN.1 classes (asn1crypto) for GB/T 38540-2020 SES_Seal (v4) and GM/T 0031-2014 SESeal (v1)."""

# asn1crypto declares structure as mutable class lists and ships no type hints.
# ruff: noqa: RUF012
# mypy: disallow-subclassing-any=False

from __future__ import annotations

from asn1crypto import core, x509

# Module and sources: docs/seal-format.md. Class names follow the standards' type names.


class SesHeader(core.Sequence):
    """SES_Header: id "ES", version (4 for GB/T 38540), vendor id."""

    _fields = [
        ("id", core.IA5String),
        ("version", core.Integer),
        ("vid", core.IA5String),
    ]


class ExtData(core.Sequence):
    """ExtData: a vendor extension."""

    _fields = [
        ("extn_id", core.ObjectIdentifier),
        ("critical", core.Boolean, {"default": False}),
        ("extn_value", core.OctetString),
    ]


class ExtensionDatas(core.SequenceOf):
    _child_spec = ExtData


class SesPictureInfo(core.Sequence):
    """SES_ESPictrueInfo (the standards' spelling): type, data, width and height in mm."""

    _fields = [
        ("type", core.IA5String),
        ("data", core.OctetString),
        ("width", core.Integer),
        ("height", core.Integer),
    ]


class CertInfoList(core.SequenceOf):
    """certs: SEQUENCE OF OCTET STRING, each the DER of a signer certificate."""

    _child_spec = core.OctetString


class CertDigestObj(core.Sequence):
    _fields = [
        ("type", core.PrintableString),
        ("value", core.OctetString),
    ]


class CertDigestList(core.SequenceOf):
    _child_spec = CertDigestObj


class SesPropertyInfoV4(core.Sequence):
    """SES_ESPropertyInfo (v4): certList is a CHOICE of two untagged SEQUENCE OFs, picked by
    certListType, so it is kept as Any and decoded by the reader."""

    _fields = [
        ("type", core.Integer),
        ("name", core.UTF8String),
        ("cert_list_type", core.Integer),
        ("cert_list", core.Any),
        ("create_date", x509.Time),
        ("valid_start", x509.Time),
        ("valid_end", x509.Time),
    ]


class SesSealInfoV4(core.Sequence):
    _fields = [
        ("header", SesHeader),
        ("es_id", core.IA5String),
        ("property", SesPropertyInfoV4),
        ("picture", SesPictureInfo),
        ("ext_datas", ExtensionDatas, {"optional": True}),
    ]


class SesSealV4(core.Sequence):
    """SES_Seal (GB/T 38540-2020): eSealInfo, cert, signAlgID, signedValue."""

    _fields = [
        ("e_seal_info", SesSealInfoV4),
        ("cert", core.OctetString),
        ("sign_alg_id", core.ObjectIdentifier),
        ("signed_value", core.BitString),
    ]


class SesPropertyInfoV1(core.Sequence):
    """SES_ESPropertyInfo (GM/T 0031): certList is a plain SEQUENCE OF certificates, UTCTime."""

    _fields = [
        ("type", core.Integer),
        ("name", core.UTF8String),
        ("cert_list", CertInfoList),
        ("create_date", x509.Time),
        ("valid_start", x509.Time),
        ("valid_end", x509.Time),
    ]


class SesSealInfoV1(core.Sequence):
    _fields = [
        ("header", SesHeader),
        ("es_id", core.IA5String),
        ("property", SesPropertyInfoV1),
        ("picture", SesPictureInfo),
        ("ext_datas", ExtensionDatas, {"optional": True}),
    ]


class SesSignInfoV1(core.Sequence):
    _fields = [
        ("cert", core.OctetString),
        ("signature_algorithm", core.ObjectIdentifier),
        ("sign_data", core.BitString),
    ]


class SesSealV1(core.Sequence):
    """SESeal (GM/T 0031-2014): esealInfo, signInfo."""

    _fields = [
        ("eseal_info", SesSealInfoV1),
        ("sign_info", SesSignInfoV1),
    ]


class SealSignRangeV1(core.Sequence):
    """What a GM/T 0031 maker signs: SEQUENCE { sealInfo, cert, signatureAlgorithm }."""

    _fields = [
        ("seal_info", SesSealInfoV1),
        ("cert", core.OctetString),
        ("signature_algorithm", core.ObjectIdentifier),
    ]
