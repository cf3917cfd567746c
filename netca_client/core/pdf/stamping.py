"""Stamp pictures: a signature's merged field/widget shows its first stamp; the signature's
further stamps are page content added in the same revision (see docs/pdf-signing.md).

Every stamp is a form XObject drawing the seal, or for a cross-page slice its strip. The
seal's image XObject is written once per file and every stamp refers to it; the image is
encoded once per seal picture and the encoded bytes are reused for every file. Token thread
(inside sign_pdf) or any thread; no key access.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from PIL import Image
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.stamp import BaseStampStyle

from netca_client.core.errors import SealUnreadable
from netca_client.core.pdf.model import StampBox

# Annotation flags (ISO 32000-1, 12.5.3): Print (4) + Locked (128). A widget's own ReadOnly
# annotation flag is ignored by readers (the field's is used), so it is not set.
_FLAGS = 4 | 128


@dataclass(frozen=True)
class EncodedSeal:
    """A seal picture as PDF image data: Flate-encoded RGB samples and alpha (SMask)."""

    width: int
    height: int
    rgb: bytes
    alpha: bytes | None  # None when the picture is fully opaque


def encoded_seal(png: bytes) -> EncodedSeal:
    """The seal picture, decoded and deflated once per picture (batches reuse it)."""
    return _encode(hashlib.sha256(png).digest(), png)


@lru_cache(maxsize=8)
def _encode(digest: bytes, png: bytes) -> EncodedSeal:
    try:
        with Image.open(io.BytesIO(png)) as opened:
            image = opened.convert("RGBA")
    except (OSError, ValueError) as exc:
        raise SealUnreadable(f"seal picture: {exc}") from exc
    alpha = image.getchannel("A")
    opaque = alpha.getextrema() == (255, 255)
    return EncodedSeal(
        width=image.width,
        height=image.height,
        rgb=zlib.compress(image.convert("RGB").tobytes(), 6),
        alpha=None if opaque else zlib.compress(alpha.tobytes(), 6),
    )


class SealImages:
    """The seal's image XObject in one output file: written by the first stamp's revision,
    referred to by every later one. A revision that was abandoned (signed again) forgets
    the image it wrote; ``commit`` once a revision is in the file."""

    def __init__(self, seal: EncodedSeal) -> None:
        self.seal = seal
        self._written: tuple[int, int] | None = None  # in the file
        self._pending: tuple[int, int] | None = None  # in the revision being written

    def reference(self, writer: Any) -> Any:
        known = self._written or self._pending
        if known is not None:
            return generic.IndirectObject(*known, writer)
        ref = writer.add_object(self._image_stream(writer))
        self._pending = (ref.idnum, ref.generation)
        return ref

    def commit(self) -> None:
        self._written = self._written or self._pending
        self._pending = None

    def forget_uncommitted(self) -> None:
        self._pending = None

    def _image_stream(self, writer: Any) -> generic.StreamObject:
        seal = self.seal
        entries = _image_entries(seal.width, seal.height, "/DeviceRGB")
        if seal.alpha is not None:
            mask = generic.StreamObject(
                _image_entries(seal.width, seal.height, "/DeviceGray"), encoded_data=seal.alpha
            )
            entries[pdf_name("/SMask")] = writer.add_object(mask)
        return generic.StreamObject(entries, encoded_data=seal.rgb)


def _image_entries(width: int, height: int, space: str) -> dict[Any, Any]:
    return {
        pdf_name("/Type"): pdf_name("/XObject"),
        pdf_name("/Subtype"): pdf_name("/Image"),
        pdf_name("/Width"): generic.NumberObject(width),
        pdf_name("/Height"): generic.NumberObject(height),
        pdf_name("/ColorSpace"): pdf_name(space),
        pdf_name("/BitsPerComponent"): generic.NumberObject(8),
        pdf_name("/Filter"): pdf_name("/FlateDecode"),
    }


@dataclass(frozen=True)
class SealStampStyle(BaseStampStyle):
    """The look of one stamp: the seal (or its slice ``box``) filling the widget, no border."""

    images: SealImages | None = None
    box: StampBox | None = None

    def create_stamp(self, writer: Any, box: Any, text_params: dict[str, Any]) -> Any:
        if self.images is None or self.box is None:
            raise SealUnreadable("stamp style without a seal picture")
        return _SealAppearance(writer, self.images, self.box)


class _SealAppearance:
    """What pyhanko asks a stamp for: ``apply_appearance`` on the field's merged widget."""

    def __init__(self, writer: Any, images: SealImages, box: StampBox) -> None:
        self.writer = writer
        self.images = images
        self.box = box

    def apply_appearance(self, widget: Any) -> None:
        widget[pdf_name("/AP")] = generic.DictionaryObject(
            {pdf_name("/N"): seal_form(self.writer, self.images, self.box)}
        )
        widget[pdf_name("/F")] = generic.NumberObject(_FLAGS)
        widget[pdf_name("/TU")] = generic.TextStringObject(describe(self.box))


