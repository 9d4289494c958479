"""Third step: recurring series → instances, and every instance → an Appointment when it is in a window.

Each series is expanded with its own ``recurring_ical_events`` query, once per parse and over the whole parsed
range, so an error names the series' lines and a 304 only filters the resulting records. Before a rule is
expanded its cost is bounded: dateutil walks every period from DTSTART, so a ``FREQ=SECONDLY`` rule from 1601
would hang the app, and a rule with a thousand instances a day would fill memory. Both are refused with the
rule's line.

An instance's ``source_id`` is its UID plus, for a recurring one, its original start (RECURRENCE-ID) in UTC:
moving or editing one instance updates that Google event instead of deleting and re-creating it.
"""

from __future__ import annotations

import math
import warnings
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import icalendar
import recurring_ical_events

from calmedi_desktop.sync.model import Appointment, Kind
from calmedi_desktop.sync.sources.ics_parse import Instance, ParsedFeed, Part, clean_summary
from calmedi_desktop.sync.sources.ics_text import data_error
from calmedi_desktop.sync.sources.ics_zones import zone

MAX_RULE_WORK = 1_000_000
MAX_FEED_WORK = 2_000_000
MAX_INSTANCES = 20_000
SEPARATOR = "\x1f"

_PERIOD = {
    "SECONDLY": timedelta(seconds=1),
    "MINUTELY": timedelta(minutes=1),
    "HOURLY": timedelta(hours=1),
    "DAILY": timedelta(days=1),
    "WEEKLY": timedelta(weeks=1),
    "MONTHLY": timedelta(days=28),
    "YEARLY": timedelta(days=365),
}


def instant_key(value: datetime | date) -> str:
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%d")


def _as_instant(value: datetime | date, fallback_zone: str) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone(fallback_zone))
    return datetime.combine(value, time(), tzinfo=zone(fallback_zone))


def _per_period(rule: Any, freq: str) -> int:
    """An upper bound of the instances one period of the rule can produce."""

    def count(part: str) -> int:
        return len(rule.get(part) or [])

    if freq == "YEARLY":
        days = 366 if any(count(p) for p in ("BYDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTHDAY")) else count("BYMONTH")
    elif freq == "MONTHLY":
        days = count("BYMONTHDAY") + 5 * count("BYDAY")
    elif freq == "WEEKLY":
        days = count("BYDAY")
    else:
        days = 1
    times = math.prod(max(1, count(part)) for part in ("BYHOUR", "BYMINUTE", "BYSECOND"))
    return max(1, days) * times


def rule_cost(rule: Any, start: datetime | date, first: datetime, horizon: datetime, zone_name: str) -> tuple[int, int]:
    """(periods dateutil walks up to ``horizon`` × instances per period, instances possible in the window)."""
    freq = str((rule.get("FREQ") or [""])[0]).upper()
    if freq not in _PERIOD:
        raise ValueError("FREQ")
    step = _PERIOD[freq] * max(1, int((rule.get("INTERVAL") or [1])[0]))
    begin = _as_instant(start, zone_name)
    end = horizon
    until = rule.get("UNTIL")
    if until:
        end = min(end, _as_instant(until[0], zone_name) + timedelta(days=1))
    if end <= begin:
        return 1, 1
    per_period = _per_period(rule, freq)
    walked = (end - begin) // step + 1
    in_window = (end - max(begin, first)) // step + 1 if end > first else 0
    return walked * per_period, max(0, in_window) * per_period


