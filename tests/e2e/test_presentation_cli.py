"""Reminders, colours and places end to end: `calmedi config set` → `calmedi sync --once` → what Google holds."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from calmedi_desktop.service import CalMedi
from calmedi_desktop.settings_schema import setting
from calmedi_desktop.sync.eventid import event_id
from calmedi_desktop.sync.impact import change_impact
from calmedi_desktop.sync.progress import WRITING, Progress
from tests.cli_run import run
from tests.e2e.conftest import Sims
from tests.e2e.presentation_kit import PARIS, firsts_of_days, held_by_google, minutes, run_window, shown


def configure(capsys: pytest.CaptureFixture[str], **settings: str) -> None:
    for key, value in settings.items():
        code, _, err = run(capsys, "config", "set", key.replace("__", "."), value)
        assert code == 0, err


def sync(capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, int]:
    code, summary, err = run(capsys, "sync", "--once", "--json", *extra)
    assert code == 0, err
    return dict(summary)


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({}, {"useDefault": True}),
        ({"events__reminders": "default"}, {"useDefault": True}),
        ({"events__reminders": "none"}, {"useDefault": False}),
        (
            {"events__reminders": "popup"},
            {"useDefault": False, "overrides": [{"method": "popup", "minutes": 10}]},
        ),
        (
            {"events__reminders": "popup", "events__reminder_minutes": "15"},
            {"useDefault": False, "overrides": [{"method": "popup", "minutes": 15}]},
        ),
        (
            {"events__reminders": "popup", "events__reminder_minutes": "10,60"},
            {
                "useDefault": False,
                "overrides": [{"method": "popup", "minutes": 60}, {"method": "popup", "minutes": 10}],
            },
        ),
    ],
)
def test_reminders_none_default_one_two(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str], settings: dict[str, str], expected: dict[str, object]
) -> None:
    configure(capsys, **settings)
    wanted = shown(sims.doctolib, *run_window())
    assert sync(capsys)["created"] == len(wanted)
    events = held_by_google(sims.google, app.config.get("google.calendar_id"))
    assert events.keys() == wanted.keys()
    assert all(event["reminders"] == expected for event in events.values())


def test_a_reminder_before_the_first_appointment_of_each_day(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    window = run_window()
    booked = book_busy_days(sims, window[0])
    configure(capsys, events__reminders="popup", events__first_of_day_minutes="60")
    sync(capsys)
    firsts = firsts_of_days(sims.doctolib, *window)
    events = held_by_google(sims.google, app.config.get("google.calendar_id"))
    with_first = {eid for eid, event in events.items() if 60 in minutes(event)}
    assert with_first == firsts & events.keys() and len(with_first) > 20
    assert all(minutes(event) == ([60, 10] if eid in firsts else [10]) for eid, event in events.items())
    ids = {name: event_id("doctolib", appointment_id) for name, appointment_id in booked.items()}
    assert {name for name, eid in ids.items() if eid in with_first} == {"d1_0730", "d2_0740_tentative", "d3_tie_a"}
    assert ids["edge_early"] not in events, "before the window: read for the day's first, never written"
    assert 60 not in minutes(events[ids["edge_late"]]), "the window's first day is counted from its midnight"

    # With the calendar's default reminders, the first appointment has the first-of-day one alone.
    configure(capsys, events__reminders="default")
    assert sync(capsys)["updated"] == len(events)
    events = held_by_google(sims.google, app.config.get("google.calendar_id"))
    assert {eid for eid, e in events.items() if e["reminders"] == {"useDefault": True}} == events.keys() - firsts
    assert all(minutes(events[eid]) == [60] for eid in with_first)


def book_busy_days(sims: Sims, window_start: datetime) -> dict[str, str]:
    """Days with several appointments across both agendas, a tie and a tentative first (before 08:00, when the
    simulator's own appointments begin); and the window's first day with one appointment before the window
    starts and one after."""
    day = (datetime.now(PARIS) + timedelta(days=3)).replace(hour=0, minute=0, second=0, microsecond=0)

    def at(days: int, hour: int, minute: int = 0) -> datetime:
        return (day + timedelta(days=days)).replace(hour=hour, minute=minute)

    book = sims.doctolib.book
    local = window_start.astimezone(PARIS)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return {
        "d1_0730": book(at(0, 7, 30), agenda_ids=[4712]),
        "d1_1100": book(at(0, 11), agenda_ids=[4711]),
        "d1_1600": book(at(0, 16), agenda_ids=[4711], telehealth=True),
        "d2_0740_tentative": book(at(1, 7, 40), status="awaiting_confirmation_by_practitioner"),
        "d2_1000": book(at(1, 10), agenda_ids=[4712]),
        "d3_tie_a": book(at(2, 7, 50), agenda_ids=[4712], appointment_id="aaa-tie"),
        "d3_tie_b": book(at(2, 7, 50), agenda_ids=[4711], appointment_id="bbb-tie"),
        "edge_early": book(midnight + (local - midnight) / 2),
        "edge_late": book(local + (midnight + timedelta(days=1) - local) / 2),
    }


def test_colours_per_agenda_video_visit_and_new_patient(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(capsys, events__colors__agendas="4711=9,4712=tomate")
    sync(capsys)
    wanted = shown(sims.doctolib, *run_window())
    events = held_by_google(sims.google, app.config.get("google.calendar_id"))
    assert {eid: e["colorId"] for eid, e in events.items()} == {
        eid: {4711: "9", 4712: "11"}[entry.agenda_id] for eid, entry in wanted.items()
    }

    configure(capsys, events__color_teleconsultation="peacock", events__color_new_patient="Flamingo")
    sync(capsys)
    events = held_by_google(sims.google, app.config.get("google.calendar_id"))
    expected = {}
    for eid, entry in wanted.items():
        if entry.item.new_patient:
            expected[eid] = "4"
        elif entry.item.telehealth:
            expected[eid] = "7"
        else:
            expected[eid] = {4711: "9", 4712: "11"}[entry.agenda_id]
    assert {eid: e["colorId"] for eid, e in events.items()} == expected
    assert {"4", "7", "9", "11"} == set(expected.values())
    assert any(e.item.new_patient and e.item.telehealth for e in wanted.values()), "precedence is exercised"

    configure(capsys, events__colors__agendas="none", events__color_teleconsultation="none")
    sync(capsys)
    events = held_by_google(sims.google, app.config.get("google.calendar_id"))
    assert {eid for eid, e in events.items() if "colorId" in e} == {
        eid for eid, entry in wanted.items() if entry.item.new_patient
    }


def test_a_colour_change_updates_exactly_the_affected_events(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(capsys, events__colors__agendas="4711=9,4712=2", events__color_teleconsultation="7")
    sync(capsys)
    calendar_id = app.config.get("google.calendar_id")
    before = {e["id"]: e for e in sims.google.events(calendar_id)}
    wanted = shown(sims.doctolib, *run_window())
    affected = {eid for eid, entry in wanted.items() if entry.agenda_id == 4712 and not entry.item.telehealth}
    assert 5 < len(affected) < len(wanted) // 2

    change = {"events.colors.agendas": setting("events.colors.agendas").parse("4711=9,4712=11")}
    start, end = run_window()
    impact = change_impact(app.accounts.sources(), start, end, app.config.get, change)
    assert (impact.updates, impact.inserts, impact.deletes, impact.held) == (len(affected), 0, 0, False)
    assert held_by_google(sims.google, calendar_id).keys() == before.keys() - {
        eid for eid, e in before.items() if e["status"] == "cancelled"
    }, "counting wrote nothing"

    configure(capsys, events__colors__agendas="4711=9,4712=11")
    sims.google.reset_counts()
    heard: list[Progress] = []
    result = app.sync_once(progress=heard.append)
    assert (result.updated, result.created, result.deleted) == (len(affected), 0, 0)
    assert [p for p in heard if p.phase == WRITING][-1] == Progress(WRITING, len(affected), len(affected))
    assert sims.google.counts["events.update"] == len(affected)
    assert sims.google.counts["events.insert"] == sims.google.counts["events.delete"] == 0
    after = {e["id"]: e for e in sims.google.events(calendar_id)}
    changed = {eid for eid in after if after[eid]["etag"] != before[eid]["etag"]}
    assert changed == affected
    assert all(after[eid]["colorId"] == "11" for eid in affected)


def test_locations_and_the_video_visit_label_in_both_languages(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    places = {
        int(a["id"]): "{name}, {address}, {zipcode} {city}".format(**a["practice"])
        for a in sims.doctolib.agendas
        if not a.get("is_template")
    }
    wanted = shown(sims.doctolib, *run_window())
    sync(capsys)
    calendar_id = app.config.get("google.calendar_id")
    events = held_by_google(sims.google, calendar_id)
    for eid, entry in wanted.items():
        assert events[eid]["location"] == ("Video consultation" if entry.item.telehealth else places[entry.agenda_id])

    configure(capsys, ui__language="fr")
    videos = {eid for eid, entry in wanted.items() if entry.item.telehealth}
    assert sync(capsys)["updated"] == len(videos) > 0  # the label is a word; a practice's address is not
    events = held_by_google(sims.google, calendar_id)
    assert {events[eid]["location"] for eid in videos} == {"Téléconsultation"}

    configure(capsys, events__locations="off")
    assert sync(capsys)["updated"] == len(wanted)
    assert not [e for e in held_by_google(sims.google, calendar_id).values() if "location" in e]


def test_never_the_patients_address(app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]) -> None:
    configure(
        capsys,
        privacy__level="full",
        privacy__show_reason="yes",
        events__colors__agendas="4711=1",
        events__color_new_patient="2",
        events__reminders="popup",
        events__first_of_day_minutes="30",
    )
    sync(capsys)
    text = json.dumps(sims.google.events(app.config.get("google.calendar_id")), ensure_ascii=False)
    patients = [a.patient for a in sims.doctolib.appointments.values() if a.patient is not None]
    assert patients and any(p.first_name in text for p in patients), "names are sent at level full"
    for patient in patients:
        for private in (patient.address, patient.zipcode, patient.city, patient.phone_number, patient.email):
            assert private not in text


def test_every_new_setting_at_its_default_writes_nothing(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    created = sync(capsys)["created"]
    configure(
        capsys,
        events__reminders="default",
        events__reminder_minutes="10",
        events__first_of_day_minutes="none",
        events__colors__agendas="none",
        events__color_teleconsultation="none",
        events__color_new_patient="none",
        events__locations="on",
        filters__excluded_motives="none",
        filters__show_unconfirmed="yes",
    )
    sims.google.reset_counts()
    assert sync(capsys)["unchanged"] == created
    assert sims.google.counts.get("batch", 0) == 0
