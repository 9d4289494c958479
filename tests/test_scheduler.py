"""SyncScheduler under a controlled clock: a real APScheduler whose idea of "now" is the test's.

``ManualScheduler`` is APScheduler's own BaseScheduler with a synchronous (debug) executor and no timer thread;
``datetime.now`` inside APScheduler is pinned to the fake clock, and the test decides when jobs are processed.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import apscheduler.schedulers.base as aps_base
import pytest
from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler

from calmedi_desktop.errors import CalmediError, NetworkError
from calmedi_desktop.sync.scheduler import (
    BACKOFF,
    IDLE,
    PAUSED,
    STOPPED,
    SYNCING,
    SyncScheduler,
    next_delay,
)
from calmedi_desktop.sync.tiers import FULL, NEAR

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class ManualScheduler(BaseScheduler):
    """Runs due jobs only when ``process()`` is called, synchronously, at the fake clock's time."""

    def wakeup(self) -> None:
        pass

    def _create_default_executor(self) -> DebugExecutor:
        return DebugExecutor()

    def shutdown(self, wait: bool = True) -> None:
        super().shutdown(wait=False)

    def process(self) -> None:
        self._process_jobs()


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, Any]] = []

    def run_started(self) -> None:
        self.events.append(("started", None))

    def run_finished(self, result: Any) -> None:
        self.events.append(("finished", result))

    def run_failed(self, error: CalmediError) -> None:
        self.events.append(("failed", error))

    def state_changed(self, state: str) -> None:
        self.events.append(("state", state))

    def states(self) -> list[str]:
        return [value for kind, value in self.events if kind == "state"]

    def count(self, kind: str) -> int:
        return sum(1 for k, _ in self.events if k == kind)


