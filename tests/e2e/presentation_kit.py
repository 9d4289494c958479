"""What the Doctolib simulator's data says Google should hold once presentation settings apply.

Computed from the simulator's own state and the contract, not from CalMedi's presentation module, so that a
mistake there makes these tests fail rather than be mirrored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from calmedi_desktop.demo.doctolib_sim import DoctolibSim
from calmedi_desktop.demo.doctolib_sim_data import ABSENT, TENTATIVE, SimAppointment
from calmedi_desktop.demo.google_sim import GoogleSim
from calmedi_desktop.sync.eventid import event_id

PARIS = ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class Shown:
    """One appointment as the sync should show it: the agenda it is read through, and the appointment."""

    agenda_id: int
    item: SimAppointment

    @property
    def event_id(self) -> str:
        return event_id("doctolib", self.item.id)

    @property
    def awaiting(self) -> bool:
        return self.item.status in TENTATIVE


def shown(doctolib: DoctolibSim, start: datetime, end: datetime) -> dict[str, Shown]:
    """Live appointments starting in [start, end) of the real agendas, each attributed to the first agenda (in
    the accounts' order) that lists it; keyed by Google event id."""
    order = [int(a["id"]) for a in doctolib.agendas if not a.get("is_template")]
    result: dict[str, Shown] = {}
    for item in doctolib.appointments.values():
        agendas = [a for a in order if a in item.agenda_ids]
        if agendas and item.status not in ABSENT and start <= item.start < end:
            entry = Shown(agendas[0], item)
            result[entry.event_id] = entry
    return result


def run_window(now: datetime | None = None, past: int = 7, future: int = 90) -> tuple[datetime, datetime]:
    now = now or datetime.now(UTC)
    return now - timedelta(days=past), now + timedelta(days=future)


def firsts_of_days(doctolib: DoctolibSim, start: datetime, end: datetime) -> set[str]:
    """Event ids of the first appointment of each Paris day, the whole of the window's first day included."""
    local = start.astimezone(PARIS)
    midnight = datetime(local.year, local.month, local.day, tzinfo=PARIS)
    best: dict[object, tuple[datetime, str]] = {}
    for entry in shown(doctolib, midnight, end).values():
        day = entry.item.start.astimezone(PARIS).date()
        rank = (entry.item.start, entry.item.id)
        if day not in best or rank < best[day]:
            best[day] = rank
    return {event_id("doctolib", item_id) for _, item_id in best.values()}


def held_by_google(google: GoogleSim, calendar_id: str) -> dict[str, dict[str, Any]]:
    """Live events by id."""
    return {e["id"]: e for e in google.events(calendar_id) if e.get("status") != "cancelled"}


def minutes(event: dict[str, Any]) -> list[int]:
    return [o["minutes"] for o in event["reminders"].get("overrides", [])]
