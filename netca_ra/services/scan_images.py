"""The picture in an uploaded scan: a JPEG or PNG as it is, or the largest JPEG a PDF holds.

Scanners write each page of a PDF as one JPEG image (DCTDecode): its bytes are a complete JPEG
inside the PDF, so Pillow decodes it without a PDF renderer (the RA has none). A PDF whose
pages are not JPEG images gives no picture: staff then ask for a JPG or PNG scan.
"""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

_JPEG_START = b"\xff\xd8\xff"
_MAX_IMAGES = 50


def scan_image(content: bytes, media_type: str) -> Image.Image:
    """The scan as an RGB image (dpi info kept); ValueError when there is no picture in it."""
    if media_type != "application/pdf":
        return _opened(content)
    best: Image.Image | None = None
    start = content.find(_JPEG_START)
    tried = 0
    while start >= 0 and tried < _MAX_IMAGES:
        tried += 1
        end = content.find(b"endstream", start)
        try:
            image = _opened(content[start : end if end > 0 else len(content)])
        except ValueError:
            image = None
        if image is not None and (best is None or _area(image) > _area(best)):
            best = image
        start = content.find(_JPEG_START, start + 3)
    if best is None:
        raise ValueError("the PDF holds no JPEG image (upload the scan as JPG or PNG)")
    return best


def _area(image: Image.Image) -> int:
    return image.size[0] * image.size[1]


def _opened(data: bytes) -> Image.Image:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            converted = image.convert("RGB")
            converted.info.update({k: v for k, v in image.info.items() if k == "dpi"})
            return converted
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValueError(f"the scan does not decode: {exc}") from exc
