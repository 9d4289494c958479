"""What the calendar a practitioner reads all day looks like: reminders, colours, places, and what is shown.

Pure functions of the run's appointments and the ``events.*`` / ``filters.*`` settings; no I/O, no clock. The
privacy level decides what an event *says* (``privacy/redaction.py``); nothing here adds a word about a
patient:

- the location is the practice's address or a localised "video consultation", never the patient's;
- a colour says which practice site (already in the location), a video visit (already in the title) or a new
  patient. That last one is one bit about the booking, not about who the patient is or why they come: it is
  allowed at every privacy level, ``busy`` included, because it is off unless the practitioner chooses a colour
  for it, and it is never combined with an identity the level does not already send;
- reminders and filters say nothing about anyone.

Appointments from an iCalendar feed have no agenda, motive, new-patient flag or location: reminders (the
first-of-day one included) and the unconfirmed filter apply to them, the colours and the motive filter do not.

Settings at their defaults leave the event body as CalMedi wrote it before these settings existed (no
``reminders`` or ``colorId`` key: the calendar's defaults), so an upgrade rewrites nothing but video visits,
whose place becomes the localised "video consultation" instead of the practice's address.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from calmedi_desktop.i18n import tr
from calmedi_desktop.sync.model import Appointment, Kind
from calmedi_desktop.sync.tiers import day_start

Reminders = dict[str, Any]
AppointmentKey = tuple[str, str]  # (source, source id): in memory only, like the appointment


@dataclass(frozen=True)
class Presentation:
    reminders: str = "default"  # none | default | popup (config.REMINDER_MODES)
    reminder_minutes: tuple[int, ...] = (10,)
    first_of_day_minutes: int | None = None
    agenda_colors: Mapping[int, str] = field(default_factory=dict)
    color_teleconsultation: str | None = None
    color_new_patient: str | None = None
    locations: bool = True
    excluded_motives: frozenset[int] = frozenset()
    show_unconfirmed: bool = True
    timezone: str = "Europe/Paris"  # the practice's: a "day" is a day on its clock

    @classmethod
    def from_settings(cls, get: Callable[[str], Any]) -> Presentation:
        """From validated settings (``Config.get``, or a getter that overlays proposed changes)."""
        return cls(
            reminders=get("events.reminders"),
            reminder_minutes=tuple(get("events.reminder_minutes")),
            first_of_day_minutes=get("events.first_of_day_minutes"),
            agenda_colors={int(k): v for k, v in get("events.colors.agendas").items()},
            color_teleconsultation=get("events.color_teleconsultation"),
            color_new_patient=get("events.color_new_patient"),
            locations=get("events.locations"),
            excluded_motives=frozenset(get("filters.excluded_motives")),
            show_unconfirmed=get("filters.show_unconfirmed"),
            timezone=get("sync.timezone"),
        )


DEFAULT = Presentation()


def shown(appointment: Appointment, presentation: Presentation) -> bool:
    """False for an appointment the filters hide (its event, if any, is then deleted by the normal plan)."""
    if appointment.visit_motive_id is not None and appointment.visit_motive_id in presentation.excluded_motives:
        return False
    return presentation.show_unconfirmed or not appointment.awaiting_confirmation


def day_of(appointment: Appointment, timezone: str) -> date:
    start = appointment.start
    return start.astimezone(ZoneInfo(timezone)).date() if isinstance(start, datetime) else start


def read_start(start: datetime, presentation: Presentation) -> datetime:
    """Where the source read must begin for the first appointment of ``start``'s day to be known.

    A run's window may begin in the middle of a day (now − 7 days, or now for a run of the coming days): with a
    first-of-day reminder, the read is widened back to that day's midnight on the practice's clock, so a day's
    first appointment is the same whichever run reads it. Without one, the read is the window itself.
    """
    if presentation.first_of_day_minutes is None:
        return start
    return min(start, day_start(start, presentation.timezone))


def first_of_day(appointments: Iterable[Appointment], presentation: Presentation) -> set[AppointmentKey]:
    """The first timed appointment of each practice day, across every source and agenda of the run.

    All-day entries are not appointments one travels to and are skipped. Two appointments at the same minute
    give one reminder, not two: the tie goes to the smaller (source, id), the same in every run.
    """
    if presentation.first_of_day_minutes is None:
        return set()
    best: dict[date, tuple[datetime, str, str]] = {}
    for appointment in appointments:
        if not isinstance(appointment.start, datetime):
            continue
        rank = (appointment.start, appointment.source, appointment.source_id)
        day = day_of(appointment, presentation.timezone)
        if day not in best or rank < best[day]:
            best[day] = rank
    return {(source, source_id) for _, source, source_id in best.values()}


def reminders(appointment: Appointment, presentation: Presentation, first: bool = False) -> Reminders | None:
    """Google's ``reminders`` field, or None to leave the calendar's default reminders in place.

    Google cannot add to the calendar's defaults: an event that has its own reminders has only those. So the
    first appointment of the day gets the first-of-day reminder plus the chosen pop-ups, and with the
    "default" mode the first-of-day reminder alone.
    """
    mode = presentation.reminders
    if not isinstance(appointment.start, datetime):
        # "N minutes before" an all-day entry would ring the evening before: it keeps the calendar's
        # all-day defaults unless reminders are off.
        return {"useDefault": False} if mode == "none" else None
    minutes = set(presentation.reminder_minutes) if mode == "popup" else set()
    if first and presentation.first_of_day_minutes is not None:
        minutes.add(presentation.first_of_day_minutes)
    if minutes:
        overrides = [{"method": "popup", "minutes": m} for m in sorted(minutes, reverse=True)]
        return {"useDefault": False, "overrides": overrides}
    return {"useDefault": False} if mode == "none" else None


def color(appointment: Appointment, presentation: Presentation) -> str | None:
    """Google ``colorId``; None leaves the calendar's colour.

    Precedence: new patient, then video visit, then agenda. The most specific fact wins, and a new patient's
    colour carries what nothing else in the event shows (a video visit is already in the title and location).
    """
    if appointment.new_patient and presentation.color_new_patient:
        return presentation.color_new_patient
    if appointment.kind is Kind.TELECONSULTATION and presentation.color_teleconsultation:
        return presentation.color_teleconsultation
    if appointment.agenda_id is not None:
        return presentation.agenda_colors.get(appointment.agenda_id)
    return None


def location(appointment: Appointment, presentation: Presentation, language: str | None = None) -> str | None:
    """The practice site of the agenda, or "Téléconsultation" / "Video consultation" for a video visit."""
    if not presentation.locations:
        return None
    if appointment.kind is Kind.TELECONSULTATION:
        return tr("location.teleconsultation", language)
    return appointment.location[:300] if appointment.location else None
