"""Second pass: parse the kept events with icalendar and check every value CalMedi relies on.

Each component is parsed on its own, so an error names the line of the property at fault. A value is
repaired only when it has exactly one reading (an empty EXDATE/RDATE/RRULE excludes or adds nothing; a
DURATION written ``PT1W`` is one week; an all-day event that ends on its start day lasts that day);
anything else that affects when an event happens is refused with its line number, and the run aborts.

Library exceptions are converted with ``from None``: their messages may quote a line, and a chained
traceback in a log must never carry a patient's name.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

import icalendar
from icalendar.prop import vBroken, vDDDLists, vDuration

from calmedi_desktop.sync.sources.ics_text import DATE_PROPS, Prop, RawEvent, ScannedFeed, data_error, split_params
from calmedi_desktop.sync.sources.ics_zones import resolve_tzid, tzid_from_param, zone

MAX_CUSTOM_ZONES = 50
_EMPTY_OK = ("EXDATE", "RDATE", "RRULE")
_DURATION = re.compile(r"^([+-]?)P((?:\d+[WDHMS]|T)+)$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


@dataclass(frozen=True, slots=True)
class Single:
    """A non-recurring event, reduced to what a sync uses."""

    uid: str
    start: datetime | date
    end: datetime | date
    tentative: bool
    summary: str | None = field(repr=False)


@dataclass(frozen=True, slots=True)
class Instance:
    """One occurrence with its final id, ready to become an Appointment when it falls in a window."""

    source_id: str
    start: datetime | date
    end: datetime | date
    tentative: bool
    summary: str | None = field(repr=False)


@dataclass(slots=True)
class Part:
    """One component of a recurring series, with the line of each of its properties."""

    component: icalendar.Event = field(repr=False)
    line: int
    lines: dict[str, list[int]]

    def line_of(self, name: str, index: int = 0) -> int:
        lines = self.lines.get(name) or [self.line]
        return lines[min(index, len(lines) - 1)]


@dataclass
class ParsedFeed:
    singles: list[Single]
    series: dict[str, list[Part]]
    floating_zone: str
    calendar_zone: str | None
    first_day: date
    last_day: date
    total_events: int = 0
    skipped_events: int = 0
    # Every occurrence in [first_day, last_day], once the series are expanded (ics_expand.expand); singles and
    # series are then released, so a parse kept for a 304 holds these records only.
    instances: list[Instance] = field(default_factory=list, repr=False)
    series_count: int = 0


def parse(scanned: ScannedFeed, practice_zone: str, first_day: date, last_day: date) -> ParsedFeed:
    floating = scanned.calendar_zone or practice_zone
    custom = _register_custom_zones(scanned)
    feed = ParsedFeed(
        [], {}, floating, scanned.calendar_zone, first_day, last_day, scanned.total_events, scanned.skipped_events
    )
    for raw in scanned.events:
        event = _parse_event(raw, floating, custom)
        lines: dict[str, list[int]] = {}
        for prop in raw.props:
            lines.setdefault(prop.name, []).append(prop.line)
        part = Part(event, raw.line, lines)
        _repair(part)
        _check_times(part)
        uid = str(event.get("UID", "")).strip() or _synthetic_uid(event)
        if raw.recurring:
            event["UID"] = uid
            feed.series.setdefault(uid, []).append(part)
        elif (single := _single(part, uid, floating)) is not None:
            feed.singles.append(single)
    # Where an all-day series' UTC values are read as midnight: the feed's zone, its VTIMEZONEs, the practice's.
    zones = list(
        dict.fromkeys(
            [*([scanned.calendar_zone] if scanned.calendar_zone else []), *scanned.declared_zones, practice_zone]
        )
    )
    for parts in feed.series.values():
        _normalise_series(parts, zones)
    return feed


def _register_custom_zones(scanned: ScannedFeed) -> dict[str, str]:
    """Parse the VTIMEZONEs that name no known zone under a name derived from their content.

    icalendar caches VTIMEZONE definitions process-wide by TZID, first one wins: Outlook's "Customized Time
    Zone" would then mean whatever the first feed said. A content hash makes each definition its own name.
    """
    if len(scanned.timezones) > MAX_CUSTOM_ZONES:
        raise data_error("ics.data.too_many", "ics: too many custom zones", limit=MAX_CUSTOM_ZONES)
    names: dict[str, str] = {}
    for tzid, definition in scanned.timezones.items():
        digest = hashlib.sha256("\n".join(definition.lines).encode()).hexdigest()[:20]
        name = f"calmedi-{digest}"
        lines = [f"TZID:{name}" if line.upper().startswith("TZID") else line for line in definition.lines]
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                icalendar.Timezone.from_ical("\r\n".join(lines))
        except Exception:
            raise data_error(
                "ics.data.bad_component", f"ics: VTIMEZONE at line {definition.line}", line=definition.line
            ) from None
        names[tzid] = name
    return names


def _zone_param(prop: Prop, floating: str, custom: dict[str, str]) -> str:
    pairs = split_params(prop.params)
    tzid = next((value for key, value in pairs if key == "TZID"), None)
    rest = "".join(f";{key}={value}" for key, value in pairs if key != "TZID")
    if tzid is not None:
        # A known zone wins over the feed's VTIMEZONE of the same name (see ics_zones); custom ones are keyed
        # by their decoded TZID, as the parameter is decoded here.
        name = next((found for n in tzid_from_param(tzid) if (found := resolve_tzid(n) or custom.get(n))), None)
        if name is None:
            raise data_error("ics.data.unknown_zone", f"ics: unknown TZID at line {prop.line}", line=prop.line)
        return f";TZID={name}{rest}"
    values = prop.value.split(",")
    if any("T" in v.upper() and not v.strip().upper().endswith("Z") for v in values):
        return f";TZID={floating}{rest}"  # a floating time: the feed's zone, else the practice's
    return prop.params


def _parse_event(raw: RawEvent, floating: str, custom: dict[str, str]) -> icalendar.Event:
    lines = ["BEGIN:VEVENT"]
    for prop in raw.props:
        params = _zone_param(prop, floating, custom) if prop.name in DATE_PROPS else prop.params
        lines.append(f"{prop.name}{params}:{prop.value}")
    lines.append("END:VEVENT")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            event = icalendar.Event.from_ical("\r\n".join(lines))
    except Exception:
        raise data_error("ics.data.bad_component", f"ics: VEVENT at line {raw.line}", line=raw.line) from None
    if not isinstance(event, icalendar.Event):
        raise data_error("ics.data.bad_component", f"ics: VEVENT at line {raw.line}", line=raw.line)
    return event


def lenient_duration(text: str) -> timedelta | None:
    """RFC 5545 durations, plus the ``PT1W`` some producers write (weeks are unambiguous anywhere)."""
    match = _DURATION.match(text.strip().upper())
    if not match:
        return None
    sign, body = match.groups()
    total, in_time = timedelta(), False
    for token in re.findall(r"T|\d+[WDHMS]", body):
        if token == "T":
            in_time = True
            continue
        amount, unit = int(token[:-1]), token[-1]
        if unit == "M" and not in_time:
            return None  # months have no fixed length
        total += {"W": timedelta(weeks=1), "D": timedelta(days=1), "H": timedelta(hours=1)}.get(
            unit, timedelta(minutes=1) if unit == "M" else timedelta(seconds=1)
        ) * amount
    return -total if sign == "-" else total


def _repair(part: Part) -> None:
    event = part.component
    if any(name is None for name, _ in event.errors):
        # icalendar could not split one of the lines kept for it: it dropped it, and we cannot know its meaning.
        raise data_error("ics.data.bad_component", f"ics: unreadable line in VEVENT at {part.line}", line=part.line)
    for name in sorted({name for name, _ in event.errors if name}):
        values = event.get(name)
        items = values if isinstance(values, list) else [values]
        kept: list[Any] = []
        for index, item in enumerate(items):
            line = part.line_of(name, index)
            if not isinstance(item, vBroken):
                kept.append(item)
            elif name in _EMPTY_OK and not str(item).strip():
                continue  # an empty list excludes, adds or repeats nothing
            elif name == "DURATION" and (fixed := lenient_duration(str(item))) is not None:
                kept.append(vDuration(fixed))
            elif name == "SEQUENCE":
                continue  # only orders versions of one event
            else:
                raise data_error("ics.data.bad_value", f"ics: bad {name} at line {line}", prop=name, line=line)
        del event[name]
        for item in kept:
            event.add(name, item, encode=False)
    event.errors.clear()
    # Empty RRULE parses to an empty rule: it repeats nothing.
    if "RRULE" in event and not event["RRULE"]:
        del event["RRULE"]


def _kind(value: object) -> str:
    if isinstance(value, datetime):
        return "datetime"
    if isinstance(value, date):
        return "date"
    return "other"


def _localise(value: datetime, floating: str) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=zone(floating))


def _check_times(part: Part) -> None:
    event = part.component
    if "DTSTART" not in event:
        raise data_error("ics.data.no_start", f"ics: no DTSTART at line {part.line}", line=part.line)
    start = event["DTSTART"].dt
    if _kind(start) == "other":
        line = part.line_of("DTSTART")
        raise data_error("ics.data.bad_value", f"ics: bad DTSTART at line {line}", prop="DTSTART", line=line)
    if "DTEND" in event and _kind(event["DTEND"].dt) != _kind(start):
        line = part.line_of("DTEND")
        raise data_error("ics.data.bad_value", f"ics: DTEND type at line {line}", prop="DTEND", line=line)
    if "DURATION" in event and not isinstance(event["DURATION"].dt, timedelta):
        line = part.line_of("DURATION")
        raise data_error("ics.data.bad_value", f"ics: bad DURATION at line {line}", prop="DURATION", line=line)
    end_of(event, part.line_of("DTEND" if "DTEND" in event else "DURATION"))  # raises if it ends before it starts


def end_of(event: icalendar.Event, line: int) -> datetime | date:
    """DTEND, else DTSTART + DURATION, else RFC 5545's default (one day for a date, zero for a time)."""
    start = event["DTSTART"].dt
    if "DTEND" in event:
        end = event["DTEND"].dt
    elif "DURATION" in event:
        duration = event["DURATION"].dt
        if isinstance(start, datetime):
            end = start + duration
        else:
            end = start + timedelta(days=duration.days + (1 if duration.seconds else 0))
    else:
        end = start if isinstance(start, datetime) else start + timedelta(days=1)
    if isinstance(start, datetime):
        if end < start:
            raise data_error("ics.data.end_before_start", f"ics: end before start at line {line}", line=line)
        return end
    if end < start:
        raise data_error("ics.data.end_before_start", f"ics: end before start at line {line}", line=line)
    return end if end > start else start + timedelta(days=1)  # an all-day event lasts at least its day


