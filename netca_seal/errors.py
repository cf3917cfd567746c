"""Error tree of the seal package: one root, SealError, mapped by the client to NetcaError."""

from __future__ import annotations


class SealError(Exception):
    """Root of every error raised by netca_seal."""


class SealFormatError(SealError):
    """The bytes are not a GB/T 38540 or GM/T 0031 seal, or a field breaks the structure."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message if field is None else f"{field}: {message}")
        self.field = field


class SealBuildError(SealError):
    """A seal cannot be built from the given inputs (bad picture, times, key or certificate)."""


class SealArtError(SealError):
    """Seal art cannot be rendered (no CJK font, text that does not fit)."""
