"""KeyMonitor: polls the slot lists of every module and reports keys inserted and removed.

Polling, not C_WaitForSlotEvent: SoftHSM does not support it, python-pkcs11
raises TypeError on real events and a blocking wait beside other calls hung the
process (docs/dependencies.md). One poll costs well under a millisecond. Each module answers
on its own token thread; one that is busy (signing) or hung keeps its last keys (TokenLibrary.keys).
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from netca_client.core.errors import NetcaError
from netca_client.core.token.models import KeyIdentity, KeyRef

if TYPE_CHECKING:
    from netca_client.core.token.library import TokenLibrary

log = logging.getLogger(__name__)


class KeyEventKind(enum.StrEnum):
    INSERTED = "inserted"
    REMOVED = "removed"


@dataclass(frozen=True)
class KeyEvent:
    kind: KeyEventKind
    key: KeyRef


def diff_keys(before: dict[KeyIdentity, KeyRef], now: list[KeyRef]) -> list[KeyEvent]:
    """Events that turn ``before`` into ``now``: removals first, then insertions."""
    current = {k.identity: k for k in now}
    events = [KeyEvent(KeyEventKind.REMOVED, k) for i, k in before.items() if i not in current]
    events += [KeyEvent(KeyEventKind.INSERTED, k) for i, k in current.items() if i not in before]
    return events


class KeyMonitor:
    """Calls ``on_event`` (from the monitor's own thread) for every difference.

    The keys present when it starts are reported as insertions on the first poll,
    so a listener builds its whole view from events.
    """

    #: seconds between polls: a key shows within about a tenth of a second on average, for
    #: well under 0.5 % of a core (tests/bench/bench_key_events.py, docs/performance.md)
    DEFAULT_INTERVAL = 0.2

    def __init__(
        self,
        library: TokenLibrary,
        on_event: Callable[[KeyEvent], None],
        *,
        interval: float = DEFAULT_INTERVAL,
    ) -> None:
        self._library = library
        self._on_event = on_event
        self._interval = interval
        self._known: dict[KeyIdentity, KeyRef] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def keys(self) -> list[KeyRef]:
        return list(self._known.values())

    def poll(self) -> list[KeyEvent]:
        """One poll: read the slot lists of every module, report and return the differences."""
        now = self._library.keys()
        events = diff_keys(self._known, now)
        self._known = {k.identity: k for k in now}
        for event in events:
            self._on_event(event)
        return events

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="netca-key-monitor", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll()
            except NetcaError as exc:
                log.warning("key poll failed: %s", exc)
            self._stop.wait(self._interval)
