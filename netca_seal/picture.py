"""Seal pictures: decoding check and physical size from the PNG's resolution (Pillow)."""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

from netca_seal.errors import SealBuildError
from netca_seal.model import SealPicture

MM_PER_INCH = 25.4


def picture_problem(picture: SealPicture) -> str | None:
    """None when the picture decodes as the image type it declares, else why not."""
    try:
        with Image.open(io.BytesIO(picture.data)) as image:
            image.load()
            actual = (image.format or "").upper()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        return f"picture does not decode: {exc}"
    declared = picture.type.upper()
    if declared in {"JPG", "JPEG"}:
        declared = "JPEG"
    if actual != declared:
        return f"picture is declared {picture.type!r} but is {actual or 'unknown'}"
    if picture.width_mm <= 0 or picture.height_mm <= 0:
        return f"picture size {picture.width_mm}x{picture.height_mm} mm is not positive"
    return None


def png_picture(png: bytes, *, size_mm: tuple[int, int] | None = None) -> SealPicture:
    """A SealPicture from PNG bytes; the size comes from the PNG's dpi unless given."""
    try:
        with Image.open(io.BytesIO(png)) as image:
            image.load()
            if image.format != "PNG":
                raise SealBuildError(f"the seal picture must be a PNG, not {image.format}")
            pixels = image.size
            dpi = image.info.get("dpi")
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise SealBuildError(f"the seal picture does not decode: {exc}") from exc
    if size_mm is None:
        if not dpi or not dpi[0] or not dpi[1]:
            raise SealBuildError("the PNG records no resolution: pass size_mm")
        size_mm = (
            round(pixels[0] / float(dpi[0]) * MM_PER_INCH),
            round(pixels[1] / float(dpi[1]) * MM_PER_INCH),
        )
    if size_mm[0] <= 0 or size_mm[1] <= 0:
        raise SealBuildError(f"picture size {size_mm} mm is not positive")
    return SealPicture(type="PNG", data=png, width_mm=size_mm[0], height_mm=size_mm[1])
