"""How many events a settings change would touch, without writing anything.

The settings window asks before it applies a change of colour, reminder, location, filter or privacy level:
"this change will update 212 events". The answer comes from one read of the sources and two builds of the
desired events, with the settings as they are and as proposed; Google is not even listed, so the count is the
change's own and not mixed with bookings made since the last run. The count matches what the next run
writes for that change: both go through ``runner.build_desired``.

Keys outside ``IMPACT_KEYS`` change what is read (agendas, window, the zone a feed's floating times are read
in) rather than how it is shown; their effect is what ``calmedi sync --once --dry-run`` reports after the
change.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from calmedi_desktop.sync.engine import mass_delete_suspected
from calmedi_desktop.sync.model import Appointment
from calmedi_desktop.sync.presentation import Presentation, read_start
from calmedi_desktop.sync.runner import RunOptions, build_desired, read_sources
from calmedi_desktop.sync.sources.base import Source

log = logging.getLogger(__name__)
Getter = Callable[[str], Any]

PRIVACY_KEYS = ("privacy.level", "privacy.show_reason")
#: How an appointment looks and which ones are shown: the settings window's "Calendar view" page, in its order.
LOOK_KEYS = (
    "events.reminders",
    "events.reminder_minutes",
    "events.first_of_day_minutes",
    "events.colors.agendas",
    "events.color_teleconsultation",
    "events.color_new_patient",
    "events.locations",
    "filters.excluded_motives",
    "filters.show_unconfirmed",
)
IMPACT_KEYS = frozenset(PRIVACY_KEYS + LOOK_KEYS)
#: Keys that change what is read (which agendas, how far back and ahead, the zone of floating times).
READ_KEYS = frozenset(
    {"sync.past_days", "sync.future_days", "sync.timezone", "doctolib.agenda_ids", "doctolib.enabled"}
)


@dataclass(frozen=True)
class Impact:
    inserts: int = 0
    updates: int = 0
    deletes: int = 0
    #: The deletes would be held back by the mass-deletion guard and need the practitioner's confirmation
    #: (judged against the events the current settings want, which is what Google holds after a good run).
    held: bool = False

    @property
    def touched(self) -> int:
        return self.inserts + self.updates + self.deletes

    def as_dict(self) -> dict[str, Any]:
        return {
            "inserts": self.inserts,
            "updates": self.updates,
            "deletes": self.deletes,
            "touched": self.touched,
            "held": self.held,
        }


def options_from(get: Getter, **flags: Any) -> RunOptions:
    """A run's options from validated settings (``Config.get``, or a getter overlaying proposed values)."""
    return RunOptions(
        level=get("privacy.level"),
        show_reason=get("privacy.show_reason"),
        presentation=Presentation.from_settings(get),
        **flags,
    )


def overlay(get: Getter, changes: Mapping[str, Any]) -> Getter:
    """``get`` with ``changes`` (already validated values) in front."""
    return lambda key: changes[key] if key in changes else get(key)


def impact_of(
    appointments: Sequence[Appointment], start: datetime, end: datetime, before: RunOptions, after: RunOptions
) -> Impact:
    """Events the window would gain, change and lose when ``before`` becomes ``after``."""
    old = build_desired(appointments, start, end, before)
    new = build_desired(appointments, start, end, after)
    deletes = len(old.keys() - new.keys())
    return Impact(
        inserts=len(new.keys() - old.keys()),
        updates=sum(1 for key in new.keys() & old.keys() if new[key].content_hash != old[key].content_hash),
        deletes=deletes,
        held=mass_delete_suspected(len(new), len(old), deletes),
    )


def change_impact(
    sources: Sequence[Source], start: datetime, end: datetime, get: Getter, changes: Mapping[str, Any]
) -> Impact:
    """Read the sources once (fail closed: a source error propagates) and count what ``changes`` would touch.
    ``changes`` maps setting keys to values already validated by ``settings_schema.setting(key).parse``."""
    unknown = set(changes) - IMPACT_KEYS
    if unknown:
        raise ValueError(f"not a presentation setting: {', '.join(sorted(unknown))}")
    began = time.monotonic()
    before, after = options_from(get), options_from(overlay(get, changes))
    read_from = min(read_start(start, before.presentation), read_start(start, after.presentation))
    appointments = read_sources(sources, read_from, end)
    result = impact_of(appointments, start, end, before, after)
    del appointments
    log.info(
        "impact of %d setting(s): inserts=%d updates=%d deletes=%d held=%s in %.2fs",
        len(changes),
        result.inserts,
        result.updates,
        result.deletes,
        result.held,
        time.monotonic() - began,
    )
    return result