def seal_form(writer: Any, images: SealImages, box: StampBox) -> Any:
    """A form XObject of the box's size drawing the whole seal shifted left by the slices
    before this one, clipped to the box (a slice is its strip of the one image)."""
    width, height = box.x1 - box.x0, box.y1 - box.y0
    index, count = box.slice_index or 0, box.slice_count or 1
    content = b"q 0 0 %.4f %.4f re W n %.4f 0 0 %.4f %.4f 0 cm /Seal Do Q" % (
        width, height, width * count, height, -width * index,
    )  # fmt: skip
    resources = generic.DictionaryObject(
        {
            pdf_name("/XObject"): generic.DictionaryObject(
                {pdf_name("/Seal"): images.reference(writer)}
            )
        }
    )
    form = generic.StreamObject(
        {
            pdf_name("/Type"): pdf_name("/XObject"),
            pdf_name("/Subtype"): pdf_name("/Form"),
            pdf_name("/BBox"): _numbers((0, 0, width, height)),
            pdf_name("/Resources"): resources,
        },
        stream_data=content,
    )
    return writer.add_object(form)


def add_page_stamps(
    writer: Any, images: SealImages, boxes: Sequence[StampBox], *, prefix: str
) -> None:
    """Draw ``boxes`` as page content: per page, the existing content wrapped in q/Q (so a
    transformation it leaves behind cannot move the seal) and then each stamp's form XObject
    at its box, marked as an artifact (not part of a tagged document's reading order).
    Resource names are ``prefix`` + a number, new to the page."""
    pages: dict[int, list[StampBox]] = {}
    for box in boxes:
        pages.setdefault(box.page, []).append(box)
    number = 0
    for page, on_page in pages.items():
        draws, names = [], generic.DictionaryObject()
        for box in on_page:
            number += 1
            name = pdf_name(f"/{prefix}{number}")
            names[name] = seal_form(writer, images, box)
            draws.append(b"q 1 0 0 1 %.4f %.4f cm %s Do Q" % (box.x0, box.y0, name.encode()))
        _ensure_contents(writer, page - 1)
        before = writer.add_object(generic.StreamObject(stream_data=b"q\n"))
        after = writer.add_object(
            generic.StreamObject(
                stream_data=b"\nQ\n/Artifact BMC\n" + b"\n".join(draws) + b"\nEMC\n"
            )
        )
        writer.add_stream_to_page(page - 1, before, prepend=True)
        page_ref = writer.add_stream_to_page(
            page - 1, after, resources=generic.DictionaryObject({pdf_name("/XObject"): names})
        )
        # pyhanko marks the page only when it replaces /Contents; a page whose /Contents
        # was already an array still gets new /Resources, so mark it in every case.
        writer.mark_update(page_ref)


def _ensure_contents(writer: Any, page_index: int) -> None:
    """A blank page may have no /Contents at all (ISO 32000-1, Table 30: optional)."""
    page_ref, _ = writer.find_page_for_modification(page_index)
    page = page_ref.get_object()
    if "/Contents" not in page:
        page[pdf_name("/Contents")] = generic.ArrayObject()
        writer.mark_update(page_ref)


def describe(box: StampBox) -> str:
    """The field's /TU (the name readers show): a seal, or which cross-page slice."""
    if box.slice_index is None or not box.slice_count:
        return "电子印章 seal"
    return f"骑缝章 cross-page seal {box.slice_index + 1}/{box.slice_count}"


def _numbers(values: tuple[float, ...]) -> Any:
    return generic.ArrayObject(generic.FloatObject(round(v, 4)) for v in values)
