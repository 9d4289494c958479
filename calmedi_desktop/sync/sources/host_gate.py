"""One gate per Doctolib host: a Retry-After (or a 429/503 backoff) pauses every worker, not only the one told.

The concurrent read runs several requests at once. When Doctolib answers one of them 429 or 503, it is asking
the client to slow down, not that request alone: the worker that got the answer holds the gate for the pause,
and every worker passes the gate before each request, so none sends anything until the pause is over. The
source shares its gate with its sign-in (token requests go to the same host), and a source kept alive between
runs keeps the pause across runs.

The worker that holds the gate sleeps the pause itself; the others sleep what is left of it, once per hold: with
a test's recorded sleep (which returns at once) no worker waits twice for the same pause. The agenda reads and
the sign-in decide what pauses (``pauses``) and hold the gate before their retry sleep (``PausingSleep``) here,
the same way.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

PAUSE_STATUSES = frozenset({429, 503})  # "slow down": every worker to the host pauses, not only the one told


def pauses(status: int, retry_after: float | None) -> bool:
    """Whether a retried answer asks the whole host to slow down: a 429 or 503, or any Retry-After."""
    return status in PAUSE_STATUSES or retry_after is not None


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

    def wait(self, sleep: Callable[[float], None]) -> None:
        """Sleep until the gate is open (at most once per hold for this thread)."""
        with self._lock:
            remaining = self._until - self._clock()
            generation = self._generation
        if remaining <= 0 or getattr(self._seen, "generation", None) == generation:
            return
        sleep(remaining)
        self._seen.generation = generation


class PausingSleep:
    """The retry sleep of one request: after an answer that ``pauses`` the host, the pause is held on the gate
    (every worker to the host waits it out) before this worker sleeps it; other backoffs are this worker's own.
    Without a gate (a sign-in no source shares yet) it only sleeps."""

    def __init__(self, gate: HostGate | None, sleep: Callable[[float], None]) -> None:
        self._gate = gate
        self._sleep = sleep
        self._pausing = False  # the last answer asked the whole host to slow down

    def answered(self, status: int, retry_after: float | None) -> None:
        """A retried answer came back: the next sleep holds the gate if it asked the host to pause."""
        self._pausing = pauses(status, retry_after)

    def __call__(self, seconds: float) -> None:
        if self._pausing and self._gate is not None:
            self._gate.hold(seconds)
        self._pausing = False
        self._sleep(seconds)
