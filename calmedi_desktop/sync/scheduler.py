"""The sync loop: APScheduler runs one sync at a time, every interval, and backs off after failures.

Each run schedules the next one as a single one-shot job, so a laptop that slept through several runs wakes
up to exactly one run (coalescing) and a failing run pushes the next one out (2×, 4× the interval … capped at
30 minutes) until a run succeeds. Qt-free: the tray bridges the listener callbacks to Qt signals; callbacks
run on a worker thread, never on the GUI thread.

Runs are tiered (sync/tiers.py): ``run(tier)`` is called with FULL for the first run, for a run the
practitioner asked for (sync now, resume) and whenever ``full_interval_minutes`` have passed since the last
successful full run (a failed one is tried again as full); with NEAR otherwise. Without a full interval
every run is full. The jitter that spreads clients out is at most a tenth of the interval, so that a short
interval keeps its promise of freshness.

Every one-shot job gets its own id. Reusing one id would race with APScheduler itself: once a date-triggered
job has been handed to the executor, the scheduler thread removes that id, and could remove the next run our
job had just scheduled under the same id.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.date import DateTrigger

from calmedi_desktop.errors import CalmediError
from calmedi_desktop.sync.tiers import FULL, NEAR

log = logging.getLogger(__name__)
JOB_PREFIX = "calmedi-sync-"
MIN_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES = 1, 60
MAX_BACKOFF = timedelta(minutes=30)

STOPPED, IDLE, SYNCING, PAUSED, BACKOFF = "stopped", "idle", "syncing", "paused", "backoff"


def next_delay(interval: timedelta, failures: int, jitter_seconds: float = 0.0) -> timedelta:
    """Delay before the next run: the interval; after ``failures`` failures in a row, interval × 2^failures
    capped at 30 minutes (but never sooner than the interval itself). Jitter spreads clients out."""
    delay = interval
    if failures > 0:
        delay = max(interval, min(MAX_BACKOFF, interval * (2**failures)))
    return delay + timedelta(seconds=jitter_seconds)


class SchedulerListener(Protocol):
    def run_started(self) -> None: ...
    def run_finished(self, result: Any) -> None: ...
    def run_failed(self, error: CalmediError) -> None: ...
    def state_changed(self, state: str) -> None: ...


@dataclass
class SchedulerState:
    state: str = STOPPED  # stopped | idle | syncing | paused | backoff
    failures: int = 0
    next_run: datetime | None = None
    last_error: CalmediError | None = None
    runs: int = 0
    last_full: datetime | None = None  # start of the last successful full run


def _clamp_interval(minutes: float, floor: float = MIN_INTERVAL_MINUTES) -> timedelta:
    return timedelta(minutes=max(floor, min(MAX_INTERVAL_MINUTES, float(minutes))))


def _full_interval(minutes: float | None) -> timedelta | None:
    return None if minutes is None else timedelta(minutes=max(0.0, float(minutes)))


class SyncScheduler:
    def __init__(
        self,
        run: Callable[[str], Any],
        interval_minutes: float,
        *,
        full_interval_minutes: float | None = None,
        min_interval_minutes: float = MIN_INTERVAL_MINUTES,
        listener: SchedulerListener | None = None,
        jitter_seconds: float = 15.0,
        first_delay_seconds: float = 2.0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        scheduler: BaseScheduler | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self._run = run
        self._floor = min_interval_minutes  # the practitioner's floor is 30 s (sync.near_interval_seconds)
        self._interval = _clamp_interval(interval_minutes, self._floor)
        self._full_every = _full_interval(full_interval_minutes)
        self._full_asked = True  # the first run reads the whole window
        self._listener = listener
        self._jitter = jitter_seconds
        self._first_delay = first_delay_seconds
        self._clock = clock
        self._rng = rng or random.Random()
        self._scheduler = scheduler or BackgroundScheduler(timezone=UTC, job_defaults={"misfire_grace_time": None})
        self._busy = threading.Lock()  # held for the whole run: one run at a time
        self._lock = threading.RLock()  # guards info and the pending job id
        self._job_ids = itertools.count(1)
        self._pending_job: str | None = None
        self.info = SchedulerState()

    # -- lifecycle -------------------------------------------------------------------------------------------
    def start(self, *, paused: bool = False) -> None:
        with self._lock:
            if not self._scheduler.running:
                self._scheduler.start()
            self._full_asked = True
            if paused:
                self._set_state(PAUSED)
                return
            self._set_state(IDLE)
            self._schedule(timedelta(seconds=self._first_delay))

    def shutdown(self, wait: bool = False) -> None:
        with self._lock:
            self._cancel_pending()
            if self._scheduler.running:
                self._scheduler.shutdown(wait=wait)
            self._set_state(STOPPED)

    # -- user actions ----------------------------------------------------------------------------------------
    def sync_now(self, full: bool = True) -> bool:
        """Run as soon as possible (the whole window unless ``full`` is False). Returns False when paused,
        stopped or a run is already in progress."""
        with self._lock:
            if self.info.state in (PAUSED, STOPPED) or self._busy.locked():
                return False
            self._full_asked = self._full_asked or full
            self._schedule(timedelta(0))
            return True

    def pause(self) -> None:
        """No new run starts until resume(); a run in progress finishes (it is never cut half-way)."""
        with self._lock:
            self._cancel_pending()
            self._set_state(PAUSED)

    def resume(self) -> None:
        with self._lock:
            if self.info.state != PAUSED:
                return
            self.info.failures = 0
            self._full_asked = True  # nothing was read while paused: look at everything again
            self._set_state(SYNCING if self._busy.locked() else IDLE)
            if not self._busy.locked():
                self._schedule(timedelta(0))

    def set_interval(self, minutes: float) -> None:
        """Takes effect at once: the pending run is moved to ``now + new interval`` (or its backoff)."""
        with self._lock:
            self._interval = _clamp_interval(minutes, self._floor)
            if self.info.state in (IDLE, BACKOFF) and not self._busy.locked():
                self._schedule(next_delay(self._interval, self.info.failures, self._jitter_now()))

    def set_full_interval(self, minutes: float | None) -> None:
        """How often the whole window is read (None: every run). Takes effect at the next run."""
        with self._lock:
            self._full_every = _full_interval(minutes)

    @property
    def interval_minutes(self) -> float:
        return self._interval.total_seconds() / 60

    @property
    def full_interval_minutes(self) -> float | None:
        return None if self._full_every is None else self._full_every.total_seconds() / 60

    def next_tier(self) -> str:
        """The window the next run will read."""
        with self._lock:
            if self._full_every is None or self._full_asked:
                return FULL
            last = self.info.last_full
            return FULL if last is None or self._clock() - last >= self._full_every else NEAR

    @property
    def running(self) -> bool:
        return self._busy.locked()

    @property
    def state(self) -> str:
        return self.info.state

    def run_once(self) -> None:
        """One guarded run on the calling thread (the job body); a run already in progress makes it a no-op."""
        self._tick(None)

    # -- internals -------------------------------------------------------------------------------------------
    def _jitter_now(self) -> float:
        bound = min(self._jitter, self._interval.total_seconds() / 10)
        return self._rng.uniform(0, bound) if bound > 0 else 0.0

    def _cancel_pending(self) -> None:
        job_id, self._pending_job = self._pending_job, None
        self.info.next_run = None
        if job_id is not None:
            # JobLookupError: it has just been handed to the executor; its tick sees it is not pending any more.
            with contextlib.suppress(JobLookupError):
                self._scheduler.remove_job(job_id)

    def _schedule(self, delay: timedelta) -> None:
        self._cancel_pending()
        run_at = self._clock() + delay
        job_id = f"{JOB_PREFIX}{next(self._job_ids)}"
        self._pending_job = job_id
        self.info.next_run = run_at
        self._scheduler.add_job(
            self._tick, trigger=DateTrigger(run_date=run_at), args=[job_id], id=job_id, misfire_grace_time=None
        )

    def _set_state(self, state: str) -> None:
        if self.info.state != state:
            self.info.state = state
            if self._listener:
                self._listener.state_changed(state)

    def _tick(self, job_id: str | None) -> None:
        with self._lock:
            if job_id is not None:
                if job_id != self._pending_job:
                    return  # superseded by a later schedule (sync now, new interval, pause)
                self._pending_job = None
                self.info.next_run = None
            if self.info.state in (PAUSED, STOPPED):
                return
        if not self._busy.acquire(blocking=False):
            return
        result: Any = None
        failed: CalmediError | None = None
        try:
            tier = self.next_tier()
            began = self._clock()
            with self._lock:
                self._full_asked = False if tier == FULL else self._full_asked
                self._set_state(SYNCING)
            if self._listener:
                self._listener.run_started()
            try:
                result = self._run(tier)
            except CalmediError as exc:
                failed = exc
            except Exception as exc:  # a bug must not kill the loop: logged by class, then backed off
                log.exception("sync run crashed: %s", type(exc).__name__)
                failed = CalmediError(type(exc).__name__, detail=type(exc).__name__)
            with self._lock:
                # A near run may have turned itself into a full one (an event of the coming days was gone).
                if failed is None and (tier == FULL or getattr(result, "tier", None) == FULL):
                    self.info.last_full = began
                elif failed is not None and tier == FULL:
                    self._full_asked = True  # what failed is tried again, whole
            self._reschedule_after(failed)
        finally:
            self._busy.release()
        # Listeners hear the outcome once the run is over, so "sync now" from a listener is accepted.
        if self._listener:
            if failed is None:
                self._listener.run_finished(result)
            else:
                self._listener.run_failed(failed)

    def _reschedule_after(self, failed: CalmediError | None) -> None:
        with self._lock:
            self.info.runs += 1
            if failed is None:
                self.info.failures = 0
                self.info.last_error = None
            else:
                self.info.failures += 1
                self.info.last_error = failed
            if self.info.state not in (PAUSED, STOPPED):
                self._set_state(IDLE if failed is None else BACKOFF)
                if self._scheduler.running:
                    self._schedule(next_delay(self._interval, self.info.failures, self._jitter_now()))
