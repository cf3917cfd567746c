"""Benchmark: from a key pulled out or plugged in to the monitor's event, and what the idle
monitor costs.

Run: .venv/bin/python tests/bench/bench_key_events.py [--interval 0.2] [--cycles 20]
A vkey world with two keys, loaded as the client loads it (the vkey module, on its own token
thread). The monitor polls every ``--interval`` seconds (the client's default). Prints:
- idle: the process's CPU time over 20 s with the monitor running and nothing happening,
  as a share of one core (the goal: under 0.5 %);
- latency: for each unplug and plug, from the moment the port changed (the `netca-vkey`
  command returned) to the event, median and max (the goal: median under 0.3 s).
"""

from __future__ import annotations

import argparse
import os
import queue
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from netca_client.core.token import KeyEvent, KeyMonitor, TokenLibrary  # noqa: E402
from tests.support.vkey import VkeyWorld  # noqa: E402


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--interval", type=float, default=KeyMonitor.DEFAULT_INTERVAL)
    parser.add_argument("--cycles", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-key-events-") as tmp:
        world = VkeyWorld.create(Path(tmp))
        for label in ("甲", "乙"):
            world.init_token(label, pin="Bench-Pin-1", so_pin="Bench-So-Pin-1")
        os.environ.update(world.env)
        library = TokenLibrary.load(world.module)
        events: queue.Queue[KeyEvent] = queue.Queue()
        monitor = KeyMonitor(library, events.put, interval=args.interval)
        monitor.start()
        try:
            for _ in range(2):
                events.get(timeout=10)  # the two keys present at start
            before, started = _cpu(), time.monotonic()
            time.sleep(20)
            idle = (_cpu() - before) / (time.monotonic() - started)
            latencies = []
            for cycle in range(args.cycles):
                action = world.unplug if cycle % 2 == 0 else world.plug
                action("甲")
                changed = time.monotonic()
                events.get(timeout=10)
                latencies.append(time.monotonic() - changed)
                time.sleep(args.interval * 0.37 * (1 + cycle % 3))  # not in step with polls
        finally:
            monitor.stop()
            library.close()
    print(f"monitor polling every {args.interval:.2f} s, vkey module, two keys")
    print(f"  idle: {100 * idle:.2f} % of one core")
    print(f"  key pulled out / plugged in -> event: median {statistics.median(latencies):.3f} s, "
          f"max {max(latencies):.3f} s over {len(latencies)} changes")  # fmt: skip


if __name__ == "__main__":
    main()
