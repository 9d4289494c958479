"""Google's per-user quota, paced on the client: one governor per Google account, shared by every Calendar call.

Google counts the calls of a user of a Cloud project over a sliding window (600 a minute unless the project
raised it; each part of a batch is one call). Over it, Google refuses with 403 ``userRateLimitExceeded`` or
``rateLimitExceeded`` (domain ``usageLimits``) or 429, usually without Retry-After, and a burst is punished in
the next window. So CalMedi does not find the limit by hitting it: the governor keeps a log of the calls sent
in the last window and never lets more than a budget (the quota less some headroom) be in it. A call counts
from the moment it is sent until one window after its answer came back, an upper bound of when Google counted
it, so CalMedi's view of the window is never more generous than Google's.

Refusals can still happen: Google also throttles bursts of writes to one calendar, the account may sync from
another computer too, the quota may have been lowered in the Cloud console. A first refusal may be such a
hiccup: the budget is cut (×0.7) and calls pause for a second (a sixtieth of the window). A second refusal with
nothing accepted in between means Google's window really is full: the budget drops to what Google accepted of
ours in the window (×0.9, the best estimate of our share) and every call waits a whole window, so that all
the refused calls (which Google counts too) have left it. Google's Retry-After, when given, is the pause. Each
window without refusal grows the budget back by a tenth (at least a fiftieth of the quota), up to the quota
less the headroom. A refusal says nothing about the event
being written: callers send it again without spending its retry attempts. After ``MAX_REFUSALS_IN_A_ROW``
refusals with nothing accepted in between the governor gives up (``QuotaExhausted``), so a server that
refuses for good still ends the run with a clear error.

The clock and the sleep are injected for tests; a sleep that returns at once (a test's recorded sleep) still
counts as the time it was asked for, so a test never spins.
"""

from __future__ import annotations

import logging
import math
import os
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from calmedi_desktop.endpoints import is_loopback_url

log = logging.getLogger(__name__)

DEFAULT_PER_MINUTE = 600
WINDOW_S = 60.0
HEADROOM = 0.1  # Google's window is not ours to the millisecond; the headroom absorbs the difference
DECREASE = 0.7
SHARE = 0.9  # of the calls Google accepted in the window: the budget after refusals in a row
INCREASE = 0.1  # of the budget, per window without refusal: growing back is gradual, so overshoots stay small
INCREASE_FLOOR = 0.02  # of the ceiling: from a budget cut to one call, the way back takes minutes, not an hour
MAX_REFUSALS_IN_A_ROW = 6
#: Developer setting, honoured only when the Google API root is a loopback simulator: the length of the quota
#: window in seconds, so that tests can run the quota at a scale of seconds instead of minutes. It must match
#: the simulator's own window (GoogleSim(quota_window_s=...), google_sim --quota-window).
WINDOW_ENV = "CALMEDI_GOOGLE_QUOTA_WINDOW_S"

Waiting = Callable[[float], None]  # told how long the governor is about to wait, before it waits


class QuotaExhausted(Exception):
    """Google kept refusing: MAX_REFUSALS_IN_A_ROW refusals without one call accepted in between."""


@dataclass
class QuotaStats:
    """Counts for the journal and the benchmark: calls let through, waits and their seconds, refusals."""

    calls: int = 0
    waits: int = 0
    waited_s: float = 0.0
    refused: int = 0

    def since(self, earlier: QuotaStats) -> QuotaStats:
        return QuotaStats(
            self.calls - earlier.calls,
            self.waits - earlier.waits,
            self.waited_s - earlier.waited_s,
            self.refused - earlier.refused,
        )


@dataclass
class _Entry:
    at: float  # when sent; once settled, when the answer came back
    count: int
    open: bool = True
    refused: int = 0


@dataclass(frozen=True)
class Ticket:
    """Permission to send ``granted`` calls now; give it back to ``settle`` once they are answered."""

    granted: int
    entry: _Entry


def window_from_env(google_api_url: str) -> float:
    """The quota window: 60 s, or CALMEDI_GOOGLE_QUOTA_WINDOW_S when Google is a loopback simulator."""
    raw = os.environ.get(WINDOW_ENV, "").strip()
    if not raw:
        return WINDOW_S
    if not is_loopback_url(google_api_url):
        log.warning("google: %s ignored (only for a loopback simulator)", WINDOW_ENV)
        return WINDOW_S
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not 0.1 <= value <= 3600:
        log.warning("google: %s is not a number of seconds between 0.1 and 3600; ignored", WINDOW_ENV)
        return WINDOW_S
    return value


