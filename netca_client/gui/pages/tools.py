"""工具: diagnostics on screen and as a redacted bundle for the help desk; 受理点模式."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from netca_client.core.config import write_atomically
from netca_client.core.diagnostics import collect
from netca_client.core.jsonable import to_jsonable
from netca_client.core.token import TokenLibrary
from netca_client.gui.key_service import KeyService
from netca_client.gui.pages.frame import page_layout


class ToolsPage(QWidget):
    provisioning_requested = Signal()  # 受理点模式

    def __init__(self, service: KeyService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        layout = page_layout(self, self.tr("Tools"))
        counter = QHBoxLayout()
        self.provisioning_button = QPushButton(self.tr("Acceptance point mode"))
        self.provisioning_button.clicked.connect(self.provisioning_requested)
        counter.addWidget(self.provisioning_button)
        counter_hint = QLabel(
            self.tr("For acceptance-point staff: prepare blank keys for approved orders.")
        )
        counter_hint.setObjectName("hint")
        counter.addWidget(counter_hint, 1)
        layout.addLayout(counter)
        hint = QLabel(
            self.tr(
                "Diagnostics show the drivers and keys the client sees. Serials are partly hidden."
            )
        )
        hint.setObjectName("hint")
        layout.addWidget(hint)
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        layout.addWidget(self.report_view, 1)
        buttons = QHBoxLayout()
        self.run_button = QPushButton(self.tr("Run diagnostics"))
        self.run_button.clicked.connect(self.run_diagnostics)
        self.export_button = QPushButton(self.tr("Export diagnostics bundle…"))
        self.export_button.clicked.connect(self._on_export_clicked)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch()
        layout.addLayout(buttons)
        self.report: dict[str, object] = {}

    def run_diagnostics(self) -> None:
        def job(library: TokenLibrary) -> dict[str, object]:
            return collect(library)

        self._service.run(
            job, self._show, lambda error: self._show(collect(None, load_error=error))
        )

    def _show(self, report: dict[str, object]) -> None:
        self.report = report
        self.report_view.setPlainText(json.dumps(to_jsonable(report), ensure_ascii=False, indent=2))

    def _on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export diagnostics"), "netca-diagnostics.zip", "ZIP (*.zip)"
        )
        if path:
            self.export_bundle(Path(path))

    def export_bundle(self, path: Path) -> None:
        """A zip with the redacted report; no PIN, certificate content or full serial is in it."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
            bundle.writestr(
                "diagnostics.json",
                json.dumps(to_jsonable(self.report), ensure_ascii=False, indent=2),
            )
        write_atomically(path, buffer.getvalue())
