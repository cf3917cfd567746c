"""电子印章申请表: the application form the RA makes for a seal order, as a one-page A4 PDF.

Prefilled with the order number (also as a Code 128 barcode), the organisation, the seal's
kind, name and size and the handler; three boxes collect samples of the seal (油印适中，每枚
印章采集三个样本), and for a legal-representative seal or a signature also the legal
representative's seal and signature. Chinese text is a subset of a real CJK font, embedded
(form_font.py), so every reader renders it and text extraction finds it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont as ReportlabTTFont
from reportlab.pdfgen.canvas import Canvas

from netca_protocol import BusinessType
from netca_protocol.seals import LEGAL_REPRESENTATIVE_KINDS, SealDetailsIn, SealOrderKind
from netca_ra.services.form_font import find_form_font, subset_truetype

KIND_NAMES = {
    SealOrderKind.OFFICIAL: "公章",
    SealOrderKind.CONTRACT: "合同专用章",
    SealOrderKind.FINANCE: "财务专用章",
    SealOrderKind.LEGAL_REPRESENTATIVE: "法人章",
    SealOrderKind.SIGNATURE: "手写签名",
}
BUSINESS_NAMES = {BusinessType.SEAL_APPLY: "申请印章", BusinessType.SEAL_CHANGE: "变更印章"}
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_MM = 20
#: the three seal-sample boxes: (left, top, width, height) in mm from the page's top left
SAMPLE_BOX_MM = 52
SAMPLE_GAP_MM = 7
SAMPLE_TOP_MM = 132
SAMPLE_BOXES_MM = tuple(
    (MARGIN_MM + i * (SAMPLE_BOX_MM + SAMPLE_GAP_MM), SAMPLE_TOP_MM, SAMPLE_BOX_MM, SAMPLE_BOX_MM)
    for i in range(3)
)
_STATIC_TEXT = (
    "电子印章申请表业务单号申请单位名称统一社会信用代码业务类型印章类型名称尺寸毫米经办人身份证号"
    "手机号码电子印章采集油印适中每枚印章采集三个样本样本法人签字字迹清晰法定代表人盖章日期年月"
    "受理审核以下由证书受理员填写受理人意见注请用单位实体印章在方框内各盖一次彩色扫描后上传"
    "本表由系统生成须与一致打印时请勿缩放第页共（）：，。、—·0123456789mmABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "签名核对无误"
)


@dataclass(frozen=True)
class FormData:
    order_no: str
    business_type: BusinessType
    organisation_name: str
    unified_social_credit_code: str
    details: SealDetailsIn
    created_at: datetime


def application_form(data: FormData, *, font: str = "") -> bytes:
    """The filled-in form as PDF bytes; ``font`` overrides the CJK font (form_font.py)."""
    text = _STATIC_TEXT + "".join(_values(data).values()) + data.details.handler.name
    face = ReportlabTTFont("FormCJK", io.BytesIO(subset_truetype(find_form_font(font), text)))
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, pageCompression=1, invariant=True)
    canvas.setTitle(f"电子印章申请表 {data.order_no}")
    canvas.setAuthor("NETCA-RA")
    canvas.setSubject(data.order_no)
    pdfmetrics.registerFont(face)
    _draw(canvas, data)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _values(data: FormData) -> dict[str, str]:
    details = data.details
    return {
        "申请单位名称": data.organisation_name,
        "统一社会信用代码": data.unified_social_credit_code,
        "业务类型": BUSINESS_NAMES.get(data.business_type, data.business_type.value),
        "印章类型": KIND_NAMES[details.seal_kind],
        "印章名称": details.seal_name,
        "印章尺寸": f"{details.size_mm} mm",
        "经办人": details.handler.name,
        "经办人身份证号": details.handler.id_number,
        "经办人手机号码": details.handler.mobile,
    }


def _y(top_mm: float) -> float:
    """Page y (points from the bottom) of a position given in mm from the top."""
    return float((PAGE_HEIGHT_MM - top_mm) * mm)


def _draw(canvas: Canvas, data: FormData) -> None:
    canvas.setFont("FormCJK", 20)
    canvas.drawCentredString(A4[0] / 2, _y(28), "电子印章申请表")
    canvas.setFont("FormCJK", 10)
    canvas.drawString(MARGIN_MM * mm, _y(40), f"业务单号：{data.order_no}")
    barcode = Code128(data.order_no, barHeight=9 * mm, barWidth=0.3 * mm, humanReadable=False)
    barcode.drawOn(canvas, (PAGE_WIDTH_MM - MARGIN_MM) * mm - barcode.width, _y(44))
    canvas.drawString(MARGIN_MM * mm, _y(46), f"日期：{data.created_at:%Y 年 %m 月 %d 日}")
    _table(canvas, _values(data), top_mm=52)
    _samples(canvas, "电子印章采集（油印适中，每枚印章采集三个样本）", SAMPLE_BOXES_MM)
    top = SAMPLE_TOP_MM + SAMPLE_BOX_MM + 10
    if data.details.seal_kind in LEGAL_REPRESENTATIVE_KINDS:
        boxes = tuple((left, top, width, 30) for left, _t, width, _h in SAMPLE_BOXES_MM)
        _samples(canvas, "法人签字采集（字迹清晰，每枚签字采集三个样本）", boxes)
        top += 42
    _footer(canvas, top)


def _table(canvas: Canvas, values: dict[str, str], *, top_mm: float) -> None:
    row = 7.5
    width = PAGE_WIDTH_MM - 2 * MARGIN_MM
    canvas.setLineWidth(0.6)
    for i, (label, value) in enumerate(values.items()):
        top = top_mm + i * row
        canvas.rect(MARGIN_MM * mm, _y(top + row), width * mm, row * mm)
        canvas.line((MARGIN_MM + 42) * mm, _y(top), (MARGIN_MM + 42) * mm, _y(top + row))
        canvas.setFont("FormCJK", 10)
        canvas.drawString((MARGIN_MM + 2) * mm, _y(top + 5.2), label)
        canvas.setFont("FormCJK", 11)
        canvas.drawString((MARGIN_MM + 45) * mm, _y(top + 5.2), value)


def _samples(
    canvas: Canvas, title: str, boxes: tuple[tuple[float, float, float, float], ...]
) -> None:
    canvas.setFont("FormCJK", 11)
    canvas.drawString(MARGIN_MM * mm, _y(boxes[0][1] - 4), title)
    canvas.setLineWidth(0.8)
    for number, (left, top, width, height) in enumerate(boxes, start=1):
        canvas.rect(left * mm, _y(top + height), width * mm, height * mm)
        canvas.setFont("FormCJK", 8)
        canvas.drawString((left + 1.5) * mm, _y(top + height - 1.8), f"样本{number}")


def _footer(canvas: Canvas, top: float) -> None:
    canvas.setFont("FormCJK", 10)
    canvas.drawString(
        MARGIN_MM * mm,
        _y(top),
        "注：请用单位实体印章在方框内各盖一次，彩色扫描后上传。打印时请勿缩放。",
    )
    canvas.drawString(MARGIN_MM * mm, _y(top + 14), "申请单位（盖章）：")
    canvas.drawString(110 * mm, _y(top + 14), "经办人签名：")
    canvas.drawString(110 * mm, _y(top + 24), "日期：      年    月    日")
    canvas.setLineWidth(0.4)
    canvas.rect(MARGIN_MM * mm, _y(top + 58), (PAGE_WIDTH_MM - 2 * MARGIN_MM) * mm, 24 * mm)
    canvas.drawString((MARGIN_MM + 2) * mm, _y(top + 40), "受理审核（以下由证书受理员填写）")
    canvas.drawString((MARGIN_MM + 2) * mm, _y(top + 50), "受理人：")
    canvas.drawString(110 * mm, _y(top + 50), "日期：")
