"""The simulated Doctolib agenda: agendas, visit motives, appointments, their generation and mutations.

Written from doctolib-api.md on purpose, without importing the connector's ``doctolib_api`` module: a typo in
the connector's field names must make the tests fail, not be mirrored here.
"""

from __future__ import annotations

import copy
import random
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from calmedi_desktop.demo.patients import (
    MOTIVES,
    Markers,
    Patient,
    appointment_id,
    make_patient,
    marked_name,
)

CONFIRMED = ("confirmed", "waiting", "in_progress", "done", "no_show", "no_show_but_ok")
TENTATIVE = ("awaiting_confirmation_by_practitioner", "temporary")
ABSENT = ("deleted", "canceled", "cancelled", "rescheduled", "suspended")
ALL_STATUSES = CONFIRMED + TENTATIVE + ABSENT
PER_PAGE = 100
MAX_RANGE = timedelta(days=31)
QUERY_FORMAT = "%Y-%m-%d %H:%M:%S"
PAST = timedelta(days=10)
FUTURE = timedelta(days=120)

RANDOM: Literal["random"] = "random"


def default_agendas() -> list[dict[str, Any]]:
    return [
        {
            "id": 4711,
            "name": "Cabinet Paris 11",
            "is_template": False,
            "timezone": "Europe/Paris",
            "practice": {"name": "Cabinet Voltaire", "address": "12 rue Voltaire", "zipcode": "75011", "city": "Paris"},
        },
        {
            "id": 4712,
            "name": "Centre de santé Bastille",
            "is_template": False,
            "timezone": "Europe/Paris",
            "practice": {
                "name": "Centre de santé Bastille",
                "address": "4 rue de la Bastille",
                "zipcode": "75004",
                "city": "Paris",
            },
        },
        {
            "id": 4799,
            "name": "Modèle de semaine type",
            "is_template": True,
            "timezone": "Europe/Paris",
            "practice": {"name": "Cabinet Voltaire", "address": "12 rue Voltaire", "zipcode": "75011", "city": "Paris"},
        },
    ]


def wire_date(value: datetime, zone: str) -> str:
    """``2026-11-26T09:00:00.000+01:00``: local offset of the agenda, milliseconds, like Doctolib Pro."""
    return value.astimezone(ZoneInfo(zone)).isoformat(timespec="milliseconds")


@dataclass
class SimAppointment:
    id: str
    agenda_ids: list[int]
    start: datetime
    end: datetime
    status: str = "confirmed"
    telehealth: bool = False
    new_patient: bool = False
    visit_motive_id: int | None = None
    patient: Patient | None = None
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    updated_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def to_json(self, agenda_id: int, zone: str, include_patients: bool) -> dict[str, Any]:
        return {
            "id": self.id,
            "agenda_id": agenda_id,
            "start_date": wire_date(self.start, zone),
            "end_date": wire_date(self.end, zone),
            "status": self.status,
            "new_patient": self.new_patient,
            "telehealth": self.telehealth,
            "visit_motive_id": self.visit_motive_id,
            "created_at": wire_date(self.created_at, zone),
            "updated_at": wire_date(self.updated_at, zone),
            "patient": self.patient.to_json() if self.patient is not None and include_patients else None,
        }


class QueryError(Exception):
    def __init__(self, status: int, error: str) -> None:
        super().__init__(error)
        self.status = status
        self.error = error


