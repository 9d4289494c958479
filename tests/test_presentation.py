"""Reminders, colours, places and filters, as pure rules and as the event body a run sends."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from calmedi_desktop.config import Config
from calmedi_desktop.privacy.redaction import desired_event, event_body
from calmedi_desktop.sync.model import Appointment, Kind
from calmedi_desktop.sync.presentation import (
    DEFAULT,
    Presentation,
    color,
    first_of_day,
    location,
    read_start,
    reminders,
    shown,
)

PARIS = ZoneInfo("Europe/Paris")
PRACTICE = "Cabinet Voltaire, 12 rue Voltaire, 75011 Paris"
POPUPS = Presentation(reminders="popup", reminder_minutes=(10,), first_of_day_minutes=60)


def popups(*minutes: int) -> dict[str, Any]:
    return {"useDefault": False, "overrides": [{"method": "popup", "minutes": m} for m in minutes]}


def make(n: int = 0, at: datetime | date | None = None, **overrides: Any) -> Appointment:
    start = at or datetime(2026, 11, 26, 9, 0, tzinfo=PARIS)
    end = start + timedelta(minutes=20) if isinstance(start, datetime) else start + timedelta(days=1)
    values: dict[str, Any] = {
        "source": "doctolib",
        "source_id": f"RAW-{n}",
        "start": start,
        "end": end,
        "timezone": "Europe/Paris",
        "patient_name": "Jean Dupont",
        "visit_reason": "Suivi diabète",
        "location": PRACTICE,
        "agenda_id": 4711,
        "visit_motive_id": 12,
    }
    values.update(overrides)
    return Appointment(**values)


def test_settings_become_the_presentation_of_a_run(tmp_path: Path) -> None:
    config = Config(tmp_path / "settings.json")
    assert Presentation.from_settings(config.get) == DEFAULT
    for key, value in {
        "events.reminders": "popup",
        "events.reminder_minutes": "60,10",
        "events.first_of_day_minutes": "45",
        "events.colors.agendas": "4711=9",
        "events.color_teleconsultation": "peacock",
        "events.color_new_patient": "11",
        "events.locations": "no",
        "filters.excluded_motives": "12",
        "filters.show_unconfirmed": "no",
        "sync.timezone": "America/Martinique",
    }.items():
        config.set(key, value)
    assert Presentation.from_settings(config.get) == Presentation(
        reminders="popup",
        reminder_minutes=(60, 10),
        first_of_day_minutes=45,
        agenda_colors={4711: "9"},
        color_teleconsultation="7",
        color_new_patient="11",
        locations=False,
        excluded_motives=frozenset({12}),
        show_unconfirmed=False,
        timezone="America/Martinique",
    )


def test_defaults_send_the_body_calmedi_sent_before_these_settings() -> None:
    """No reminders, no colorId: events written by an earlier version keep their hash, nothing is rewritten."""
    body = event_body(make(new_patient=True), "busy", False, "fr")
    assert set(body) == {"summary", "start", "end", "visibility", "transparency", "status", "location"}
    assert body["location"] == PRACTICE


@pytest.mark.parametrize(
    ("presentation", "first", "expected"),
    [
        (Presentation(reminders="default"), False, None),
        (Presentation(reminders="none"), False, {"useDefault": False}),
        (
            Presentation(reminders="popup", reminder_minutes=(10,)),
            False,
            popups(10),
        ),
        (
            Presentation(reminders="popup", reminder_minutes=(10, 60)),
            False,
            popups(60, 10),
        ),
        (POPUPS, False, popups(10)),
        (
            POPUPS,
            True,
            popups(60, 10),
        ),
        (
            Presentation(reminders="default", first_of_day_minutes=45),
            True,
            popups(45),
        ),
        (Presentation(reminders="default", first_of_day_minutes=45), False, None),
        (
            Presentation(reminders="none", first_of_day_minutes=45),
            True,
            popups(45),
        ),
        (
            Presentation(reminders="popup", reminder_minutes=(60,), first_of_day_minutes=60),
            True,
            popups(60),
        ),
    ],
)
def test_reminders(presentation: Presentation, first: bool, expected: dict[str, Any] | None) -> None:
    assert reminders(make(), presentation, first) == expected
    body = event_body(make(), "busy", False, "en", presentation, first)
    assert body.get("reminders") == expected


def test_an_all_day_entry_keeps_the_calendars_all_day_reminders_unless_they_are_off() -> None:
    all_day = make(at=date(2026, 12, 24))
    assert reminders(all_day, POPUPS, first=True) is None
    assert reminders(all_day, Presentation(reminders="none")) == {"useDefault": False}


def test_the_first_appointment_of_each_practice_day_across_sources_and_agendas() -> None:
    day = datetime(2026, 11, 26, tzinfo=PARIS)
    appointments = [
        make(1, day.replace(hour=14), agenda_id=4711),
        make(2, day.replace(hour=9, minute=40), agenda_id=4712),
        make(3, day.replace(hour=9, minute=40), agenda_id=4711),  # same minute: one reminder, not two
        make(4, datetime(2026, 11, 26, 7, 30, tzinfo=PARIS), source="ics:cabinet", agenda_id=None),
        make(5, date(2026, 11, 26), source="ics:cabinet"),  # all day: not an appointment one goes to
        # 00:30 in Paris is still the previous evening in UTC: it belongs to the 27th, and is its first.
        make(6, datetime(2026, 11, 26, 23, 30, tzinfo=UTC)),
        make(7, day.replace(day=27, hour=8)),
        make(8, day.replace(day=28, hour=11)),
    ]
    firsts = first_of_day(appointments, POPUPS)
    assert firsts == {("ics:cabinet", "RAW-4"), ("doctolib", "RAW-6"), ("doctolib", "RAW-8")}
    without_feed = first_of_day([a for a in appointments if a.source == "doctolib"], POPUPS)
    assert ("doctolib", "RAW-2") in without_feed and ("doctolib", "RAW-3") not in without_feed
    assert first_of_day(appointments, Presentation()) == set()


def test_days_follow_the_practice_clock() -> None:
    # 03:00 UTC is the 26th in Paris but still the 25th in Martinique.
    early = make(1, datetime(2026, 11, 26, 3, 0, tzinfo=UTC))
    later = make(2, datetime(2026, 11, 26, 12, 0, tzinfo=UTC))
    assert first_of_day([early, later], POPUPS) == {("doctolib", "RAW-1")}
    martinique = Presentation(first_of_day_minutes=60, timezone="America/Martinique")
    assert first_of_day([early, later], martinique) == {("doctolib", "RAW-1"), ("doctolib", "RAW-2")}


def test_read_start_goes_back_to_midnight_only_for_a_first_of_day_reminder() -> None:
    noon = datetime(2026, 3, 29, 10, 0, tzinfo=UTC)  # the day Paris moves to summer time
    assert read_start(noon, DEFAULT) == noon
    assert read_start(noon, POPUPS) == datetime(2026, 3, 29, 0, 0, tzinfo=PARIS)
    assert read_start(noon, POPUPS).astimezone(UTC) == datetime(2026, 3, 28, 23, 0, tzinfo=UTC)
    midnight = datetime(2026, 3, 29, 0, 0, tzinfo=PARIS)
    assert read_start(midnight, POPUPS) == midnight


@pytest.mark.parametrize(
    ("new_patient", "kind", "agenda_id", "expected"),
    [
        (True, Kind.TELECONSULTATION, 4711, "11"),  # new patient first
        (False, Kind.TELECONSULTATION, 4711, "7"),  # then video visit
        (False, Kind.CONSULTATION, 4711, "9"),  # then the agenda
        (False, Kind.CONSULTATION, 4712, None),  # an agenda without a colour: the calendar's
        (False, Kind.APPOINTMENT, None, None),  # a feed has no agenda
        (True, Kind.APPOINTMENT, None, "11"),
    ],
)
def test_colour_precedence(new_patient: bool, kind: Kind, agenda_id: int | None, expected: str | None) -> None:
    presentation = Presentation(agenda_colors={4711: "9"}, color_teleconsultation="7", color_new_patient="11")
    appointment = make(new_patient=new_patient, kind=kind, agenda_id=agenda_id)
    assert color(appointment, presentation) == expected
    assert event_body(appointment, "busy", False, "fr", presentation).get("colorId") == expected


def test_without_their_colours_new_patients_and_video_visits_take_the_agendas() -> None:
    presentation = Presentation(agenda_colors={4711: "9"})
    assert color(make(new_patient=True, kind=Kind.TELECONSULTATION), presentation) == "9"


def test_locations() -> None:
    video = make(kind=Kind.TELECONSULTATION)
    assert location(make(), DEFAULT) == PRACTICE
    assert location(video, DEFAULT, "fr") == "Téléconsultation"
    assert location(video, DEFAULT, "en") == "Video consultation"
    assert location(make(location=None, kind=Kind.APPOINTMENT, agenda_id=None), DEFAULT) is None
    off = Presentation(locations=False)
    assert location(make(), off) is None and location(video, off, "fr") is None
    assert "location" not in event_body(make(), "full", True, "fr", off)


def test_filters() -> None:
    hide = Presentation(excluded_motives=frozenset({13}), show_unconfirmed=False)
    assert shown(make(visit_motive_id=12), hide)
    assert not shown(make(visit_motive_id=13), hide)
    assert shown(make(visit_motive_id=None), hide)
    assert not shown(make(tentative=True, awaiting_confirmation=True), hide)
    assert shown(make(tentative=True, awaiting_confirmation=False), hide), "an unknown status is never hidden"
    assert shown(make(tentative=True, awaiting_confirmation=True), DEFAULT)


def test_everything_on_at_busy_adds_no_word_about_the_patient() -> None:
    presentation = Presentation(
        reminders="popup",
        first_of_day_minutes=30,
        agenda_colors={4711: "9"},
        color_teleconsultation="7",
        color_new_patient="11",
    )
    for kind in Kind:
        event = desired_event(make(kind=kind, new_patient=True), "busy", False, "fr", presentation, True)
        text = json.dumps(event.body, ensure_ascii=False)
        for secret in ("Jean", "Dupont", "diabète", "RAW-0", "4711", "new_patient", "nouveau"):
            assert secret not in text, (kind, secret)
        assert event.body["colorId"] == "11"


def test_the_content_hash_covers_colour_reminders_and_location() -> None:
    base = desired_event(make()).content_hash
    changed = [
        desired_event(make(), presentation=Presentation(agenda_colors={4711: "3"})),
        desired_event(make(), presentation=Presentation(reminders="none")),
        desired_event(make(), presentation=Presentation(locations=False)),
        desired_event(make(), presentation=POPUPS, first_of_day=True),
    ]
    hashes = {event.content_hash for event in changed}
    assert base not in hashes and len(hashes) == len(changed)
    other_agenda = Presentation(agenda_colors={4712: "3"})
    assert desired_event(make(), presentation=other_agenda).content_hash == base
