"""The values the PDF API takes and returns: placements, stamp boxes, options and results.

Plain frozen dataclasses with no third-party imports, so the GUI and the CLI can build them
without loading the PDF stack.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal

from cryptography import x509

from netca_client.core.errors import NetcaError

MM_PER_POINT = 25.4 / 72


def mm_to_points(mm: float) -> float:
    return mm / MM_PER_POINT


@dataclass(frozen=True)
class AtPosition:
    """A seal centred at (x, y) in PDF points from the page's bottom-left; ``page`` is 1-based."""

    page: int
    x: float
    y: float


@dataclass(frozen=True)
class ByKeyword:
    """A seal centred on the first, the last or every occurrence of ``text``."""

    text: str
    which: Literal["first", "last", "all"] = "first"


@dataclass(frozen=True)
class CrossPage:
    """A cross-page seal (骑缝章): slice i on the right edge of the i-th selected page.

    ``pages`` are 1-based (None: every page); ``y`` is the slices' centre height in points
    (None: the middle of each page).
    """

    pages: tuple[int, ...] | None = None
    y: float | None = None


Placement = AtPosition | ByKeyword | CrossPage


class SignatureLevel(StrEnum):
    """PAdES baseline levels: B-B, with a time-stamp (B-T), with revocation data (B-LT)…"""

    B_B = "B-B"
    B_T = "B-T"
    B_LT = "B-LT"
    B_LTA = "B-LTA"


@dataclass(frozen=True)
class StampBox:
    """Where one stamp lands, in points; a cross-page slice says which slice of how many."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    slice_index: int | None = None
    slice_count: int | None = None

    @property
    def centre(self) -> tuple[float, float]:
        return ((self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2)

    def as_dict(self) -> dict[str, object]:
        return {
            "page": self.page,
            "box": [round(v, 2) for v in (self.x0, self.y0, self.x1, self.y1)],
            "slice_index": self.slice_index,
            "slice_count": self.slice_count,
        }


@dataclass(frozen=True)
class SignOptions:
    """How to stamp: where, at which level, and the services a level needs.

    ``trust_roots`` and ``extra_certificates`` help B-LT build the signer's chain; the
    built-in and user trust directories are always added.
    """

    placements: tuple[Placement, ...]
    level: SignatureLevel = SignatureLevel.B_B
    tsa_url: str | None = None
    reason: str | None = None
    location: str | None = None
    trust_roots: tuple[x509.Certificate, ...] = ()
    extra_certificates: tuple[x509.Certificate, ...] = ()


@dataclass(frozen=True)
class StampSignature:
    """One signature of a stamping: its field, whose widget shows ``boxes[0]``; any further
    boxes are drawn as page content in the same (signed) revision."""

    field_name: str
    boxes: tuple[StampBox, ...]


@dataclass(frozen=True)
class SignResult:
    """One stamped file: where it went and its signatures with the stamps each carries."""

    source: Path
    target: Path
    signatures: tuple[StampSignature, ...]
    level: SignatureLevel
    signer_subject: str
    size: int

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(s.field_name for s in self.signatures)

    @property
    def boxes(self) -> tuple[StampBox, ...]:
        """Every stamp, in placement order."""
        return tuple(b for s in self.signatures for b in s.boxes)


@dataclass(frozen=True)
class BatchItem:
    source: Path
    target: Path


@dataclass(frozen=True)
class BatchResult:
    """One file of a batch: ok with its result, the error that stopped it, or not started
    because the batch was cancelled."""

    source: Path
    target: Path
    ok: bool
    error: NetcaError | None = None
    result: SignResult | None = None
    cancelled: bool = False
