"""Input checks and the mapping of pyhanko/pdfium/pdfminer failures to PdfError leaves."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from netca_client.core.errors import PdfEncrypted, PdfError, PdfUnreadable

# A PDF header may follow some junk, but within the first KiB (ISO 32000-1, 7.5.2 and
# the implementation notes every reader follows).
_HEADER_WINDOW = 1024


def check_header(path: Path) -> None:
    """Refuse files that are not PDFs before any library reads them."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEADER_WINDOW)
    except OSError as exc:
        raise PdfUnreadable(f"{path}: {exc.strerror or exc}") from exc
    if b"%PDF-" not in head:
        raise PdfUnreadable(f"{path}: not a PDF (no %PDF- header)")


@contextmanager
def translated(path: Path) -> Iterator[None]:
    """Library errors while reading ``path`` become PdfUnreadable (PdfErrors pass through)."""
    from pyhanko.pdf_utils.misc import PdfError as HankoError

    try:
        yield
    except PdfError:
        raise
    except HankoError as exc:
        if "encrypt" in str(exc).lower():
            raise PdfEncrypted(f"{path}: {exc}") from exc
        raise PdfUnreadable(f"{path}: {exc}") from exc
    except (ValueError, KeyError, IndexError, EOFError) as exc:
        # pyhanko's parser raises these on damaged structure (a truncated xref, say).
        raise PdfUnreadable(f"{path}: damaged PDF ({type(exc).__name__}: {exc})") from exc
