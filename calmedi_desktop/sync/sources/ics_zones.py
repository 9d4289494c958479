"""Turn the time-zone names found in iCalendar feeds into IANA zones.

Feeds name zones in four ways: IANA ids (``Europe/Paris``, legacy links such as ``Europe/Kiev`` included),
Windows ids from Outlook/Exchange (``Romance Standard Time``), "globally unique" vendor paths from libical,
Evolution or Lightning (``/mozilla.org/20050126_1/Europe/Paris``) and, in older Outlook exports, the Windows
display name (``(UTC+01:00) Brussels, Copenhagen, Madrid, Paris``). Mapping them to IANA rather than trusting
the feed's VTIMEZONE keeps today's rules authoritative (Exchange's 1601-based definitions are simplified).

One name is written two ways in a feed (RFC 5545 3.1, 3.3.11): as a property value (``TZID:Kuala Lumpur\\,
Singapore`` in a VTIMEZONE, ``X-WR-TIMEZONE``) it is TEXT, backslash-escaped; as a parameter
(``DTSTART;TZID="Kuala Lumpur, Singapore":...``) it is quoted when it holds ``,;:``, and RFC 6868 caret-encodes
``"`` and newlines. Names are compared once decoded (``tzid_from_value`` / ``tzid_from_param``).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar.parser import rfc_6868_unescape, unescape_backslash
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

_WINDOWS = {name.casefold(): iana for name, iana in WINDOWS_TO_OLSON.items()}

# Display names whose cities are not IANA city names (the rest is matched city by city below).
_DISPLAY_NAMES = {
    "eastern time (us & canada)": "America/New_York",
    "central time (us & canada)": "America/Chicago",
    "mountain time (us & canada)": "America/Denver",
    "pacific time (us & canada)": "America/Los_Angeles",
    "atlantic time (canada)": "America/Halifax",
    "new caledonia": "Pacific/Noumea",
    "port louis": "Indian/Mauritius",
    "greenwich mean time": "Europe/London",
    "coordinated universal time": "UTC",
}
_REGIONS = ("Europe", "America", "Africa", "Asia", "Atlantic", "Indian", "Pacific", "Australia")
_DISPLAY = re.compile(r"^\((?:UTC|GMT)\s*(?:([+-])(\d{1,2})(?:[:.](\d{2}))?)?\)\s*(.+)$", re.IGNORECASE)
_MAX_NAME = 200


def zone_exists(name: str) -> bool:
    return _load(name) is not None


@lru_cache(maxsize=512)
def _load(name: str) -> ZoneInfo | None:
    if not name or len(name) > _MAX_NAME or name.startswith(("/", ".")) or ".." in name or "\\" in name:
        return None
    try:
        return ZoneInfo(name)
    except (ValueError, OSError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        return None


def zone(name: str) -> ZoneInfo:
    """The ZoneInfo of an IANA name that ``resolve_tzid`` returned."""
    found = _load(name)
    if found is None:
        raise KeyError(name)
    return found


def clean_tzid(tzid: str) -> str:
    return tzid.strip().strip('"').strip()


def tzid_from_value(value: str) -> str:
    """The zone name a property value gives (VTIMEZONE's TZID, X-WR-TIMEZONE): TEXT escapes undone."""
    return clean_tzid(unescape_backslash(value))


def tzid_from_param(value: str) -> tuple[str, ...]:
    """The zone names a TZID parameter may mean, most likely first: unquoted and caret-decoded (RFC 6868), then,
    when it holds a backslash, also TEXT-unescaped (some producers escape a parameter like a value)."""
    text = value.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    name = clean_tzid(rfc_6868_unescape(text))
    return (name, clean_tzid(unescape_backslash(name))) if "\\" in name else (name,)


@lru_cache(maxsize=512)
def resolve_tzid(tzid: str) -> str | None:
    """The IANA name a feed's TZID means, or None when it names no zone we know."""
    name = clean_tzid(tzid)
    if not name or len(name) > _MAX_NAME:
        return None
    if _load(name) is not None:
        return name
    windows = _WINDOWS.get(name.casefold())
    if windows and _load(windows) is not None:
        return windows
    if "/" in name:
        # /vendor/version/Area/City: the longest suffix that is an IANA name.
        parts = [p for p in name.split("/") if p]
        for first in range(1, len(parts)):
            candidate = "/".join(parts[first:])
            if "/" in candidate and _load(candidate) is not None:
                return candidate
    return _from_display_name(name)


def _from_display_name(name: str) -> str | None:
    match = _DISPLAY.match(name)
    if not match:
        return _DISPLAY_NAMES.get(name.casefold())
    sign, hours, minutes, places = match.groups()
    offset = None
    if hours is not None:
        offset = timedelta(hours=int(hours), minutes=int(minutes or 0)) * (-1 if sign == "-" else 1)
    whole = _DISPLAY_NAMES.get(places.strip().casefold())
    candidates = [whole] if whole else []
    for place in re.split(r"[,/;]", places):
        place = place.strip().rstrip(".")
        if not place:
            continue
        named = _DISPLAY_NAMES.get(place.casefold())
        if named:
            candidates.append(named)
        key = place.replace(" ", "_")
        candidates.extend(f"{region}/{key}" for region in _REGIONS)
    for candidate in candidates:
        found = _load(candidate)
        if found is not None and (offset is None or _has_offset(found, offset)):
            return candidate
    return None


def _has_offset(zone_info: ZoneInfo, offset: timedelta) -> bool:
    # A display name gives the standard offset: accept a zone that has it in winter or in summer.
    year = datetime.now().year
    return any(datetime(year, month, 15, 12, tzinfo=zone_info).utcoffset() == offset for month in (1, 7))
