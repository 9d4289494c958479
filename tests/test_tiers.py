"""Which window a run reads, and the order of its writes: pure functions of ``now``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from calmedi_desktop.sync.model import ExistingEvent, Plan
from calmedi_desktop.sync.runner import RunOptions, run_near, run_sync
from calmedi_desktop.sync.targets.memory import MemoryTarget
from calmedi_desktop.sync.tiers import FULL, NEAR, day_start, nearest_first, nearness, windows
from tests.google.simkit import appointment, desired
from tests.test_run_progress import ListSource

PARIS = ZoneInfo("Europe/Paris")


def test_the_near_window_starts_at_midnight_in_the_practice_and_counts_calendar_days() -> None:
    now = datetime(2026, 10, 22, 21, 30, tzinfo=UTC)  # 23:30 in Paris
    spans = windows(now, 7, 90, 7, "Europe/Paris")
    assert spans.today == datetime(2026, 10, 22, tzinfo=PARIS)
    # Across the autumn clock change (25 October) the window still ends at a midnight, 7 days later.
    assert spans.near == (spans.today, datetime(2026, 10, 29, tzinfo=PARIS))
    assert spans.full == (now - timedelta(days=7), now + timedelta(days=90))
    assert day_start(datetime(2026, 10, 22, 22, 30, tzinfo=UTC), "Europe/Paris") == datetime(2026, 10, 23, tzinfo=PARIS)


def test_the_near_window_never_leaves_the_full_one() -> None:
    now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    spans = windows(now, 0, 3, 7, "Europe/Paris")
    assert spans.near == (now, now + timedelta(days=3)), "no past days, three ahead: clipped on both sides"


def test_nearest_first_today_then_the_coming_days_then_the_past_latest_first() -> None:
    today = datetime(2026, 3, 2, tzinfo=PARIS)
    at = {
        name: today + timedelta(days=days, hours=9)
        for name, days in {
            "far": 40,
            "tomorrow": 1,
            "today": 0,
            "yesterday": -1,
            "last_week": -6,
            "next_week": 6,
        }.items()
    }
    inserts = [desired(n, at=at[name]) for n, name in enumerate(("far", "tomorrow", "last_week"))]
    updates = [desired(10 + n, at=at[name]) for n, name in enumerate(("yesterday", "next_week"))]
    gone = ExistingEvent(id="gone00", status="confirmed", tagged=True, content_hash="x", start=at["today"])
    plan = Plan(inserts=inserts, updates=updates, deletes=["gone00"])
    order = nearest_first(plan, [gone], today)
    labels = ("far", "tomorrow", "last_week", "yesterday", "next_week")
    names = {w.id: name for w, name in zip([*inserts, *updates], labels, strict=True)}
    names["gone00"] = "today"
    assert [names[event_id] for event_id in order] == [
        "today",
        "tomorrow",
        "next_week",
        "far",
        "yesterday",
        "last_week",
    ]
    assert nearness(None, today) > nearness(at["last_week"], today)


def test_a_near_run_plans_only_its_window_and_hands_a_vanished_event_to_a_full_run() -> None:
    now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    spans = windows(now, 7, 90, 7, "Europe/Paris")
    soon = [appointment(n, at=now + timedelta(days=n % 5, hours=1)) for n in range(5)]
    later = [appointment(100 + n, at=now + timedelta(days=20 + n)) for n in range(5)]
    target = MemoryTarget()
    run_sync([ListSource(soon + later)], target, *spans.full, RunOptions())
    assert len(target.events) == 10
    changed_later = [appointment(100, at=now + timedelta(days=21, hours=3)), *later[1:]]
    new_soon = appointment(50, at=now + timedelta(hours=5))

    result = run_near([ListSource([*soon, new_soon, *changed_later])], target, spans, RunOptions())
    assert (result.tier, result.created, result.updated, result.deleted) == (NEAR, 1, 0, 0)
    untouched = target.events[desired(100, at=later[0].start).id]["start"]["dateTime"]
    assert datetime.fromisoformat(untouched) == later[0].start, "outside the window: left for the full run"

    result = run_near([ListSource([*soon[1:], new_soon, *changed_later])], target, spans, RunOptions())
    assert (result.tier, result.deleted, result.updated) == (FULL, 1, 1), "a vanished event: the whole window"
