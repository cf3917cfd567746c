"""Blocking calls (HTTP, workflows) on the window's small pool, answered on the GUI thread.

RA calls and the key workflows (which talk to the RA and the key in one call) run on the
pool, never on the GUI thread, and never on the token thread (a slow RA would stall key
polling there). Their own PKCS#11 calls still go through the token thread inside core.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from netca_client.core.errors import NetcaError


class BackgroundCalls(QObject):
    """``call(fn, on_done, on_error)``: fn on the pool, then one callback on the GUI thread."""

    _finished = Signal(object, object, object)  # callback, result, error

    def __init__(self, pool: ThreadPoolExecutor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool
        self._finished.connect(self._on_finished)

    def call(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[NetcaError], None],
    ) -> None:
        future: Future[Any] = self._pool.submit(fn)

        def finished(done: Future[Any]) -> None:
            if done.cancelled():
                return
            error = done.exception()
            if error is not None and not isinstance(error, NetcaError):
                raise error  # a bug: the crash handler sees it
            self._finished.emit(
                on_error if error else on_done, None if error else done.result(), error
            )

        future.add_done_callback(finished)

    @Slot(object, object, object)
    def _on_finished(self, callback: Callable[[Any], None], result: Any, error: Any) -> None:
        callback(error if error is not None else result)
