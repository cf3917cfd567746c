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

import logging
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

from netca_client.core.errors import DriverMissing, NetcaError
from netca_client.core.token import KeyRef, TokenLibrary
from netca_client.gui.crash import crash_reporter
from netca_client.gui.error_text import error_text

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
class _Outcome:
    done: Callable[[Any], None]
    failed: ErrorHandler
    settle: Callable[[], None] | None
    result: Any = None
    error: BaseException | None = None


class JobBridge(QObject):
    """Runs jobs off the GUI thread for its owner and brings their outcome back to it."""

    _arrived = Signal(object)  # _Outcome

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
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
        outcome = _Outcome(done, failed, settle)
        try:
            future = pool.submit(self._hooked(fn))
        except RuntimeError:  # the pool is shut down: the window is closing
            return
        self._watch(future, outcome)

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
        outcome = _Outcome(done, failed, settle)
        if library is None:
            self._emit(outcome, None, DriverMissing((), "the key driver is not loaded yet"))
            return
        try:
            future = library.submit_for(key, self._hooked(job), library)
        except NetcaError as exc:  # the key's module is gone (closed, or the key unknown)
            self._emit(outcome, None, exc)
            return
        self._watch(future, outcome)

    def _hooked(self, fn: Callable[..., T]) -> Callable[..., T]:
        def run(*args: Any) -> T:
            hook = before_job
            if hook is not None:
                hook(self)
            return fn(*args)

        return run

    def _watch(self, future: Future[Any], outcome: _Outcome) -> None:
        def finished(done: Future[Any]) -> None:  # on the worker thread
            if done.cancelled():
                return
            error = done.exception()
            self._emit(outcome, None if error else done.result(), error)

        future.add_done_callback(finished)

    def _emit(self, outcome: _Outcome, result: Any, error: BaseException | None) -> None:
        try:
            self._arrived.emit(
                _Outcome(outcome.done, outcome.failed, outcome.settle, result, error)
            )
        except RuntimeError:
            log.debug("the owner of a job is gone; its outcome is dropped")

    @Slot(object)
    def _deliver(self, outcome: _Outcome) -> None:
        # Here a broad catch is the point: anything a callback raises is a bug, and it must
        # reach the crash dialog instead of leaving the window busy.
        try:
            if outcome.settle is not None:
                outcome.settle()
            if outcome.error is None:
                outcome.done(outcome.result)
            elif isinstance(outcome.error, NetcaError):
                outcome.failed(outcome.error)
            else:
                crash_reporter().report(outcome.error, where="a background job")
        except Exception as bug:
            crash_reporter().report(bug, where="a job's outcome on the GUI thread")
