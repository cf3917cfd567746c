"""How a seal is stored on a key: the PKCS#11 CKO_DATA attribute convention (no pkcs11 import)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from netca_seal.errors import SealBuildError

if TYPE_CHECKING:
    from netca_seal.model import Seal

# CKA_APPLICATION of every seal object: tells seal objects from other CKO_DATA objects.
SEAL_APPLICATION = "GB/T 38540 SES_Seal"

# Seals are public token objects (CKA_PRIVATE false): the client lists and checks them before a
# PIN is entered, and their integrity comes from the maker's signature, not from the key's
# access control. docs/seal-format.md explains the choice.
SEAL_OBJECT_PRIVATE = False

# A seal name is free text; labels stay readable in pkcs11-tool and vendor tools below this.
MAX_LABEL_BYTES = 128


def seal_label(name: str) -> str:
    """CKA_LABEL for a seal: its name, NFC-normalised, without control characters."""
    label = unicodedata.normalize("NFC", name).strip()
    if not label or any(unicodedata.category(ch).startswith("C") for ch in label):
        raise SealBuildError(f"seal name {name!r} is empty or has control characters")
    if len(label.encode("utf-8")) > MAX_LABEL_BYTES:
        raise SealBuildError(f"seal name is longer than {MAX_LABEL_BYTES} UTF-8 bytes")
    return label


@dataclass(frozen=True)
class SealObjectTemplate:
    """The attributes of the CKO_DATA object holding one seal; the key layer maps them to
    CKA_APPLICATION, CKA_LABEL, CKA_VALUE, CKA_PRIVATE (and CKA_TOKEN true)."""

    application: str
    label: str
    value: bytes
    private: bool


def seal_object_template(seal: Seal) -> SealObjectTemplate:
    """Attributes to write for a parsed seal (parse first: only valid DER goes on a key)."""
    return SealObjectTemplate(
        application=SEAL_APPLICATION,
        label=seal_label(seal.name),
        value=seal.der,
        private=SEAL_OBJECT_PRIVATE,
    )
