"""The event <-> iCalendar mapping: what a CalDAV server receives for each privacy level, and how resources
written by others (or by nobody sane) are read."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from calmedi_desktop.privacy.redaction import desired_event
from calmedi_desktop.sync.model import Appointment
from calmedi_desktop.sync.targets.caldav_ical import GOOGLE_COLOURS, body_to_ical, parse_resource
from tests.google.simkit import TZ, appointment, desired


def vevent(data: bytes) -> Calendar:
    return Calendar.from_ical(data).walk("VEVENT")[0]


def test_a_busy_event_is_private_opaque_tagged_and_keeps_its_zone() -> None:
    want = desired(1, level="busy")
    data = body_to_ical(want.body)
    calendar = Calendar.from_ical(data)
    event = calendar.walk("VEVENT")[0]
    assert str(event["UID"]) == want.id
    assert str(event["SUMMARY"]) == "Consultation"
    assert str(event["CLASS"]) == "PRIVATE" and str(event["TRANSP"]) == "OPAQUE" and str(event["STATUS"]) == "CONFIRMED"
    assert (str(event["X-CALMEDI-TAG"]), str(event["X-CALMEDI-HASH"])) == ("1", want.content_hash)
    assert str(event["X-CALMEDI-SCHEMA"]) == "1"
    assert b"DTSTART;TZID=Europe/Paris:20260303T090000" in data
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert event.decoded("DTSTART") == want.start
    assert "LOCATION" not in event and "DESCRIPTION" not in event


def test_the_title_follows_the_privacy_level() -> None:
    sample = appointment(2, name="Zoé Lefèvre-Ménard", visit_reason="Suivi tension")
    titles = {}
    for level in ("busy", "initials", "full"):
        titles[level] = str(vevent(body_to_ical(desired_event(sample, level).body))["SUMMARY"])
    assert titles == {
        "busy": "Consultation",
        "initials": "Consultation – Z. L.-M.",
        "full": "Consultation – Zoé Lefèvre-Ménard",
    }
    with_reason = vevent(body_to_ical(desired_event(sample, "busy", show_reason=True).body))
    assert str(with_reason["SUMMARY"]) == "Consultation · Suivi tension"


def test_awaiting_confirmation_is_tentative_and_a_practice_location_is_kept() -> None:
    event = vevent(body_to_ical(desired(3, tentative=True, location="Cabinet, 3 rue X").body))
    assert str(event["STATUS"]) == "TENTATIVE"
    assert str(event["LOCATION"]) == "Cabinet, 3 rue X"


def test_an_all_day_appointment_is_a_date() -> None:
    day = date(2026, 3, 4)
    want = desired_event(Appointment("doctolib", "day-1", day, day + timedelta(days=1), TZ))
    event = vevent(body_to_ical(want.body))
    assert event.decoded("DTSTART") == day and event.decoded("DTEND") == day + timedelta(days=1)
    parsed = parse_resource(body_to_ical(want.body), TZ)
    assert parsed is not None and parsed.start == want.start == datetime(2026, 3, 4, tzinfo=ZoneInfo(TZ))


def test_popup_reminders_become_display_alarms_and_colours_css_names() -> None:
    body = {**desired(5).body, "reminders": {"useDefault": False, "overrides": [
        {"method": "popup", "minutes": 30}, {"method": "email", "minutes": 1440}, {"method": "popup", "minutes": 5},
    ]}, "colorId": "11"}  # fmt: skip
    event = vevent(body_to_ical(body))
    alarms = event.walk("VALARM")
    assert [str(a["ACTION"]) for a in alarms] == ["DISPLAY", "DISPLAY"]  # e-mail reminders have no CalDAV form
    assert [a.decoded("TRIGGER") for a in alarms] == [timedelta(minutes=-30), timedelta(minutes=-5)]
    assert all(str(a["DESCRIPTION"]) == body["summary"] for a in alarms)  # no more than the title shows
    assert str(event["COLOR"]) == GOOGLE_COLOURS["11"] == "red"
    parsed = parse_resource(body_to_ical(body), TZ)
    assert parsed is not None
    assert parsed.body["reminders"]["overrides"] == [
        {"method": "popup", "minutes": 30},
        {"method": "popup", "minutes": 5},
    ]
    assert parsed.body["colorId"] == "11"


def test_without_reminders_or_colour_nothing_of_them_is_written() -> None:
    event = vevent(body_to_ical({**desired(6).body, "reminders": {"useDefault": True}}))
    assert not event.walk("VALARM") and "COLOR" not in event


@settings(max_examples=60, deadline=None)
@given(
    day=st.integers(-400, 400),
    minute=st.integers(0, 24 * 60 - 1),
    duration=st.integers(1, 600),
    zone=st.sampled_from(["Europe/Paris", "America/Martinique", "Indian/Reunion", "Pacific/Noumea", "UTC"]),
    level=st.sampled_from(["busy", "initials", "full"]),
    tentative=st.booleans(),
    name=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40),
)
def test_what_is_written_reads_back_the_same(
    day: int, minute: int, duration: int, zone: str, level: str, tentative: bool, name: str
) -> None:
    start = datetime(2026, 3, 29, tzinfo=ZoneInfo(zone)) + timedelta(days=day, minutes=minute)
    sample = replace(appointment(7, at=start, minutes=duration, name=name, tentative=tentative), timezone=zone)
    want = desired_event(sample, level)
    parsed = parse_resource(body_to_ical(want.body), "Europe/Paris")
    assert parsed is not None
    assert (parsed.uid, parsed.tagged, parsed.content_hash) == (want.id, True, want.content_hash)
    # Instants, in UTC: Python compares two datetimes of the same zone by wall clock, and a wall clock inside
    # the spring-forward gap (02:30 on 29 March in Paris) is the same instant as its normalised form (03:30).
    assert parsed.start is not None and parsed.end is not None
    assert parsed.start.astimezone(UTC) == want.start.astimezone(UTC)
    assert parsed.end.astimezone(UTC) == sample.end.astimezone(UTC)  # type: ignore[union-attr]
    assert parsed.status == want.body["status"]
    assert parsed.body["summary"] == want.body["summary"]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not a calendar",
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",  # no event
        b"BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:t\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:garbage\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:\udcff\r\nEND:VEVENT".encode("utf-8", "surrogatepass"),
    ],
)
def test_unreadable_resources_are_nobodys(data: bytes) -> None:
    assert parse_resource(data, TZ) is None


def test_someone_elses_event_is_read_untagged_with_its_own_times() -> None:
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//iOS 18//EN\r\nBEGIN:VEVENT\r\nUID:ABC-123\r\n"
        b"DTSTAMP:20260101T000000Z\r\nDTSTART:20260305T140000\r\nDURATION:PT45M\r\nSUMMARY:Dentist\r\n"
        b"STATUS:CANCELLED\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    parsed = parse_resource(data, TZ)
    assert parsed is not None
    assert (parsed.uid, parsed.tagged, parsed.content_hash, parsed.status) == ("ABC-123", False, None, "cancelled")
    assert parsed.start == datetime(2026, 3, 5, 14, 0, tzinfo=ZoneInfo(TZ))  # floating: the practice's zone
    assert parsed.end == parsed.start + timedelta(minutes=45)


def test_a_forged_tag_value_is_not_a_tag() -> None:
    body = {**desired(8).body, "extendedProperties": {"private": {"calmedi": "yes", "calmedi_hash": "x"}}}
    parsed = parse_resource(body_to_ical(body), TZ)
    assert parsed is not None and not parsed.tagged