def expand(feed: ParsedFeed, first: datetime, horizon: datetime) -> None:
    """Turn the parsed feed into ``feed.instances`` for [first, horizon), once per parse.

    Every rule's cost is checked first; each series is expanded with its own query, so an error names its
    lines. A later read of the same parse (a 304) only filters these records by its window.
    """
    _check_costs(feed, first, horizon)
    instances: list[Instance] = []
    # A UID on two events without RECURRENCE-ID: keep both (losing an appointment is worse than a double),
    # told apart by their start; decided over the whole feed so that ids do not change as the window moves.
    counts = Counter(single.uid for single in feed.singles)
    for single in feed.singles:
        source_id = single.uid if counts[single.uid] == 1 else f"{single.uid}{SEPARATOR}{instant_key(single.start)}"
        instances.append(Instance(source_id, single.start, single.end, single.tentative, single.summary))
    for uid, parts in feed.series.items():
        for occurrence in _occurrences(parts, feed.calendar_zone, first, horizon):
            status = str(occurrence.get("STATUS", "")).strip().upper()
            if status == "CANCELLED":
                continue
            instances.append(
                Instance(
                    f"{uid}{SEPARATOR}{instant_key(occurrence['RECURRENCE-ID'].dt)}",
                    occurrence["DTSTART"].dt,
                    occurrence["DTEND"].dt,
                    status == "TENTATIVE",
                    clean_summary(occurrence.get("SUMMARY")),
                )
            )
    feed.instances, feed.series_count = instances, len(feed.series)
    feed.singles, feed.series = [], {}


def _check_costs(feed: ParsedFeed, first: datetime, horizon: datetime) -> None:
    work = instances = 0
    for parts in feed.series.values():
        for part in parts:
            rdates = part.component.get("RDATE")
            instances += sum(len(r.dts) for r in (rdates if isinstance(rdates, list) else [rdates] if rdates else []))
            rules = part.component.get("RRULE")
            for index, rule in enumerate(rules if isinstance(rules, list) else [rules] if rules else []):
                line = part.line_of("RRULE", index)
                try:
                    walked, possible = rule_cost(rule, part.component["DTSTART"].dt, first, horizon, feed.floating_zone)
                except (ValueError, TypeError, OverflowError):
                    raise data_error(
                        "ics.data.bad_value", f"ics: RRULE at line {line}", prop="RRULE", line=line
                    ) from None
                work, instances = work + walked, instances + possible
                if walked > MAX_RULE_WORK or work > MAX_FEED_WORK or instances > MAX_INSTANCES:
                    raise data_error("ics.data.recurrence_too_costly", f"ics: costly RRULE at line {line}", line=line)
            if instances > MAX_INSTANCES:
                line = part.line_of("RDATE")
                raise data_error("ics.data.recurrence_too_costly", f"ics: too many RDATEs at line {line}", line=line)


def _occurrences(parts: list[Part], calendar_zone: str | None, first: datetime, horizon: datetime) -> list[Any]:
    calendar = icalendar.Calendar()
    if calendar_zone:
        # The library then reads UTC times of the series in the feed's zone, as Google does: a weekly rule
        # keeps its wall-clock time across a DST change.
        calendar.add("X-WR-TIMEZONE", calendar_zone)
    for part in parts:
        calendar.add_component(part.component)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return list(recurring_ical_events.of(calendar).between(first, horizon))
    except Exception:  # a series the library cannot read is the feed's fault
        line = min(part.line for part in parts)
        raise data_error("ics.data.bad_component", f"ics: series at line {line}", line=line) from None


def appointments(
    feed: ParsedFeed, source: str, start: datetime, end: datetime, practice_zone: str
) -> list[Appointment]:
    """Every non-cancelled instance starting in [start, end), at most once per source_id."""
    tz = zone(practice_zone)
    result: list[Appointment] = []
    seen: set[str] = set()
    for item in feed.instances:
        if not start <= _as_instant(item.start, practice_zone) < end or item.source_id in seen:
            continue
        seen.add(item.source_id)
        begin, finish = item.start, item.end
        if isinstance(begin, datetime) and isinstance(finish, datetime):
            begin, finish = begin.astimezone(tz), finish.astimezone(tz)
        elif not isinstance(begin, datetime) and finish <= begin:
            finish = begin + timedelta(days=1)  # an all-day event lasts at least its day (Google refuses less)
        result.append(
            Appointment(
                source=source,
                source_id=item.source_id,
                start=begin,
                end=finish,
                timezone=practice_zone,
                tentative=item.tentative,
                awaiting_confirmation=item.tentative,  # STATUS:TENTATIVE: not confirmed yet
                kind=Kind.APPOINTMENT,
                patient_name=item.summary,
            )
        )
    result.sort(key=lambda a: (_as_instant(a.start, practice_zone), a.source_id))
    return result
