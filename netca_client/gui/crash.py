"""The bug path: an exception outside ``NetcaError`` is logged with its traceback and shown in
a crash dialog whose details the user can copy for support.

``crash_reporter()`` is the one reporter of the process; any thread may call ``report``
(the dialog is opened on the GUI thread). ``install_excepthooks`` routes ``sys.excepthook``
(the GUI thread, Qt slots) and ``threading.excepthook`` (every other thread) to it; the
client's entry point installs them at start.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)


class CrashDialog(QDialog):
    """出错了: what happened in plain words, the technical details, 复制详情 and 关闭."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details = details
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("Unexpected error"))
        self.setMinimumSize(560, 360)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Something went wrong in netca-client."))
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        self.text = QLabel(
            self.tr(
                "What was running has stopped; nothing else was changed. You can close the "
                "window it happened in and try again. If it happens again, copy the details "
                "below and send them to your support contact."
            )
        )
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        self.details_view = QPlainTextEdit(details)
        self.details_view.setReadOnly(True)
        self.details_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.details_view, 1)
        buttons = QHBoxLayout()
        self.copied = QLabel()
        self.copied.setObjectName("hint")
        buttons.addWidget(self.copied, 1)
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.copy_button.clicked.connect(self.copy_details)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("primary")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copied.setText(self.tr("Details copied."))


class CrashReporter(QObject):
    """Logs bugs and shows each in a crash dialog; ``report`` may be called from any thread."""

    dialog_shown = Signal(object)  # the CrashDialog, for tests and screenshots
    _reported = Signal(str)  # the details

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialogs: list[CrashDialog] = []
        self._reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def report(self, error: BaseException, *, where: str) -> None:
        details = "".join(traceback.format_exception(error))
        log.error("unexpected error in %s", where, exc_info=error)
        self._reported.emit(details)

    @Slot(str)
    def _show(self, details: str) -> None:
        dialog = CrashDialog(details, _main_window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: self._forget(dialog))
        self.dialogs.append(dialog)
        # Not modal: the window the bug happened in stays usable (and closable) meanwhile.
        dialog.show()
        dialog.raise_()
        self.dialog_shown.emit(dialog)

    def _forget(self, dialog: CrashDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)


def _main_window() -> QWidget | None:
    """The top-level window the user is in (the main window under a wizard), if any."""
    window = QApplication.activeWindow()
    parent = window.parentWidget() if window is not None else None
    while parent is not None:
        window = parent.window()
        parent = window.parentWidget()
    return window


_reporter: CrashReporter | None = None


def crash_reporter() -> CrashReporter:
    """The process's reporter, made on first use: on the GUI thread (the entry point, or the
    first bug a JobBridge delivers), so its dialogs open there."""
    global _reporter
    if _reporter is None:
        _reporter = CrashReporter(QApplication.instance())
    return _reporter


def install_excepthooks() -> CrashReporter:
    """Route uncaught exceptions of the GUI thread and of every other thread to the reporter."""
    reporter = crash_reporter()

    def on_exception(
        kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        reporter.report(value.with_traceback(tb), where="the GUI thread")

    def on_thread_exception(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "?"
        reporter.report(args.exc_value, where=f"thread {name}")

    sys.excepthook = on_exception
    threading.excepthook = on_thread_exception
    return reporter
