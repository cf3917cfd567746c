"""A clean seal picture from a colour scan of a stamped form (Pillow only).

Red ink is told from paper, print and pencil in HSV: a pixel is ink as far as it is saturated
with a red hue (320°-20°) and not dark; how red is "red enough" is a threshold, found by
Otsu's method on the scan's redness histogram unless staff give one. The ink mask is cleaned
with a median filter, joined into blobs on a small copy, and the blobs are the candidate
seals: round or oval, about the declared size. The best-inked candidate of the samples is
cut out, its ink put on a transparent background in one ink colour (so no paper texture can
survive), optionally turned upright, and scaled to the declared size at 300 dpi.
docs/seal-format.md, "From a scan to a seal picture".
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageStat

#: the picture's resolution (as the seal art's)
PICTURE_DPI = 300
MM_PER_INCH = 25.4
#: red hues, in Pillow's 0-255 hue scale: 320° to 360° and 0° to 20°
_RED_LOW = round(20 / 360 * 255)
_RED_HIGH = round(320 / 360 * 255)
#: ink is not dark: overprinted black text stays out
_MIN_VALUE = 70
#: the small copy where blobs are found
_SMALL_SIDE = 500
_MAX_CANDIDATES = 200


@dataclass(frozen=True)
class ExtractParams:
    """What staff may adjust: the redness threshold (1-254, None: automatic), which sample
    (1-based, in reading order; None: the best), the margin around the ink, a rotation
    (degrees, counter-clockwise) and a crop box in scan pixels that replaces detection."""

    threshold: int | None = None
    sample: int | None = None
    margin_mm: float = 0.8
    rotate: float = 0.0
    crop: tuple[int, int, int, int] | None = None


@dataclass(frozen=True)
class Candidate:
    """A red blob that may be a seal: its box in scan pixels and how good a sample it is."""

    box: tuple[int, int, int, int]
    width_mm: float
    height_mm: float
    score: float


@dataclass(frozen=True)
class Extraction:
    png: bytes
    size_mm: tuple[int, int]
    threshold: int
    candidates: tuple[Candidate, ...]
    #: the index (0-based) of the candidate used; None when a crop box was given
    chosen: int | None
    box: tuple[int, int, int, int]
    ink: tuple[int, int, int]
    problems: tuple[str, ...] = field(default=())


class NoSealFound(ValueError):
    """Nothing in the scan looks like a seal (with these parameters)."""


def redness(image: Image.Image) -> Image.Image:
    """An L image: how strongly each pixel is red ink (its saturation when its hue is red
    and it is not dark, else 0)."""
    hue, saturation, value = image.convert("RGB").convert("HSV").split()
    red_hue = hue.point(lambda h: 255 if h <= _RED_LOW or h >= _RED_HIGH else 0)
    bright = value.point(lambda v: 255 if v >= _MIN_VALUE else 0)
    return ImageChops.darker(ImageChops.darker(saturation, red_hue), bright)


def otsu(histogram: list[int]) -> int:
    """The threshold that best splits a 256-bin histogram in two (Otsu, 1979)."""
    total = sum(histogram)
    weighted = sum(i * n for i, n in enumerate(histogram))
    below = below_weighted = 0.0
    best, best_value = 128, -1.0
    for t, n in enumerate(histogram[:255]):
        below += n
        below_weighted += t * n
        above = total - below
        if below == 0 or above == 0:
            continue
        mean_below = below_weighted / below
        mean_above = (weighted - below_weighted) / above
        value = below * above * (mean_below - mean_above) ** 2
        if value > best_value:
            best, best_value = t + 1, value
    return best


def pixels_per_mm(image: Image.Image) -> float | None:
    """From the scan's recorded resolution, else None (size is then not judged)."""
    dpi = image.info.get("dpi")
    if dpi and float(dpi[0]) > 30:
        return float(dpi[0]) / MM_PER_INCH
    return None