class AgendaData:
    """Every piece of agenda state, behind one lock (the HTTP server is threaded)."""

    def __init__(
        self,
        seed: int,
        per_agenda: int,
        now: datetime,
        agendas: list[dict[str, Any]] | None,
        marked_motives: bool = True,
    ) -> None:
        self.lock = threading.RLock()
        self.marked_motives = marked_motives
        self.rng = random.Random(seed)
        self.markers = Markers(self.rng)
        self.now = now
        self.practitioner = {"id": "p-81f2", "name": "Dr Marie Martin"}
        self.agendas: list[dict[str, Any]] = agendas if agendas is not None else default_agendas()
        self.motives: dict[int, list[dict[str, Any]]] = {}
        self.items: dict[str, SimAppointment] = {}
        self._retired: list[str] = []  # sensitive strings no longer served, still reported by markers
        self._next_motive = 12
        for agenda in self.agendas:
            self._make_motives(int(agenda["id"]))
        self._generate(per_agenda)

    # -- lookups ---------------------------------------------------------------------------------------------

    def agenda(self, agenda_id: int) -> dict[str, Any] | None:
        return next((a for a in self.agendas if a.get("id") == agenda_id), None)

    def zone_of(self, agenda_id: int) -> str:
        agenda = self.agenda(agenda_id)
        return str(agenda["timezone"]) if agenda else "Europe/Paris"

    def sensitive_strings(self) -> list[str]:
        with self.lock:
            out = list(self._retired)
            for item in self.items.values():
                out.append(item.id)
                if item.patient is not None:
                    out.extend(item.patient.strings())
            out.extend(m["name"] for ms in self.motives.values() for m in ms)
            return out

    def snapshot(self) -> dict[str, SimAppointment]:
        with self.lock:
            return copy.deepcopy(self.items)

    # -- generation ------------------------------------------------------------------------------------------

    def _make_motives(self, agenda_id: int) -> None:
        motives = []
        for name, _minutes in MOTIVES:
            marker = self.markers.new()  # drawn either way: the seed gives the same agenda with or without
            motives.append({"id": self._next_motive, "name": f"{name} {marker}" if self.marked_motives else name})
            self._next_motive += 1
        self.motives[agenda_id] = motives

    def _motive_minutes(self, motive_id: int | None) -> int:
        for motives in self.motives.values():
            for index, motive in enumerate(motives):
                if motive["id"] == motive_id:
                    return MOTIVES[index % len(MOTIVES)][1]
        return 20

    def _random_slot(self, zone: str, minutes: int) -> tuple[datetime, datetime]:
        tz = ZoneInfo(zone)
        local_now = self.now.astimezone(tz)
        day = local_now.date() + timedelta(days=self.rng.randint(-9, 119))
        local = datetime.combine(day, time(self.rng.randint(8, 18), self.rng.choice((0, 15, 20, 30, 40, 45))), tz)
        start = local.astimezone(UTC)
        return start, start + timedelta(minutes=minutes)

    def _generate(self, per_agenda: int) -> None:
        real = [a for a in self.agendas if not a.get("is_template")]
        for agenda in self.agendas:
            agenda_id = int(agenda["id"])
            count = max(1, per_agenda // 5) if agenda.get("is_template") else per_agenda
            for n in range(count):
                # The first agenda carries every status at least once, the rest are mostly confirmed.
                if agenda is self.agendas[0] and n < len(ALL_STATUSES):
                    status = ALL_STATUSES[n]
                else:
                    status = self.rng.choices(
                        ("confirmed", "done", "awaiting_confirmation_by_practitioner", "canceled", "no_show"),
                        weights=(70, 10, 8, 8, 4),
                    )[0]
                agenda_ids = [agenda_id]
                if len(real) > 1 and agenda is real[0] and n % 10 == 3:
                    agenda_ids.append(int(real[1]["id"]))
                self._add(agenda_ids, status, patient=None if n % 9 == 5 else RANDOM, telehealth=n % 5 == 2)

    def _add(
        self,
        agenda_ids: list[int],
        status: str,
        *,
        patient: Patient | Literal["random"] | None,
        telehealth: bool,
        start: datetime | None = None,
        end: datetime | None = None,
        visit_motive_id: int | Literal["random"] | None = RANDOM,
        new_id: str | None = None,
        new_patient: bool | None = None,
    ) -> str:
        motives = self.motives.get(agenda_ids[0]) or [{"id": None}]
        motive_id = self.rng.choice(motives)["id"] if visit_motive_id == RANDOM else visit_motive_id
        if start is None:
            start, end = self._random_slot(self.zone_of(agenda_ids[0]), self._motive_minutes(motive_id))
        if end is None:
            end = start + timedelta(minutes=self._motive_minutes(motive_id))
        created = min(start, self.now) - timedelta(days=self.rng.randint(1, 30), minutes=self.rng.randint(0, 600))
        item = SimAppointment(
            id=new_id or appointment_id(self.rng, self.markers),
            agenda_ids=list(agenda_ids),
            start=start,
            end=end,
            status=status,
            telehealth=telehealth,
            new_patient=self.rng.random() < 0.2 if new_patient is None else new_patient,
            visit_motive_id=motive_id,
            patient=make_patient(self.rng, self.markers) if patient == RANDOM else patient,
            created_at=created,
            updated_at=created + timedelta(hours=self.rng.randint(0, 48)),
        )
        self.items[item.id] = item
        return item.id

    # -- mutations -------------------------------------------------------------------------------------------

    def book(
        self,
        start: datetime | None = None,
        end: datetime | None = None,
        *,
        agenda_ids: list[int] | None = None,
        status: str = "confirmed",
        patient: Patient | Literal["random"] | None = RANDOM,
        telehealth: bool = False,
        visit_motive_id: int | Literal["random"] | None = RANDOM,
        appointment_id: str | None = None,
        new_patient: bool | None = None,
    ) -> str:
        with self.lock:
            ids = agenda_ids or [int(next(a for a in self.agendas if not a.get("is_template"))["id"])]
            if start is not None and start.tzinfo is None:
                start = start.replace(tzinfo=ZoneInfo(self.zone_of(ids[0])))
            if end is not None and end.tzinfo is None:
                end = end.replace(tzinfo=ZoneInfo(self.zone_of(ids[0])))
            return self._add(
                ids,
                status,
                patient=patient,
                telehealth=telehealth,
                start=start,
                end=end,
                visit_motive_id=visit_motive_id,
                new_id=appointment_id,
                new_patient=new_patient,
            )

    def _touch(self, item_id: str) -> SimAppointment:
        item = self.items[item_id]
        item.updated_at = max(datetime.now(UTC), item.updated_at)
        return item

    def move(self, item_id: str, start: datetime, end: datetime) -> None:
        with self.lock:
            item = self._touch(item_id)
            item.start, item.end = start, end

    def set_status(self, item_id: str, status: str) -> None:
        with self.lock:
            self._touch(item_id).status = status

    def cancel(self, item_id: str) -> None:
        self.set_status(item_id, "canceled")

    def rename(self, item_id: str, first: str, last: str) -> None:
        with self.lock:
            item = self._touch(item_id)
            if item.patient is None:
                item.patient = make_patient(self.rng, self.markers)
            self._retired.extend([item.patient.first_name, item.patient.last_name])
            item.patient.first_name, item.patient.last_name = first, last

    def random_mutation(self, rng: random.Random) -> str:
        with self.lock:
            live = sorted(i for i, a in self.items.items() if a.status not in ABSENT)
            kind = rng.choice(("book", "move", "cancel", "rename")) if live else "book"
            if kind == "book":
                self.book()
            elif kind == "move":
                target = self.items[rng.choice(live)]
                shift = timedelta(days=rng.randint(-3, 3), minutes=15 * rng.randint(-8, 8)) or timedelta(hours=1)
                self.move(target.id, target.start + shift, target.end + shift)
            elif kind == "cancel":
                self.cancel(rng.choice(live))
            else:
                self.rename(rng.choice(live), *marked_name(self.rng, self.markers))
            return kind

    # -- queries ---------------------------------------------------------------------------------------------

    def page(self, agenda_id: int, start_text: str, end_text: str, page: int, include_patients: bool) -> dict[str, Any]:
        with self.lock:
            agenda = self.agenda(agenda_id)
            if agenda is None:
                raise QueryError(404, "unknown agenda")
            zone = ZoneInfo(str(agenda["timezone"]))
            try:
                wall_start = datetime.strptime(start_text, QUERY_FORMAT)
                wall_end = datetime.strptime(end_text, QUERY_FORMAT)
            except ValueError as exc:
                raise QueryError(400, "start_date and end_date must read YYYY-MM-DD HH:MM:SS") from exc
            first = wall_start.replace(tzinfo=zone).astimezone(UTC)
            last = wall_end.replace(tzinfo=zone).astimezone(UTC)
            if first >= last:
                raise QueryError(400, "end_date must be after start_date")
            # Strictest reading of "longer than 31 days": neither the wall-clock nor the elapsed span may exceed it.
            if wall_end - wall_start > MAX_RANGE or last - first > MAX_RANGE:
                raise QueryError(400, "range longer than 31 days")
            chosen = sorted(
                (a for a in self.items.values() if agenda_id in a.agenda_ids and first <= a.start < last),
                key=lambda a: (a.start, a.id),
            )
            rows = chosen[(page - 1) * PER_PAGE : page * PER_PAGE]
            pages = max(1, -(-len(chosen) // PER_PAGE))
            return {
                "data": [a.to_json(agenda_id, str(agenda["timezone"]), include_patients) for a in rows],
                "meta": {
                    "page": page,
                    "per_page": PER_PAGE,
                    "total": len(chosen),
                    "next_page": page + 1 if page < pages else None,
                },
            }
