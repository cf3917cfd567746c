"""KeyService: the GUI's only door to the token threads. Results come back as queued signals.

Widgets call the methods on the GUI thread; nothing here blocks it. A job about a key runs
on the token thread of that key's module (another module's keys go on meanwhile); results
are delivered on the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from netca_client.core.errors import NetcaError
from netca_client.core.key_snapshot import KeySnapshot, read_snapshot
from netca_client.core.seals import SealTrust, load_seal_trust
from netca_client.core.token import (
    KeyEvent,
    KeyEventKind,
    KeyIdentity,
    KeyMonitor,
    KeyRef,
    TokenLibrary,
)

Callback = Callable[[Any], None]


class KeyService(QObject):
    """Owns the TokenLibrary and the KeyMonitor for the GUI."""

    library_loaded = Signal()
    library_failed = Signal(object)  # NetcaError
    key_inserted = Signal(object)  # KeyRef
    key_removed = Signal(object)  # KeyRef
    snapshot_loaded = Signal(object)  # KeySnapshot
    _job_finished = Signal(object, object, object)  # callback, result, error

    def __init__(
        self,
        module: str | Sequence[str] | None = None,
        *,
        extra_modules: Sequence[str] = (),
        poll_interval: float = 1.0,
        trust: SealTrust | None = None,
    ) -> None:
        """``module``: only these modules (--module); else every module found plus
        ``extra_modules`` (the configured one)."""
        super().__init__()
        self._module = module
        self._extra = tuple(extra_modules)
        self._trust = trust
        self._interval = poll_interval
        self.library: TokenLibrary | None = None
        #: why no module could be loaded (None while loading or once loaded)
        self.load_error: NetcaError | None = None
        self._monitor: KeyMonitor | None = None
        self.snapshots: dict[KeyIdentity, KeySnapshot] = {}
        # start() loads on its own thread; stop() may come while it still runs.
        self._lock = threading.Lock()
        self._stopped = False
        self._job_finished.connect(self._on_job_finished)

    @property
    def trust(self) -> SealTrust | None:
        """The trust the client checks seals (and PDF signers) against; None until loaded."""
        return self._trust

    # --- lifecycle ------------------------------------------------------------

    def start(self) -> None:
        """Load the module and start watching, off the GUI thread."""
        threading.Thread(target=self._load, name="netca-key-service-load", daemon=True).start()

    def _load(self) -> None:
        try:
            if self._trust is None:
                # Once, off the GUI thread: snapshots check seals against it on every refresh.
                self._trust = load_seal_trust()
            library = TokenLibrary.load(self._module, extra=self._extra)
        except NetcaError as exc:
            self.load_error = exc
            self.library_failed.emit(exc)
            return
        with self._lock:
            if self._stopped:
                library.close()
                return
            self.library = library
            self._monitor = KeyMonitor(library, self._on_key_event, interval=self._interval)
            self._monitor.start()
        self.library_loaded.emit()

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            monitor, library = self._monitor, self.library
            self._monitor, self.library = None, None
        if monitor is not None:
            monitor.stop()
        if library is not None:
            library.close()

    # --- events (monitor thread) -----------------------------------------------

    def _on_key_event(self, event: KeyEvent) -> None:
        if event.kind is KeyEventKind.INSERTED:
            self.key_inserted.emit(event.key)
            self.refresh(event.key)
        else:
            self.snapshots.pop(event.key.identity, None)
            self.key_removed.emit(event.key)

    # --- jobs --------------------------------------------------------------------

    def refresh(self, key: KeyRef) -> None:
        """Re-read a key; snapshot_loaded follows."""
        self.run(
            lambda library: read_snapshot(library, key, trust=self._trust),
            self._on_snapshot,
            lambda error: None,  # the key went away meanwhile; its removal event follows
            key=key,
        )

    def refresh_all(self) -> None:
        """Re-read every key shown (after a job that may have spent PIN tries)."""
        for snapshot in list(self.snapshots.values()):
            self.refresh(snapshot.key)

    def run(
        self,
        job: Callable[[TokenLibrary], Any],
        on_done: Callback,
        on_error: Callable[[NetcaError], None],
        *,
        key: KeyRef | None = None,
    ) -> None:
        """Run ``job(library)`` on the token thread of ``key``'s module (a jobs thread of its
        own without a key); a callback follows on the GUI thread."""
        library = self.library
        if library is None:
            return
        try:
            future: Future[Any] = library.submit_for(key, job, library)
        except NetcaError as exc:  # the key's module is gone (closed, or the key unknown)
            self._job_finished.emit(on_error, None, exc)
            return

        def finished(done: Future[Any]) -> None:
            error = done.exception()
            if error is not None and not isinstance(error, NetcaError):
                raise error  # a bug: let the crash handler see it
            self._job_finished.emit(
                on_error if error else on_done, None if error else done.result(), error
            )

        future.add_done_callback(finished)

    @Slot(object, object, object)
    def _on_job_finished(self, callback: Callback, result: Any, error: NetcaError | None) -> None:
        callback(error if error is not None else result)

    def _on_snapshot(self, snapshot: KeySnapshot) -> None:
        self.snapshots[snapshot.key.identity] = snapshot
        self.snapshot_loaded.emit(snapshot)
