"""JobBridge: the one way from worker threads back to the GUI thread.

Work runs on the window's pool (RA calls, workflows, rendering, verification) or on the
token thread of a key's module (PKCS#11, signing); either way exactly one outcome comes back,
always on the GUI thread, and always through the same policy:

- the result → ``done(result)``;
- an expected error, a ``NetcaError`` → ``failed(error)``; the caller shows
  ``error_text(error)`` (``show_text`` builds such a handler), never ``str(error)``;
- anything else is a bug → logged with its traceback, then the crash dialog (gui/crash.py).

``settle()`` runs first in all three cases, so a busy bar stops and a guarded window can be
closed again even after a bug. A bug inside the callbacks themselves takes the bug path too.
Owners keep a bridge as a child: when the owner is gone, its late outcomes are dropped.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

from netca_client.core.errors import DriverMissing, NetcaError
from netca_client.core.token import KeyRef
from netca_client.gui.crash import crash_reporter
from netca_client.gui.error_text import error_text

if TYPE_CHECKING:
    from netca_client.core.token import TokenLibrary

log = logging.getLogger(__name__)

T = TypeVar("T")
ErrorHandler = Callable[[NetcaError], None]

#: test facility: called on the worker thread at the start of every job, with the bridge that
#: runs it; a test makes it raise to prove the bug path (tests/gui/test_crash_path.py)
before_job: Callable[[JobBridge], None] | None = None


def show_text(show: Callable[[str], None]) -> ErrorHandler:
    """An expected-error handler that shows the error's translated text with ``show``."""
    return lambda error: show(error_text(error))


def ignore_error(error: NetcaError) -> None:
    """For background reads whose failure changes nothing on screen (the next event tells)."""
    log.info("background read failed: %s", error)


@dataclass(frozen=True)
class _Handlers:
    """What to call on the GUI thread; kept there, never handed to a worker."""

    done: Callable[[Any], None]
    failed: ErrorHandler
    settle: Callable[[], None] | None


class JobBridge(QObject):
    """Runs jobs off the GUI thread for its owner and brings their outcome back to it.

    The callbacks stay on the GUI thread, filed under a number; a worker sends back only
    that number and the outcome. So no widget is ever kept alive (and then destroyed) by a
    worker thread.
    """

    _arrived = Signal(int, object, object)  # job number, result, error

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handlers: dict[int, _Handlers] = {}
        self._numbers = itertools.count(1)
        self._arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def on_pool(
        self,
        pool: Executor,
        fn: Callable[[], T],
        *,
        done: Callable[[T], None],
        failed: ErrorHandler,
        settle: Callable[[], None] | None = None,
    ) -> None:
        """``fn()`` on ``pool``."""
        number = self._file(done, failed, settle)
        try:
            future = pool.submit(self._hooked(fn))
        except RuntimeError:  # the pool is shut down: the window is closing
            self._handlers.pop(number, None)
            return
        self._watch(future, number)

    def on_key(
        self,
        library: TokenLibrary | None,
        job: Callable[[TokenLibrary], T],
        *,
        key: KeyRef | None,
        done: Callable[[T], None],
        failed: ErrorHandler,
        settle: Callable[[], None] | None = None,
    ) -> None:
        """``job(library)`` on the token thread of ``key``'s module (a jobs thread of its own
        without a key)."""
        number = self._file(done, failed, settle)
        if library is None:
            self._emit(number, None, DriverMissing((), "the key driver is not loaded yet"))
            return
        try:
            future = library.submit_for(key, self._hooked(job), library)
        except NetcaError as exc:  # the key's module is gone (closed, or the key unknown)
            self._emit(number, None, exc)
            return
        self._watch(future, number)

    def _file(
        self,
        done: Callable[[Any], None],
        failed: ErrorHandler,
        settle: Callable[[], None] | None,
    ) -> int:
        number = next(self._numbers)
        self._handlers[number] = _Handlers(done, failed, settle)
        return number

    def _hooked(self, fn: Callable[..., T]) -> Callable[..., T]:
        def run(*args: Any) -> T:
            hook = before_job
            if hook is not None:
                hook(self)
            return fn(*args)

        return run

    def _watch(self, future: Future[Any], number: int) -> None:
        def finished(done: Future[Any]) -> None:  # on the worker thread
            if done.cancelled():
                return
            error = done.exception()
            self._emit(number, None if error else done.result(), error)

        future.add_done_callback(finished)

    def _emit(self, number: int, result: Any, error: BaseException | None) -> None:
        try:
            self._arrived.emit(number, result, error)
        except RuntimeError:
            log.debug("the owner of a job is gone; its outcome is dropped")

    @Slot(int, object, object)
    def _deliver(self, number: int, result: Any, error: BaseException | None) -> None:
        handlers = self._handlers.pop(number, None)
        if handlers is None:
            return
        # Here a broad catch is the point: anything a callback raises is a bug, and it must
        # reach the crash dialog instead of leaving the window busy.
        try:
            if handlers.settle is not None:
                handlers.settle()
            if error is None:
                handlers.done(result)
            elif isinstance(error, NetcaError):
                handlers.failed(error)
            else:
                crash_reporter().report(error, where="a background job")
        except Exception as bug:
            crash_reporter().report(bug, where="a job's outcome on the GUI thread")
