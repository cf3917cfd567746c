"""Turning placements into stamp boxes: coordinates, keyword hits and cross-page slices.

No PIN and no key: the GUI previews these boxes before it asks for one. Worker-pool threads.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from netca_client.core.errors import KeywordNotFound, PageOutOfRange, PdfError
from netca_client.core.pdf.model import (
    AtPosition,
    ByKeyword,
    CrossPage,
    Placement,
    StampBox,
    mm_to_points,
)

if TYPE_CHECKING:
    from netca_client.core.pdf.render import PageSizes


def plan_stamps(
    path: Path, *, placements: Sequence[Placement], seal_size_mm: tuple[float, float]
) -> list[StampBox]:
    """Every stamp box for ``placements`` on the document at ``path``, in placement order."""
    from netca_client.core.pdf.render import page_sizes

    if not placements:
        raise PdfError("no placement given")
    width, height = (mm_to_points(v) for v in seal_size_mm)
    boxes: list[StampBox] = []
    # pdfminer reads the file on its own: search before taking pdfium's lock (page views
    # render under it on other threads).
    keyword_boxes = {
        index: _by_keyword(path, placement, width, height)
        for index, placement in enumerate(placements)
        if isinstance(placement, ByKeyword)
    }
    with page_sizes(path) as sizes:
        for index, placement in enumerate(placements):
            match placement:
                case AtPosition():
                    _check_page(placement.page, len(sizes))
                    boxes.append(_centred(placement.page, placement.x, placement.y, width, height))
                case ByKeyword():
                    boxes.extend(keyword_boxes[index])
                case CrossPage():
                    boxes.extend(cross_page_boxes(placement, sizes, width, height))
    return boxes


def _check_page(page: int, count: int) -> None:
    if not 1 <= page <= count:
        raise PageOutOfRange(page, count)


def _centred(page: int, x: float, y: float, width: float, height: float) -> StampBox:
    return StampBox(page, x - width / 2, y - height / 2, x + width / 2, y + height / 2)


def _by_keyword(path: Path, placement: ByKeyword, width: float, height: float) -> list[StampBox]:
    from netca_client.core.pdf.keyword import find_keyword

    hits = find_keyword(path, placement.text, placement.which)
    if not hits:
        raise KeywordNotFound(placement.text)
    return [_centred(h.page, *h.centre, width, height) for h in hits]


def cross_page_boxes(
    placement: CrossPage, sizes: PageSizes, width: float, height: float
) -> list[StampBox]:
    """Slice i (from the seal's left) on the right edge of the i-th selected page."""
    pages = placement.pages or tuple(range(1, len(sizes) + 1))
    for page in pages:
        _check_page(page, len(sizes))
    count = len(pages)
    slice_width = width / count
    boxes = []
    for index, page in enumerate(pages):
        page_width, page_height = sizes.size(page)
        y = placement.y if placement.y is not None else page_height / 2
        boxes.append(
            StampBox(
                page,
                page_width - slice_width,
                y - height / 2,
                page_width,
                y + height / 2,
                slice_index=index,
                slice_count=count,
            )
        )
    return boxes
