"""TokenThread: one daemon thread that runs queued calls in order, for one PKCS#11 module.

Like a one-worker ThreadPoolExecutor, except that the thread is a daemon: a vendor
module hung inside a call must not keep the process from exiting (the executor's
workers are joined at interpreter exit).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

_Item = tuple[Future[Any], Callable[..., Any], tuple[Any, ...], dict[str, Any]]


class TokenThread:
    """Runs submitted calls one at a time on its own daemon thread."""

    def __init__(self, name: str) -> None:
        self._queue: queue.SimpleQueue[_Item | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._work, name=name, daemon=True)
        self._stopped = False
        self._lock = threading.Lock()
        self._outstanding = 0
        self._thread.start()

    @property
    def busy(self) -> bool:
        """Whether a call is queued or running now."""
        with self._lock:
            return self._outstanding > 0

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        if self._stopped:
            raise RuntimeError("the token thread is stopped")
        future: Future[T] = Future()
        with self._lock:
            self._outstanding += 1
        self._queue.put((future, fn, args, kwargs))
        return future

    def shutdown(self, *, wait: bool = True) -> None:
        """Stop after the calls already queued; with ``wait``, until they are done."""
        if not self._stopped:
            self._stopped = True
            self._queue.put(None)
        if wait and self._thread is not threading.current_thread():
            self._thread.join()

    def _work(self) -> None:
        while (item := self._queue.get()) is not None:
            future, fn, args, kwargs = item
            try:
                if future.set_running_or_notify_cancel():
                    self._call(future, fn, args, kwargs)
            finally:
                with self._lock:
                    self._outstanding -= 1
            del item, future, fn, args, kwargs

    @staticmethod
    def _call(
        future: Future[Any], fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> None:
        try:
            result = fn(*args, **kwargs)
        except BaseException as exc:  # handed to the waiting caller, not swallowed
            future.set_exception(exc)
        else:
            future.set_result(result)
