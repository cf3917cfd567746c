"""Is a seal drawn where it was placed? Red pixels of a rendered page inside each stamp box.

Every renderer gives a page image (PNG bytes or a PIL image) at a known resolution; the
checks here are the same for all of them, so a failure names the reader, not the rule.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, ImageChops

from tests.interop.expectation import Box

DPI = 40
# A seal's ring, star and characters cover well over this share of its box; a blank box,
# text, or a box only grazed by a seal drawn elsewhere stays far below it.
MIN_RED_SHARE = 0.04
# A cross-page slice is a strip of the seal and may hold only the ring's edge.
MIN_RED_SHARE_SLICE = 0.015
# Red drawn on the page outside every expected box (a stamp drawn elsewhere, twice, or
# shifted), as a share of the red inside the boxes.
MAX_STRAY_SHARE = 0.10
# Pixels a renderer may blur or shift a stamp's edge by, at DPI.
EDGE = 2


def red_mask(image: Image.Image) -> Image.Image:
    """A 1-bit image of the seal-red pixels (alpha over white first)."""
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    r, g, b = image.convert("RGB").split()
    red = r.point(lambda v: 255 if v > 170 else 0)
    not_green = g.point(lambda v: 255 if v < 110 else 0)
    not_blue = b.point(lambda v: 255 if v < 110 else 0)
    mask = ImageChops.multiply(ImageChops.multiply(red, not_green), not_blue)
    return mask.convert("1")


def _count(mask: Image.Image, box: tuple[int, int, int, int] | None = None) -> int:
    """Set pixels of a 1-bit image (in ``box``)."""
    part = mask.crop(box) if box is not None else mask
    return part.convert("L").histogram()[255]


def _pixel_box(
    box: Box, *, scale: float, page_height: float, grow: int
) -> tuple[int, int, int, int]:
    return (
        int(box.x0 * scale) - grow,
        int((page_height - box.y1) * scale) - grow,
        int(box.x1 * scale + 0.999) + grow,
        int((page_height - box.y0) * scale + 0.999) + grow,
    )


def stamp_problems(
    image: Image.Image | bytes,
    boxes: Sequence[Box],
    *,
    page_height: float,
    page: int,
    dpi: float = DPI,
    slices: Sequence[bool] | None = None,
) -> list[str]:
    """What is wrong with the stamps expected in ``boxes`` on one rendered page: a box
    without enough red in it, or red drawn outside every box. ``slices[i]`` says box i is
    a cross-page slice (a lower share of red is enough)."""
    if isinstance(image, bytes):
        image = Image.open(io.BytesIO(image))
        image.load()
    scale = dpi / 72
    mask = red_mask(image)
    problems = []
    inside = 0
    covered = Image.new("1", mask.size, 0)
    for index, box in enumerate(boxes):
        exact = _pixel_box(box, scale=scale, page_height=page_height, grow=0)
        area = max(1, (exact[2] - exact[0]) * (exact[3] - exact[1]))
        red = _count(mask, exact)
        inside += red
        need = MIN_RED_SHARE_SLICE if slices and slices[index] else MIN_RED_SHARE
        if red < need * area:
            problems.append(f"no seal drawn at {box} ({red} red pixels of {area}, need {need:.1%})")
        grown = _pixel_box(box, scale=scale, page_height=page_height, grow=EDGE)
        covered.paste(1, grown)
    outside = _count(mask) - _count(ImageChops.logical_and(mask, covered))
    if outside > MAX_STRAY_SHARE * max(inside, 1) and outside > 20:
        where = "outside the expected stamps" if boxes else "where no stamp is expected"
        problems.append(f"red drawn on page {page} {where} ({outside} px)")
    return problems
