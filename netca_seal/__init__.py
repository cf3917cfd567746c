"""Seal format shared by client and RA: GB/T 38540 SES_Seal, checks, seal art."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# Each name is imported from its module on first use: the key layer needs only the object
# convention (netca_seal.keyobject) and must not pay for X.509, ASN.1 and Pillow (issue 16).
_MODULES = {
    "CertDigest": "netca_seal.model",
    "CertListType": "netca_seal.model",
    "ECDSA_WITH_SHA256": "netca_seal.model",
    "HolderStatus": "netca_seal.check",
    "MakerStatus": "netca_seal.check",
    "PictureStatus": "netca_seal.check",
    "SEAL_APPLICATION": "netca_seal.keyobject",
    "SHA256_WITH_RSA": "netca_seal.model",
    "SM2_WITH_SM3": "netca_seal.model",
    "Seal": "netca_seal.model",
    "SealArtError": "netca_seal.errors",
    "SealBuildError": "netca_seal.errors",
    "SealCheck": "netca_seal.check",
    "SealError": "netca_seal.errors",
    "SealExtension": "netca_seal.model",
    "SealFormat": "netca_seal.model",
    "SealFormatError": "netca_seal.errors",
    "SealKind": "netca_seal.model",
    "SealObjectTemplate": "netca_seal.keyobject",
    "SealPicture": "netca_seal.model",
    "SealProblem": "netca_seal.check",
    "SealType": "netca_seal.model",
    "SignatureStatus": "netca_seal.check",
    "ValidityStatus": "netca_seal.check",
    "Verdict": "netca_seal.check",
    "build_seal": "netca_seal.codec",
    "build_seal_info": "netca_seal.codec",
    "check_seal": "netca_seal.check",
    "make_seal": "netca_seal.maker",
    "parse_seal": "netca_seal.codec",
    "png_picture": "netca_seal.picture",
    "seal_label": "netca_seal.keyobject",
    "seal_object_template": "netca_seal.keyobject",
    "sign_seal_info": "netca_seal.maker",
}

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


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'netca_seal' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
