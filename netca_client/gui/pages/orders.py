"""业务查询: look up a business order at the RA by its 17-digit number (off the GUI thread)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netca_client.core.errors import NetcaError
from netca_client.gui.error_text import error_text

OrderLookup = Callable[[str], dict[str, Any]]


class OrdersPage(QWidget):
    """The lookup runs on a small pool; the answer comes back through a queued signal."""

    _answered = Signal(object, object)  # result dict, error

    def __init__(
        self, lookup: OrderLookup | None, pool: ThreadPoolExecutor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._lookup = lookup
        self._pool = pool
        self.setObjectName("page")
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Order query"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        row = QHBoxLayout()
        self.number = QLineEdit()
        self.number.setPlaceholderText(self.tr("17-digit order number, e.g. 00202009200000485"))
        self.number.setMaxLength(17)
        self.query_button = QPushButton(self.tr("Query"))
        self.query_button.setObjectName("primary")
        self.query_button.clicked.connect(self.query)
        self.number.returnPressed.connect(self.query)
        row.addWidget(self.number, 1)
        row.addWidget(self.query_button)
        layout.addLayout(row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.result = QFormLayout()
        layout.addLayout(self.result)
        layout.addStretch()
        self._answered.connect(self._on_answered)

    def query(self) -> None:
        number = self.number.text().strip()
        if len(number) != 17 or not number.isdigit():
            self.status.setText(self.tr("An order number has 17 digits."))
            return
        if self._lookup is None:
            self.status.setText(self.tr("No RA address is set. Enter it in Settings."))
            return
        self.status.setText(self.tr("Querying…"))
        self.query_button.setEnabled(False)
        future: Future[dict[str, Any]] = self._pool.submit(self._lookup, number)

        def done(f: Future[dict[str, Any]]) -> None:
            error = f.exception()
            if error is not None and not isinstance(error, NetcaError):
                raise error
            self._answered.emit(None if error else f.result(), error)

        future.add_done_callback(done)

    def _on_answered(self, result: dict[str, Any] | None, error: NetcaError | None) -> None:
        self.query_button.setEnabled(True)
        while self.result.rowCount():
            self.result.removeRow(0)
        if error is not None:
            self.status.setText(error_text(error))
            return
        self.status.setText("")
        for name, value in (result or {}).items():
            self.result.addRow(str(name), QLabel(str(value)))
