"""Pick the seals out of a key's data objects and check that each one parses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from asn1crypto import core

from netca_client.core.token.models import DataObjectSummary

# CKA_APPLICATION of a seal object on the key (docs/seal-format.md).
SEAL_APPLICATION = "GB/T 38540 SES_Seal"


@dataclass(frozen=True)
class SealObject:
    """A seal object as stored on the key: label, size and a parse verdict."""

    label: str
    application: str
    size: int
    private: bool
    parses: bool
    problem: str = ""
    der: bytes = field(default=b"", repr=False)


def _parse_problem(der: bytes) -> str:
    """Empty when the DER is a SEQUENCE whose header SEQUENCE starts with IA5String "ES"."""
    try:
        outer = core.load(der, strict=True)
        if not isinstance(outer, core.Sequence):
            return "not a DER SEQUENCE"
        header = core.load(outer.children[0].dump(), strict=True) if outer.children else None
        if not isinstance(header, core.Sequence) or not header.children:
            return "no SES_Header"
        ident = header.children[0]
        if ident.tag != 22 or ident.contents != b"ES":
            return 'SES_Header does not start with ID "ES"'
    except (ValueError, TypeError, IndexError) as exc:
        return f"not DER: {exc}"
    return ""


def seal_objects(objects: Iterable[DataObjectSummary]) -> list[SealObject]:
    """The seals among ``objects``: CKA_APPLICATION marks them."""
    seals: list[SealObject] = []
    for obj in objects:
        if obj.application != SEAL_APPLICATION:
            continue
        problem = _parse_problem(obj.value)
        seals.append(
            SealObject(
                label=obj.label,
                application=obj.application,
                size=obj.size,
                private=obj.private,
                parses=not problem,
                problem=problem,
                der=obj.value,
            )
        )
    return seals
