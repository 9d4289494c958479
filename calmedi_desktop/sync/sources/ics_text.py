"""First pass over a feed: decode, unfold, check its structure, keep only what CalMedi uses.

icalendar is tolerant and keeps no line numbers, so this pass does what it cannot: it names the line of a
structural fault (truncated, unbalanced, binary, too deep, too many events) and it drops, before anything is
parsed, every property CalMedi never sends (DESCRIPTION, ATTENDEE, ORGANIZER, LOCATION, alarms...): they
never exist as objects. Single events that start far outside the requested range are skipped too, so a feed
holding years of history costs a parse of the weeks that matter only.

Errors name line numbers and property names from a fixed list, never a line's content.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from calmedi_desktop.errors import SourceDataError
from calmedi_desktop.i18n import tr
from calmedi_desktop.sync.sources.ics_zones import resolve_tzid, tzid_from_value

MAX_DEPTH = 8
MAX_COMPONENTS = 500_000
MAX_EVENTS = 200_000
MAX_PARSED_EVENTS = 20_000
#: Margin (days) around the requested range for the cheap date test: covers any UTC offset.
DATE_MARGIN = 2

EVENT_PROPS = frozenset(
    {
        "UID",
        "DTSTART",
        "DTEND",
        "DURATION",
        "RRULE",
        "RDATE",
        "EXDATE",
        "RECURRENCE-ID",
        "STATUS",
        "SUMMARY",
        "SEQUENCE",
    }
)
DATE_PROPS = frozenset({"DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE"})
# A line without a value is tolerated only when it cannot be a damaged form of one of these.
_MEANINGFUL = (*EVENT_PROPS, "BEGIN", "END", "TZ", "X-WR-TIMEZONE", "CALSCALE")
# A content line starts with a name (RFC 5545: letters, digits, "-"), then ";" or ":" (or nothing, if broken).
_HEAD = re.compile(r"([A-Za-z0-9-]+)(?:([;:])|$)")


def data_error(key: str, technical: str, **params: object) -> SourceDataError:
    return SourceDataError(technical, service=tr("service.ics"), detail=tr(key, **params), **params)


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    # Feeds that claim UTF-8 sometimes carry stray Windows-1252 bytes (a typographic apostrophe, 0x92).
    assert isinstance(error, UnicodeDecodeError)
    chunk = error.object[error.start : error.end]
    return chunk.decode("cp1252", errors="replace").replace("\ufffd", chunk.decode("latin-1")), error.end


codecs.register_error("calmedi-cp1252", _cp1252_fallback)


# RFC 5545 folds at 75 octets, which may split a UTF-8 character: "\xc3" CRLF SPACE "\xa9". Moving the
# continuation bytes before the line break keeps both the character and the line count.
_SPLIT_CHAR = re.compile(rb"([\xc0-\xf7][\x80-\xbf]*)(\r?\n[ \t])([\x80-\xbf]+)")


def decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise data_error("ics.data.encoding", "ics: bad utf-16") from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        data = _SPLIT_CHAR.sub(rb"\1\3\2", data)
    return data.decode("utf-8", errors="calmedi-cp1252")


class Prop(NamedTuple):
    """One kept content line. A tuple: the scanner makes hundreds of thousands of them."""

    line: int
    name: str
    params: str  # raw text between the name and the value's colon, ";" included
    value: str

    def __repr__(self) -> str:  # the value may be a patient's name
        return f"Prop(line={self.line}, name={self.name!r})"


@dataclass(slots=True)
class RawEvent:
    line: int
    props: list[Prop] = field(default_factory=list, repr=False)

    def first(self, name: str) -> Prop | None:
        return next((p for p in self.props if p.name == name), None)

    @property
    def recurring(self) -> bool:
        return any(p.name in ("RDATE", "RECURRENCE-ID") or (p.name == "RRULE" and p.value.strip()) for p in self.props)


@dataclass(slots=True)
class RawTimezone:
    line: int
    tzid: str
    lines: list[str] = field(default_factory=list, repr=False)


@dataclass
class ScannedFeed:
    events: list[RawEvent]
    timezones: dict[str, RawTimezone]  # only those whose TZID names no known zone, keyed by cleaned TZID
    calendar_zone: str | None  # X-WR-TIMEZONE as an IANA name, when it names a known zone
    declared_zones: list[str]  # IANA names of the feed's VTIMEZONEs that name a known zone, in order
    total_events: int
    skipped_events: int


def split_line(line: str) -> tuple[str, str, str] | None:
    """``NAME;PARAMS:VALUE`` → (upper-case name, ";PARAMS", value); None when there is no value separator."""
    colon = line.find(":")
    if colon < 0:
        return None
    semi = line.find(";", 0, colon)
    if semi < 0:
        return line[:colon].upper(), "", line[colon + 1 :]
    if '"' in line[semi:colon]:
        quoted = False
        for index in range(semi, len(line)):
            char = line[index]
            if char == '"':
                quoted = not quoted
            elif char == ":" and not quoted:
                colon = index
                break
        else:
            return None
    return line[:semi].upper(), line[semi:colon], line[colon + 1 :]


def split_params(params: str) -> list[tuple[str, str]]:
    """``;A=1;B="x;y"`` → [("A", "1"), ("B", '"x;y"')] (quotes kept, so the text can be rebuilt)."""
    result: list[tuple[str, str]] = []
    current: list[str] = []
    quoted = False
    for char in params[1:] + ";":
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            item = "".join(current)
            name, _, value = item.partition("=")
            if name:
                result.append((name.strip().upper(), value))
            current = []
        else:
            current.append(char)
    return result


def _physical_lines(text: str) -> list[str]:
    lines = text.split("\n") if "\n" in text else text.split("\r")  # CRLF and LF; old Mac files: CR
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def _last_start(lines: list[str]) -> int:
    """Number of the physical line where the last logical line starts (0 if none)."""
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if line and line[0] not in " \t":
            return index + 1
    return 0


def scan(data: bytes, first_day: date, last_day: date) -> ScannedFeed:
    """Check the feed's structure and keep the events that may fall in [first_day, last_day]."""
    if not data.strip():
        raise data_error("ics.data.empty", "ics: empty body")
    text = decode(data)
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise data_error("ics.data.binary", f"ics: NUL byte at line {line}", line=line)
    return _Scanner(first_day.toordinal() - DATE_MARGIN, last_day.toordinal() + DATE_MARGIN).run(text)


