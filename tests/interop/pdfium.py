"""PDFium (Chrome's PDF engine) through pypdfium2, in process: its signature objects
(FPDF_GetSignatureCount, byte range, /Contents, sub-filter) with our own CMS check of each
(tests/interop/cms.py), the form field type PDFium gives every page widget through the form
handle (FPDFAnnot_GetFormFieldType: a stamp must be FPDF_FORMFIELD_SIGNATURE), and pages
rendered with forms drawn (init_forms, may_draw_forms=True)."""

from __future__ import annotations

import ctypes
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.interop import cms, judge
from tests.interop.base import Reader
from tests.interop.expectation import Expectation, Finding, Job
from tests.interop.pixels import DPI

TIMESTAMP = "ETSI.RFC3161"


class Pdfium(Reader):
    name = "pdfium"

    def version(self) -> str:
        import pypdfium2 as pdfium

        return f"pypdfium2 {pdfium.PYPDFIUM_INFO}, PDFium {pdfium.PDFIUM_INFO}"

    def check_many(self, jobs: Sequence[Job], workdir: Path) -> list[Finding]:
        from netca_client.core.pdf.render import PDFIUM_LOCK

        out = []
        for path, exp in jobs:
            started = time.monotonic()
            with PDFIUM_LOCK:
                try:
                    problems = check(path, exp)
                except Exception as exc:
                    problems = [f"cannot read the file: {type(exc).__name__}: {exc}"]
            out.append(self.finding(path, problems, started))
        return out


FIELD_TYPES = {
    -1: "not a form field", 0: "unknown", 1: "push button", 2: "check box", 3: "radio button",
    4: "combo box", 5: "list box", 6: "text", 7: "signature",
}  # fmt: skip


def check(path: Path, exp: Expectation) -> list[str]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as c

    data = path.read_bytes()
    problems: list[str] = []
    doc = pdfium.PdfDocument(data)
    try:
        doc.init_forms()  # before any page is loaded, or widgets are neither typed nor drawn
        regular = timestamps = 0
        for index in range(c.FPDF_GetSignatureCount(doc.raw)):
            sig = c.FPDF_GetSignatureObject(doc.raw, index)
            sub_filter = _string(c.FPDFSignatureObj_GetSubFilter, sig)
            byte_range = _ints(c.FPDFSignatureObj_GetByteRange, sig)
            contents = _bytes(c.FPDFSignatureObj_GetContents, sig)
            is_timestamp = sub_filter == TIMESTAMP
            if not contents or not byte_range:
                problems += judge.phantoms([f"#{index + 1}"])
                continue
            if is_timestamp:
                timestamps += 1
            else:
                regular += 1
            for text in cms.problems(
                contents, cms.signed_bytes(data, byte_range), timestamp=is_timestamp
            ):
                problems.append(f"signature #{index + 1} ({sub_filter}) does not verify: {text}")
        problems += judge.counts(exp, signatures=regular, timestamps=timestamps)
        tied = []
        pages = {}
        scale = DPI / 72
        for number in range(1, len(doc) + 1):
            page = doc[number - 1]
            for where, kind, rect in _widgets(doc, page):
                if kind != c.FPDF_FORMFIELD_SIGNATURE:
                    problems.append(
                        f"widget on page {number} {where}: PDFium's form field type is "
                        f"{FIELD_TYPES.get(kind, kind)!r}, not signature"
                    )
                else:
                    tied.append((number, rect))
            image = page.render(scale=scale, may_draw_forms=True).to_pil()
            pages[number] = (image, page.get_height())
            page.close()
        problems += judge.widget_boxes(exp, tied)
        problems += judge.renders(exp, pages, page_count=len(doc))
    finally:
        doc.close()
    return problems


def _widgets(doc: Any, page: Any) -> list[tuple[str, int, list[float]]]:
    import pypdfium2.raw as c

    out = []
    for i in range(c.FPDFPage_GetAnnotCount(page.raw)):
        annot = c.FPDFPage_GetAnnot(page.raw, i)
        try:
            if c.FPDFAnnot_GetSubtype(annot) != c.FPDF_ANNOT_WIDGET:
                continue
            rect = c.FS_RECTF()
            c.FPDFAnnot_GetRect(annot, rect)
            box = [rect.left, rect.bottom, rect.right, rect.top]
            kind = c.FPDFAnnot_GetFormFieldType(doc.formenv.raw, annot)
            out.append(("[" + ",".join(f"{v:.0f}" for v in box) + "]", kind, box))
        finally:
            c.FPDFPage_CloseAnnot(annot)
    return out


def _string(function: Any, obj: Any) -> str | None:
    size = function(obj, None, 0)
    if size <= 0:
        return None
    buffer = ctypes.create_string_buffer(size)
    function(obj, buffer, size)
    return buffer.value.decode("latin-1")


def _bytes(function: Any, obj: Any) -> bytes:
    size = function(obj, None, 0)
    buffer = (ctypes.c_ubyte * size)()
    function(obj, buffer, size)
    return bytes(buffer)


def _ints(function: Any, obj: Any) -> list[int]:
    count = function(obj, None, 0)
    buffer = (ctypes.c_int * count)()
    function(obj, buffer, count)
    return list(buffer)
