"""The key monitor reports keys added and removed within 2 s (SoftHSM2 needs a re-initialise)."""

from __future__ import annotations

import queue
import time

from netca_client.core.token import KeyEvent, KeyEventKind, KeyMonitor, TokenLibrary
from tests.conftest import PIN, SO_PIN
from tests.support.softhsm import SoftHsm


def _next(events: queue.Queue[KeyEvent], kind: KeyEventKind, timeout: float) -> KeyEvent:
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        event = events.get(timeout=left)
        if event.kind is kind:
            return event
    raise AssertionError(f"no {kind} event within {timeout} s")


def test_monitor_reports_insert_and_remove_within_two_seconds(
    softhsm: SoftHsm, library: TokenLibrary
) -> None:
    events: queue.Queue[KeyEvent] = queue.Queue()
    monitor = KeyMonitor(library, events.put, interval=0.5)
    assert monitor.poll() == []  # SoftHSM2's spare slot holds no key: nothing to report
    monitor.start()
    try:
        serial = softhsm.init_token("新Key", pin=PIN, so_pin=SO_PIN)
        started = time.monotonic()
        library.reinitialize()
        inserted = _next(events, KeyEventKind.INSERTED, 2)
        assert inserted.key.serial == serial
        assert inserted.key.label == "新Key"
        assert time.monotonic() - started < 2

        softhsm.delete_token("新Key")
        started = time.monotonic()
        library.reinitialize()
        removed = _next(events, KeyEventKind.REMOVED, 2)
        assert removed.key.serial == serial
        assert time.monotonic() - started < 2
    finally:
        monitor.stop()
