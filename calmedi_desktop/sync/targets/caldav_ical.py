"""One CalMedi event as one iCalendar resource, and back (RFC 5545, RFC 7986 COLOR).

The DesiredEvent body is Google-shaped JSON built by privacy/redaction.py; this module writes exactly what it
holds and nothing else, so the privacy level decides what a CalDAV server sees as it does for Google. Times
keep the practice's zone (``TZID`` with a ``VTIMEZONE`` covering the event's year, as Apple Calendar, DAVx5 and
Thunderbird write them); a body without a zone is written in UTC. CalMedi's tag, content hash and schema
version travel as ``X-CALMEDI-TAG``, ``X-CALMEDI-HASH`` and ``X-CALMEDI-SCHEMA``.

Reading is lenient: a resource CalMedi did not write may hold anything; whatever cannot be read makes it an
untagged event with what could be read, which the sync never touches.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event, Timezone

from calmedi_desktop import __version__
from calmedi_desktop.sync.eventid import HASH_KEY, SCHEMA_KEY, TAG_KEY

PRODID = f"-//CalMedi//CalMedi Desktop {__version__}//FR"
#: extendedProperties.private key -> iCalendar property.
TAG_PROPERTIES = {TAG_KEY: "X-CALMEDI-TAG", HASH_KEY: "X-CALMEDI-HASH", SCHEMA_KEY: "X-CALMEDI-SCHEMA"}
#: Google's event colours as the nearest CSS3 colour names (RFC 7986 COLOR takes a CSS3 name).
GOOGLE_COLOURS = {
    "1": "mediumslateblue",  # lavender
    "2": "mediumseagreen",  # sage
    "3": "darkorchid",  # grape
    "4": "lightcoral",  # flamingo
    "5": "gold",  # banana
    "6": "orangered",  # tangerine
    "7": "deepskyblue",  # peacock
    "8": "dimgray",  # graphite
    "9": "royalblue",  # blueberry
    "10": "forestgreen",  # basil
    "11": "red",  # tomato
}
_COLOUR_IDS = {name: colour_id for colour_id, name in GOOGLE_COLOURS.items()}
_CLASSES = {"private": "PRIVATE", "public": "PUBLIC", "confidential": "CONFIDENTIAL"}
_TRANSPARENCIES = {"opaque": "OPAQUE", "transparent": "TRANSPARENT"}
_STATUSES = ("confirmed", "tentative", "cancelled")


@dataclass(frozen=True)
class ParsedEvent:
    """What a resource says, in the target's terms. ``body`` is Google-shaped, for tests and diagnostics."""

    uid: str | None
    status: str
    tagged: bool
    content_hash: str | None
    start: datetime | None
    end: datetime | None
    body: dict[str, Any] = field(default_factory=dict, repr=False)


# -- writing -----------------------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _vtimezone(zone_name: str, first_year: int, last_year: int) -> Timezone:
    first, last = date(first_year, 1, 1), date(last_year + 1, 1, 1)
    return Timezone.from_tzinfo(ZoneInfo(zone_name), first_date=first, last_date=last)


def _zone(name: str | None) -> ZoneInfo | None:
    if not name or name.upper() in ("UTC", "ETC/UTC", "Z"):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None  # an unknown zone: the instant is still exact in UTC


