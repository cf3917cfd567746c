"""A colour scan of a printed, stamped 电子印章申请表, made up for the demo and the tests.

The RA's form PDF is rendered (pypdfium2) onto off-white paper with a fibre texture, a red
seal is stamped into each of the three sample boxes (each slightly turned and inked a little
differently, the middle one faint), and the page is saved as a JPEG, as a scanner would.
``Scan.samples`` keeps where each stamp went and its ink mask, so a test can measure how much
of the red the RA's extraction kept.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

import pypdfium2
from PIL import Image, ImageChops, ImageFilter

from netca_seal.art import render_organisation_seal

MM_PER_INCH = 25.4


@dataclass(frozen=True)
class StampedSample:
    """One stamp on the scan: where (scan pixels), how turned, and its ink mask (L, the size
    of ``box``: 255 where the stamp put full ink)."""

    box: tuple[int, int, int, int]
    angle: float
    mask: Image.Image


@dataclass(frozen=True)
class Scan:
    jpeg: bytes
    dpi: int
    samples: tuple[StampedSample, ...]


def paper(size: tuple[int, int], *, seed: int) -> Image.Image:
    """Off-white paper with fibres and grain (RGB)."""
    rng = random.Random(seed)  # noqa: S311 - texture, not a secret
    grain = Image.effect_noise(size, 10).filter(ImageFilter.GaussianBlur(0.7))
    fibres = Image.effect_noise((size[0] // 6, size[1] // 6), 25).resize(
        size, Image.Resampling.BICUBIC
    )
    base = Image.new("RGB", size, (246, 242, 232))
    texture = ImageChops.blend(grain, fibres, 0.5).point(lambda v: 235 + (v - 128) // 6)
    tinted = Image.merge("RGB", (texture, texture, texture.point(lambda v: v - rng.randint(3, 6))))
    return ImageChops.multiply(base, tinted.point(lambda v: min(255, v + 20)))


def stamp_scan(
    form_pdf: bytes,
    *,
    organisation: str,
    bottom_text: str = "",
    boxes_mm: tuple[tuple[float, float, float, float], ...],
    size_mm: int = 42,
    dpi: int = 200,
    angles: tuple[float, ...] = (-4.0, 3.0, 6.0),
    quality: int = 85,
    seed: int = 18,
) -> Scan:
    """The scan of ``form_pdf`` with a seal stamped into each box of ``boxes_mm``."""
    document = pypdfium2.PdfDocument(form_pdf)
    try:
        page = document[0].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        document.close()
    scan = ImageChops.multiply(paper(page.size, seed=seed), page)
    art = render_organisation_seal(organisation, bottom_text=bottom_text, diameter_mm=size_mm)
    art_alpha = Image.open(io.BytesIO(art.png)).getchannel("A")
    side = round(size_mm / MM_PER_INCH * dpi)
    art_alpha = art_alpha.resize((side, side), Image.Resampling.LANCZOS)
    samples = []
    for number, (box_mm, angle) in enumerate(zip(boxes_mm, angles, strict=False)):
        strength = 0.62 if number == 1 else 0.93
        sample = _stamp(scan, art_alpha, box_mm, angle=angle, dpi=dpi, strength=strength)
        samples.append(sample)
    out = io.BytesIO()
    scan.save(out, format="JPEG", quality=quality, dpi=(dpi, dpi))
    return Scan(out.getvalue(), dpi, tuple(samples))


def _stamp(
    scan: Image.Image,
    alpha: Image.Image,
    box_mm: tuple[float, float, float, float],
    *,
    angle: float,
    dpi: int,
    strength: float,
) -> StampedSample:
    """Press the seal (red ink, multiplied onto the page) into the middle of ``box_mm``."""
    turned = alpha.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    unit = dpi / MM_PER_INCH
    centre_x = (box_mm[0] + box_mm[2] / 2) * unit
    centre_y = (box_mm[1] + box_mm[3] / 2) * unit
    left, top = round(centre_x - turned.size[0] / 2), round(centre_y - turned.size[1] / 2)
    ink = turned.point(lambda v: round(v * strength))
    region = scan.crop((left, top, left + turned.size[0], top + turned.size[1]))
    red = Image.new("RGB", turned.size, (205, 22, 38))
    inked = Image.composite(ImageChops.multiply(region, red), region, ink)
    scan.paste(inked, (left, top))
    box = (left, top, left + turned.size[0], top + turned.size[1])
    return StampedSample(box, angle, turned.point(lambda v: 255 if v >= 128 else 0))
