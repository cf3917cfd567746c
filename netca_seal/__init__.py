"""Seal format shared by client and RA: GB/T 38540 SES_Seal, checks, seal art."""

from netca_seal.check import (
    HolderStatus,
    MakerStatus,
    PictureStatus,
    SealCheck,
    SealProblem,
    SignatureStatus,
    ValidityStatus,
    Verdict,
    check_seal,
)
from netca_seal.codec import build_seal, build_seal_info, parse_seal
from netca_seal.errors import SealArtError, SealBuildError, SealError, SealFormatError
from netca_seal.keyobject import (
    SEAL_APPLICATION,
    SealObjectTemplate,
    seal_label,
    seal_object_template,
)
from netca_seal.maker import make_seal, sign_seal_info
from netca_seal.model import (
    ECDSA_WITH_SHA256,
    SHA256_WITH_RSA,
    SM2_WITH_SM3,
    CertDigest,
    CertListType,
    Seal,
    SealExtension,
    SealFormat,
    SealKind,
    SealPicture,
    SealType,
)
from netca_seal.picture import png_picture

__all__ = [
    "ECDSA_WITH_SHA256",
    "SEAL_APPLICATION",
    "SHA256_WITH_RSA",
    "SM2_WITH_SM3",
    "CertDigest",
    "CertListType",
    "HolderStatus",
    "MakerStatus",
    "PictureStatus",
    "Seal",
    "SealArtError",
    "SealBuildError",
    "SealCheck",
    "SealError",
    "SealExtension",
    "SealFormat",
    "SealFormatError",
    "SealKind",
    "SealObjectTemplate",
    "SealPicture",
    "SealProblem",
    "SealType",
    "SignatureStatus",
    "ValidityStatus",
    "Verdict",
    "build_seal",
    "build_seal_info",
    "check_seal",
    "make_seal",
    "parse_seal",
    "png_picture",
    "seal_label",
    "seal_object_template",
    "sign_seal_info",
]
