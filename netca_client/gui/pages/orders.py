"""业务查询: look up a business order at the RA by its number and 查询码 (off the GUI thread)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from netca_client.core.errors import NetcaError
from netca_client.gui.error_text import error_text
from netca_client.gui.job_bridge import JobBridge
from netca_client.gui.pages.frame import page_layout
from netca_protocol.limits import ORDER_NO_LENGTH, ORDER_NO_PATTERN, matches

if TYPE_CHECKING:
    from netca_protocol import OrderOut  # pydantic: loaded when an order is shown

OrderLookup = Callable[[str, str], "OrderOut"]


def yuan(fen: int) -> str:
    return f"¥{fen // 100}.{fen % 100:02d}"


class OrdersPage(QWidget):
    """The lookup runs on the window's pool; the answer comes back on the GUI thread."""

    def __init__(
        self, lookup: OrderLookup | None, pool: ThreadPoolExecutor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._lookup = lookup
        self._pool = pool
        self._jobs = JobBridge(self)
        layout = page_layout(self, self.tr("Order query"))
        row = QHBoxLayout()
        self.number = QLineEdit()
        self.number.setPlaceholderText(self.tr("17-digit order number, e.g. 00202009200000485"))
        self.number.setMaxLength(ORDER_NO_LENGTH)
        self.token = QLineEdit()
        self.token.setPlaceholderText(self.tr("Query code given with the order"))
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.query_button = QPushButton(self.tr("Query"))
        self.query_button.setObjectName("primary")
        self.query_button.clicked.connect(self.query)
        self.token.returnPressed.connect(self.query)
        row.addWidget(self.number, 2)
        row.addWidget(self.token, 2)
        row.addWidget(self.query_button)
        layout.addLayout(row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.result = QFormLayout()
        layout.addLayout(self.result)
        layout.addStretch()
        self.fields: dict[str, QLabel] = {}

    def query(self) -> None:
        number, token = self.number.text().strip(), self.token.text().strip()
        if not matches(ORDER_NO_PATTERN, number):
            self.status.setText(self.tr("An order number has 17 digits."))
            return
        if not token:
            self.status.setText(self.tr("Enter the query code given with the order."))
            return
        if self._lookup is None:
            self.status.setText(self.tr("No RA address is set. Enter it in Settings."))
            return
        self.status.setText(self.tr("Querying…"))
        self.query_button.setEnabled(False)
        lookup = self._lookup
        self._jobs.on_pool(
            self._pool,
            lambda: lookup(number, token),
            done=lambda order: self._on_answered(order, None),
            failed=lambda error: self._on_answered(None, error),
            settle=lambda: self.query_button.setEnabled(True),
        )

    def _on_answered(self, order: OrderOut | None, error: NetcaError | None) -> None:
        while self.result.rowCount():
            self.result.removeRow(0)
        self.fields = {}
        if error is not None or order is None:
            self.status.setText(error_text(error) if error else "")
            return
        self.status.setText("")
        rows = [
            ("order_no", self.tr("Order number"), order.order_no),
            ("business", self.tr("Business"), self.business_text(order.business_type.value)),
            ("state", self.tr("State"), self.state_text(order.state.value)),
            ("organisation", self.tr("Organisation"), order.subject.organisation_name),
            ("holder", self.tr("Holder"), order.subject.person_name or "-"),
            ("handler", self.tr("Handler"), order.handler.name),
            (
                "amount",
                self.tr("Fee"),
                self.tr("{amount} (paid {paid})").format(
                    amount=yuan(order.amount_fen), paid=yuan(order.paid_fen)
                ),
            ),
        ]
        history = [
            f"{entry.at.astimezone():%Y-%m-%d %H:%M}  {self.state_text(entry.to_state.value)}"
            + (f"  {entry.reason}" if entry.reason else "")
            for entry in order.audit
        ]
        rows.append(("history", self.tr("History"), "\n".join(history) or "-"))
        for name, label, value in rows:
            field = QLabel(value)
            field.setWordWrap(True)
            self.fields[name] = field
            self.result.addRow(label, field)

    def state_text(self, state: str) -> str:
        return {
            "submitted": self.tr("Submitted"),
            "under_review": self.tr("Under review"),
            "approved": self.tr("Approved"),
            "rejected": self.tr("Rejected"),
            "awaiting_payment": self.tr("Awaiting payment"),
            "paid": self.tr("Paid"),
            "issued": self.tr("Issued"),
            "installed": self.tr("Installed"),
            "completed": self.tr("Completed"),
            "cancelled": self.tr("Cancelled"),
        }.get(state, state)

    def business_text(self, business: str) -> str:
        return {
            "new": self.tr("New certificate"),
            "renewal": self.tr("Renewal"),
            "change": self.tr("Change of details"),
            "replacement": self.tr("Replacement"),
            "unlock": self.tr("Unlock"),
            "seal_apply": self.tr("Seal application"),
            "seal_change": self.tr("Seal change"),
        }.get(business, business)
