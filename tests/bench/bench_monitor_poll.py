"""Benchmark: the cost of one idle key-monitor poll (slot list on the token thread + diff).

Run: .venv/bin/python tests/bench/bench_monitor_poll.py
Prints the mean and p99 per poll, and the share of one core at one poll a second.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from netca_client.core.token import KeyMonitor, TokenLibrary
from tests.support.softhsm import SoftHsm

POLLS = 2000


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        hsm = SoftHsm.create(Path(tmp))
        hsm.init_token("bench", pin="Bench-Pin-1", so_pin="Bench-So-Pin-1")
        import os

        os.environ["SOFTHSM2_CONF"] = str(hsm.conf)
        library = TokenLibrary.load(hsm.module)
        try:
            monitor = KeyMonitor(library, lambda event: None)
            monitor.poll()
            times = []
            for _ in range(POLLS):
                started = time.perf_counter()
                monitor.poll()
                times.append(time.perf_counter() - started)
        finally:
            library.close()
    times.sort()
    mean = statistics.fmean(times)
    p99 = times[int(len(times) * 0.99)]
    print(f"monitor poll (SoftHSM2, 2 slots): mean {mean * 1e3:.3f} ms, p99 {p99 * 1e3:.3f} ms")
    print(f"idle cost at 1 poll/s: {mean * 100:.4f} % of one core")


if __name__ == "__main__":
    main()
