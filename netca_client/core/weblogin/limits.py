"""Per-origin rate limits of the loopback bridge: a token bucket per (origin, kind).

Any thread (a lock guards the buckets). The clock is injectable for tests.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Rate:
    """``burst`` requests at once, refilled at ``per_second``."""

    burst: int
    per_second: float


#: defaults (docs/web-bridge.md): messages of any kind, signatures (each opens a PIN dialog)
#: and consent dialogs, per origin
DEFAULT_RATES = {
    "message": Rate(burst=60, per_second=10.0),
    "sign": Rate(burst=5, per_second=0.5),
    "consent": Rate(burst=2, per_second=1 / 30),
}


class RateLimiter:
    """``allow(origin, kind)`` spends one token of that origin's bucket, or says no."""

    def __init__(
        self,
        rates: dict[str, Rate] | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_origins: int = 1000,
    ) -> None:
        self.rates = dict(rates or DEFAULT_RATES)
        self._clock = clock
        self._max = max_origins
        self._lock = threading.Lock()
        self._buckets: dict[tuple[str, str], tuple[float, float]] = {}  # tokens, last time

    def allow(self, origin: str, kind: str) -> bool:
        rate = self.rates[kind]
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get((origin, kind), (float(rate.burst), now))
            tokens = min(float(rate.burst), tokens + (now - last) * rate.per_second)
            allowed = tokens >= 1.0
            if allowed:
                tokens -= 1.0
            if len(self._buckets) >= self._max and (origin, kind) not in self._buckets:
                self._buckets.clear()  # a page cycling through origins cannot grow memory
            self._buckets[(origin, kind)] = (tokens, now)
            return allowed
