"""Finding a keyword's boxes on the pages with pdfminer.six (MIT); worker-pool threads.

pdfminer gives every character its box; a hit's box is the union of its characters' boxes,
in PDF points from the page's bottom-left (the same space as placements).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

from netca_client.core.pdf._errors import check_header, translated


@dataclass(frozen=True)
class KeywordHit:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def centre(self) -> tuple[float, float]:
        return ((self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2)


def _normalise(text: str) -> str:
    # Full-width brackets and spaces are common in Chinese forms: "（盖章）" vs "(盖章)".
    return "".join(text.split()).replace("（", "(").replace("）", ")")


def find_keyword(
    path: Path, text: str, which: Literal["first", "last", "all"] = "all"
) -> list[KeywordHit]:
    """Occurrences of ``text`` in reading order, whitespace ignored: every one, or only as
    many pages as it takes to find the first (from the front) or the last (from the back)."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    from netca_client.core.errors import PdfEncrypted, PdfUnreadable

    wanted = _normalise(text)
    if not wanted:
        return []
    check_header(path)
    hits: list[KeywordHit] = []
    with translated(path), path.open("rb") as handle:
        try:
            for number, layout in _layouts(handle, backwards=which == "last"):
                found = [
                    h for chars in _lines(layout) for h in _hits_in_line(chars, wanted, number)
                ]
                hits = found + hits if which == "last" else hits + found
                if found and which != "all":
                    break
        except (PDFEncryptionError, PDFPasswordIncorrect) as exc:
            raise PdfEncrypted(str(path)) from exc
        except PDFSyntaxError as exc:
            raise PdfUnreadable(f"{path}: {exc}") from exc
    return {"first": hits[:1], "last": hits[-1:], "all": hits}[which]


def _layouts(handle: BinaryIO, *, backwards: bool) -> Iterator[tuple[int, Any]]:
    """(1-based page number, pdfminer layout) one page at a time, laid out on demand."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    resources = PDFResourceManager(caching=True)
    device = PDFPageAggregator(resources, laparams=LAParams())
    interpreter = PDFPageInterpreter(resources, device)
    pages = list(enumerate(PDFPage.get_pages(handle), 1))  # the page tree only, no content
    for number, page in reversed(pages) if backwards else pages:
        interpreter.process_page(page)
        yield number, device.get_result()


def _lines(container: Any) -> Iterator[list[Any]]:
    """The characters (LTChar) of each text line, in order."""
    from pdfminer.layout import LTChar, LTTextLine

    for item in container:
        if isinstance(item, LTTextLine):
            yield [c for c in item if isinstance(c, LTChar)]
        elif hasattr(item, "__iter__"):
            yield from _lines(item)


def _hits_in_line(chars: list[Any], wanted: str, page: int) -> Iterable[KeywordHit]:
    kept = [c for c in chars if _normalise(c.get_text())]
    line = "".join(_normalise(c.get_text()) for c in kept)
    start = line.find(wanted)
    while start >= 0:
        # One character of text per LTChar after normalising, except ligatures; map by length.
        covered = _chars_for(kept, start, len(wanted))
        yield KeywordHit(
            page=page,
            x0=min(c.x0 for c in covered),
            y0=min(c.y0 for c in covered),
            x1=max(c.x1 for c in covered),
            y1=max(c.y1 for c in covered),
        )
        start = line.find(wanted, start + len(wanted))


def _chars_for(chars: list[Any], start: int, length: int) -> list[Any]:
    out, position = [], 0
    for char in chars:
        width = len(_normalise(char.get_text()))
        if position + width > start and position < start + length:
            out.append(char)
        position += width
    return out
