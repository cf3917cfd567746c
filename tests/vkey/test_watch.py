"""`netca watch --json` reports netca-vkey plug and unplug within 2 seconds."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.vkey.conftest import REPO, Cli

DEADLINE = 2.0  # seconds, from the issue


class Watcher:
    def __init__(self, module: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "netca_client.cli", "--module", module, "watch", "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env={**os.environ, "NETCA_LANG": "en"},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line)

    def next_event(self, timeout: float) -> dict[str, Any]:
        try:
            return dict(json.loads(self.lines.get(timeout=timeout)))
        except queue.Empty:
            raise AssertionError(f"no event within {timeout} s") from None

    def stop(self) -> str:
        self.proc.terminate()
        try:
            _, err = self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        return err


@pytest.fixture
def watcher(vkey_module: str, vkey: Cli) -> Iterator[Watcher]:
    vkey("create", "--label", "alice", "--no-plug")
    vkey("create", "--label", "ready")
    w = Watcher(vkey_module)
    # The key present at start comes as the first event: the watcher is polling.
    first = w.next_event(timeout=30)
    assert (first["event"], first["key"]["label"]) == ("inserted", "ready")
    yield w
    w.stop()


def timed(action: Any, watcher: Watcher) -> tuple[dict[str, Any], float]:
    action()
    done = time.monotonic()
    event = watcher.next_event(timeout=DEADLINE + 1)
    return event, time.monotonic() - done


def test_watch_shows_plug_and_unplug_within_two_seconds(watcher: Watcher, vkey: Cli) -> None:
    event, waited = timed(lambda: vkey("plug", "alice", "--port", "3"), watcher)
    assert event["event"] == "inserted"
    assert event["key"]["label"] == "alice"
    assert event["key"]["slot_id"] == 3
    assert event["key"]["manufacturer"] == "netca-vkey"
    assert waited < DEADLINE
    serial = event["key"]["serial"]

    event, waited = timed(lambda: vkey("unplug", "alice"), watcher)
    assert event["event"] == "removed"
    assert event["key"]["serial"] == serial
    assert waited < DEADLINE

    event, waited = timed(lambda: vkey("plug", "alice"), watcher)
    assert event["event"] == "inserted"
    assert event["key"]["serial"] == serial
    assert event["key"]["slot_id"] == 2  # first free port
    assert waited < DEADLINE


def test_watch_shows_a_key_created_while_it_runs(watcher: Watcher, vkey: Cli) -> None:
    event, waited = timed(lambda: vkey("create", "--label", "bob"), watcher)
    assert event["event"] == "inserted"
    assert event["key"]["label"] == "bob"
    assert waited < DEADLINE
