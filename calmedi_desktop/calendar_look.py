"""The name and colour CalMedi last gave its own calendar, per destination: a setting is applied once, when it
changes, and the calendar is then left alone.

``calendar.name`` and ``calendar.color`` name and colour CalMedi's calendar in Google (calendars.patch,
calendarList.patch) or on the CalDAV server (one PROPPATCH). A run compares the settings with what the state
file says was last applied to the destination's calendar, and sends only what differs: a run with unchanged
settings costs no call, and a practitioner who renames the calendar in Google's or their calendar app's own
interface is not overridden at every run. A failure leaves the record as it was, so the next run tries again.

The state file keeps, per destination, a hash of the calendar's id or address (to notice a new calendar) and
the name and colour applied: no appointment, no secret. A calendar CalMedi has no record of (one made before
this record existed) is taken to carry the defaults, so that settings changed from them are applied once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from calmedi_desktop.config import Config, StateFile
from calmedi_desktop.settings_schema import SETTINGS

STATE_KEY = "calendar_look"


@dataclass(frozen=True)
class Look:
    name: str
    colour: str | None

    @classmethod
    def wanted(cls, config: Config) -> Look:
        """What the settings ask for now."""
        return cls(config.get("calendar.name"), config.get("calendar.color"))

    @classmethod
    def default(cls) -> Look:
        return cls(SETTINGS["calendar.name"].default, SETTINGS["calendar.color"].default)


def _calendar_hash(calendar: str) -> str:
    return hashlib.sha256(calendar.encode("utf-8")).hexdigest()[:16]


class AppliedLooks:
    """Handed the state file; read and written by the Google account and the CalDAV link."""

    def __init__(self, state: StateFile) -> None:
        self.state = state

    def applied(self, destination: str, calendar: str) -> Look:
        """What ``calendar`` of ``destination`` was last given; the defaults when CalMedi has no record of it."""
        entry = (self.state.load().get(STATE_KEY) or {}).get(destination)
        if not isinstance(entry, dict) or entry.get("calendar") != _calendar_hash(calendar):
            return Look.default()
        name, colour = entry.get("name"), entry.get("color")
        if not isinstance(name, str) or not (colour is None or isinstance(colour, str)):
            return Look.default()
        return Look(name, colour)

    def record(self, destination: str, calendar: str, look: Look) -> None:
        looks: dict[str, Any] = dict(self.state.load().get(STATE_KEY) or {})
        looks[destination] = {"calendar": _calendar_hash(calendar), "name": look.name, "color": look.colour}
        self.state.update(**{STATE_KEY: looks})