class Runs:
    """The sync callable: counts calls and fails while ``failures_left`` > 0."""

    def __init__(self) -> None:
        self.calls = 0
        self.failures_left = 0
        self.crash: Exception | None = None
        self.tiers: list[str] = []

    def __call__(self, tier: str = FULL) -> str:
        self.calls += 1
        self.tiers.append(tier)
        if self.crash is not None:
            raise self.crash
        if self.failures_left > 0:
            self.failures_left -= 1
            raise NetworkError("offline", service="Doctolib", detail="offline")
        return f"result-{self.calls}"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()

    class PinnedDatetime(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> datetime:  # type: ignore[override]
            return fake.now.astimezone(tz) if tz else fake.now.replace(tzinfo=None)

    monkeypatch.setattr(aps_base, "datetime", PinnedDatetime)
    return fake


@pytest.fixture
def runs() -> Runs:
    return Runs()


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def sched(clock: FakeClock, runs: Runs, recorder: Recorder) -> Iterator[SyncScheduler]:
    manual = ManualScheduler(timezone=UTC)
    scheduler = SyncScheduler(
        runs, 5, listener=recorder, jitter_seconds=0, first_delay_seconds=2, clock=clock, scheduler=manual
    )
    yield scheduler
    scheduler.shutdown()


def manual(scheduler: SyncScheduler) -> ManualScheduler:
    inner = scheduler._scheduler
    assert isinstance(inner, ManualScheduler)
    return inner


def step_to_next_run(scheduler: SyncScheduler, clock: FakeClock) -> None:
    assert scheduler.info.next_run is not None, "nothing scheduled"
    clock.now = scheduler.info.next_run
    manual(scheduler).process()


# -- pure backoff rule -----------------------------------------------------------------------------------------
def test_next_delay_doubles_then_caps_at_thirty_minutes_but_never_below_the_interval() -> None:
    five = timedelta(minutes=5)
    assert next_delay(five, 0) == five
    assert [next_delay(five, n) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (10, 20, 30, 30)]
    assert next_delay(timedelta(minutes=1), 3) == timedelta(minutes=8)
    assert next_delay(timedelta(minutes=60), 5) == timedelta(minutes=60)
    assert next_delay(five, 0, jitter_seconds=7) == five + timedelta(seconds=7)


# -- interval --------------------------------------------------------------------------------------------------
def test_first_run_after_the_start_delay_then_every_interval(
    sched: SyncScheduler, clock: FakeClock, runs: Runs, recorder: Recorder
) -> None:
    sched.start()
    assert sched.info.next_run == START + timedelta(seconds=2)
    clock.advance(seconds=1)
    manual(sched).process()
    assert runs.calls == 0, "ran before it was due"

    step_to_next_run(sched, clock)
    assert runs.calls == 1
    assert sched.info.next_run == clock.now + timedelta(minutes=5)
    assert recorder.events[-1] == ("finished", "result-1")
    assert recorder.states() == [IDLE, SYNCING, IDLE]

    step_to_next_run(sched, clock)
    step_to_next_run(sched, clock)
    assert runs.calls == 3
    assert len(manual(sched).get_jobs()) == 1, "exactly one pending job at any time"


def test_set_interval_moves_the_pending_run_and_is_clamped(sched: SyncScheduler, clock: FakeClock, runs: Runs) -> None:
    sched.start()
    step_to_next_run(sched, clock)
    sched.set_interval(15)
    assert sched.interval_minutes == 15
    assert sched.info.next_run == clock.now + timedelta(minutes=15)
    clock.advance(minutes=10)
    manual(sched).process()
    assert runs.calls == 1, "the old 5-minute run must be gone"
    step_to_next_run(sched, clock)
    assert runs.calls == 2
    sched.set_interval(0)
    assert sched.interval_minutes == 1
    sched.set_interval(500)
    assert sched.interval_minutes == 60


def test_jitter_stays_within_its_bound(clock: FakeClock, runs: Runs) -> None:
    sched = SyncScheduler(
        runs, 5, jitter_seconds=15, first_delay_seconds=0, clock=clock, scheduler=ManualScheduler(timezone=UTC)
    )
    sched._rng = random.Random(4)
    sched.start()
    offsets = []
    for _ in range(20):
        step_to_next_run(sched, clock)
        assert sched.info.next_run is not None
        offsets.append((sched.info.next_run - clock.now - timedelta(minutes=5)).total_seconds())
    sched.shutdown()
    assert all(0 <= offset <= 15 for offset in offsets)
    assert len(set(offsets)) > 1, "jitter should vary"


# -- coalescing ------------------------------------------------------------------------------------------------
def test_a_long_sleep_wakes_up_to_exactly_one_run(sched: SyncScheduler, clock: FakeClock, runs: Runs) -> None:
    sched.start()
    step_to_next_run(sched, clock)
    assert runs.calls == 1
    clock.advance(hours=3)  # the laptop slept through 36 runs
    manual(sched).process()
    assert runs.calls == 2
    manual(sched).process()
    assert runs.calls == 2
    assert sched.info.next_run == clock.now + timedelta(minutes=5), "the next run counts from the wake-up"


# -- backoff and recovery --------------------------------------------------------------------------------------
def test_failures_back_off_up_to_thirty_minutes_then_recover_by_themselves(
    sched: SyncScheduler, clock: FakeClock, runs: Runs, recorder: Recorder
) -> None:
    runs.failures_left = 4
    sched.start()
    delays = []
    for _ in range(4):
        step_to_next_run(sched, clock)
        assert sched.state == BACKOFF
        assert sched.info.next_run is not None
        delays.append(sched.info.next_run - clock.now)
    assert delays == [timedelta(minutes=m) for m in (10, 20, 30, 30)]
    assert sched.info.failures == 4
    assert isinstance(sched.info.last_error, NetworkError)
    assert recorder.count("failed") == 4

    step_to_next_run(sched, clock)
    assert sched.state == IDLE
    assert sched.info.failures == 0
    assert sched.info.last_error is None
    assert sched.info.next_run == clock.now + timedelta(minutes=5)
    assert recorder.events[-1][0] == "finished"


def test_an_unexpected_exception_is_reported_as_a_typed_error_and_backed_off(
    sched: SyncScheduler, clock: FakeClock, runs: Runs, recorder: Recorder
) -> None:
    runs.crash = RuntimeError("bug")
    sched.start()
    step_to_next_run(sched, clock)
    kind, error = recorder.events[-1]
    assert kind == "failed"
    assert isinstance(error, CalmediError)
    assert error.technical == "RuntimeError"
    assert sched.state == BACKOFF
    runs.crash = None
    step_to_next_run(sched, clock)
    assert sched.state == IDLE


# -- sync now, pause, resume -----------------------------------------------------------------------------------
def test_sync_now_runs_at_once_and_replaces_the_pending_run(sched: SyncScheduler, clock: FakeClock, runs: Runs) -> None:
    sched.start()
    step_to_next_run(sched, clock)
    clock.advance(minutes=1)
    assert sched.sync_now() is True
    assert sched.sync_now() is True  # a double click still makes one run
    manual(sched).process()
    assert runs.calls == 2
    assert sched.info.next_run == clock.now + timedelta(minutes=5)
    assert len(manual(sched).get_jobs()) == 1


def test_pause_stops_runs_and_resume_runs_at_once(
    sched: SyncScheduler, clock: FakeClock, runs: Runs, recorder: Recorder
) -> None:
    sched.start()
    step_to_next_run(sched, clock)
    sched.pause()
    assert sched.state == PAUSED
    assert sched.info.next_run is None
    assert manual(sched).get_jobs() == []
    assert sched.sync_now() is False
    clock.advance(hours=2)
    manual(sched).process()
    assert runs.calls == 1

    sched.resume()
    assert sched.state == IDLE
    assert sched.info.next_run == clock.now
    manual(sched).process()
    assert runs.calls == 2
    assert recorder.states()[-3:] == [IDLE, SYNCING, IDLE]


def test_resume_clears_the_backoff(sched: SyncScheduler, clock: FakeClock, runs: Runs) -> None:
    runs.failures_left = 3
    sched.start()
    for _ in range(3):
        step_to_next_run(sched, clock)
    sched.pause()
    sched.resume()
    assert sched.info.failures == 0
    step_to_next_run(sched, clock)
    assert sched.info.next_run == clock.now + timedelta(minutes=5)


def test_start_paused_schedules_nothing(sched: SyncScheduler, clock: FakeClock, runs: Runs) -> None:
    sched.start(paused=True)
    assert sched.state == PAUSED
    assert manual(sched).get_jobs() == []
    sched.shutdown()
    assert sched.state == STOPPED
    assert sched.sync_now() is False


# -- one run at a time -----------------------------------------------------------------------------------------
def test_one_run_at_a_time_and_pause_during_a_run_lets_it_finish(clock: FakeClock) -> None:
    entered, release = threading.Event(), threading.Event()
    calls: list[int] = []

    def slow_run(tier: str) -> str:
        calls.append(1)
        entered.set()
        assert release.wait(10)
        return "done"

    sched = SyncScheduler(slow_run, 5, jitter_seconds=0, clock=clock, scheduler=ManualScheduler(timezone=UTC))
    sched.start()
    worker = threading.Thread(target=sched.run_once)
    worker.start()
    assert entered.wait(10)
    assert sched.running and sched.state == SYNCING
    sched.run_once()  # a second run while the first is in progress is a no-op
    assert sched.sync_now() is False
    sched.pause()
    release.set()
    worker.join(10)
    assert len(calls) == 1
    assert sched.state == PAUSED, "a pause asked for during a run holds after it"
    assert manual(sched).get_jobs() == []
    sched.shutdown()


# -- the real background scheduler -----------------------------------------------------------------------------
def test_real_background_scheduler_runs_the_job_on_a_worker_thread() -> None:
    done = threading.Event()
    seen: dict[str, Any] = {}

    def run(tier: str) -> str:
        seen["thread"] = threading.current_thread()
        done.set()
        return "ok"

    sched = SyncScheduler(run, 5, jitter_seconds=0, first_delay_seconds=0)
    sched.start()
    try:
        assert done.wait(10), "the first run never happened"
        assert seen["thread"] is not threading.main_thread()
    finally:
        sched.shutdown()
    assert isinstance(sched._scheduler, BackgroundScheduler)


# -- tiers: the coming days often, the whole window at least every full interval ----------------------------------
@pytest.fixture
def tiered(clock: FakeClock, runs: Runs) -> Iterator[SyncScheduler]:
    scheduler = SyncScheduler(
        runs,
        40 / 60,
        full_interval_minutes=15,
        min_interval_minutes=0.5,
        jitter_seconds=0,
        first_delay_seconds=2,
        clock=clock,
        scheduler=ManualScheduler(timezone=UTC),
    )
    yield scheduler
    scheduler.shutdown()


def test_first_run_is_full_then_near_runs_every_interval_and_full_again_after_the_full_interval(
    tiered: SyncScheduler, clock: FakeClock, runs: Runs
) -> None:
    tiered.start()
    step_to_next_run(tiered, clock)
    assert runs.tiers == [FULL] and tiered.info.last_full == clock.now
    for _ in range(21):  # 21 × 40 s = 14 minutes
        step_to_next_run(tiered, clock)
        assert tiered.info.next_run == clock.now + timedelta(seconds=40)
    assert runs.tiers[1:] == [NEAR] * 21
    step_to_next_run(tiered, clock)  # 14 min 40 s
    step_to_next_run(tiered, clock)  # 15 min 20 s: the whole window is due
    assert runs.tiers[-2:] == [NEAR, FULL]
    assert tiered.info.last_full == clock.now


def test_sync_now_and_resume_read_the_whole_window(tiered: SyncScheduler, clock: FakeClock, runs: Runs) -> None:
    tiered.start()
    step_to_next_run(tiered, clock)
    step_to_next_run(tiered, clock)
    assert runs.tiers == [FULL, NEAR]
    assert tiered.sync_now() is True
    manual(tiered).process()
    assert runs.tiers[-1] == FULL, "the practitioner asked: everything is checked"
    step_to_next_run(tiered, clock)
    assert runs.tiers[-1] == NEAR
    tiered.pause()
    tiered.resume()
    manual(tiered).process()
    assert runs.tiers[-1] == FULL


def test_a_failed_full_run_is_tried_again_as_full(tiered: SyncScheduler, clock: FakeClock, runs: Runs) -> None:
    runs.failures_left = 2
    tiered.start()
    step_to_next_run(tiered, clock)
    step_to_next_run(tiered, clock)
    assert runs.tiers == [FULL, FULL] and tiered.info.last_full is None
    assert tiered.info.next_run == clock.now + timedelta(seconds=160), "backoff from the near interval"
    step_to_next_run(tiered, clock)
    step_to_next_run(tiered, clock)
    assert runs.tiers == [FULL, FULL, FULL, NEAR]


def test_a_near_run_that_became_full_counts_as_the_full_run(clock: FakeClock) -> None:
    class Result:
        def __init__(self, tier: str) -> None:
            self.tier = tier

    tiers: list[str] = []

    def run(tier: str) -> Result:
        tiers.append(tier)
        return Result(FULL if len(tiers) == 3 else tier)  # the third run found a cancellation

    sched = SyncScheduler(
        run, 1, full_interval_minutes=5, jitter_seconds=0, clock=clock, scheduler=ManualScheduler(timezone=UTC)
    )
    sched.start()
    for _ in range(3):
        step_to_next_run(sched, clock)
    assert tiers == [FULL, NEAR, NEAR] and sched.info.last_full == clock.now
    for _ in range(5):
        step_to_next_run(sched, clock)
    assert tiers[3:] == [NEAR, NEAR, NEAR, NEAR, FULL], "five minutes after the run that read everything"
    sched.shutdown()


def test_short_intervals_get_a_small_jitter(clock: FakeClock, runs: Runs) -> None:
    sched = SyncScheduler(
        runs,
        40 / 60,
        full_interval_minutes=15,
        min_interval_minutes=0.5,
        jitter_seconds=15,
        clock=clock,
        scheduler=ManualScheduler(timezone=UTC),
        rng=random.Random(3),
    )
    sched.start()
    offsets = []
    for _ in range(30):
        step_to_next_run(sched, clock)
        assert sched.info.next_run is not None
        offsets.append((sched.info.next_run - clock.now).total_seconds() - 40)
    sched.shutdown()
    assert all(0 <= offset <= 4 for offset in offsets) and max(offsets) > 1, "a tenth of the interval at most"


def test_without_a_full_interval_every_run_is_full(sched: SyncScheduler, clock: FakeClock, runs: Runs) -> None:
    sched.start()
    for _ in range(3):
        step_to_next_run(sched, clock)
    assert runs.tiers == [FULL] * 3
    sched.set_full_interval(15)
    step_to_next_run(sched, clock)
    assert runs.tiers[-1] == NEAR and sched.full_interval_minutes == 15
