"""Presentation through whole runs on the reference target: windows, filters, the guard, the impact count."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from calmedi_desktop.sync.eventid import event_id
from calmedi_desktop.sync.impact import Impact, change_impact, impact_of, options_from, overlay
from calmedi_desktop.sync.model import Appointment, Kind
from calmedi_desktop.sync.presentation import Presentation
from calmedi_desktop.sync.runner import RunOptions, compute_plan, run_sync
from calmedi_desktop.sync.targets.memory import MemoryTarget

PARIS = ZoneInfo("Europe/Paris")
DAY = datetime(2026, 11, 26, tzinfo=PARIS)
FULL = (DAY - timedelta(days=3), DAY + timedelta(days=10))
FIRST_60 = RunOptions(presentation=Presentation(reminders="popup", reminder_minutes=(10,), first_of_day_minutes=60))


class WindowSource:
    """Returns the appointments starting in what it is asked for, and remembers what it was asked."""

    name = "doctolib"

    def __init__(self, appointments: list[Appointment]) -> None:
        self.appointments = appointments
        self.asked: list[tuple[datetime, datetime]] = []

    def fetch(self, start: datetime, end: datetime) -> list[Appointment]:
        self.asked.append((start, end))
        return [a for a in self.appointments if start <= a.start < end]  # type: ignore[operator]


def appointment(n: int, start: datetime, **kw: object) -> Appointment:
    values: dict[str, object] = {
        "source": "doctolib",
        "source_id": f"apt-{n}",
        "start": start,
        "end": start + timedelta(minutes=20),
        "timezone": "Europe/Paris",
        "agenda_id": 4711 if n % 2 else 4712,
        "visit_motive_id": 12 + n % 3,
    }
    values.update(kw)
    return Appointment(**values)  # type: ignore[arg-type]


def day_of_appointments() -> list[Appointment]:
    return [
        appointment(1, DAY.replace(hour=9)),
        appointment(2, DAY.replace(hour=14)),
        appointment(3, DAY.replace(hour=16), kind=Kind.TELECONSULTATION),
        appointment(4, (DAY + timedelta(days=1)).replace(hour=8)),
        appointment(5, (DAY + timedelta(days=1)).replace(hour=10), tentative=True, awaiting_confirmation=True),
    ] + [appointment(n, (DAY + timedelta(days=2 + n % 5)).replace(hour=8 + n % 9)) for n in range(6, 26)]


def overrides(target: MemoryTarget, n: int) -> list[int]:
    reminders = target.events[event_id("doctolib", f"apt-{n}")].get("reminders") or {}
    return [o["minutes"] for o in reminders.get("overrides", [])]


def test_a_run_of_the_coming_hours_finds_the_same_first_appointment_as_a_full_run() -> None:
    source, target = WindowSource(day_of_appointments()), MemoryTarget()
    run_sync([source], target, *FULL, FIRST_60)
    assert overrides(target, 1) == [60, 10] and overrides(target, 2) == [10]

    # A run of the coming days starting at noon does not see 09:00 in its window, yet 14:00 stays second.
    near = (DAY.replace(hour=12), DAY + timedelta(days=7))
    result = run_sync([source], target, *near, FIRST_60)
    assert (result.created, result.updated, result.deleted) == (0, 0, 0)
    assert source.asked[-1] == (DAY, near[1]), "the read went back to the day's midnight"
    assert overrides(target, 2) == [10]


def test_without_a_first_of_day_reminder_the_read_is_the_window() -> None:
    source = WindowSource(day_of_appointments())
    near = (DAY.replace(hour=12), DAY + timedelta(days=7))
    run_sync([source], MemoryTarget(), *near, RunOptions())
    assert source.asked == [near]


def test_a_new_earlier_booking_moves_the_reminder_with_two_writes() -> None:
    appointments = day_of_appointments()
    source, target = WindowSource(appointments), MemoryTarget()
    run_sync([source], target, *FULL, FIRST_60)
    appointments.append(appointment(99, DAY.replace(hour=7, minute=30)))
    result = run_sync([source], target, *FULL, FIRST_60)
    assert (result.created, result.updated, result.deleted) == (1, 1, 0)
    assert overrides(target, 99) == [60, 10] and overrides(target, 1) == [10]


def test_excluding_a_motive_deletes_its_events_and_including_it_again_restores_them() -> None:
    source, target = WindowSource(day_of_appointments()), MemoryTarget()
    run_sync([source], target, *FULL, RunOptions())
    motive_13 = sum(1 for a in source.appointments if a.visit_motive_id == 13)
    hide = RunOptions(presentation=Presentation(excluded_motives=frozenset({13})))
    result = run_sync([source], target, *FULL, hide)
    assert (result.deleted, result.held_deletes, result.updated) == (motive_13, 0, 0)
    result = run_sync([source], target, *FULL, RunOptions())
    assert (result.updated, result.created, result.deleted) == (motive_13, 0, 0)  # restored, as Google wants
    assert all(body["status"] != "cancelled" for body in target.events.values())


def test_the_guard_holds_a_filter_that_would_empty_most_of_the_calendar() -> None:
    source, target = WindowSource(day_of_appointments()), MemoryTarget()
    run_sync([source], target, *FULL, RunOptions())
    hide_most = RunOptions(presentation=Presentation(excluded_motives=frozenset({12, 13})))
    result = run_sync([source], target, *FULL, hide_most)
    assert result.deleted == 0 and result.held_deletes > len(source.appointments) // 2
    confirmed = run_sync([source], target, *FULL, replace(hide_most, allow_mass_delete=True))
    assert confirmed.deleted == result.held_deletes


def test_unconfirmed_appointments_are_tentative_or_hidden() -> None:
    source, target = WindowSource(day_of_appointments()), MemoryTarget()
    run_sync([source], target, *FULL, RunOptions())
    assert target.events[event_id("doctolib", "apt-5")]["status"] == "tentative"
    hidden = RunOptions(presentation=Presentation(show_unconfirmed=False))
    assert run_sync([source], target, *FULL, hidden).deleted == 1
    assert target.events[event_id("doctolib", "apt-5")]["status"] == "cancelled"


def test_a_hidden_appointment_is_not_the_first_of_its_day() -> None:
    source, target = WindowSource(day_of_appointments()), MemoryTarget()
    first = replace(FIRST_60, presentation=replace(FIRST_60.presentation, excluded_motives=frozenset({13})))
    run_sync([source], target, *FULL, first)  # apt-1 (09:00) has motive 13: 14:00 opens the day
    assert overrides(target, 2) == [60, 10]


def test_the_impact_of_a_change_is_what_the_next_run_writes_for_it() -> None:
    source, target = WindowSource(day_of_appointments()), MemoryTarget()
    settings = {
        "privacy.level": "busy",
        "privacy.show_reason": False,
        "sync.timezone": "Europe/Paris",
        "events.reminders": "default",
        "events.reminder_minutes": [10],
        "events.first_of_day_minutes": None,
        "events.colors.agendas": {"4711": "9", "4712": "2"},
        "events.color_teleconsultation": None,
        "events.color_new_patient": None,
        "events.locations": True,
        "filters.excluded_motives": [],
        "filters.show_unconfirmed": True,
    }
    run_sync([source], target, *FULL, options_from(settings.__getitem__))
    change = {"events.colors.agendas": {"4711": "11", "4712": "2"}}
    impact = change_impact([source], *FULL, settings.__getitem__, change)
    agenda_4711 = sum(1 for a in source.appointments if a.agenda_id == 4711)
    assert impact == Impact(updates=agenda_4711)
    result = run_sync([source], target, *FULL, options_from(overlay(settings.__getitem__, change)))
    assert (result.updated, result.created, result.deleted) == (impact.updates, 0, 0)
    plan = compute_plan([source], target, *FULL, options_from(overlay(settings.__getitem__, change))).plan
    assert plan.writes == 0

    everything = {"filters.excluded_motives": [12, 13, 14]}
    assert change_impact([source], *FULL, settings.__getitem__, everything) == Impact(
        deletes=len(source.appointments), held=True
    )
    with pytest.raises(ValueError, match=r"sync\.past_days"):
        change_impact([source], *FULL, settings.__getitem__, {"sync.past_days": 3})


def test_impact_of_turning_on_the_first_of_day_reminder_counts_one_event_a_day() -> None:
    appointments = day_of_appointments()
    before, after = RunOptions(), replace(FIRST_60, presentation=replace(FIRST_60.presentation, reminders="default"))
    impact = impact_of(appointments, *FULL, before, after)
    days = {a.start.astimezone(PARIS).date() for a in appointments}  # type: ignore[union-attr]
    assert impact == Impact(updates=len(days))
