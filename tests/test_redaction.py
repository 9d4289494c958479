from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from calmedi_desktop.privacy.redaction import desired_event, example_title, initials, title
from calmedi_desktop.sync.eventid import content_hash, event_id
from calmedi_desktop.sync.model import Appointment, Kind

PARIS = ZoneInfo("Europe/Paris")


def make(**overrides: object) -> Appointment:
    values: dict[str, object] = {
        "source": "doctolib",
        "source_id": "RAW-ID-Mkzq1",
        "start": datetime(2026, 11, 26, 9, 0, tzinfo=PARIS),
        "end": datetime(2026, 11, 26, 9, 20, tzinfo=PARIS),
        "timezone": "Europe/Paris",
        "patient_name": "Jean Dupont",
        "visit_reason": "Suivi diabète",
    }
    values.update(overrides)
    return Appointment(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("level", "language", "expected"),
    [
        ("busy", "fr", "Consultation"),
        ("initials", "fr", "Consultation – J. D."),
        ("full", "fr", "Consultation – Jean Dupont"),
        ("busy", "en", "Consultation"),
    ],
)
def test_levels(level: str, language: str, expected: str) -> None:
    assert title(make(), level, False, language) == expected


def test_teleconsultation_titles_are_localised() -> None:
    appointment = make(kind=Kind.TELECONSULTATION)
    assert title(appointment, "busy", False, "fr") == "Téléconsultation"
    assert title(appointment, "busy", False, "en") == "Video consultation"


def test_visit_reason_only_when_opted_in() -> None:
    assert "diabète" not in title(make(), "full", False, "fr")
    assert title(make(), "busy", True, "fr") == "Consultation · Suivi diabète"


def test_initials_handle_compound_names() -> None:
    assert initials("Jean-Pierre de la Tour") == "J.-P. D. L. T."
    assert initials("  ") == ""


def test_busy_body_carries_no_identity_and_no_raw_id() -> None:
    event = desired_event(make(), "busy")
    text = json.dumps(event.body, ensure_ascii=False)
    for secret in ("Jean", "Dupont", "diabète", "RAW-ID-Mkzq1", "J. D."):
        assert secret not in text
    assert event.body["visibility"] == "private"
    assert event.body["transparency"] == "opaque"
    assert event.body["extendedProperties"]["private"]["calmedi"] == "1"


def test_tentative_and_location_and_dst_offsets() -> None:
    summer = make(
        start=datetime(2026, 7, 1, 9, 0, tzinfo=PARIS),
        end=datetime(2026, 7, 1, 9, 30, tzinfo=PARIS),
        tentative=True,
        location="Cabinet Voltaire, 12 rue Voltaire, 75011 Paris",
    )
    body = desired_event(summer).body
    assert body["status"] == "tentative"
    assert body["start"] == {"dateTime": "2026-07-01T09:00:00+02:00", "timeZone": "Europe/Paris"}
    assert body["location"].startswith("Cabinet Voltaire")
    winter = desired_event(make()).body
    assert winter["start"]["dateTime"].endswith("+01:00")


def test_all_day_events_use_dates() -> None:
    body = desired_event(make(start=date(2026, 12, 24), end=date(2026, 12, 25))).body
    assert body["start"] == {"date": "2026-12-24"} and body["end"] == {"date": "2026-12-25"}


def test_event_ids_are_deterministic_base32hex_and_source_scoped() -> None:
    first = event_id("doctolib", "x" * 200)
    assert first == event_id("doctolib", "x" * 200)
    assert first != event_id("ics:feed", "x" * 200)
    assert set(first) <= set("abcdefghijklmnopqrstuv0123456789") and 5 <= len(first) <= 1024


def test_content_hash_ignores_tags_but_not_content() -> None:
    body = desired_event(make()).body
    assert content_hash(body) == content_hash({**body, "extendedProperties": {}})
    assert content_hash(body) != content_hash({**body, "summary": "other"})


def test_repr_never_shows_patient_fields() -> None:
    text = repr(make())
    assert "Dupont" not in text and "diabète" not in text and "RAW-ID" not in text


def test_extended_property_limits_respected() -> None:
    tags = desired_event(make()).body["extendedProperties"]["private"]
    assert all(len(k) <= 44 and len(v) <= 1024 for k, v in tags.items())


def test_example_title_for_the_settings_preview() -> None:
    assert example_title("initials", False, "fr") == "Consultation – J. D."
    assert example_title("busy", True, "en") == "Consultation · Follow-up"
