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

# pypdfium2 documents that pdfium must not be used from several threads at once. The lock
# is per process, not per module: any other code here that calls pdfium must hold it too.
PDFIUM_LOCK = threading.Lock()


@contextmanager
def _document(path: Path) -> Iterator[Any]:
    import pypdfium2 as pdfium

    check_header(path)
    with PDFIUM_LOCK:
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


class PageSizes:
    """Page count and, on demand, page sizes of an open document (for planning stamps
    without touching all 2,000 pages of a large file)."""

    def __init__(self, document: Any) -> None:
        self._document = document
        self.count = len(document)
        self._sizes: dict[int, tuple[float, float]] = {}

    def __len__(self) -> int:
        return self.count

    def size(self, page: int) -> tuple[float, float]:
        _check_page(page, self.count)
        if page not in self._sizes:
            handle = self._document[page - 1]
            try:
                width, height = handle.get_size()
            finally:
                handle.close()
            self._sizes[page] = (float(width), float(height))
        return self._sizes[page]


@contextmanager
def page_sizes(path: Path) -> Iterator[PageSizes]:
    """Width and height in points of pages (crop box, as viewers show it), on demand."""
    with _document(path) as document:
        yield PageSizes(document)


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
