"""Google Calendar's per-user quota, for the simulator: a sliding window of calls, refused beyond it.

Google counts every Calendar API call of a user of a Cloud project (each part of a batch is one) over a
sliding window: 600 a minute by default. Over it, a call is refused in one of the forms Google uses, taken in
turn here: 403 ``userRateLimitExceeded``, 403 ``rateLimitExceeded`` (both in domain ``usageLimits``) and 429
``rateLimitExceeded``, none with Retry-After. A refused call still counts in the window, as at Google: a client
that bursts over the quota finds the next window already spent (the burst is punished in the next window), and
one that keeps knocking stays locked out.

Off unless asked for (``GoogleSim(quota_per_minute=...)``, ``--quota-per-minute``); the window can be scaled
down for tests (``quota_window_s``), and the client must then be told the same length (CALMEDI_GOOGLE_QUOTA_WINDOW_S).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from calmedi_desktop.demo.google_sim_store import ApiError

REFUSALS = ((403, "userRateLimitExceeded"), (403, "rateLimitExceeded"), (429, "rateLimitExceeded"))


class QuotaWindow:
    def __init__(self, per_window: int, window_s: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        if per_window < 1 or window_s <= 0:
            raise ValueError("a quota needs at least one call per window and a window longer than zero")
        self.per_window = per_window
        self.window_s = window_s
        self._clock = clock
        self._calls: deque[float] = deque()
        self._lock = threading.Lock()
        self.accepted = 0
        self.refused = 0

    def admit(self, units: int = 1) -> ApiError | None:
        """Count one call of ``units`` quota units (a patch costs three); the error to answer if it is over the
        quota, None if it may proceed."""
        with self._lock:
            now = self._clock()
            while self._calls and self._calls[0] <= now - self.window_s:
                self._calls.popleft()
            over = len(self._calls) >= self.per_window
            self._calls.extend([now] * max(1, units))
            if not over:
                self.accepted += 1
                return None
            status, reason = REFUSALS[self.refused % len(REFUSALS)]
            self.refused += 1
        return ApiError(status, reason, "Rate Limit Exceeded", domain="usageLimits")
