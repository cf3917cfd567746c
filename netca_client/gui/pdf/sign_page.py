"""PDF签章: open PDFs, place the seal (click, keyword or cross-page), preview, then one PIN
for the whole batch, with progress and a result per file.

Rendering and planning run on the window's pool, signing on the token thread, both through
the page's JobBridge; only the per-file progress comes as a signal of its own.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netca_client.core.errors import NetcaError
from netca_client.core.key_snapshot import KeySnapshot
from netca_client.core.token import KeyRef
from netca_client.gui.dialogs.pin_entry import PinEntryDialog
from netca_client.gui.error_text import error_text
from netca_client.gui.job_bridge import JobBridge, show_text
from netca_client.gui.key_service import KeyService
from netca_client.gui.pages.frame import page_layout
from netca_client.gui.pdf.output_dialog import OutputClashDialog
from netca_client.gui.pdf.page_view import PdfPageView
from netca_client.gui.pdf.sign_job import (
    batch_job,
    output_clashes,
    parse_pages,
    renamed_outputs,
    signed_name,
)

CLICK, KEYWORD, CROSS_PAGE = "click", "keyword", "cross-page"


class PdfSignPage(QWidget):
    signing_finished = Signal()  # a batch ended (its results, or why not, are shown)
    _progressed = Signal(int, int, str)  # done, total, file (from the token thread)

    def __init__(
        self,
        service: KeyService,
        pool: ThreadPoolExecutor,
        parent: QWidget | None = None,
        *,
        tsa_url: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._pool = pool
        self._jobs = JobBridge(self)
        self._tsa_url = tsa_url
        self.files: list[Path] = []
        self.page = 1
        self.position: tuple[int, float, float] | None = None
        self.cancel_event: threading.Event | None = None
        self.dialog: PinEntryDialog | None = None
        self.collision_dialog: OutputClashDialog | None = None
        self.results: list[Any] = []
        self.planned: list[Any] = []
        layout = page_layout(self, self.tr("PDF signing"))
        body = QHBoxLayout()
        layout.addLayout(body, 1)
        left = QVBoxLayout()
        body.addLayout(left, 1)
        self.open_button = QPushButton(self.tr("Open PDFs…"))
        self.open_button.clicked.connect(self._on_open_clicked)
        left.addWidget(self.open_button)
        self.file_list = QListWidget()
        self.file_list.setWordWrap(True)  # a result's reason is read in full, not cut off
        self.file_list.currentRowChanged.connect(lambda row: self._show_file(row))
        left.addWidget(self.file_list, 1)
        form = QFormLayout()
        self.seal_box = QComboBox()
        self.seal_box.currentIndexChanged.connect(self._on_seal_changed)
        form.addRow(self.tr("Seal"), self.seal_box)
        self.mode_box = QComboBox()
        self.mode_box.addItem(self.tr("Click on the page"), CLICK)
        self.mode_box.addItem(self.tr("By keyword"), KEYWORD)
        self.mode_box.addItem(self.tr("Cross-page seal"), CROSS_PAGE)
        self.mode_box.currentIndexChanged.connect(self._on_mode_changed)
        form.addRow(self.tr("Placement"), self.mode_box)
        self.keyword = QLineEdit(self.tr("(Seal)"))
        self.which_box = QComboBox()
        for text, value in (
            (self.tr("First hit"), "first"),
            (self.tr("Last hit"), "last"),
            (self.tr("Every hit"), "all"),
        ):
            self.which_box.addItem(text, value)
        keyword_row = QHBoxLayout()
        keyword_row.addWidget(self.keyword, 1)
        keyword_row.addWidget(self.which_box)
        form.addRow(self.tr("Keyword"), keyword_row)
        self.pages_edit = QLineEdit()
        self.pages_edit.setPlaceholderText(self.tr("All pages, or e.g. 1-5"))
        form.addRow(self.tr("Pages"), self.pages_edit)
        self.level_box = QComboBox()
        for level in ("B-B", "B-T", "B-LT"):
            self.level_box.addItem(level, level)
        form.addRow(self.tr("Signature level"), self.level_box)
        self.out_dir = QLineEdit()
        self.out_dir.setPlaceholderText(self.tr("Next to each PDF"))
        form.addRow(self.tr("Save to"), self.out_dir)
        left.addLayout(form)
        buttons = QHBoxLayout()
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.clicked.connect(self.preview)
        self.sign_button = QPushButton(self.tr("Sign"))
        self.sign_button.setObjectName("primary")
        self.sign_button.clicked.connect(self.start_signing)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        for button in (self.preview_button, self.sign_button, self.cancel_button):
            buttons.addWidget(button)
        left.addLayout(buttons)
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v of %m"))
        left.addWidget(self.progress)
        self.status = QLabel()
        self.status.setWordWrap(True)
        left.addWidget(self.status)
        right = QVBoxLayout()
        body.addLayout(right, 2)
        self.view = PdfPageView()
        self.view.position_chosen.connect(self._on_position_chosen)
        right.addWidget(self.view, 1)
        nav = QHBoxLayout()
        self.prev_button = QPushButton("‹")
        self.next_button = QPushButton("›")
        self.page_label = QLabel()
        self.prev_button.clicked.connect(lambda: self.go_to_page(self.page - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self.page + 1))
        nav.addStretch()
        for widget in (self.prev_button, self.page_label, self.next_button):
            nav.addWidget(widget)
        nav.addStretch()
        right.addLayout(nav)
        self.page_count = 0
        self._progressed.connect(self._on_progressed)
        self._on_mode_changed()

    # --- seals from the plugged-in keys -------------------------------------------------

    def refresh_seals(self) -> None:
        current = self.seal_box.currentData()
        self.seal_box.clear()
        for snapshot in self._service.snapshots.values():
            for seal in snapshot.seals:
                if seal.seal is None:
                    continue
                text = f"{seal.name}（{snapshot.key.label or snapshot.key.serial}）"
                if seal.verdict != "valid":
                    text += " ⚠"
                self.seal_box.addItem(text, (snapshot.key.identity, seal.label))
        if current is not None:
            index = self.seal_box.findData(current)
            if index >= 0:
                self.seal_box.setCurrentIndex(index)

    def chosen(self) -> tuple[KeySnapshot, Any] | None:
        data = self.seal_box.currentData()
        if data is None:
            return None
        identity, label = data
        snapshot = self._service.snapshots.get(identity)
        if snapshot is None:
            return None
        seal = next((s for s in snapshot.seals if s.label == label), None)
        return (snapshot, seal) if seal is not None else None

    def _seal_size_mm(self) -> tuple[float, float]:
        chosen = self.chosen()
        if chosen is None or chosen[1].seal is None:
            return (40.0, 40.0)
        picture = chosen[1].seal.picture
        return (float(picture.width_mm), float(picture.height_mm))

    def _on_seal_changed(self) -> None:
        chosen = self.chosen()
        png = chosen[1].seal.picture.data if chosen and chosen[1].seal else None
        self.view.set_seal(png, self._seal_size_mm())

    # --- files and pages ------------------------------------------------------------------

    def _on_open_clicked(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Open PDFs"), "", "PDF (*.pdf)")
        self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            if path not in self.files:
                self.files.append(path)
                self.file_list.addItem(QListWidgetItem(path.name))
        if self.files and self.file_list.currentRow() < 0:
            self.file_list.setCurrentRow(0)
        self.progress.setRange(0, len(self.files))
        self.progress.setValue(0)

    def current_file(self) -> Path | None:
        row = self.file_list.currentRow()
        return self.files[row] if 0 <= row < len(self.files) else None

    def _show_file(self, row: int) -> None:
        self.position = None
        self.view.dropped = None
        self.planned = []
        self.view.set_boxes([])
        if self.current_file() is not None:
            self.page_count = 0
            self.go_to_page(1)

    def go_to_page(self, page: int) -> None:
        path = self.current_file()
        if path is None or not 1 <= page <= max(self.page_count, 1):
            return
        self.page = page

        def render() -> tuple[bytes, tuple[float, float], int]:
            from netca_client.core.pdf import page_count, page_size, render_page

            return render_page(path, page, dpi=96), page_size(path, page), page_count(path)

        self._jobs.on_pool(
            self._pool, render, done=self._on_rendered, failed=show_text(self.status.setText)
        )

    def _on_rendered(self, rendered: tuple[bytes, tuple[float, float], int]) -> None:
        png, size, self.page_count = rendered
        self.page_label.setText(
            self.tr("Page {n} of {total}").format(n=self.page, total=self.page_count)
        )
        self.view.show_page(png, size)
        self._show_boxes_of_page()

    # --- placement ---------------------------------------------------------------------------

    def mode(self) -> str:
        return str(self.mode_box.currentData())

    def _on_mode_changed(self) -> None:
        self.view.follow_mouse = self.mode() == CLICK
        self.keyword.setEnabled(self.mode() == KEYWORD)
        self.which_box.setEnabled(self.mode() == KEYWORD)
        self.pages_edit.setEnabled(self.mode() == CROSS_PAGE)
        self.view.dropped = None
        self.view.set_boxes([])

    def _on_position_chosen(self, x: float, y: float) -> None:
        self.position = (self.page, x, y)
        self.status.setText(self.tr("Seal placed on page {n}.").format(n=self.page))

    def placements(self) -> list[Any]:
        from netca_client.core.pdf import AtPosition, ByKeyword, CrossPage

        if self.mode() == CLICK:
            if self.position is None:
                return []
            page, x, y = self.position
            return [AtPosition(page=page, x=x, y=y)]
        if self.mode() == KEYWORD:
            return [ByKeyword(text=self.keyword.text().strip(), which=self.which_box.currentData())]
        return [CrossPage(pages=parse_pages(self.pages_edit.text()))]

    def preview(self) -> None:
        """Keyword hits and cross-page slices drawn on the page before any PIN is asked."""
        path = self.current_file()
        if path is None:
            return
        placements, size = self.placements(), self._seal_size_mm()

        def plan() -> list[Any]:
            from netca_client.core.pdf import plan_stamps

            return plan_stamps(path, placements=placements, seal_size_mm=size)

        self._jobs.on_pool(
            self._pool, plan, done=self._on_planned, failed=show_text(self.status.setText)
        )

    def _on_planned(self, boxes: list[Any]) -> None:
        self.planned = boxes
        if not self.planned:
            self.status.setText(self.tr("Nothing to stamp: the keyword was not found."))
        else:
            pages = sorted({b.page for b in self.planned})
            self.status.setText(
                self.tr("{n} stamps on pages {pages}.").format(
                    n=len(self.planned), pages=", ".join(map(str, pages))
                )
            )
            if self.page not in pages:
                self.go_to_page(pages[0])
        self._show_boxes_of_page()

    def _show_boxes_of_page(self) -> None:
        boxes = [
            (b.x0, b.y0, b.x1, b.y1, b.slice_index, b.slice_count)
            for b in self.planned
            if b.page == self.page
        ]
        self.view.set_boxes(boxes)

    # --- signing --------------------------------------------------------------------------

    def start_signing(self) -> None:
        """Check everything that can be checked before the PIN: files, seal, placement, and
        outputs that would hit existing files (overwrite or rename is asked here)."""
        chosen = self.chosen()
        if not self.files:
            self.status.setText(self.tr("Open the PDFs to sign first."))
            return
        if chosen is None:
            self.status.setText(self.tr("Plug in a key that holds a seal."))
            return
        if not self.placements():
            self.status.setText(self.tr("Click on the page where the seal goes."))
            return
        targets = [signed_name(path, self._out_dir()) for path in self.files]
        clashes = output_clashes(self.files, targets)
        if clashes:
            self._ask_about_clashes(targets, clashes)
            return
        self._ask_pin(targets, overwrite=False)

    def _out_dir(self) -> Path | None:
        text = self.out_dir.text().strip()
        return Path(text) if text else None

    def _ask_about_clashes(self, targets: list[Path], clashes: list[Path]) -> None:
        inputs = {path.resolve() for path in self.files}
        box = OutputClashDialog(
            clashes, inputs_hit=any(p.resolve() in inputs for p in clashes), parent=self
        )
        box.rename_chosen.connect(
            lambda: self._ask_pin(renamed_outputs(self.files, targets), overwrite=False)
        )
        box.overwrite_chosen.connect(lambda: self._ask_pin(targets, overwrite=True))
        box.cancelled.connect(lambda: self.status.setText(self.tr("Nothing was signed.")))
        self.collision_dialog = box
        box.open()

    def _ask_pin(self, targets: list[Path], *, overwrite: bool) -> None:
        chosen = self.chosen()
        if chosen is None:
            self.status.setText(self.tr("Plug in a key that holds a seal."))
            return
        snapshot, _seal = chosen
        dialog = PinEntryDialog(
            key_label=snapshot.key.label or snapshot.key.serial, status=snapshot.pin, parent=self
        )
        dialog.accepted.connect(
            lambda: self._run(snapshot.key, dialog.pin(), dialog.final_try, targets, overwrite)
        )
        self.dialog = dialog
        dialog.open()

    def _run(
        self, key: KeyRef, pin: str, final_try: bool, targets: list[Path], overwrite: bool
    ) -> None:
        chosen = self.chosen()
        if chosen is None:  # the key went away while the PIN was typed
            self.status.setText(self.tr("Plug in a key that holds a seal."))
            return
        self.cancel_event = threading.Event()
        self._set_busy(True)
        job = batch_job(
            key=key,
            pin=pin,
            final_try=final_try,
            seal_label=chosen[1].label,
            files=list(self.files),
            targets=targets,
            overwrite=overwrite,
            placements=self.placements(),
            level=str(self.level_box.currentData()),
            tsa_url=self._tsa_url,
            trust=self._service.trust,
            progress=lambda done, total, path: self._progressed.emit(done, total, str(path)),
            cancel=self.cancel_event,
        )
        self._jobs.on_key(
            self._service.library,
            job,
            key=key,
            done=self._on_finished,
            failed=self._on_sign_failed,
            settle=self._on_batch_over,
        )

    def cancel(self) -> None:
        if self.cancel_event is not None:
            self.cancel_event.set()
            self.status.setText(self.tr("Cancelling after the current file…"))

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.sign_button, self.open_button, self.preview_button):
            widget.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        if busy:
            self.progress.setRange(0, len(self.files))
            self.progress.setValue(0)

    def _on_progressed(self, done: int, total: int, path: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.status.setText(self.tr("Signing {name}…").format(name=Path(path).name))

    def _on_batch_over(self) -> None:
        """Whatever the outcome: the buttons come back, and the keys are read again (the
        batch may have spent PIN tries)."""
        self._set_busy(False)
        self._service.refresh_all()

    def _on_sign_failed(self, error: NetcaError) -> None:
        self.status.setText(error_text(error))
        self.signing_finished.emit()

    def _on_finished(self, results: list[Any]) -> None:
        self.results = results
        ok = sum(1 for r in self.results if r.ok)
        rows = {path: row for row, path in enumerate(self.files)}
        for result in self.results:
            row = rows.get(Path(result.source))
            if row is None:
                continue
            item = self.file_list.item(row)
            name = Path(result.source).name
            if result.ok:
                item.setText(f"✓ {name} → {Path(result.target).name}")
                item.setToolTip(str(result.target))
            else:
                reason = error_text(result.error) if result.error else self.tr("not signed")
                item.setText(f"✗ {name}\n{reason}")
                item.setToolTip(reason)
        self.status.setText(
            self.tr("{ok} of {total} PDFs signed.").format(ok=ok, total=len(self.files))
        )
        self.signing_finished.emit()