class _Scanner:
    def __init__(self, first: int, last: int) -> None:
        self.first, self.last = first, last
        self.stack: list[tuple[str, int]] = []
        self.events: list[RawEvent] = []
        self.timezones: dict[str, RawTimezone] = {}
        self.calendar_zone: str | None = None
        self.declared: list[str] = []
        self.components = self.total_events = self.skipped = 0
        self.event: RawEvent | None = None
        self.timezone: RawTimezone | None = None
        self.ended_at = 0
        self.last_start = 0
        # Below the calendar, outside a VTIMEZONE, properties are dropped (directly in a VEVENT: unless used).
        self.dropping = self.in_event = False

    def run(self, text: str) -> ScannedFeed:
        physical = _physical_lines(text)
        del text
        self.last_start = _last_start(physical)
        start, current, folds = 0, "", None
        # Unfold (RFC 5545 3.1: a line starting with a space or a tab continues the previous one) while
        # keeping the number of the physical line each logical line starts on. Blank lines are skipped.
        for number, raw in enumerate(physical, 1):
            if not raw:
                continue
            if raw[0] == " " or raw[0] == "\t":
                if not start:
                    if not raw.strip():
                        continue  # stray whitespace before the calendar (a script's echo)
                    raise data_error("ics.data.bad_line", f"ics: continuation without a line at {number}", line=number)
                if folds is None:
                    folds = [current]
                folds.append(raw[1:])
                continue
            if start:
                self._line(start, "".join(folds) if folds else current)
            start, current, folds = number, raw, None
        if start:
            self._line(start, "".join(folds) if folds else current)
        if self.stack:
            opened = self.stack[-1][1]
            raise data_error("ics.data.truncated", f"ics: component at line {opened} never closed", line=opened)
        if not self.ended_at:
            raise data_error("ics.data.not_calendar", "ics: no calendar", line=1)
        return ScannedFeed(
            self.events, self.timezones, self.calendar_zone, self.declared, self.total_events, self.skipped
        )

    def _line(self, number: int, line: str) -> None:
        stack = self.stack
        if not stack and not self.ended_at and line.strip().upper() != "BEGIN:VCALENDAR":
            # An HTML login page (expired link) or any other document.
            raise data_error("ics.data.not_calendar", f"ics: no BEGIN:VCALENDAR at line {number}", line=number)
        if number == self.last_start and stack and split_line(line) is None:
            opened = stack[-1][1]  # the last line was cut short: say so, not "unreadable"
            raise data_error("ics.data.truncated", f"ics: cut at line {number}", line=opened)
        head = _HEAD.match(line)
        if head is None:
            raise data_error("ics.data.bad_line", f"ics: bad property name at line {number}", line=number)
        name, separator = head.groups()
        name = name.upper()
        if self.dropping and name != "BEGIN" and name != "END" and not (self.in_event and name in EVENT_PROPS):
            # The common case: a property CalMedi drops. Only check that it has a value.
            if separator != ":" and ":" not in line and name.startswith(_MEANINGFUL):
                raise data_error("ics.data.bad_line", f"ics: no value at line {number}", line=number)
            return
        parts = split_line(line)
        if parts is None:
            # e.g. a valueless "ORGANIZER;CN=..." in a component CalMedi drops: it cannot change a time.
            if name.startswith(_MEANINGFUL) or self.timezone is not None or self.ended_at:
                raise data_error("ics.data.bad_line", f"ics: no value at line {number}", line=number)
            return
        _, params, value = parts
        if self.ended_at:
            if name.startswith("X-"):
                return  # e.g. a cache note some servers append after END:VCALENDAR
            raise data_error("ics.data.trailing", f"ics: content after the calendar at line {number}", line=number)
        if name == "BEGIN":
            self._begin(number, value.strip().upper(), line)
        elif name == "END":
            self._end(number, value.strip().upper(), line)
        else:
            self._property(Prop(number, name, params, value), line)

    def _begin(self, number: int, component: str, line: str) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise data_error("ics.data.too_deep", f"ics: nesting deeper than {MAX_DEPTH} at line {number}", line=number)
        self.components += 1
        if self.components > MAX_COMPONENTS:
            raise data_error("ics.data.too_many", f"ics: over {MAX_COMPONENTS} components", limit=MAX_COMPONENTS)
        if len(self.stack) == 1 and component == "VEVENT":
            self.total_events += 1
            if self.total_events > MAX_EVENTS:
                raise data_error("ics.data.too_many", f"ics: over {MAX_EVENTS} events", limit=MAX_EVENTS)
            self.event = RawEvent(number)
        elif len(self.stack) == 1 and component == "VTIMEZONE":
            self.timezone = RawTimezone(number, "")
        if self.timezone is not None:
            self.timezone.lines.append(line)
        self.stack.append((component, number))
        self._update_dropping()

    def _update_dropping(self) -> None:
        depth = len(self.stack)
        self.dropping = depth >= 2 and self.timezone is None
        self.in_event = self.event is not None and depth == 2

    def _end(self, number: int, component: str, line: str) -> None:
        if not self.stack or self.stack[-1][0] != component:
            raise data_error("ics.data.unbalanced", f"ics: unbalanced END at line {number}", line=number)
        self.stack.pop()
        if self.timezone is not None:
            self.timezone.lines.append(line)
        if len(self.stack) == 1 and component == "VEVENT" and self.event is not None:
            self._keep_event(self.event)
            self.event = None
        elif len(self.stack) == 1 and component == "VTIMEZONE" and self.timezone is not None:
            zone = self.timezone
            known = resolve_tzid(zone.tzid) if zone.tzid else None
            if known is None and zone.tzid:
                self.timezones.setdefault(zone.tzid, zone)
            elif known is not None and known not in self.declared:
                self.declared.append(known)
            self.timezone = None
        elif not self.stack:
            self.ended_at = number
        self._update_dropping()

    def _property(self, prop: Prop, line: str) -> None:
        depth = len(self.stack)
        if self.timezone is not None:
            self.timezone.lines.append(line)
            if depth == 2 and prop.name == "TZID":
                self.timezone.tzid = tzid_from_value(prop.value)
        elif depth == 2 and self.event is not None:
            if prop.name in EVENT_PROPS:
                self.event.props.append(prop)
        elif depth == 1:
            if prop.name == "X-WR-TIMEZONE":
                # Unknown (or a VTIMEZONE's own name): floating times use the practice's zone.
                self.calendar_zone = resolve_tzid(tzid_from_value(prop.value))
            elif prop.name == "CALSCALE" and prop.value.strip().upper() != "GREGORIAN":
                raise data_error("ics.data.calscale", f"ics: CALSCALE at line {prop.line}", line=prop.line)

    def _keep_event(self, event: RawEvent) -> None:
        if not event.recurring:
            start = event.first("DTSTART")
            digits = start.value.strip()[:8] if start is not None else ""
            if digits.isdigit():
                try:
                    day = date(int(digits[:4]), int(digits[4:6]), int(digits[6:])).toordinal()
                except ValueError:
                    day = None  # left for the parser to report with its line
                if day is not None and not self.first <= day <= self.last:
                    self.skipped += 1
                    return
        self.events.append(event)
        if len(self.events) > MAX_PARSED_EVENTS:
            raise data_error("ics.data.too_many", f"ics: over {MAX_PARSED_EVENTS} events", limit=MAX_PARSED_EVENTS)
