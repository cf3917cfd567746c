"""Test PDFs with Chinese text, written with reportlab's built-in CJK font (STSong-Light)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

TENDER_LINES = (
    "投标函",
    "致：广州市公共资源交易中心",
    "我方已仔细研究招标文件，愿以投标总价人民币壹佰万元整承担本项目。",
    "投标人名称：广州测试科技有限公司",
)


def write_pdf(
    path: Path, pages: Sequence[Sequence[tuple[float, float, str]]], *, size: int = 12
) -> Path:
    """One page per item; each line is (x, y, text) in points from the bottom-left."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    for lines in pages:
        pdf.setFont(FONT, size)
        for x, y, text in lines:
            pdf.drawString(x, y, text)
        pdf.showPage()
    pdf.save()
    return path


def tender(path: Path, *, pages: int = 1, keyword_lines: Sequence[int] = ()) -> Path:
    """A tender letter; the page numbers in ``keyword_lines`` end with "投标人（盖章）"."""
    content = []
    for number in range(1, pages + 1):
        lines = [(72, 760 - 24 * i, text) for i, text in enumerate(TENDER_LINES)]
        lines.append((72, 80, f"第 {number} 页 共 {pages} 页"))
        if number in keyword_lines:
            lines.append((300, 200, "投标人（盖章）："))
        content.append(lines)
    return write_pdf(path, content)


def snapshot(paths: Sequence[Path]) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in paths}


def leftovers(directory: Path) -> list[str]:
    """Temporary files a failed or cancelled signing might have left."""
    return sorted(n for n in os.listdir(directory) if n.startswith(".") or n.endswith(".part"))


def stamps_on_pages(path: Path) -> dict[int, list[tuple[str, tuple[float, ...]]]]:
    """Per page: (subtype, rect) of every stamp annotation and signature widget in the file."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    out: dict[int, list[tuple[str, tuple[float, ...]]]] = {}
    with path.open("rb") as handle:
        reader = PdfFileReader(handle)
        for number in range(1, reader.root["/Pages"]["/Count"] + 1):
            page = reader.root["/Pages"]["/Kids"][number - 1].get_object()
            for ref in page.get("/Annots", ()):
                annotation = ref.get_object()
                kind = str(annotation["/Subtype"])
                rect = tuple(float(v) for v in annotation["/Rect"])
                out.setdefault(number, []).append((kind, rect))
    return out


def word_centre(path: Path, page: int, text: str) -> tuple[float, float]:
    """Centre of the first occurrence of ``text`` on ``page`` by pdfium's own glyph boxes
    (a second text engine, independent of the pdfminer code that places the seal)."""
    import pypdfium2 as pdfium

    from netca_client.core.pdf.render import PDFIUM_LOCK

    # The GUI tests call this while the window's pool may be rendering with pdfium.
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(str(path))
        try:
            textpage = document[page - 1].get_textpage()
            match = textpage.search(text).get_next()
            assert match is not None, f"{text!r} not on page {page}"
            boxes = [textpage.get_charbox(i) for i in range(match[0], match[0] + match[1])]
        finally:
            document.close()
    x0, x1 = min(b[0] for b in boxes), max(b[2] for b in boxes)
    y0, y1 = min(b[1] for b in boxes), max(b[3] for b in boxes)
    return ((x0 + x1) / 2, (y0 + y1) / 2)


def red_pixels(
    png: bytes, box: tuple[float, float, float, float], *, dpi: float, page_height: float
) -> int:
    """How many seal-red pixels a page image has inside a box given in PDF points."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    scale = dpi / 72
    x0, y0, x1, y1 = box
    crop = image.crop((int(x0 * scale), int((page_height - y1) * scale),
                       int(x1 * scale), int((page_height - y0) * scale)))  # fmt: skip
    data = crop.tobytes()
    return sum(
        1 for i in range(0, len(data), 3) if data[i] > 180 and data[i + 1] < 90 and data[i + 2] < 90
    )
