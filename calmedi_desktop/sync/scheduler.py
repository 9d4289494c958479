"""The sync loop: APScheduler runs one sync at a time, every N minutes, and backs off after failures.

Each run schedules the next one as a single one-shot job, so a laptop that slept through several runs wakes
up to exactly one (coalescing) and a failing run pushes the next one out (1, 2, 4 … up to 30 minutes) until
it recovers. Qt-free: the tray bridges the listener callbacks to Qt signals; callbacks run on the worker
thread, never on the GUI thread.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.date import DateTrigger

from calmedi_desktop.errors import CalmediError

log = logging.getLogger(__name__)
JOB_ID = "calmedi-sync"
MAX_BACKOFF = timedelta(minutes=30)


def next_delay(interval: timedelta, failures: int, jitter: float = 0.0) -> timedelta:
    """Delay before the next run: the interval, or after ``failures`` failures 1, 2, 4 … min up to 30 min."""
    if failures <= 0:
        return interval + timedelta(seconds=jitter)
    backoff = timedelta(minutes=2 ** (failures - 1))
    return min(MAX_BACKOFF, max(backoff, timedelta(0))) + timedelta(seconds=jitter)


class SchedulerListener(Protocol):
    def run_started(self) -> None: ...
    def run_finished(self, result: Any) -> None: ...
    def run_failed(self, error: CalmediError) -> None: ...
    def state_changed(self, state: str) -> None: ...


@dataclass
class SchedulerState:
    state: str = "stopped"  # stopped | idle | syncing | paused | backoff
    failures: int = 0
    next_run: datetime | None = None
    last_error: CalmediError | None = None


class SyncScheduler:
    def __init__(
        self,
        run: Callable[[], Any],
        interval_minutes: int,
        *,
        listener: SchedulerListener | None = None,
        jitter_seconds: float = 15.0,
        first_delay_seconds: float = 2.0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        scheduler: BackgroundScheduler | None = None,
    ) -> None:
        self._run = run
        self._interval = timedelta(minutes=interval_minutes)
        self._listener = listener
        self._jitter = jitter_seconds
        self._first_delay = first_delay_seconds
        self._clock = clock
        self._scheduler = scheduler or BackgroundScheduler(timezone=UTC, job_defaults={"misfire_grace_time": None})
        self._busy = threading.Lock()
        self._lock = threading.RLock()
        self.info = SchedulerState()

    # -- lifecycle -------------------------------------------------------------------------------------------
    def start(self) -> None:
        with self._lock:
            if not self._scheduler.running:
                self._scheduler.start()
            self._set_state("idle")
            self._schedule(timedelta(seconds=self._first_delay))

    def shutdown(self, wait: bool = False) -> None:
        with self._lock:
            if self._scheduler.running:
                self._scheduler.shutdown(wait=wait)
            self._set_state("stopped")

    # -- user actions ----------------------------------------------------------------------------------------
    def sync_now(self) -> None:
        with self._lock:
            if self.info.state == "paused":
                return
            self._schedule(timedelta(0))

    def pause(self) -> None:
        with self._lock:
            if self._scheduler.get_job(JOB_ID):
                self._scheduler.remove_job(JOB_ID)
            self.info.next_run = None
            self._set_state("paused")

    def resume(self) -> None:
        with self._lock:
            self.info.failures = 0
            self._set_state("idle")
            self._schedule(timedelta(0))

    def set_interval(self, minutes: int) -> None:
        with self._lock:
            self._interval = timedelta(minutes=minutes)
            if self.info.state in ("idle", "backoff") and not self._busy.locked():
                self._schedule(next_delay(self._interval, self.info.failures, self._jitter_now()))

    @property
    def interval_minutes(self) -> int:
        return int(self._interval.total_seconds() // 60)

    @property
    def running(self) -> bool:
        return self._busy.locked()

    # -- internals -------------------------------------------------------------------------------------------
    def _jitter_now(self) -> float:
        return random.uniform(0, self._jitter) if self._jitter > 0 else 0.0

    def _schedule(self, delay: timedelta) -> None:
        run_at = self._clock() + delay
        self.info.next_run = run_at
        self._scheduler.add_job(
            self._tick, trigger=DateTrigger(run_date=run_at), id=JOB_ID, replace_existing=True, max_instances=1
        )

    def _set_state(self, state: str) -> None:
        if self.info.state != state:
            self.info.state = state
            if self._listener:
                self._listener.state_changed(state)

    def run_once(self) -> None:
        """One guarded run (the job body); a run already in progress makes this a no-op."""
        self._tick()

    def _tick(self) -> None:
        if not self._busy.acquire(blocking=False):
            return
        try:
            with self._lock:
                if self.info.state == "paused":
                    return
                self._set_state("syncing")
            if self._listener:
                self._listener.run_started()
            try:
                result = self._run()
            except CalmediError as exc:
                self._after(failed=exc)
            except Exception as exc:  # a bug must not kill the loop; it is logged by class, then backed off
                log.exception("sync run crashed: %s", type(exc).__name__)
                self._after(failed=CalmediError(type(exc).__name__, detail=type(exc).__name__))
            else:
                self._after(result=result)
        finally:
            self._busy.release()

    def _after(self, result: Any = None, failed: CalmediError | None = None) -> None:
        with self._lock:
            if failed is None:
                self.info.failures = 0
                self.info.last_error = None
            else:
                self.info.failures += 1
                self.info.last_error = failed
            paused = self.info.state == "paused"
            if not paused:
                self._set_state("idle" if failed is None else "backoff")
                if self._scheduler.running:
                    self._schedule(next_delay(self._interval, self.info.failures, self._jitter_now()))
        if self._listener:
            if failed is None:
                self._listener.run_finished(result)
            else:
                self._listener.run_failed(failed)
