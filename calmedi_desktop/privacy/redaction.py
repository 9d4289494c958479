"""Privacy levels: turn an Appointment into the exact Google event body (invariant 3).

``busy`` (default) sends no identity and no reason; ``initials`` sends pseudonymised initials; ``full`` the
name. The visit reason is a separate opt-in. Never sent at any level: phone, e-mail, birth date, address,
notes, patient or source ids — the Appointment model cannot even carry most of them.

Reminders, colour and location come from ``sync/presentation.py``, which adds no word about a patient.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from calmedi_desktop.i18n import current_language, tr
from calmedi_desktop.sync import presentation as shape
from calmedi_desktop.sync.eventid import content_hash, event_id, private_tags
from calmedi_desktop.sync.model import Appointment, DesiredEvent, Kind
from calmedi_desktop.sync.presentation import Presentation

LEVELS = ("busy", "initials", "full")
DASH = " – "


def initials(name: str) -> str:
    """``Jean Dupont`` → ``J. D.``; ``Jean-Pierre de la Tour`` → ``J.-P. D. L. T.``"""
    parts = []
    for word in name.split():
        pieces = [p for p in word.split("-") if p and p[0].isalpha()]
        if pieces:
            parts.append("-".join(p[0].upper() + "." for p in pieces))
    return " ".join(parts)


def title(appointment: Appointment, level: str, show_reason: bool, language: str | None = None) -> str:
    if level not in LEVELS:
        raise ValueError(f"unknown privacy level {level!r}")
    text = tr(f"title.{appointment.kind.value}", language)
    if show_reason and appointment.visit_reason:
        text += f" · {appointment.visit_reason.strip()[:100]}"
    name = (appointment.patient_name or "").strip()
    if name and level == "initials":
        text += DASH + initials(name)
    elif name and level == "full":
        text += DASH + name[:100]
    return text


def _when(value: datetime | date, timezone: str) -> dict[str, str]:
    if isinstance(value, datetime):
        return {"dateTime": value.astimezone(ZoneInfo(timezone)).isoformat(timespec="seconds"), "timeZone": timezone}
    return {"date": value.isoformat()}


def event_body(
    appointment: Appointment,
    level: str,
    show_reason: bool,
    language: str | None = None,
    presentation: Presentation = shape.DEFAULT,
    first_of_day: bool = False,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "summary": title(appointment, level, show_reason, language),
        "start": _when(appointment.start, appointment.timezone),
        "end": _when(appointment.end, appointment.timezone),
        "visibility": "private",
        "transparency": "opaque",
        "status": "tentative" if appointment.tentative else "confirmed",
    }
    # Keys are only added when they say something, so that the defaults keep the body (and its hash) that
    # CalMedi wrote before these settings existed. A PUT without them resets Google's to its defaults.
    if place := shape.location(appointment, presentation, language):
        body["location"] = place
    if color_id := shape.color(appointment, presentation):
        body["colorId"] = color_id
    if (reminders := shape.reminders(appointment, presentation, first_of_day)) is not None:
        body["reminders"] = reminders
    return body


def desired_event(
    appointment: Appointment,
    level: str = "busy",
    show_reason: bool = False,
    language: str | None = None,
    presentation: Presentation = shape.DEFAULT,
    first_of_day: bool = False,
) -> DesiredEvent:
    eid = event_id(appointment.source, appointment.source_id)
    body = event_body(appointment, level, show_reason, language, presentation, first_of_day)
    digest = content_hash(body)
    body = {"id": eid, **body, "extendedProperties": {"private": private_tags(digest)}}
    start = appointment.start
    if not isinstance(start, datetime):
        start = datetime(start.year, start.month, start.day, tzinfo=ZoneInfo(appointment.timezone))
    return DesiredEvent(id=eid, body=body, content_hash=digest, start=start)


def example_title(level: str, show_reason: bool, language: str | None = None) -> str:
    """The live preview the settings window shows (a made-up patient, never a real one)."""
    sample = Appointment(
        source="example",
        source_id="example",
        start=datetime(2026, 1, 5, 9, 0, tzinfo=ZoneInfo("Europe/Paris")),
        end=datetime(2026, 1, 5, 9, 20, tzinfo=ZoneInfo("Europe/Paris")),
        timezone="Europe/Paris",
        kind=Kind.CONSULTATION,
        patient_name="Jean Dupont",
        visit_reason="Suivi" if (language or current_language()) == "fr" else "Follow-up",
    )
    return title(sample, level, show_reason, language)