def extract_seal(image: Image.Image, *, size_mm: int, params: ExtractParams) -> Extraction:
    """The seal picture (PNG, transparent background) from ``image``; NoSealFound when no
    candidate fits."""
    red = redness(image)
    threshold = params.threshold or max(40, min(200, otsu(red.histogram())))
    mask = red.point(lambda v: 255 if v >= threshold else 0).filter(ImageFilter.MedianFilter(3))
    scale = pixels_per_mm(image)
    candidates = find_candidates(mask, size_mm=size_mm, px_per_mm=scale, redness_image=red)
    problems: list[str] = []
    if params.crop is not None:
        box, chosen = _clamp(params.crop, image.size), None
        clip = Image.new("L", image.size, 0)
        ImageDraw.Draw(clip).rectangle(box, fill=255)
    else:
        if not candidates:
            raise NoSealFound(f"no red round or oval shape at threshold {threshold}")
        chosen = _choose(candidates, params.sample)
        box = candidates[chosen].box
        clip = _blob_clip(mask, box)
    margin = round(params.margin_mm * (scale or 8.0))
    box = _clamp((box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin), image.size)
    alpha = _alpha(red, threshold).crop(box)
    alpha = ImageChops.darker(alpha, clip.crop(box).filter(ImageFilter.MaxFilter(2 * margin + 1)))
    ink = _ink_colour(image.crop(box), mask.crop(box))
    picture = Image.new("RGBA", alpha.size, (*ink, 0))
    picture.putalpha(alpha)
    if params.rotate:
        picture = picture.rotate(params.rotate, resample=Image.Resampling.BICUBIC, expand=True)
    trimmed = picture.getbbox()
    if trimmed is None:
        raise NoSealFound("the chosen area holds no ink")
    picture = picture.crop(trimmed)
    png, mm = _scaled(picture, size_mm)
    if scale is not None and candidates and chosen is not None:
        found = max(candidates[chosen].width_mm, candidates[chosen].height_mm)
        if abs(found - size_mm) > 0.2 * size_mm:
            problems.append(f"the sample measures {found:.0f} mm, not {size_mm} mm")
    return Extraction(png, mm, threshold, tuple(candidates), chosen, box, ink, tuple(problems))


def find_candidates(
    mask: Image.Image,
    *,
    size_mm: int,
    px_per_mm: float | None,
    redness_image: Image.Image,
) -> list[Candidate]:
    """Red blobs shaped like a seal, in reading order (top to bottom, left to right)."""
    factor = max(1.0, max(mask.size) / _SMALL_SIDE)
    small_size = (max(1, round(mask.size[0] / factor)), max(1, round(mask.size[1] / factor)))
    small = mask.resize(small_size, Image.Resampling.BOX).point(lambda v: 255 if v > 24 else 0)
    join = (px_per_mm or 8.0) * 2.0 / factor  # strokes 2 mm apart belong together
    small = small.filter(ImageFilter.MaxFilter(max(3, round(join) | 1)))
    found: list[Candidate] = []
    for area, small_box in _blobs(small):
        box = (
            round(small_box[0] * factor),
            round(small_box[1] * factor),
            round(small_box[2] * factor),
            round(small_box[3] * factor),
        )
        width, height = box[2] - box[0], box[3] - box[1]
        if min(width, height) < 8:
            continue
        aspect = min(width, height) / max(width, height)
        fill = area / (math.pi / 4 * (small_box[2] - small_box[0]) * (small_box[3] - small_box[1]))
        if aspect < 0.45 or fill < 0.55:
            continue
        unit = px_per_mm or 0.0
        width_mm = width / unit if unit else 0.0
        height_mm = height / unit if unit else 0.0
        if unit and not 0.5 * size_mm <= max(width_mm, height_mm) <= 1.6 * size_mm:
            continue
        strength = ImageStat.Stat(redness_image.crop(box), mask.crop(box)).mean[0] / 255
        size_fit = 1 - min(1.0, abs(max(width_mm, height_mm) - size_mm) / size_mm) if unit else 1
        score = round(strength * (0.5 + 0.5 * aspect) * (0.5 + 0.5 * size_fit), 4)
        found.append(Candidate(box, round(width_mm, 1), round(height_mm, 1), score))
    return sorted(found, key=lambda c: (round(c.box[1] / max(1, c.box[3] - c.box[1])), c.box[0]))