def clean_summary(value: object) -> str | None:
    if value is None:
        return None
    text = _CONTROL.sub(" ", str(value)).strip()
    return " ".join(text.split())[:300] or None


def _synthetic_uid(event: icalendar.Event) -> str:
    # RFC 5545 requires a UID; some exporters omit it. Only a hash leaves memory (inside the event id).
    def text_of(name: str) -> str:
        values = event.get(name)
        items = values if isinstance(values, list) else [values] if values is not None else []
        return ",".join(item.to_ical().decode("utf-8", "replace") for item in items)

    text = "|".join(text_of(name) for name in ("DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "SUMMARY"))
    return "nouid:" + hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:24]


def _single(part: Part, uid: str, floating: str) -> Single | None:
    event = part.component
    status = str(event.get("STATUS", "")).strip().upper()
    if status == "CANCELLED":
        return None
    start, end = event["DTSTART"].dt, end_of(event, part.line)  # checked by _check_times
    if isinstance(start, datetime) and isinstance(end, datetime):
        start, end = _localise(start, floating), _localise(end, floating)
    return Single(uid, start, end, status == "TENTATIVE", clean_summary(event.get("SUMMARY")))


def day_of(value: datetime, zones: list[str]) -> date:
    """The calendar day a date-time given for an all-day series names.

    Exchange writes midnight of the day, local (EXDATE;TZID=...:20210409T000000) or in UTC (UNTIL=...T230000Z
    for a London calendar); Google writes the end of the day in UTC (UNTIL=...T235959Z). A UTC value is read
    as midnight of the first candidate zone in which it is exactly midnight, else as its UTC day.
    """
    if value.tzinfo is None:
        return value.date()
    if value.utcoffset() != timedelta(0) or str(value.tzinfo).upper() not in ("UTC", "Z", "ETC/UTC", "GMT"):
        return value.date()
    for name in zones:
        local = value.astimezone(zone(name))
        if local.time() == time(0):
            return local.date()
    return value.astimezone(UTC).date()


def _normalise_series(parts: list[Part], zones: list[str]) -> None:
    """Make the values of one series comparable, as their producers meant them (see ``day_of``).

    Compared as written, an all-day series' excluded days reappear and its last day is lost.
    """
    masters = [p for p in parts if "RECURRENCE-ID" not in p.component]
    all_day = bool(masters) and not isinstance(masters[0].component["DTSTART"].dt, datetime)
    for part in parts:
        event = part.component
        start = event["DTSTART"].dt
        if all_day and "EXDATE" in event:
            exdates = event["EXDATE"] if isinstance(event["EXDATE"], list) else [event["EXDATE"]]
            days = sorted({day_of(d.dt, zones) if isinstance(d.dt, datetime) else d.dt for e in exdates for d in e.dts})
            del event["EXDATE"]
            event.add("EXDATE", vDDDLists(days), encode=False)
        if all_day and "RECURRENCE-ID" in event and isinstance(event["RECURRENCE-ID"].dt, datetime):
            rid = event["RECURRENCE-ID"]
            del event["RECURRENCE-ID"]
            event.add("RECURRENCE-ID", day_of(rid.dt, zones))
            for key, value in rid.params.items():
                if key.upper() == "RANGE":
                    event["RECURRENCE-ID"].params["RANGE"] = value
        if not isinstance(start, datetime) and "DURATION" in event and event["DURATION"].dt.seconds:
            event["DURATION"] = vDuration(timedelta(days=event["DURATION"].dt.days + 1))
        rules = event.get("RRULE")
        for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
            _fix_until(rule, start, zones)


def _fix_until(rule: Any, start: datetime | date, zones: list[str]) -> None:
    untils = rule.get("UNTIL")
    if not untils:
        return
    until = untils[0]
    if not isinstance(start, datetime) and isinstance(until, datetime):
        rule["UNTIL"] = [day_of(until, zones)]
    elif isinstance(start, datetime) and not isinstance(until, datetime):
        # A DATE UNTIL on a timed series: the whole of that day, in the series' zone.
        zone_info: tzinfo = start.tzinfo or zone(zones[-1])
        rule["UNTIL"] = [datetime.combine(until, time(23, 59, 59), tzinfo=zone_info).astimezone(UTC)]
    elif isinstance(start, datetime):
        # dateutil wants a UTC UNTIL with an aware DTSTART; a floating one means the series' own wall clock.
        local = until if until.tzinfo is not None else until.replace(tzinfo=start.tzinfo or zone(zones[-1]))
        rule["UNTIL"] = [local.astimezone(UTC)]
