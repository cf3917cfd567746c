"""Page count, page size and preview images with pypdfium2, signature appearances drawn.

Worker-pool threads call these; pdfium is not thread-safe, so one lock serialises it.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from netca_client.core.errors import PageOutOfRange, PdfEncrypted, PdfUnreadable
from netca_client.core.pdf._errors import check_header

# pypdfium2 documents that pdfium must not be used from several threads at once.
_PDFIUM = threading.Lock()


@contextmanager
def _document(path: Path) -> Iterator[Any]:
    import pypdfium2 as pdfium

    check_header(path)
    with _PDFIUM:
        try:
            document = pdfium.PdfDocument(path)
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise PdfEncrypted(str(path)) from exc
            raise PdfUnreadable(f"{path}: {exc}") from exc
        try:
            yield document
        finally:
            document.close()


def _check_page(page: int, count: int) -> None:
    if not 1 <= page <= count:
        raise PageOutOfRange(page, count)


def page_count(path: Path) -> int:
    with _document(path) as document:
        return len(document)


def page_sizes(path: Path) -> list[tuple[float, float]]:
    """Width and height in points of every page (crop box, as viewers show it)."""
    with _document(path) as document:
        sizes = []
        for index in range(len(document)):
            page = document[index]
            sizes.append(page.get_size())
            page.close()
        return sizes


def page_size(path: Path, page: int) -> tuple[float, float]:
    with _document(path) as document:
        _check_page(page, len(document))
        handle = document[page - 1]
        try:
            width, height = handle.get_size()
        finally:
            handle.close()
        return (float(width), float(height))


def render_page(path: Path, page: int, *, dpi: float = 96) -> bytes:
    """PNG of one page with form fields and signature appearances (seals) drawn."""
    with _document(path) as document:
        _check_page(page, len(document))
        document.init_forms()  # before loading the page, or widgets are not drawn
        handle = document[page - 1]
        try:
            bitmap = handle.render(scale=dpi / 72, may_draw_forms=True)
            image = bitmap.to_pil()
        finally:
            handle.close()
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()
