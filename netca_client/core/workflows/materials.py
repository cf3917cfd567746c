"""Application materials for an unlock with a new handler: checked here by the protocol's rules
(netca_protocol.limits) before a byte is sent, so the RA's refusal is the exception."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from netca_client.core.errors import NOT_JPG_PNG_PDF, TOO_LARGE, MaterialRejected
from netca_protocol.limits import MAX_MATERIAL_BYTES, material_media_type

__all__ = ["NOT_JPG_PNG_PDF", "TOO_LARGE", "Material", "MaterialRejected", "read_material"]


@dataclass(frozen=True)
class Material:
    """A file read and checked: its name, bytes and media type."""

    filename: str
    content: bytes
    media_type: str


def read_material(path: Path) -> Material:
    """The file at ``path`` if the RA will take it: .jpg/.jpeg/.png/.pdf whose content is that
    type, at most MAX_MATERIAL_BYTES (MaterialRejected otherwise)."""
    try:
        if path.stat().st_size > MAX_MATERIAL_BYTES:
            raise MaterialRejected(str(path), TOO_LARGE)
        content = path.read_bytes()
    except OSError as exc:
        raise MaterialRejected(str(path), exc.strerror or "unreadable") from exc
    media_type = material_media_type(path.name, content)
    if media_type is None:
        raise MaterialRejected(str(path), NOT_JPG_PNG_PDF)
    return Material(path.name, content, media_type)
