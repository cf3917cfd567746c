"""Seal art: round organisation seals and square legal-representative seals, drawn with Pillow."""

from __future__ import annotations

import io
import math
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from netca_seal.errors import SealArtError

SEAL_RED = (230, 0, 18)  # #E60012, the red of Chinese official seal ink in print
MM_PER_INCH = 25.4
SUPERSAMPLE = 4  # draw large, then downscale: smooth edges without per-shape antialiasing

# Preferred faces, best first: Song-style (serif) bold, as seal engravers use, then sans.
FONT_PATTERNS = (
    "Noto Serif CJK SC:style=Bold",
    "Noto Sans CJK SC:style=Bold",
    "WenQuanYi Micro Hei",
)


@dataclass(frozen=True)
class FontFace:
    path: Path
    index: int


@dataclass(frozen=True)
class SealArt:
    """A rendered seal: PNG bytes (RGBA, transparent background) and its physical size."""

    png: bytes
    width_mm: int
    height_mm: int
    dpi: int

    @property
    def size_mm(self) -> tuple[int, int]:
        return (self.width_mm, self.height_mm)


@lru_cache(maxsize=1)
def find_cjk_font() -> FontFace:
    """A CJK font file with simplified Chinese glyphs, found through fontconfig."""
    fc_match = shutil.which("fc-match")
    if fc_match is not None:
        for pattern in FONT_PATTERNS:
            result = subprocess.run(
                [fc_match, "-f", "%{file}:%{index}:%{family}", pattern],
                capture_output=True,
                text=True,
                check=False,
                timeout=10,
            )
            file, _, rest = result.stdout.partition(":")
            index, _, family = rest.partition(":")
            if result.returncode == 0 and pattern.split(":")[0] in family:
                return FontFace(Path(file), int(index or 0))
    raise SealArtError("no CJK font: install fonts-noto-cjk (or fonts-wqy-microhei)")


def _px(mm: float, dpi: int) -> int:
    return round(mm / MM_PER_INCH * dpi)


def _glyph(char: str, face: FontFace, width: int, height: int, *, fill: bool) -> Image.Image:
    """An alpha mask of one character scaled to width x height.

    fill=True stretches the ink to the box, as name-seal engravers fill each cell; fill=False
    keeps the character's place in its em square (uniform rim text), only narrowing it.
    """
    width, height = max(width, 1), max(height, 1)
    font = ImageFont.truetype(str(face.path), size=max(height, 8), index=face.index)
    left, top, right, bottom = (round(v) for v in font.getbbox(char))
    if right <= left or bottom <= top:
        raise SealArtError(f"the font has no glyph for {char!r}")
    if fill:
        mask = Image.new("L", (right - left, bottom - top), 0)
        ImageDraw.Draw(mask).text((-left, -top), char, font=font, fill=255)
    else:
        em = max(height, 8)
        mask = Image.new("L", (em, em), 0)
        ImageDraw.Draw(mask).text((em / 2, em / 2), char, font=font, fill=255, anchor="mm")
    # Engraved seal strokes are heavier than a printed face: thicken by a dilation.
    mask = mask.resize((width, height), Image.Resampling.LANCZOS)
    return mask.filter(ImageFilter.MaxFilter(_stroke_boost(height)))


def _stroke_boost(height: int) -> int:
    """Odd dilation size, about 2.5 % of the character height."""
    return max(1, round(height * 0.025)) | 1


def _ink(mask: Image.Image, color: tuple[int, int, int]) -> Image.Image:
    """RGBA image in `color` whose alpha is `mask`."""
    inked = Image.new("RGBA", mask.size, (*color, 0))
    inked.putalpha(mask)
    return inked


