"""PdfPageView: one rendered page; the seal follows the mouse and a click drops it there.

Pages are rendered by core/pdf (pypdfium2, with signature appearances drawn) on a worker
pool; this widget only shows the PNG and converts between widget pixels and PDF points.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

MM_TO_PT = 72 / 25.4


class PdfPageView(QWidget):
    """Shows a page image scaled to fit; emits where the user clicked, in PDF points."""

    position_chosen = Signal(float, float)  # x, y in points from the page's bottom-left

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setMinimumSize(420, 520)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._page = QPixmap()
        self._page_size_pt = (595.0, 842.0)
        self._seal = QPixmap()
        self._seal_size_pt = (0.0, 0.0)
        self._cursor: QPointF | None = None
        self.follow_mouse = True
        # Planned stamps in points: x0, y0, x1, y1, slice index and slice count (cross-page).
        self.boxes: list[tuple[float, float, float, float, int | None, int | None]] = []
        self.dropped: tuple[float, float] | None = None

    def show_page(self, png: bytes, size_pt: tuple[float, float]) -> None:
        self._page.loadFromData(png)
        self._page_size_pt = size_pt
        self.update()

    def set_seal(self, png: bytes | None, size_mm: tuple[float, float]) -> None:
        self._seal = QPixmap()
        if png:
            self._seal.loadFromData(png)
        self._seal_size_pt = (size_mm[0] * MM_TO_PT, size_mm[1] * MM_TO_PT)
        self.update()

    def set_boxes(
        self, boxes: list[tuple[float, float, float, float, int | None, int | None]]
    ) -> None:
        self.boxes = boxes
        self.update()

    # --- geometry --------------------------------------------------------------------

    def _page_rect(self) -> QRectF:
        width_pt, height_pt = self._page_size_pt
        scale = min(self.width() / width_pt, self.height() / height_pt)
        w, h = width_pt * scale, height_pt * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def to_points(self, point: QPointF) -> tuple[float, float] | None:
        rect = self._page_rect()
        if not rect.contains(point):
            return None
        scale = rect.width() / self._page_size_pt[0]
        return ((point.x() - rect.x()) / scale, (rect.bottom() - point.y()) / scale)

    def to_widget(self, x: float, y: float) -> QPointF:
        rect = self._page_rect()
        scale = rect.width() / self._page_size_pt[0]
        return QPointF(rect.x() + x * scale, rect.bottom() - y * scale)

    # --- events ------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._cursor = event.position()
        self.update()

    def leaveEvent(self, event: object) -> None:
        self._cursor = None
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self.follow_mouse:
            return
        point = self.to_points(event.position())
        if point is not None:
            self.dropped = point
            self.update()
            self.position_chosen.emit(*point)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        rect = self._page_rect()
        painter.fillRect(self.rect(), QColor("#dfe3e8"))
        if not self._page.isNull():
            painter.drawPixmap(rect.toRect(), self._page)
        scale = rect.width() / self._page_size_pt[0]
        seal_w, seal_h = self._seal_size_pt[0] * scale, self._seal_size_pt[1] * scale
        painter.setPen(QPen(QColor("#c8161d"), 1.0, Qt.PenStyle.DashLine))
        for x0, y0, x1, y1, index, count in self.boxes:
            top_left = self.to_widget(x0, y1)
            target = QRectF(top_left.x(), top_left.y(), (x1 - x0) * scale, (y1 - y0) * scale)
            if not self._seal.isNull():
                source = QRectF(self._seal.rect())
                if index is not None and count:
                    # Slice i of n of the seal picture, as the cross-page stamp cuts it.
                    width = source.width() / count
                    source = QRectF(source.x() + index * width, source.y(), width, source.height())
                painter.setOpacity(0.85)
                painter.drawPixmap(target, self._seal, source)
                painter.setOpacity(1.0)
            painter.drawRect(target)
        anchors = []
        if self.dropped is not None:
            anchors.append(self.to_widget(*self.dropped))
        if self.follow_mouse and self._cursor is not None and rect.contains(self._cursor):
            anchors.append(self._cursor)
        if not self._seal.isNull():
            for index, centre in enumerate(anchors):
                painter.setOpacity(1.0 if index == 0 and self.dropped is not None else 0.55)
                target = QRectF(centre.x() - seal_w / 2, centre.y() - seal_h / 2, seal_w, seal_h)
                painter.drawPixmap(target.toRect(), self._seal)
        painter.end()
