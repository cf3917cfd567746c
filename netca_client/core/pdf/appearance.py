"""What a signature looks like on the page: its seal picture (from the widget's appearance)
and whether its stamps are still where they were signed. Worker-pool threads."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from PIL import Image

from netca_client.core.pdf.report import StampChange

_MAX_DEPTH = 6
# Files stamped before one-signature-per-stamp carry further widgets in one field's /Kids,
# named /NM netca-stamp:<field>:<n>; they are still checked stamp by stamp.
LEGACY_STAMP_PREFIX = "netca-stamp:"


def seal_png(field: Any, cache: dict[object, bytes | None] | None = None) -> bytes | None:
    """The first image in the signature widget's normal appearance, as PNG (None if none).
    Stamps of one file share their image XObject: ``cache`` keeps each one's PNG."""
    from pyhanko.pdf_utils.misc import PdfError

    try:
        widget = _widget(field)
        appearance = widget["/AP"]["/N"].get_object()
        image = _first_image(appearance, 0)
        if image is None:
            return None
        ref: Any = getattr(image, "container_ref", None)
        key = (ref.idnum, ref.generation) if hasattr(ref, "idnum") else None
        if cache is not None and key is not None and key in cache:
            return cache[key]
        png = _to_png(image)
        if cache is not None and key is not None:
            cache[key] = png
        return png
    except (KeyError, PdfError, OSError, ValueError, NotImplementedError):
        return None


def _widget(field: Any) -> Any:
    if "/Kids" in field:
        return field["/Kids"][0].get_object()
    return field


def _first_image(xobject: Any, depth: int) -> Any:
    if depth > _MAX_DEPTH:
        return None
    if xobject.get("/Subtype") == "/Image":
        return xobject
    resources = xobject.get("/Resources")
    if resources is None:
        return None
    for value in resources.get_object().get("/XObject", {}).values():
        found = _first_image(value.get_object(), depth + 1)
        if found is not None:
            return found
    return None


def _to_png(image: Any) -> bytes:
    width, height = int(image["/Width"]), int(image["/Height"])
    space = image.get("/ColorSpace")
    data = image.data
    if space == "/DeviceGray":
        picture = Image.frombytes("L", (width, height), data)
    elif space == "/DeviceRGB":
        picture = Image.frombytes("RGB", (width, height), data)
    elif space is not None and space[0] == "/Indexed":
        picture = Image.frombytes("P", (width, height), data)
        lookup = space[3]
        picture.putpalette(bytes(getattr(lookup, "original_bytes", lookup)))
        picture = picture.convert("RGB")
    else:
        raise NotImplementedError(f"colour space {space}")
    if "/SMask" in image:
        mask = image["/SMask"].get_object()
        alpha = Image.frombytes("L", (int(mask["/Width"]), int(mask["/Height"])), mask.data)
        picture = picture.convert("RGBA")
        picture.putalpha(alpha.resize(picture.size))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


Positions = dict[str, tuple[int, tuple[float, ...]]]


def stamp_positions(root: Any) -> dict[str, Positions]:
    """Every signature field's widgets, read from ``root`` in one walk of the page tree:
    field name → {"widget" for the signature's own (merged) widget, the /NM name for a
    legacy file's further stamps → (page, rect)}. A field whose widgets are on no page maps
    to {}. One walk for all fields: reading 2,000 page objects is most of a quick verify."""
    owners = _widget_owners(root)
    found: dict[str, Positions] = {name: {} for name in owners.values()}
    if not owners:
        return found
    for number, page in enumerate(_pages(root["/Pages"].get_object()), 1):
        for ref in page.get("/Annots", ()):
            owner = owners.get(getattr(ref, "idnum", None))
            if owner is None:
                continue
            annotation = ref.get_object()
            rect = tuple(round(float(v), 2) for v in annotation.get("/Rect", ()))
            name = str(annotation.get("/NM", ""))
            key = name if name.startswith(LEGACY_STAMP_PREFIX) else "widget"
            found[owner][key] = (number, rect)
    return found


def _widget_owners(root: Any) -> dict[int | None, str]:
    """Widget object number → the name of the signature field it belongs to."""
    if "/AcroForm" not in root or "/Fields" not in root["/AcroForm"]:
        return {}
    owners: dict[int | None, str] = {}
    for ref in root["/AcroForm"]["/Fields"]:
        field = ref.get_object()
        if field.get("/FT") != "/Sig" or "/T" not in field:
            continue
        name = str(field["/T"])
        kids = field.get("/Kids")
        for widget in kids if kids is not None else (ref,):
            owners.setdefault(getattr(widget, "idnum", None), name)
    return owners


def _pages(node: Any) -> Iterator[Any]:
    if node.get("/Type") == "/Pages" or "/Kids" in node:
        for kid in node["/Kids"]:
            yield from _pages(kid.get_object())
    else:
        yield node


def stamp_changes(
    signed: dict[str, tuple[int, tuple[float, ...]]],
    now: dict[str, tuple[int, tuple[float, ...]]],
) -> tuple[StampChange, ...]:
    changes = []
    for name, (page, rect) in sorted(signed.items()):
        if name not in now:
            changes.append(StampChange("removed", name, page))
        elif now[name] != (page, rect):
            changes.append(StampChange("moved", name, now[name][0]))
    return tuple(changes)
