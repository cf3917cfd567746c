"""Stamp pictures: every stamp of one operation is a widget of the one signature field.

The first box is the widget pyhanko makes; the others (more keyword hits, cross-page
slices) are added as further widgets of the same field while pyhanko applies the
appearance, so they are in the signed revision, and pyhanko's diff analysis recognises
them as the signature's own widgets when later signatures are added. Token thread (inside
sign_pdf) or any thread; no key access.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PIL import Image
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.images import PdfImage, pil_image
from pyhanko.pdf_utils.layout import AxisAlignment, InnerScaling, Margins, SimpleBoxLayoutRule
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.stamp import StaticStampStyle
from pyhanko.stamp.static import StaticContentStamp

from netca_client.core.errors import SealUnreadable
from netca_client.core.pdf.model import StampBox

# Names of the further widgets: /NM (netca-stamp:<signature field>:<n>). The verifier
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


@dataclass(frozen=True)
class SealStampStyle(StaticStampStyle):
    """The signature widget's look (the picture stretched over the box, no border, opaque);
    ``on_applied(writer, widget)`` runs once pyhanko has given the widget its appearance."""

    on_applied: Callable[[Any, Any], None] | None = None

    def create_stamp(self, writer: Any, box: Any, text_params: dict[str, Any]) -> Any:
        return _SealStamp(writer=writer, style=self, box=box)


class _SealStamp(StaticContentStamp):
    def apply_appearance(self, annot_dict: Any) -> None:
        super().apply_appearance(annot_dict)
        if self.style.on_applied is not None:
            self.style.on_applied(self.writer, annot_dict)


def widget_style(
    seal: Image.Image, boxes: Sequence[StampBox], *, field_name: str
) -> SealStampStyle:
    """Style for boxes[0]; adds boxes[1:] as further widgets of the field ``field_name``."""

    def add_others(writer: Any, first_widget: Any) -> None:
        add_widgets(writer, seal=seal, boxes=boxes[1:], field_name=field_name)

    return SealStampStyle(
        background=PdfImage(box_image(seal, boxes[0])),
        border_width=0,
        background_opacity=1.0,
        background_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MID,
            y_align=AxisAlignment.ALIGN_MID,
            margins=Margins.uniform(0),
            inner_content_scaling=InnerScaling.STRETCH_FILL,
        ),
        on_applied=add_others if len(boxes) > 1 else None,
    )


def add_widgets(
    writer: BasePdfFileWriter, *, seal: Image.Image, boxes: Sequence[StampBox], field_name: str
) -> None:
    """One widget per box in the signature field's /Kids, its appearance the seal or slice."""
    field_ref = _field_ref(writer, field_name)
    field = field_ref.get_object()
    if "/Kids" not in field:
        raise SealUnreadable("signature field has its widget merged; cannot add stamps")
    for number, box in enumerate(boxes, 2):
        page_ref, _ = writer.find_page_for_modification(box.page - 1)
        widget = generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Annot"),
                pdf_name("/Subtype"): pdf_name("/Widget"),
                pdf_name("/Rect"): _numbers((box.x0, box.y0, box.x1, box.y1)),
                pdf_name("/F"): generic.NumberObject(_FLAGS),
                pdf_name("/NM"): generic.TextStringObject(f"{STAMP_PREFIX}{field_name}:{number}"),
                pdf_name("/TU"): generic.TextStringObject(_describe(box)),
                pdf_name("/P"): page_ref,
                pdf_name("/Parent"): field_ref,
                pdf_name("/AP"): generic.DictionaryObject(
                    {pdf_name("/N"): _appearance(writer, box_image(seal, box), box)}
                ),
            }
        )
        widget_ref = writer.add_object(widget)
        field["/Kids"].append(widget_ref)
        writer.register_annotation(page_ref, widget_ref)


def _field_ref(writer: BasePdfFileWriter, field_name: str) -> Any:
    for ref in writer.root["/AcroForm"]["/Fields"]:
        if ref.get_object().get("/T") == field_name:
            return ref
    raise SealUnreadable(f"signature field {field_name} not found")


def _appearance(writer: BasePdfFileWriter, image: Image.Image, box: StampBox) -> Any:
    width, height = box.x1 - box.x0, box.y1 - box.y0
    form = generic.StreamObject(
        {
            pdf_name("/Type"): pdf_name("/XObject"),
            pdf_name("/Subtype"): pdf_name("/Form"),
            pdf_name("/BBox"): _numbers((0, 0, width, height)),
            pdf_name("/Resources"): generic.DictionaryObject(
                {
                    pdf_name("/XObject"): generic.DictionaryObject(
                        {pdf_name("/Seal"): pil_image(image, writer)}
                    )
                }
            ),
        },
        stream_data=b"q %.4f 0 0 %.4f 0 0 cm /Seal Do Q" % (width, height),
    )
    return writer.add_object(form)


def _describe(box: StampBox) -> str:
    if box.slice_index is None:
        return "电子印章 seal"
    return f"骑缝章 cross-page seal {box.slice_index + 1}/{box.slice_count}"


def _numbers(values: Sequence[float]) -> Any:
    return generic.ArrayObject(generic.FloatObject(round(v, 4)) for v in values)