def _finish(
    mask: Image.Image, *, size_mm: tuple[float, float], dpi: int, color: tuple[int, int, int]
) -> SealArt:
    width_px, height_px = _px(size_mm[0], dpi), _px(size_mm[1], dpi)
    small = mask.resize((width_px, height_px), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    _ink(small, color).save(out, format="PNG", dpi=(dpi, dpi), optimize=True)
    return SealArt(
        png=out.getvalue(), width_mm=round(size_mm[0]), height_mm=round(size_mm[1]), dpi=dpi
    )


def _star_points(cx: float, cy: float, outer: float) -> list[tuple[float, float]]:
    inner = outer * math.sin(math.radians(18)) / math.sin(math.radians(126))
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.radians(-90 + i * 36)
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def render_organisation_seal(
    name: str,
    *,
    bottom_text: str = "",
    diameter_mm: float = 42,
    dpi: int = 300,
    color: tuple[int, int, int] = SEAL_RED,
) -> SealArt:
    """A round organisation seal: name around the upper rim, a star, optional bottom text."""
    chars = [ch for ch in name if not ch.isspace()]
    if not 2 <= len(chars) <= 40:
        raise SealArtError("an organisation seal name has 2 to 40 characters")
    face = find_cjk_font()
    size = _px(diameter_mm, dpi) * SUPERSAMPLE
    unit = size / diameter_mm  # pixels per millimetre at the drawing scale
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    ring = 1.2 * unit
    draw.ellipse((0, 0, size - 1, size - 1), outline=255, width=round(ring))
    centre = size / 2
    draw.polygon(_star_points(centre, centre, 0.17 * size), fill=255)
    _place_rim_text(mask, chars, face, unit=unit, radius_mm=diameter_mm / 2)
    if bottom_text:
        _place_bottom_text(mask, bottom_text, face, unit=unit, diameter_mm=diameter_mm)
    return _finish(mask, size_mm=(diameter_mm, diameter_mm), dpi=dpi, color=color)


def _place_rim_text(
    mask: Image.Image, chars: list[str], face: FontFace, *, unit: float, radius_mm: float
) -> None:
    """Characters upright to the rim (tops outward), evenly spaced over the upper arc."""
    count = len(chars)
    char_height_mm = 0.32 * radius_mm if count <= 12 else 0.29 * radius_mm
    text_radius_mm = radius_mm - 1.2 - 0.7 - char_height_mm / 2
    span = math.radians(min(250.0, 24.0 * count + 40.0))
    step = span / count
    char_width_mm = min(char_height_mm * 0.8, text_radius_mm * step * 0.84)
    centre = mask.size[0] / 2
    for i, char in enumerate(chars):
        theta = -span / 2 + step * (i + 0.5)  # radians clockwise from 12 o'clock
        glyph = _glyph(
            char, face, round(char_width_mm * unit), round(char_height_mm * unit), fill=False
        )
        rotated = glyph.rotate(-math.degrees(theta), resample=Image.Resampling.BICUBIC, expand=True)
        x = centre + text_radius_mm * unit * math.sin(theta)
        y = centre - text_radius_mm * unit * math.cos(theta)
        _stamp(mask, rotated, x, y)


def _place_bottom_text(
    mask: Image.Image, text: str, face: FontFace, *, unit: float, diameter_mm: float
) -> None:
    """A horizontal line under the star, e.g. 合同专用章."""
    chars = [ch for ch in text if not ch.isspace()]
    char_height_mm = 0.12 * diameter_mm
    line_width_mm = min(0.5 * diameter_mm, 0.1 * diameter_mm * len(chars))
    char_width_mm = line_width_mm / len(chars)
    y = mask.size[1] / 2 + 0.27 * diameter_mm * unit
    for i, char in enumerate(chars):
        width, height = round(char_width_mm * 0.88 * unit), round(char_height_mm * unit)
        glyph = _glyph(char, face, width, height, fill=False)
        x = mask.size[0] / 2 + (i + 0.5 - len(chars) / 2) * char_width_mm * unit
        _stamp(mask, glyph, x, y)


def _stamp(mask: Image.Image, glyph: Image.Image, x: float, y: float) -> None:
    """Add a glyph mask centred at (x, y), keeping the brighter value where they overlap."""
    left, top = round(x - glyph.size[0] / 2), round(y - glyph.size[1] / 2)
    region = mask.crop((left, top, left + glyph.size[0], top + glyph.size[1]))
    mask.paste(ImageChops.lighter(region, glyph), (left, top))


def render_legal_rep_seal(
    text: str,
    *,
    size_mm: float = 20,
    dpi: int = 300,
    color: tuple[int, int, int] = SEAL_RED,
) -> SealArt:
    """A square name seal of 2 to 4 characters, read in columns from right to left."""
    chars = [ch for ch in text if not ch.isspace()]
    if not 2 <= len(chars) <= 4:
        raise SealArtError("a legal-representative seal has 2 to 4 characters")
    face = find_cjk_font()
    size = _px(size_mm, dpi) * SUPERSAMPLE
    unit = size / size_mm
    mask = Image.new("L", (size, size), 0)
    border = 1.3 * unit
    ImageDraw.Draw(mask).rectangle(
        (0, 0, size - 1, size - 1),
        outline=255,
        width=round(border),
    )
    inner = size - 2 * border - 2 * 0.9 * unit
    origin = border + 0.9 * unit
    for char, (col, row, rows) in zip(chars, _square_layout(len(chars)), strict=True):
        cell_w, cell_h = inner / 2, inner / rows
        glyph = _glyph(char, face, round(cell_w * 0.9), round(cell_h * 0.92), fill=True)
        x = origin + (1 - col + 0.5) * cell_w  # column 0 is the right-hand one
        y = origin + (row + 0.5) * cell_h
        _stamp(mask, glyph, x, y)
    return _finish(mask, size_mm=(size_mm, size_mm), dpi=dpi, color=color)


def _square_layout(count: int) -> list[tuple[int, int, int]]:
    """(column, row, rows in that column) per character, right column first, top to bottom."""
    if count == 2:
        return [(0, 0, 1), (1, 0, 1)]
    if count == 3:
        return [(0, 0, 1), (1, 0, 2), (1, 1, 2)]
    return [(0, 0, 2), (0, 1, 2), (1, 0, 2), (1, 1, 2)]
