"""The facade's side of the Calendar view, through both simulators: the count of a change before it applies
(and that it is what the next run writes), saving a change in one go, the visit motives by name, and the
made-up sample day."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from calmedi_desktop import credentials
from calmedi_desktop.demo.patients import markers_of
from calmedi_desktop.errors import InvalidSettingError, LicenceRequiredError, ProcessingPausedError, SourceError
from calmedi_desktop.service import CalMedi
from tests.e2e.conftest import Sims
from tests.e2e.presentation_kit import held_by_google, run_window, shown

CHANGES: list[dict[str, Any]] = [
    {"events.colors.agendas": "4711=9,4712=tomate"},
    {"events.reminders": "popup", "events.reminder_minutes": "60,10"},
    {"events.first_of_day_minutes": "45"},
    {"events.locations": "off"},
    {"filters.show_unconfirmed": "no"},
    {"privacy.level": "initials", "events.color_new_patient": "flamant rose"},
]


def writes(app: CalMedi) -> tuple[int, int, int]:
    result = app.sync_once()
    assert result.failed == 0 and result.held_deletes == 0
    return result.created, result.updated, result.deleted


def test_the_count_before_a_change_is_what_the_next_run_writes(app: CalMedi, sims: Sims) -> None:
    writes(app)
    calendar_id = app.config.get("google.calendar_id")
    for change in CHANGES:
        before = dict(sims.google.counts)
        impact = app.settings_change_impact(change)
        assert dict(sims.google.counts) == before, "counting lists nothing and writes nothing in Google"
        assert impact["touched"] == impact["inserts"] + impact["updates"] + impact["deletes"] > 0, change
        app.set_settings(change)
        assert writes(app) == (impact["inserts"], impact["updates"], impact["deletes"]), change
        assert app.settings_change_impact(change)["touched"] == 0, "once applied, the same change touches nothing"
    assert held_by_google(sims.google, calendar_id), "the calendar still holds the confirmed appointments"


def test_the_answer_holds_the_validated_values(app: CalMedi, sims: Sims) -> None:
    impact = app.settings_change_impact({"events.colors.agendas": "4712=Tomate", "events.first_of_day_minutes": "none"})
    assert impact["settings"] == {"events.colors.agendas": {"4712": "11"}, "events.first_of_day_minutes": None}
    assert app.config.get("events.colors.agendas") == {}, "nothing saved"


def test_a_filter_that_empties_the_calendar_is_counted_as_held(app: CalMedi, sims: Sims) -> None:
    wanted = shown(sims.doctolib, *run_window())
    writes(app)
    every_motive = ",".join(str(m["id"]) for motives in sims.doctolib.motives.values() for m in motives)
    impact = app.settings_change_impact({"filters.excluded_motives": every_motive})
    assert (impact["deletes"], impact["held"]) == (len(wanted), True)
    app.set_settings({"filters.excluded_motives": every_motive})
    assert app.sync_once().held_deletes == len(wanted), "the run holds what the count announced"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"sync.past_days": "3"}, "calmedi sync --once --dry-run"),
        ({"events.color_new_patient": "chartreuse"}, "colour"),
        ({"events.reminder_minutes": "10,10"}, "two"),
        ({"google.calendar_id": "x@group.calendar.google.com"}, "unknown"),
    ],
)
def test_what_cannot_be_counted_is_refused_before_any_read(
    app: CalMedi, sims: Sims, change: dict[str, str], words: str
) -> None:
    with pytest.raises(InvalidSettingError) as refused:
        app.settings_change_impact(change)
    assert words in refused.value.message
    assert sims.doctolib.counts["appointments"] == 0


def test_no_count_while_paused_or_without_a_licence(app: CalMedi, sims: Sims) -> None:
    change = {"events.locations": "off"}
    app.pause_processing()
    with pytest.raises(ProcessingPausedError):
        app.settings_change_impact(change)
    app.resume_processing()
    long_ago = (datetime.now(UTC) - timedelta(days=30)).isoformat()
    app.state.update(licence_trial_started_at=long_ago)
    with pytest.raises(LicenceRequiredError):
        app.settings_change_impact(change)
    assert sum(sims.doctolib.counts.values()) == 0, "nothing was read from Doctolib"


def test_a_source_error_propagates_and_nothing_is_written(app: CalMedi, sims: Sims) -> None:
    writes(app)
    sims.google.reset_counts()
    sims.doctolib.inject(400, count=50, path="/calendar_display/appointments")
    with pytest.raises(SourceError):
        app.settings_change_impact({"events.reminders": "none"})
    assert sims.google.counts.get("batch", 0) == 0


def test_set_settings_saves_all_of_a_change_or_none_of_it(app: CalMedi) -> None:
    with pytest.raises(InvalidSettingError):
        app.set_settings({"events.reminders": "popup", "events.color_teleconsultation": "chartreuse"})
    saved = json.loads(app.config.path.read_text(encoding="utf-8"))["values"] if app.config.path.exists() else {}
    assert "events.reminders" not in saved
    assert app.set_settings({"events.reminders": "popup", "events.color_teleconsultation": "raisin"}) == {
        "events.reminders": "popup",
        "events.color_teleconsultation": "3",
    }
    saved = json.loads(app.config.path.read_text(encoding="utf-8"))["values"]
    assert (saved["events.reminders"], saved["events.color_teleconsultation"]) == ("popup", "3")


def test_a_new_destination_set_with_a_refused_value_switches_nothing(app: CalMedi) -> None:
    url = "https://caldav.icloud.com/"
    app.config.set_many({"caldav.url": url, "caldav.user": "dr", "caldav.calendar_url": url + "cal/"}, internal=True)
    app.store.set(credentials.CALDAV, "abcd-efgh-ijkl-mnop")
    with pytest.raises(InvalidSettingError):
        app.set_settings({"sync.target": "caldav", "events.color_teleconsultation": "chartreuse"})
    assert app.get_setting("sync.target") == "google", "one refused value saves none, the destination included"
    parsed = app.set_settings({"sync.target": "caldav", "events.color_teleconsultation": "raisin"})
    assert parsed == {"events.color_teleconsultation": "3", "sync.target": "caldav"}
    assert app.get_setting("sync.target") == "caldav"


def test_visit_motives_by_name_with_their_agendas(app: CalMedi, sims: Sims) -> None:
    names = {int(a["id"]): a["name"] for a in sims.doctolib.agendas}
    expected = {
        m["id"]: (m["name"], [names[agenda_id]])
        for agenda_id, motives in sims.doctolib.motives.items()
        if agenda_id in {4711, 4712}
        for m in motives
    }
    before = sims.doctolib.counts["accounts"]
    listed = app.visit_motives()
    assert sims.doctolib.counts["accounts"] - before == 1, "the agendas are read once, for the names and the motives"
    assert {m["id"]: (m["name"], m["agendas"]) for m in listed} == expected
    assert [m["name"].casefold() for m in listed] == sorted(m["name"].casefold() for m in listed)


def test_the_sample_day_shows_the_proposed_settings_and_no_real_patient(app: CalMedi, sims: Sims) -> None:
    agendas = app.doctolib_agendas()
    read = dict(sims.doctolib.counts)
    change = {
        "privacy.level": "full",
        "events.colors.agendas": "4711=2,4712=6",
        "events.color_teleconsultation": "grape",
        "events.reminders": "popup",
        "events.reminder_minutes": "10",
        "events.first_of_day_minutes": "60",
        "filters.show_unconfirmed": "no",
    }
    day = app.presentation_preview(change, agendas, "en")
    assert dict(sims.doctolib.counts) == read, "the sample day reads nothing"
    assert markers_of(sims.doctolib).isdisjoint(set(json.dumps(day).split())), "made-up patients only"
    assert not any(e["tentative"] for e in day), "awaiting confirmation: hidden"
    assert day[0]["reminders"] == [60, 10] and all(e["reminders"] == [10] for e in day[1:])
    places = {a["name"]: a["place"] for a in agendas}
    for event in day:
        if event["video"]:
            assert (event["color_id"], event["location"]) == ("3", "Video consultation")
        else:
            assert event["color_id"] == {"Cabinet Paris 11": "2", "Centre de santé Bastille": "6"}[event["agenda"]]
            assert event["location"] == places[event["agenda"]]
    assert {e["color"] for e in day} == {"#33b679", "#f4511e", "#8e24aa"}
    assert any(" – " in e["summary"] for e in day), "level full shows the made-up name"

    saved = app.presentation_preview(None, None, "fr")
    assert all(e["reminders"] == "default" and e["color"] is None for e in saved), "the settings as saved"
    assert any(e["tentative"] for e in saved) and any(e["location"] == "Téléconsultation" for e in saved)
    with pytest.raises(InvalidSettingError):
        app.presentation_preview({"events.reminder_minutes": "5,5"})
    assert datetime.fromisoformat(day[0]["start"]).tzinfo is not None
