"""电子发票: the e-invoice of a paid renewal, as a PDF with an embedded CJK font.

The PDF (fpdf2, LGPL) embeds a subset of a CJK font so that the Chinese text renders in any
reader: ``NETCA_RA_INVOICE_FONT`` names the font file, else the first of the usual system
fonts found (Debian's fonts-noto-cjk). The record and the PDF are kept in the database; in
dev mode the PDF also goes to ``<data_dir>/invoice-outbox/`` (the simulated mailbox) with a
line in ``invoice-outbox.jsonl``.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from netca_ra.models import Invoice, Order, Renewal, utcnow

FONT_ENV = "NETCA_RA_INVOICE_FONT"
#: (file, index in a collection): Noto Sans CJK's collection has Simplified Chinese at 2
FONT_CANDIDATES = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
)
OUTBOX_DIR = "invoice-outbox"
OUTBOX_FILE = "invoice-outbox.jsonl"
SELLER = "网证通示例数字证书认证中心"
CHINA = ZoneInfo("Asia/Shanghai")


class NoCjkFont(RuntimeError):
    """No font with Chinese glyphs was found for the invoice PDF."""


def cjk_font() -> tuple[str, int]:
    chosen = os.environ.get(FONT_ENV)
    if chosen:
        return chosen, 0
    for path, index in FONT_CANDIDATES:
        if Path(path).exists():
            return path, index
    raise NoCjkFont(f"no CJK font found: install fonts-noto-cjk or set {FONT_ENV}")


def yuan(fen: int) -> str:
    return f"¥{fen // 100}.{fen % 100:02d}"


@dataclass(frozen=True)
class InvoiceLines:
    invoice_no: str
    issued_at: datetime
    title: str
    tax_id: str | None
    order_no: str
    item: str
    amount_fen: int


def invoice_pdf(lines: InvoiceLines) -> bytes:
    """A one-page e-invoice (A5 landscape) with the CJK font embedded as a subset."""
    from fpdf import FPDF

    path, index = cjk_font()
    pdf = FPDF(orientation="landscape", format=(148, 210))  # A5
    pdf.set_title(f"电子发票 {lines.invoice_no}")
    pdf.set_creator("netca-ra")
    pdf.add_page()
    pdf.add_font("cjk", fname=path, collection_font_number=index)
    pdf.set_font("cjk", size=18)
    pdf.cell(0, 12, "电子发票（普通发票）", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=11)
    rows = (
        ("发票号码", lines.invoice_no),
        ("开票日期", f"{lines.issued_at.astimezone(CHINA):%Y年%m月%d日}"),
        ("购买方名称", lines.title),
        ("纳税人识别号", lines.tax_id or "—"),
        ("销售方", SELLER),
        ("业务单号", lines.order_no),
        ("项目", lines.item),
        ("金额（含税）", yuan(lines.amount_fen)),
    )
    for label, value in rows:
        pdf.cell(40, 9, label)
        pdf.cell(0, 9, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("cjk", size=9)
    pdf.cell(0, 6, "本发票由参考 RA 开具，用于开发与演示。", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def issue_invoice(
    session: Session, renewal: Renewal, order: Order, *, data_dir: Path, dev_mode: bool
) -> Invoice:
    """Make, keep and (dev mode) deliver the e-invoice of a paid renewal order."""
    now = utcnow()
    number = f"{now.astimezone(CHINA):%Y%m%d}{secrets.randbelow(10**10):010d}"
    count = len(renewal.items)
    item = f"数字证书续期服务费（{order.validity_years}年 × {count}张）"
    pdf = invoice_pdf(
        InvoiceLines(
            invoice_no=number, issued_at=now, title=renewal.invoice_title,
            tax_id=renewal.invoice_tax_id, order_no=order.order_no, item=item,
            amount_fen=order.amount_fen,
        )
    )  # fmt: skip
    invoice = Invoice(
        invoice_no=number, order_id=order.id, title=renewal.invoice_title,
        tax_id=renewal.invoice_tax_id, email=renewal.invoice_email,
        mobile=renewal.invoice_mobile, amount_fen=order.amount_fen, pdf=pdf, created_at=now,
    )  # fmt: skip
    session.add(invoice)
    renewal.invoice_no = number
    if dev_mode:
        _to_outbox(data_dir, invoice, order_no=order.order_no)
    return invoice


def _to_outbox(data_dir: Path, invoice: Invoice, *, order_no: str) -> None:
    folder = data_dir / OUTBOX_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / f"{invoice.invoice_no}.pdf"
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, invoice.pdf)
    finally:
        os.close(fd)
    line = json.dumps(
        {
            "at": invoice.created_at.isoformat(),
            "invoice_no": invoice.invoice_no,
            "order_no": order_no,
            "email": invoice.email,
            "mobile": invoice.mobile,
            "amount_fen": invoice.amount_fen,
            "file": str(target.relative_to(data_dir)),
        },
        ensure_ascii=False,
    )
    fd = os.open(data_dir / OUTBOX_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (line + "\n").encode("utf-8"))
    finally:
        os.close(fd)
