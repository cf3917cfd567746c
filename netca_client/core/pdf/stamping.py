"""Stamp pictures: the seal (or a cross-page slice) as the signature widget's appearance and as
Stamp annotations added in the same incremental update as the signature, so the signature's
revision covers every stamp. Token thread (inside sign_pdf) or any thread; no key access.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from PIL import Image
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.images import PdfImage, pil_image
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import AxisAlignment, InnerScaling, Margins, SimpleBoxLayoutRule
from pyhanko.stamp import StaticStampStyle

from netca_client.core.errors import SealUnreadable
from netca_client.core.pdf.model import StampBox

# Names of our stamp annotations: /NM (netca-stamp:<signature field>:<n>). The verifier
# compares them between the signed revision and the file as it is now.
STAMP_PREFIX = "netca-stamp:"
# Annotation flags (ISO 32000-1, 12.5.3): Print (4) + ReadOnly (64) + Locked (128).
_FLAGS = 4 | 64 | 128


def seal_image(png: bytes) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(png))
        image.load()
    except (OSError, ValueError) as exc:
        raise SealUnreadable(f"seal picture: {exc}") from exc
    return image.convert("RGBA")


def box_image(seal: Image.Image, box: StampBox) -> Image.Image:
    """The whole seal, or for a cross-page slice its vertical strip (slice 0 = leftmost)."""
    if box.slice_index is None or not box.slice_count:
        return seal
    left = round(seal.width * box.slice_index / box.slice_count)
    right = round(seal.width * (box.slice_index + 1) / box.slice_count)
    return seal.crop((left, 0, max(right, left + 1), seal.height))


def widget_style(image: Image.Image) -> StaticStampStyle:
    """The signature widget's look: the picture stretched over the box, no border, opaque."""
    return StaticStampStyle(
        background=PdfImage(image),
        border_width=0,
        background_opacity=1.0,
        background_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MID,
            y_align=AxisAlignment.ALIGN_MID,
            margins=Margins.uniform(0),
            inner_content_scaling=InnerScaling.STRETCH_FILL,
        ),
    )


def add_stamp_annotations(
    writer: IncrementalPdfFileWriter,
    *,
    seal: Image.Image,
    boxes: Sequence[StampBox],
    field_name: str,
    first_number: int = 1,
) -> None:
    """One Stamp annotation per box, its appearance the seal picture (or slice)."""
    for number, box in enumerate(boxes, first_number):
        image_ref = pil_image(box_image(seal, box), writer)
        width, height = box.x1 - box.x0, box.y1 - box.y0
        form = generic.StreamObject(
            {
                pdf_name("/Type"): pdf_name("/XObject"),
                pdf_name("/Subtype"): pdf_name("/Form"),
                pdf_name("/BBox"): _numbers((0, 0, width, height)),
                pdf_name("/Resources"): generic.DictionaryObject(
                    {pdf_name("/XObject"): generic.DictionaryObject({pdf_name("/Seal"): image_ref})}
                ),
            },
            stream_data=b"q %.4f 0 0 %.4f 0 0 cm /Seal Do Q" % (width, height),
        )
        page_ref, _ = writer.find_page_for_modification(box.page - 1)
        annotation = generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Annot"),
                pdf_name("/Subtype"): pdf_name("/Stamp"),
                pdf_name("/Rect"): _numbers((box.x0, box.y0, box.x1, box.y1)),
                pdf_name("/F"): generic.NumberObject(_FLAGS),
                pdf_name("/NM"): generic.TextStringObject(f"{STAMP_PREFIX}{field_name}:{number}"),
                pdf_name("/Contents"): generic.TextStringObject(_describe(box)),
                pdf_name("/P"): page_ref,
                pdf_name("/AP"): generic.DictionaryObject(
                    {pdf_name("/N"): writer.add_object(form)}
                ),
            }
        )
        writer.register_annotation(page_ref, writer.add_object(annotation))


def _describe(box: StampBox) -> str:
    if box.slice_index is None:
        return "电子印章 seal"
    return f"骑缝章 cross-page seal {box.slice_index + 1}/{box.slice_count}"


def _numbers(values: Sequence[float]) -> Any:
    return generic.ArrayObject(generic.FloatObject(round(v, 4)) for v in values)
