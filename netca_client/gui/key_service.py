"""KeyService: the GUI's door to the token threads, and the keys it knows.

Widgets call the methods on the GUI thread; nothing here blocks it. Jobs about a key run on
the token thread of that key's module through a JobBridge (``jobs.on_key``); results, and
the key monitor's events, are applied on the GUI thread only, so ``snapshots`` is read and
changed there alone.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot

from netca_client.core.errors import NetcaError
from netca_client.core.key_snapshot import KeySnapshot, read_snapshot
from netca_client.core.token import (
    KeyEvent,
    KeyEventKind,
    KeyIdentity,
    KeyMonitor,
    KeyRef,
)
from netca_client.gui.job_bridge import JobBridge, ignore_error

if TYPE_CHECKING:
    from netca_client.core.seals import SealTrust
    from netca_client.core.token import TokenLibrary


class KeyService(QObject):
    """Owns the TokenLibrary and the KeyMonitor for the GUI."""

    library_loaded = Signal()
    library_failed = Signal(object)  # NetcaError
    key_inserted = Signal(object)  # KeyRef
    key_removed = Signal(object)  # KeyRef
    snapshot_loaded = Signal(object)  # KeySnapshot
    _key_event = Signal(object)  # KeyEvent, from the monitor thread

    def __init__(
        self,
        module: str | Sequence[str] | None = None,
        *,
        extra_modules: Sequence[str] = (),
        poll_interval: float = KeyMonitor.DEFAULT_INTERVAL,
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
        #: the keys shown, by identity; read and changed on the GUI thread only
        self.snapshots: dict[KeyIdentity, KeySnapshot] = {}
        # start() loads on its own thread; stop() may come while it still runs.
        self._lock = threading.Lock()
        self._stopped = False
        self.jobs = JobBridge(self)
        self._key_event.connect(self._apply_key_event, Qt.ConnectionType.QueuedConnection)

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
                # The seal and X.509 code load here too, after the window is shown.
                from netca_client.core.seals import load_seal_trust

                self._trust = load_seal_trust()
            from netca_client.core.token import TokenLibrary  # pkcs11: off the GUI thread

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

    # --- events ---------------------------------------------------------------

    def _on_key_event(self, event: KeyEvent) -> None:
        """On the monitor thread: hand the event to the GUI thread, change nothing here."""
        self._key_event.emit(event)

    @Slot(object)
    def _apply_key_event(self, event: KeyEvent) -> None:
        if event.kind is KeyEventKind.INSERTED:
            self.key_inserted.emit(event.key)
            self.refresh(event.key)
        else:
            self.snapshots.pop(event.key.identity, None)
            self.key_removed.emit(event.key)

    # --- jobs --------------------------------------------------------------------

    def refresh(self, key: KeyRef) -> None:
        """Re-read a key; snapshot_loaded follows."""
        trust = self._trust
        self.jobs.on_key(
            self.library,
            lambda library: read_snapshot(library, key, trust=trust),
            key=key,
            done=self._on_snapshot,
            failed=ignore_error,  # the key went away meanwhile; its removal event follows
        )

    def refresh_all(self) -> None:
        """Re-read every key shown (after a job that may have spent PIN tries)."""
        for snapshot in list(self.snapshots.values()):
            self.refresh(snapshot.key)

    def _on_snapshot(self, snapshot: KeySnapshot) -> None:
        self.snapshots[snapshot.key.identity] = snapshot
        self.snapshot_loaded.emit(snapshot)
