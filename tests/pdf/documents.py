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