class QuotaGovernor:
    def __init__(
        self,
        per_minute: int = DEFAULT_PER_MINUTE,
        *,
        window_s: float = WINDOW_S,
        headroom: float = HEADROOM,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self.window_s = window_s
        self._headroom = headroom
        self._clock = clock
        self._sleep = sleep
        self._rand = rand
        self._lock = threading.Lock()
        self._entries: list[_Entry] = []
        self._ahead = 0.0  # seconds a sleep was asked for but the clock did not see pass
        self._hold_until = -math.inf
        self._calm_since = -math.inf  # last refusal, or last growth of the budget
        self._cut_after = -math.inf  # a burst of refusals cuts the budget once
        self._refusals_in_a_row = 0
        self._stats = QuotaStats()
        self.per_minute = 0
        self.ceiling = 1
        self.budget = 1
        self.set_quota(per_minute)

    # -- settings and facts -----------------------------------------------------------------------------------

    def set_quota(self, per_minute: int) -> None:
        """The quota of the account's Cloud project, in calls per window (the setting google.quota_per_minute)."""
        with self._lock:
            if per_minute == self.per_minute:
                return
            self.per_minute = max(1, int(per_minute))
            self.ceiling = max(1, math.floor(self.per_minute * (1 - self._headroom)))
            self.budget = self.ceiling

    @property
    def stats(self) -> QuotaStats:
        with self._lock:
            return replace(self._stats)

    def _now(self) -> float:
        return self._clock() + self._ahead

    def _prune(self, now: float) -> None:
        self._entries = [e for e in self._entries if e.open or e.at > now - self.window_s]

    def _used(self) -> int:
        return sum(e.count for e in self._entries)

    def _grow(self, now: float) -> None:
        if self.budget < self.ceiling and now - self._calm_since >= self.window_s:
            step = max(1, math.floor(self.budget * INCREASE), math.floor(self.ceiling * INCREASE_FLOOR))
            self.budget = min(self.ceiling, self.budget + step)
            self._calm_since = now

    def _expiries(self, now: float) -> list[float]:
        """When each call in the window stops counting, earliest first (in-flight ones: a window from now)."""
        times: list[float] = []
        for entry in self._entries:
            times.extend([entry.at + self.window_s if not entry.open else now + self.window_s] * entry.count)
        times.sort()
        return times

    # -- pacing -----------------------------------------------------------------------------------------------

    def acquire(self, wanted: int = 1, waiting: Waiting | None = None, *, whole: bool = False) -> Ticket:
        """Wait until at least a useful part of ``wanted`` calls fits in the window, then grant what fits now
        (never more than ``wanted``): a batch is never larger than what the window allows.

        ``whole``: the calls cannot be split (one request Google counts as several units, such as a patch):
        wait until all of them fit, and grant all of them. Should they exceed the whole budget, they are
        granted once the window is empty, the nearest the budget can come to holding them."""
        wanted = max(1, wanted)
        while True:
            with self._lock:
                now = self._now()
                self._prune(now)
                self._grow(now)
                # Waiting for a sizeable slice, not for one call, keeps batches from shrinking to a trickle.
                need = min(wanted, self.budget) if whole else min(wanted, max(1, self.budget // 20))
                free = self.budget - self._used()
                pause = self._hold_until - now
                if pause <= 0 and free >= need:
                    entry = _Entry(now, wanted if whole else min(wanted, free))
                    self._entries.append(entry)
                    self._stats.calls += entry.count
                    return Ticket(entry.count, entry)
                pause = max(pause, self._time_to_free(now, need - free))
            if waiting is not None:
                waiting(pause)
            self._wait(pause)

    def _time_to_free(self, now: float, short: int) -> float:
        if short <= 0:
            return 0.0
        expiries = self._expiries(now)
        # A call still in flight (another thread's) counts until at least a window from now; if even that is
        # not enough (the budget was just cut below what is in flight), look again shortly.
        return max(expiries[short - 1] - now, 0.001) if short <= len(expiries) else min(1.0, self.window_s / 60)

    def _wait(self, seconds: float) -> None:
        before = self._clock()
        self._sleep(seconds)
        with self._lock:
            self._ahead += max(0.0, seconds - (self._clock() - before))
            self._stats.waits += 1
            self._stats.waited_s += seconds
        log.debug("google: quota wait of %.1fs", seconds)

    def settle(self, ticket: Ticket, refused: int = 0, retry_after: float | None = None) -> None:
        """The granted calls were answered, ``refused`` of them with a quota refusal. Raises QuotaExhausted
        after MAX_REFUSALS_IN_A_ROW refusals with nothing accepted in between."""
        with self._lock:
            now = self._now()
            entry = ticket.entry
            entry.at, entry.open, entry.refused = now, False, max(0, refused)
            if refused < ticket.granted:
                self._refusals_in_a_row = 0  # something got through: progress
            if refused <= 0:
                return
            self._stats.refused += refused
            self._refusals_in_a_row += 1
            self._calm_since = now
            if self._refusals_in_a_row == 1:
                if now >= self._cut_after:  # one cut for the refusals of one burst
                    self.budget = max(1, math.floor(self.budget * DECREASE))
                    self._cut_after = now + self.window_s / 4
                pause = self.window_s / 60 * (0.5 + self._rand() / 2)
            else:
                accepted = sum(e.count - e.refused for e in self._entries if not e.open)
                self.budget = max(1, min(math.floor(self.budget * DECREASE), math.floor(accepted * SHARE)))
                pause = self.window_s
            if retry_after is not None and retry_after >= 0:
                pause = min(retry_after, 2 * self.window_s)
            self._hold_until = max(self._hold_until, now + pause)
            in_a_row = self._refusals_in_a_row
            if in_a_row >= MAX_REFUSALS_IN_A_ROW:
                self._refusals_in_a_row = 0  # the next run starts afresh (after the pause)
        log.debug("google: %d call(s) refused for quota; budget now %d per %.0fs", refused, self.budget, self.window_s)
        if in_a_row >= MAX_REFUSALS_IN_A_ROW:
            raise QuotaExhausted(f"{in_a_row} quota refusals in a row")

    def estimate(self, calls: int) -> float:
        """Seconds until ``calls`` more calls could all have been sent at this pace (0: they fit now)."""
        if calls <= 0:
            return 0.0
        with self._lock:
            now = self._now()
            self._prune(now)
            budget = self.budget
            expiries = self._expiries(now)
            free = budget - len(expiries)
            hold = max(0.0, self._hold_until - now)
        # Slot k (1-based) of the budget is free at once if k <= free, else once k - free calls have left the
        # window; call j takes slot j % budget, one window later for every lap.
        last = calls - 1
        slot, lap = last % budget + 1, last // budget
        slot_free = now if slot <= free else expiries[min(slot - free - 1, len(expiries) - 1)]
        return max(hold, slot_free + lap * self.window_s - now)
