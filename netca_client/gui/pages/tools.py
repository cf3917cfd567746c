"""工具: diagnostics as a readable report and as a redacted bundle for the help desk; 受理点模式.

Diagnostics run on the window's pool (they ask the RA too); their PKCS#11 calls hop to the
token threads inside core.
"""

from __future__ import annotations

import io
import json
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from netca_client.core.atomic_files import write_atomically
from netca_client.core.config import config_path
from netca_client.core.errors import NetcaError
from netca_client.core.jsonable import to_jsonable
from netca_client.gui.error_text import error_text
from netca_client.gui.job_bridge import JobBridge
from netca_client.gui.key_service import KeyService
from netca_client.gui.pages.diagnostics_text import report_text
from netca_client.gui.pages.frame import page_layout


class ToolsPage(QWidget):
    provisioning_requested = Signal()  # 受理点模式

    diagnostics_finished = Signal()

    def __init__(
        self,
        service: KeyService,
        pool: ThreadPoolExecutor,
        parent: QWidget | None = None,
        *,
        ra_url: str | None = None,
        ra_ca_bundle: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._pool = pool
        self._jobs = JobBridge(self)
        self._ra_url = ra_url
        self._ra_ca_bundle = ra_ca_bundle
        self._export_to: Path | None = None
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
                "Diagnostics show the drivers and keys the client sees and whether the RA answers. "
                "Serial numbers are partly hidden; no PIN is ever in them."
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
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.report: dict[str, Any] = {}

    def run_diagnostics(self) -> None:
        """Collect the report off the GUI thread; diagnostics_finished follows."""
        library = self._service.library
        failed = self._service.load_error
        ra_url, bundle = self._ra_url, self._ra_ca_bundle
        self.run_button.setEnabled(False)
        self.status.setText(self.tr("Running diagnostics…"))

        def job() -> dict[str, Any]:
            from netca_client.core.diagnostics import collect  # on the pool, when asked

            return collect(
                library,
                load_error=failed,
                ra_url=ra_url,
                ra_ca_bundle=bundle,
                config_file=config_path(),
            )

        self._jobs.on_pool(
            self._pool,
            job,
            done=self._show,
            failed=self._on_failed,
            settle=lambda: self.run_button.setEnabled(True),
        )

    def _show(self, report: dict[str, Any]) -> None:
        self.report = report
        self.report_view.setPlainText(report_text(report))
        self.status.setText("")
        if self._export_to is not None:
            target, self._export_to = self._export_to, None
            self.export_bundle(target)
        self.diagnostics_finished.emit()

    def _on_failed(self, error: NetcaError) -> None:
        self.status.setText(error_text(error))
        self.diagnostics_finished.emit()

    def _on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export diagnostics"), "netca-diagnostics.zip", self.tr("ZIP (*.zip)")
        )
        if not path:
            return
        if self.report:
            self.export_bundle(Path(path))
        else:  # nothing collected yet: collect, then export
            self._export_to = Path(path)
            self.run_diagnostics()

    def export_bundle(self, path: Path) -> None:
        """A zip with the redacted report, as JSON and as the text on screen; no PIN,
        certificate content or full serial is in it."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
            bundle.writestr(
                "diagnostics.json",
                json.dumps(to_jsonable(self.report), ensure_ascii=False, indent=2),
            )
            bundle.writestr("diagnostics.txt", report_text(self.report))
        try:
            write_atomically(path, buffer.getvalue())
        except OSError as exc:
            self.status.setText(
                self.tr("Could not save {path}: {error}").format(path=path, error=exc)
            )
            return
        self.status.setText(self.tr("Diagnostics saved to {path}").format(path=path))