def _blobs(small: Image.Image) -> list[tuple[int, tuple[int, int, int, int]]]:
    """(area, box) of each 8-connected white region of a small binary image, largest first."""
    work = small.copy()
    blobs: list[tuple[int, tuple[int, int, int, int]]] = []
    while len(blobs) < _MAX_CANDIDATES:
        bbox = work.getbbox()
        if bbox is None:
            break
        row = work.crop((bbox[0], bbox[1], bbox[2], bbox[1] + 1)).tobytes()
        seed = (bbox[0] + next(i for i, v in enumerate(row) if v), bbox[1])
        ImageDraw.floodfill(work, seed, 100)
        region = work.point(lambda v: 255 if v == 100 else 0)
        blob_box = region.getbbox()
        assert blob_box is not None
        blobs.append((region.histogram()[255], blob_box))
        work = work.point(lambda v: 0 if v == 100 else v)
    return sorted(blobs, key=lambda b: -b[0])


def _choose(candidates: list[Candidate], sample: int | None) -> int:
    if sample is not None and 1 <= sample <= len(candidates):
        return sample - 1
    return max(range(len(candidates)), key=lambda i: candidates[i].score)


def _blob_clip(mask: Image.Image, box: tuple[int, int, int, int]) -> Image.Image:
    """Only ink inside the chosen blob's box counts: other stamps and marks stay out."""
    clip = Image.new("L", mask.size, 0)
    clip.paste(mask.crop(box), box[:2])
    return clip.filter(ImageFilter.MaxFilter(5))


def _alpha(red: Image.Image, threshold: int) -> Image.Image:
    """Opaque from the threshold up, fading out to half of it (smooth stroke edges)."""
    low = threshold // 2
    span = max(1, threshold - low)
    return red.point(lambda v: 0 if v <= low else min(255, (v - low) * 255 // span))


def _ink_colour(crop: Image.Image, mask: Image.Image) -> tuple[int, int, int]:
    if mask.getbbox() is None:
        return (230, 0, 18)
    mean = ImageStat.Stat(crop.convert("RGB"), mask).mean
    return (round(mean[0]), round(mean[1]), round(mean[2]))


def _clamp(box: tuple[int, int, int, int], size: tuple[int, int]) -> tuple[int, int, int, int]:
    left, top = max(0, min(box[0], box[2])), max(0, min(box[1], box[3]))
    right, bottom = min(size[0], max(box[0], box[2])), min(size[1], max(box[1], box[3]))
    if right - left < 2 or bottom - top < 2:
        raise NoSealFound("the crop box is empty")
    return (left, top, right, bottom)


def _scaled(picture: Image.Image, size_mm: int) -> tuple[bytes, tuple[int, int]]:
    """The picture with its longer side ``size_mm`` at PICTURE_DPI, as PNG bytes."""
    longest = round(size_mm / MM_PER_INCH * PICTURE_DPI)
    ratio = longest / max(picture.size)
    width = max(1, round(picture.size[0] * ratio))
    height = max(1, round(picture.size[1] * ratio))
    resized = picture.resize((width, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    resized.save(out, format="PNG", dpi=(PICTURE_DPI, PICTURE_DPI), optimize=True)
    mm = (
        max(1, round(width / PICTURE_DPI * MM_PER_INCH)),
        max(1, round(height / PICTURE_DPI * MM_PER_INCH)),
    )
    return out.getvalue(), mm
