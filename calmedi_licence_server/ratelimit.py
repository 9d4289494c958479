"""Per-key sliding-window rate limiting, in memory (one server process; Stripe stays the only real state)."""

from __future__ import annotations

import hashlib
import math
import time
from collections import deque
from collections.abc import Callable

# Past this many buckets, stale ones are swept so that a flood of random keys cannot grow memory for ever.
_SWEEP_AT = 10_000


class RateLimiter:
    def __init__(self, limit: int, window_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}

    @staticmethod
    def bucket(text: str) -> str:
        # Buckets are digests so that the limiter never holds a usable licence key in memory dumps.
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]

    def hit(self, bucket: str) -> int:
        """Record one request; return 0 if allowed, else the seconds to wait before the next one is."""
        now = self._clock()
        if len(self._hits) >= _SWEEP_AT:
            self._sweep(now)
        hits = self._hits.setdefault(bucket, deque())
        while hits and hits[0] <= now - self.window_s:
            hits.popleft()
        if len(hits) >= self.limit:
            return max(1, math.ceil(hits[0] + self.window_s - now))
        hits.append(now)
        return 0

    def _sweep(self, now: float) -> None:
        stale = [b for b, hits in self._hits.items() if not hits or hits[-1] <= now - self.window_s]
        for bucket in stale:
            del self._hits[bucket]
