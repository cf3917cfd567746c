"""PySide6 6.12.0 on CPython 3.11 aborted after ~5,000 void calls (docs/dependencies.md)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication


def test_twenty_thousand_void_returning_calls_do_not_crash(qapp: QApplication) -> None:
    holder = QObject()
    timer = QTimer()
    for index in range(20_000):
        holder.setObjectName(f"o{index % 7}")  # void-returning
        timer.setInterval(index % 100)  # void-returning
        QApplication.processEvents()  # void-returning
    assert holder.objectName() == f"o{19_999 % 7}"
