"""One gate per Doctolib host: a Retry-After (or a 429/503 backoff) pauses every worker, not only the one told.

The concurrent read runs several requests at once. When Doctolib answers one of them 429 or 503, it is asking
the client to slow down, not that request alone: the worker that got the answer holds the gate for the pause,
and every worker passes the gate before each request, so none sends anything until the pause is over. The
source shares its gate with its sign-in (token requests go to the same host), and a source kept alive between
runs keeps the pause across runs.

The worker that holds the gate sleeps the pause itself; the others sleep what is left of it, once per hold: with
a test's recorded sleep (which returns at once) no worker waits twice for the same pause.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable


class HostGate:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._until = -math.inf
        self._generation = 0
        self._seen = threading.local()
        self.holds = 0  # pauses asked for, for logs and tests

    def hold(self, seconds: float) -> None:
        """Close the gate for ``seconds`` from now (a later end than the current one wins). The caller sleeps
        the pause itself: for it, this hold counts as waited."""
        with self._lock:
            until = self._clock() + max(0.0, seconds)
            if until > self._until:
                self._until = until
                self._generation += 1
                self.holds += 1
                self._seen.generation = self._generation

    def remaining(self) -> float:
        with self._lock:
            return max(0.0, self._until - self._clock())

    def wait(self, sleep: Callable[[float], None]) -> None:
        """Sleep until the gate is open (at most once per hold for this thread)."""
        with self._lock:
            remaining = self._until - self._clock()
            generation = self._generation
        if remaining <= 0 or getattr(self._seen, "generation", None) == generation:
            return
        sleep(remaining)
        self._seen.generation = generation
