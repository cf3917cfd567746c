"""What a signed PDF should look like to every reader, and what a reader found wrong."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509


@dataclass(frozen=True)
class Box:
    """A stamp box: 1-based page and PDF points from the page's bottom-left."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    cut: bool = False  # a slice of a cross-page seal (骑缝章): less red in the box

    @classmethod
    def of(cls, stamp: Any) -> Box:
        """From anything with page, x0, y0, x1, y1 (netca_client's StampBox)."""
        return cls(
            int(stamp.page),
            float(stamp.x0),
            float(stamp.y0),
            float(stamp.x1),
            float(stamp.y1),
            cut=getattr(stamp, "slice_index", None) is not None,
        )

    def matches(self, page: int, rect: Sequence[float], *, tolerance: float = 1.0) -> bool:
        """Is ``rect`` on ``page`` this box (in any corner order)?"""
        if page != self.page or len(rect) != 4:
            return False
        x0, x1 = sorted((rect[0], rect[2]))
        y0, y1 = sorted((rect[1], rect[3]))
        mine = (self.x0, self.y0, self.x1, self.y1)
        return all(abs(a - b) <= tolerance for a, b in zip((x0, y0, x1, y1), mine, strict=True))

    def __str__(self) -> str:
        return f"p{self.page} [{self.x0:.0f},{self.y0:.0f},{self.x1:.0f},{self.y1:.0f}]"


@dataclass(frozen=True)
class Expectation:
    """``signatures`` regular signatures (approval or certification) and ``timestamps``
    document time-stamps, every one intact; a signature widget at each of ``stamps`` and a
    red seal drawn in each of ``stamps`` and ``content_stamps`` (stamps a signature drew
    into its page's content, with no widget of their own). ``trust`` are the roots
    pyHanko's validator trusts for this file."""

    signatures: int
    stamps: tuple[Box, ...] = ()
    content_stamps: tuple[Box, ...] = ()
    timestamps: int = 0
    trust: tuple[x509.Certificate, ...] = ()
    # Visible stamps of earlier signers that are not our red seal (an already-signed input):
    # their widgets are expected, their pictures are not checked.
    other_stamps: tuple[Box, ...] = ()

    @property
    def widgets(self) -> tuple[Box, ...]:
        return self.stamps + self.other_stamps

    @property
    def drawn(self) -> tuple[Box, ...]:
        """Every box that must show our red seal."""
        return self.stamps + self.content_stamps

    @property
    def fields(self) -> int:
        """Signature fields a reader should list: one per signature and time-stamp."""
        return self.signatures + self.timestamps


@dataclass
class Finding:
    """One reader's problems with one file; ``problems`` empty means it accepts the file."""

    reader: str
    path: Path
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems


Job = tuple[Path, Expectation]


def stamps_by_page(stamps: Sequence[Box]) -> dict[int, list[Box]]:
    out: dict[int, list[Box]] = {}
    for box in stamps:
        out.setdefault(box.page, []).append(box)
    return out
