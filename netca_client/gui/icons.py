"""The application icon, drawn in code so it needs no image files: a red seal with a key."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap


def app_icon(size: int = 64) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    red = QColor("#c8161d")
    painter.setPen(QPen(red, size * 0.08))
    margin = size * 0.08
    painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
    painter.setPen(QPen(red, size * 0.09, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    center = QPointF(size * 0.38, size * 0.42)
    painter.drawEllipse(center, size * 0.12, size * 0.12)
    painter.drawLine(QPointF(size * 0.47, size * 0.51), QPointF(size * 0.72, size * 0.76))
    painter.drawLine(QPointF(size * 0.62, size * 0.66), QPointF(size * 0.70, size * 0.58))
    painter.end()
    return QIcon(pixmap)
