"""Which window a run reads, and in which order its writes go out. Pure: the caller says what ``now`` is.

Freshness comes from reading less, more often. A *near* run reads and lists only the coming days (today from
midnight in the practice's zone, and ``near_days`` days in all), every ``near_interval_seconds``; a *full*
run reads and lists the whole window (``past_days`` back to ``future_days`` ahead), every
``full_interval_minutes``, and whenever the practitioner asks for a sync. A run plans only the window it read,
so it never touches an event outside it.

Writes go out nearest to today first: today and the days after it in order, then the past, most recent first.
A first sync limited by Google's quota then puts the next appointments in Google within seconds, and a
cancellation for today never waits behind next quarter's inserts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from calmedi_desktop.sync.model import ExistingEvent, Plan

NEAR, FULL = "near", "full"


@dataclass(frozen=True)
class Windows:
    full: tuple[datetime, datetime]
    near: tuple[datetime, datetime]
    today: datetime  # midnight at the start of today in the practice's zone: the pivot of "nearest first"


def day_start(now: datetime, timezone: str) -> datetime:
    """Midnight at the start of ``now``'s day in ``timezone`` (aware)."""
    zone = ZoneInfo(timezone)
    local = now.astimezone(zone)
    return datetime(local.year, local.month, local.day, tzinfo=zone)


def full_window(now: datetime, past_days: int, future_days: int) -> tuple[datetime, datetime]:
    """The whole window: ``past_days`` back to ``future_days`` ahead of ``now``."""
    return now - timedelta(days=past_days), now + timedelta(days=future_days)


def windows(now: datetime, past_days: int, future_days: int, near_days: int, timezone: str) -> Windows:
    full = full_window(now, past_days, future_days)
    today = day_start(now, timezone)
    last = today.date() + timedelta(days=near_days)
    # Calendar days, not 24-hour steps: the near window ends at a midnight even across a clock change.
    near_end = datetime(last.year, last.month, last.day, tzinfo=today.tzinfo)
    near = (max(today, full[0]), min(near_end, full[1]))
    return Windows(full=full, near=near, today=today)


def nearness(start: datetime | None, today: datetime) -> tuple[int, float]:
    """Sort key: from today on, soonest first; then the past, most recent first; an event without a start last."""
    if start is None:
        return (2, 0.0)
    seconds = (start - today).total_seconds()
    return (0, seconds) if seconds >= 0 else (1, -seconds)


def nearest_first(plan: Plan, existing: Iterable[ExistingEvent], today: datetime) -> list[str]:
    """The plan's writes (inserts, updates, deletes together) as event ids, nearest to ``today`` first."""
    starts = {event.id: event.start for event in existing}
    keyed = [(want.id, want.start) for want in (*plan.inserts, *plan.updates)]
    keyed += [(event_id, starts.get(event_id)) for event_id in plan.deletes]
    keyed.sort(key=lambda item: nearness(item[1], today))
    return [event_id for event_id, _ in keyed]
