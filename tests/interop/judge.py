"""Rules every reader's facts are judged by, so that the same fault reads the same way
whichever reader found it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from PIL import Image

from tests.interop.expectation import Box, Expectation, stamps_by_page
from tests.interop.pixels import DPI, stamp_problems


def counts(
    exp: Expectation, *, signatures: int, timestamps: int | None = None, what: str = ""
) -> list[str]:
    """Regular signatures (and document time-stamps, when the reader tells them apart)."""
    out = []
    if signatures != exp.signatures:
        out.append(f"finds {signatures} signatures{what}, expected {exp.signatures}")
    if timestamps is not None and timestamps != exp.timestamps:
        out.append(f"finds {timestamps} document time-stamps, expected {exp.timestamps}")
    return out


def phantoms(names: Iterable[str]) -> list[str]:
    return [f"lists an unsigned signature field {name!r} (phantom signature)" for name in names]


def widget_boxes(exp: Expectation, widgets: Sequence[tuple[int, Sequence[float]]]) -> list[str]:
    """Every expected stamp has a signature widget on its page with its box, and no visible
    signature widget is anywhere else. ``widgets``: (page, rect) of the signature widgets
    the reader ties to a signature field."""
    out = []
    for box in exp.widgets:
        if not any(box.matches(page, rect) for page, rect in widgets):
            out.append(f"has no signature widget at {box}")
    for page, rect in widgets:
        if _visible(rect) and not any(box.matches(page, rect) for box in exp.widgets):
            out.append(f"has a signature widget at unexpected p{page} {_fmt(rect)}")
    return out


def renders(
    exp: Expectation,
    pages: Mapping[int, tuple[Path | bytes | Image.Image, float]],
    *,
    page_count: int | None,
) -> list[str]:
    """The seal drawn in each expected box and no red elsewhere, on every page.
    ``pages``: page number -> (PNG file, PNG bytes or image; page height in points) at DPI."""
    out = []
    if page_count is not None and len(pages) != page_count:
        out.append(f"rendered {len(pages)} of {page_count} pages")
    by_page = stamps_by_page(exp.drawn)
    for number in sorted(set(pages) | set(by_page)):
        if number not in pages:
            out.append(f"did not render page {number}")
            continue
        png, height = pages[number]
        data = png.read_bytes() if isinstance(png, Path) else png
        boxes = by_page.get(number, [])
        problems = stamp_problems(
            data, boxes, page_height=height, page=number, dpi=DPI, slices=[b.cut for b in boxes]
        )
        out.extend(problems)
    return out


def _visible(rect: Sequence[float]) -> bool:
    return len(rect) == 4 and abs(rect[2] - rect[0]) > 0.5 and abs(rect[3] - rect[1]) > 0.5


def _fmt(rect: Sequence[float]) -> str:
    return "[" + ",".join(f"{v:.0f}" for v in rect) + "]"


def box_list(boxes: Iterable[Box]) -> str:
    return ", ".join(str(b) for b in boxes)