def _moment(value: Mapping[str, str]) -> tuple[datetime | date, ZoneInfo | None]:
    if "dateTime" in value:
        moment = datetime.fromisoformat(value["dateTime"].replace("Z", "+00:00"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        zone = _zone(value.get("timeZone"))
        return (moment.astimezone(zone), zone) if zone else (moment.astimezone(UTC), None)
    return date.fromisoformat(value["date"]), None


def _alarms(body: Mapping[str, Any]) -> list[Alarm]:
    """Google's popup reminders as DISPLAY alarms. E-mail reminders have no CalDAV equivalent a server would
    honour (an EMAIL alarm needs attendees), so they are left out; ``useDefault`` leaves the client's default."""
    reminders = body.get("reminders") or {}
    alarms = []
    for override in reminders.get("overrides") or []:
        if override.get("method") != "popup":
            continue
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", body.get("summary") or "CalMedi")
        alarm.add("trigger", timedelta(minutes=-int(override.get("minutes", 0))))
        alarms.append(alarm)
    return alarms


def body_to_ical(body: Mapping[str, Any], *, stamp: datetime | None = None) -> bytes:
    """The iCalendar resource for a Google-shaped event body (its ``id`` becomes the UID)."""
    start, start_zone = _moment(body["start"])
    end, end_zone = _moment(body["end"])
    event = Event()
    event.add("uid", body["id"])
    event.add("dtstamp", (stamp or datetime.now(UTC)).replace(microsecond=0))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", body.get("summary") or "")
    if body.get("location"):
        event.add("location", body["location"])
    if body.get("status") in _STATUSES:
        event.add("status", body["status"].upper())
    if body.get("visibility") in _CLASSES:
        event.add("class", _CLASSES[body["visibility"]])
    if body.get("transparency") in _TRANSPARENCIES:
        event.add("transp", _TRANSPARENCIES[body["transparency"]])
    if body.get("colorId") in GOOGLE_COLOURS:
        event.add("color", GOOGLE_COLOURS[body["colorId"]])
    tags = (body.get("extendedProperties") or {}).get("private") or {}
    for key, name in TAG_PROPERTIES.items():
        if key in tags:
            event.add(name, str(tags[key]))
    for alarm in _alarms(body):
        event.add_component(alarm)

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    zones = {zone.key for zone in (start_zone, end_zone) if zone is not None}
    years = [moment.year for moment in (start, end)]
    for zone_name in sorted(zones):
        calendar.add_component(_vtimezone(zone_name, min(years), max(years)))
    calendar.add_component(event)
    return calendar.to_ical()


# -- reading -----------------------------------------------------------------------------------------------


def _aware(value: datetime | date, default_zone: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=default_zone)
    return datetime(value.year, value.month, value.day, tzinfo=default_zone)


def _as_body_time(value: datetime | date) -> dict[str, str]:
    if not isinstance(value, datetime):
        return {"date": value.isoformat()}
    result = {"dateTime": value.isoformat()}
    key = getattr(value.tzinfo, "key", None)
    if key:
        result["timeZone"] = key
    return result


def _main_event(calendar: Calendar) -> Event | None:
    events = [c for c in calendar.walk("VEVENT")]
    masters = [e for e in events if "RECURRENCE-ID" not in e]
    return (masters or events or [None])[0]


def _end(event: Event, start: datetime | date) -> datetime | date:
    if "DTEND" in event:
        return event.decoded("DTEND")
    if "DURATION" in event:
        return start + event.decoded("DURATION")
    return start + timedelta(days=1) if not isinstance(start, datetime) else start


def _body(event: Event, uid: str | None, status: str, start: Any, end: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"id": uid, "summary": str(event.get("SUMMARY", "")), "status": status}
    if start is not None:
        body["start"], body["end"] = _as_body_time(start), _as_body_time(end)
    if "LOCATION" in event:
        body["location"] = str(event["LOCATION"])
    classes = {v: k for k, v in _CLASSES.items()}
    if str(event.get("CLASS", "")).upper() in classes:
        body["visibility"] = classes[str(event["CLASS"]).upper()]
    transparencies = {v: k for k, v in _TRANSPARENCIES.items()}
    if str(event.get("TRANSP", "")).upper() in transparencies:
        body["transparency"] = transparencies[str(event["TRANSP"]).upper()]
    if str(event.get("COLOR", "")).lower() in _COLOUR_IDS:
        body["colorId"] = _COLOUR_IDS[str(event["COLOR"]).lower()]
    overrides = []
    for alarm in event.walk("VALARM"):
        trigger = alarm.decoded("TRIGGER") if "TRIGGER" in alarm else None
        if str(alarm.get("ACTION", "")).upper() == "DISPLAY" and isinstance(trigger, timedelta):
            overrides.append({"method": "popup", "minutes": int(-trigger.total_seconds() // 60)})
    if overrides:
        body["reminders"] = {"useDefault": False, "overrides": overrides}
    tags = {key: str(event[name]) for key, name in TAG_PROPERTIES.items() if name in event}
    if tags:
        body["extendedProperties"] = {"private": tags}
    return body


def parse_resource(data: bytes | str, default_zone: str = "UTC") -> ParsedEvent | None:
    """The event a resource holds; None when it holds no readable VEVENT (then it is nobody's business)."""
    zone = _zone(default_zone) or ZoneInfo("UTC")
    try:
        calendar = Calendar.from_ical(data)
        event = _main_event(calendar)
        if event is None:
            return None
        uid = str(event["UID"]) if "UID" in event else None
        status = str(event.get("STATUS", "CONFIRMED")).lower()
        raw_start = event.decoded("DTSTART") if "DTSTART" in event else None
        raw_end = _end(event, raw_start) if raw_start is not None else None
        body = _body(event, uid, status, raw_start, raw_end)
    except Exception:  # icalendar raises many kinds on hostile input; the resource is then simply not ours
        return None
    tags = (body.get("extendedProperties") or {}).get("private") or {}
    return ParsedEvent(
        uid=uid,
        status=status,
        tagged=tags.get(TAG_KEY) == "1",
        content_hash=tags.get(HASH_KEY),
        start=_aware(raw_start, zone) if raw_start is not None else None,
        end=_aware(raw_end, zone) if raw_end is not None else None,
        body=body,
    )
