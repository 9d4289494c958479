"""A made-up day of appointments, written as the next run would write it: the settings window's live preview.

The patients are invented (never a real one: nothing is read). Each sample goes through the very pipeline a run
uses (``runner.build_desired``: filters, first-of-day reminder, privacy level, colours, places), so the preview
cannot drift from what Google will hold. The day has something for every setting to show: a first appointment,
a video consultation, a new patient, one awaiting confirmation, and the second practice site's afternoon.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from calmedi_desktop.i18n import current_language
from calmedi_desktop.palette import EVENT_COLORS
from calmedi_desktop.sync.eventid import event_id
from calmedi_desktop.sync.model import Appointment, Kind
from calmedi_desktop.sync.runner import RunOptions, build_desired

SAMPLE_DATE = date(2026, 1, 5)  # a Monday; only the times are shown


@dataclass(frozen=True)
class SampleAgenda:
    """A practice site as the preview needs it: the agenda id (for its colour), its name, its place."""

    id: int | None
    name: str
    place: str | None


@dataclass(frozen=True)
class _Sample:
    at: time
    minutes: int
    site: int  # index into the agendas (the last one when there are fewer)
    patient: tuple[str, str]  # made up: (first name, last name)
    reason: tuple[str, str]  # made up: (English, French)
    video: bool = False
    new_patient: bool = False
    awaiting: bool = False


SAMPLES = (
    _Sample(time(8, 30), 20, 0, ("Jean", "Dupont"), ("Follow-up", "Suivi")),
    _Sample(time(9, 0), 30, 0, ("Camille", "Bernard"), ("First visit", "Première consultation"), new_patient=True),
    _Sample(time(10, 0), 20, 0, ("Louis", "Moreau"), ("Follow-up", "Suivi"), video=True),
    _Sample(time(11, 0), 20, 0, ("Léa", "Girard"), ("Prescription renewal", "Renouvellement"), awaiting=True),
    _Sample(time(14, 0), 20, 1, ("Hugo", "Petit"), ("Follow-up", "Suivi")),
    _Sample(time(15, 0), 45, 1, ("Inès", "Roux"), ("Annual check-up", "Bilan annuel")),
)


def default_agendas(language: str) -> list[SampleAgenda]:
    """One invented site, for a practitioner whose agendas are not known (not connected, not loaded yet)."""
    name = "Cabinet" if language == "fr" else "Practice"
    return [SampleAgenda(None, name, "12 rue Voltaire, 75011 Paris")]


def sample_day(
    options: RunOptions, agendas: Sequence[SampleAgenda], timezone: str, language: str | None = None
) -> list[dict[str, Any]]:
    """The sample day's events as the preview draws them, earliest first; hidden ones are left out.

    Each: ``start``/``end`` (ISO, in ``timezone``), ``summary``, ``location`` (or None), ``color_id`` and its hex
    ``color`` (None: the calendar's colour), ``reminders`` (``"default"``, or the pop-up minutes, largest first;
    ``[]`` for none), ``tentative``, ``agenda`` (the site's name), ``video`` and ``new_patient``.
    """
    language = language or current_language()
    sites = list(agendas) or default_agendas(language)
    zone = ZoneInfo(timezone)
    appointments: dict[str, tuple[Appointment, _Sample, SampleAgenda]] = {}
    for number, sample in enumerate(SAMPLES):
        site = sites[min(sample.site, len(sites) - 1)]
        start = datetime.combine(SAMPLE_DATE, sample.at, zone)
        appointment = Appointment(
            source="sample",
            source_id=str(number),
            start=start,
            end=start + timedelta(minutes=sample.minutes),
            timezone=timezone,
            tentative=sample.awaiting,
            kind=Kind.TELECONSULTATION if sample.video else Kind.CONSULTATION,
            patient_name=" ".join(sample.patient),
            visit_reason=sample.reason[1] if language == "fr" else sample.reason[0],
            location=site.place,
            agenda_id=site.id,
            new_patient=sample.new_patient,
            awaiting_confirmation=sample.awaiting,
        )
        appointments[appointment.source_id] = (appointment, sample, site)
    day = datetime.combine(SAMPLE_DATE, time(0), zone)
    chosen = replace(options, language=language)
    desired = build_desired([a for a, _, _ in appointments.values()], day, day + timedelta(days=1), chosen)
    events = []
    for appointment, sample, site in appointments.values():
        event = desired.get(event_id(appointment.source, appointment.source_id))
        if event is not None:  # None: a filter hides it
            events.append(_describe(event.body, sample, site))
    return sorted(events, key=lambda e: e["start"])


def _describe(body: Mapping[str, Any], sample: _Sample, site: SampleAgenda) -> dict[str, Any]:
    color_id = body.get("colorId")
    reminders = body.get("reminders")
    if reminders is None:
        minutes: str | list[int] = "default"
    else:
        minutes = [int(o["minutes"]) for o in reminders.get("overrides", [])]
    return {
        "start": body["start"]["dateTime"],
        "end": body["end"]["dateTime"],
        "summary": body["summary"],
        "location": body.get("location"),
        "color_id": color_id,
        "color": EVENT_COLORS.get(color_id) if color_id else None,
        "reminders": minutes,
        "tentative": body["status"] == "tentative",
        "agenda": site.name,
        "video": sample.video,
        "new_patient": sample.new_patient,
    }
