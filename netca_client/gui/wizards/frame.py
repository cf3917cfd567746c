"""WizardDialog: named pages in a stack, one primary button, a busy bar and an error line.

Each page names the text of the primary button and what it does. Blocking work runs through
``run`` on the pool (the wizard's JobBridge); while it runs the buttons are disabled and the
busy bar moves, and whatever the outcome (a bug included) the window is usable again after.
Dialogs open with open(), never exec().
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from netca_client.core.errors import NetcaError
from netca_client.gui.dialogs.parts import error_line
from netca_client.gui.error_text import error_text
from netca_client.gui.job_bridge import JobBridge, show_text
from netca_client.gui.wizards.workflows import KeyWorkflows


@dataclass
class _Page:
    widget: QWidget
    title: str
    next_text: str | None
    action: Callable[[], None] | None
    ready: Callable[[], bool] | None


class WizardDialog(QDialog):
    """A wizard whose steps may wait for the RA or the key without freezing the window."""

    page_shown = Signal(str)
    finished_job = Signal()  # the workflow finished (or was given up): the journal changed

    def __init__(self, workflows: KeyWorkflows, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workflows = workflows
        self.jobs = JobBridge(self)
        self.file_dialog: QFileDialog | None = None  # the one open, for tests
        self.setWindowTitle(title)
        self.setMinimumSize(560, 420)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        layout.addWidget(self.heading)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.busy_label = QLabel()
        self.busy_label.setObjectName("hint")
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(6)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy_bar)
        self.error_label = error_line()
        layout.addWidget(self.error_label)
        buttons = QHBoxLayout()
        buttons.addStretch()
        self.close_button = QPushButton(self.tr("Cancel"))
        self.close_button.clicked.connect(self.reject)
        self.next_button = QPushButton()
        self.next_button.setObjectName("primary")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self._on_next_clicked)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.next_button)
        layout.addLayout(buttons)
        self._pages: dict[str, _Page] = {}
        self._current = ""
        self._busy = False
        self._guarded = False  # the key is being changed: the window stays open till the end
        self._set_busy(None)

    # --- pages -------------------------------------------------------------------

    def add_page(
        self,
        name: str,
        widget: QWidget,
        *,
        title: str,
        next_text: str | None = None,
        action: Callable[[], None] | None = None,
        ready: Callable[[], bool] | None = None,
    ) -> QWidget:
        """Add a page; ``ready`` says whether its primary button may be pressed now."""
        self._pages[name] = _Page(widget, title, next_text, action, ready)
        self.stack.addWidget(widget)
        return widget

    def page(self, name: str) -> QWidget:
        return self._pages[name].widget

    @property
    def current(self) -> str:
        return self._current

    def show_page(self, name: str, *, closing: bool = False) -> None:
        """Show page ``name``; ``closing`` turns Cancel into Close (nothing left to give up)."""
        page = self._pages[name]
        self._current = name
        self.stack.setCurrentWidget(page.widget)
        self.heading.setText(page.title)
        self.next_button.setVisible(page.next_text is not None)
        self.next_button.setText(page.next_text or "")
        self.close_button.setText(self.tr("Close") if closing else self.tr("Cancel"))
        # A finished job has one way out (完成), not two.
        self.close_button.setVisible(not (closing and page.next_text is not None))
        self.clear_error()
        self.refresh_next()
        self.page_shown.emit(name)

    def refresh_next(self) -> None:
        """Enable the primary button when nothing runs and the page is ready."""
        page = self._pages.get(self._current)
        ready = page is None or page.ready is None or page.ready()
        self.next_button.setEnabled(ready and not self._busy)

    def _on_next_clicked(self) -> None:
        page = self._pages.get(self._current)
        if page is None or self._busy or (page.ready is not None and not page.ready()):
            return
        if page.action is None:
            self.accept()
            return
        page.action()

    # --- errors and busy ----------------------------------------------------------

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def clear_error(self) -> None:
        self.show_error("")

    @property
    def busy(self) -> bool:
        return self._busy

    def reject(self) -> None:
        if self._guarded:
            return  # closing now would leave the user guessing what the key holds
        super().reject()

    def _set_busy(self, text: str | None, *, guarded: bool = False) -> None:
        self._busy = text is not None
        self._guarded = guarded and self._busy
        self.close_button.setEnabled(not self._guarded)
        self.busy_label.setText(text or "")
        self.busy_label.setVisible(self._busy)
        self.busy_bar.setVisible(self._busy)
        self.stack.setEnabled(not self._busy)
        self.refresh_next()
        self.setCursor(Qt.CursorShape.BusyCursor if self._busy else Qt.CursorShape.ArrowCursor)

    def choose_files(self, title: str, add: Callable[[list[Path]], None]) -> None:
        """The file dialog for scans and materials: images and PDF, several at once."""
        dialog = QFileDialog(
            self, title, str(Path.home()), self.tr("Images and PDF (*.jpg *.jpeg *.png *.pdf)")
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda files: add(list(map(Path, files))))
        self.file_dialog = dialog
        dialog.open()

    def upload_then_submit(
        self,
        paths: list[Path],
        *,
        progress: QProgressBar,
        uploaded: set[Path],
        upload: Callable[[Path], object],
        submit: Callable[[], Any],
        submitted: Callable[[Any], None],
    ) -> None:
        """``upload(path)`` for each of ``paths`` in turn, then ``submit()`` and
        ``submitted(result)``, with ``progress`` counting files. ``uploaded`` keeps the files
        already sent, so a retry after a failure (shown, progress hidden) does not send them
        twice."""
        progress.setRange(0, len(paths))
        progress.setValue(0)
        progress.show()

        def failed(error: NetcaError) -> None:
            progress.hide()
            self.show_error(error_text(error))

        def upload_next(index: int) -> None:
            progress.setValue(index)
            if index == len(paths):
                self.run(submit, submitted, busy_text=self.tr("Submitting…"), on_error=failed)
                return
            path = paths[index]
            if path in uploaded:
                upload_next(index + 1)
                return

            def sent(_: object) -> None:
                uploaded.add(path)
                upload_next(index + 1)

            self.run(
                lambda: upload(path),
                sent,
                busy_text=self.tr("Uploading {name} ({i} of {n})…").format(
                    name=path.name, i=index + 1, n=len(paths)
                ),
                on_error=failed,
            )

        upload_next(0)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        *,
        busy_text: str,
        on_error: Callable[[NetcaError], None] | None = None,
        guarded: bool = False,
    ) -> None:
        """``fn()`` on the pool; ``on_done(result)``, or the error (shown, or ``on_error``),
        on the GUI thread; a bug ends in the crash dialog with the window usable again.

        ``guarded``: the job changes the key; the window cannot be closed until it ends.
        """
        self.clear_error()
        self._set_busy(busy_text, guarded=guarded)
        self.jobs.on_pool(
            self.workflows.pool,
            fn,
            done=on_done,
            failed=on_error or show_text(self.show_error),
            settle=lambda: self._set_busy(None),
        )
