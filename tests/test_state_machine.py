"""Random source edits and random Google failures; one clean run must leave Google equal to the source's image.

In the spirit of vdirsyncer's SyncMachine: the agenda is a dict of Appointments, Google is GoogleSim driven
through the real client, and faulty syncs meet 429s, quota 403s, 5xxs, dropped connections (before and
after Google processed the request), timeouts, and cancelled events that make an insert answer 409.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from calmedi_desktop.demo.google_sim import GoogleSim
from calmedi_desktop.errors import CalmediError
from calmedi_desktop.privacy.redaction import LEVELS, desired_event
from calmedi_desktop.sync.model import Appointment, Kind
from calmedi_desktop.sync.retry import RetryPolicy
from calmedi_desktop.sync.runner import RunOptions, run_sync, window
from tests.google.simkit import Sleeps, foreign_body, sim_target, tagged

TZ = "Europe/Paris"
NOW = datetime(2026, 3, 20, 12, 0, tzinfo=ZoneInfo(TZ))  # the window spans the switch to summer time
START, END = window(NOW, 7, 90)
NAMES = ["Jean Dupont", "Zoé Lefèvre-Ménard", "Ana de la Cruz", "Li Wei", "Élodie Martin"]
POLICY = RetryPolicy(attempts=4, base=0.001, cap=0.01)
BOOKING = st.tuples(
    st.integers(-7, 95),  # day relative to NOW (some fall outside the window)
    st.integers(7 * 60, 20 * 60),  # minute of the day
    st.sampled_from([15, 20, 30, 45]),
    st.sampled_from(list(Kind)),
    st.booleans(),  # awaiting confirmation
    st.sampled_from([*NAMES, None]),
)


class FakeSource:
    name = "doctolib"

    def __init__(self) -> None:
        self.appointments: dict[str, Appointment] = {}

    def fetch(self, start: datetime, end: datetime) -> list[Appointment]:
        return [a for a in self.appointments.values() if start <= a.start < end]  # type: ignore[operator]


class GoogleSyncMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.sim = GoogleSim(seed=1).start()
        self.calendar_id = self.sim.create_calendar("CalMedi", TZ)
        self.target = sim_target(self.sim, self.calendar_id, Sleeps(), policy=POLICY, timeout=5.0)
        self.impatient = sim_target(self.sim, self.calendar_id, Sleeps(), policy=POLICY, timeout=0.25)
        self.source = FakeSource()
        self.level = "busy"
        self.next_id = 0
        for n, (days, extra) in enumerate([(1, {}), (2, {"status": "cancelled"}), (-200, {})]):
            self.sim.add_foreign_event(
                self.calendar_id, foreign_body(f"foreign{n:05d}", NOW + timedelta(days=days), **extra)
            )
        self.foreign = {e["id"]: e for e in self.sim.events(self.calendar_id)}

    def teardown(self) -> None:
        self.sim.stop()

    # -- source edits ----------------------------------------------------------------------------------

    @rule(bookings=st.lists(BOOKING, min_size=1, max_size=4))
    def book(self, bookings: list[tuple[int, int, int, Kind, bool, str | None]]) -> None:
        for day, minute, duration, kind, tentative, name in bookings:
            self.next_id += 1
            start = (NOW + timedelta(days=day)).replace(hour=0, minute=0) + timedelta(minutes=minute)
            source_id = f"rdv-{self.next_id}"
            self.source.appointments[source_id] = Appointment(
                source="doctolib",
                source_id=source_id,
                start=start,
                end=start + timedelta(minutes=duration),
                timezone=TZ,
                tentative=tentative,
                kind=kind,
                patient_name=name,
            )

    def _pick(self, data: st.DataObject) -> str:
        return data.draw(st.sampled_from(sorted(self.source.appointments)))

    @precondition(lambda self: self.source.appointments)
    @rule(data=st.data(), minutes=st.integers(-3 * 24 * 60, 3 * 24 * 60).filter(bool))
    def move(self, data: st.DataObject, minutes: int) -> None:
        key = self._pick(data)
        old = self.source.appointments[key]
        shift = timedelta(minutes=minutes)
        self.source.appointments[key] = dataclasses.replace(old, start=old.start + shift, end=old.end + shift)

    @precondition(lambda self: self.source.appointments)
    @rule(data=st.data())
    def cancel(self, data: st.DataObject) -> None:
        del self.source.appointments[self._pick(data)]

    @precondition(lambda self: self.source.appointments)
    @rule(data=st.data(), name=st.sampled_from(NAMES))
    def rename_patient(self, data: st.DataObject, name: str) -> None:
        key = self._pick(data)
        self.source.appointments[key] = dataclasses.replace(self.source.appointments[key], patient_name=name)

    @rule(level=st.sampled_from(LEVELS))
    def change_privacy_level(self, level: str) -> None:
        self.level = level

    # -- Google-side trouble ---------------------------------------------------------------------------

    def _unsynced(self) -> list[str]:
        known = {e["id"] for e in self.sim.events(self.calendar_id)}
        return sorted(k for k, a in self.source.appointments.items() if desired_event(a).id not in known)

    @precondition(lambda self: self._unsynced())
    @rule(data=st.data(), tag=st.booleans())
    def plant_cancelled_event(self, data: st.DataObject, tag: bool) -> None:
        """A cancelled event with the id an appointment will get, outside the window: its insert answers 409."""
        event = desired_event(self.source.appointments[data.draw(st.sampled_from(self._unsynced()))], self.level)
        extra: dict[str, Any] = {"status": "cancelled"}
        if tag:
            extra["extendedProperties"] = event.body["extendedProperties"]
        self.sim.add_foreign_event(self.calendar_id, foreign_body(event.id, NOW - timedelta(days=400), **extra))

    @rule(
        rate=st.floats(0.05, 0.6),
        network_rate=st.floats(0.0, 0.3),
        seed=st.integers(0, 2**16),
        allow_mass_delete=st.booleans(),
        stall=st.sampled_from([None, None, None, None, None, None, None, None, "events.list", "batch"]),
    )
    def sync_with_faults(
        self, rate: float, network_rate: float, seed: int, allow_mass_delete: bool, stall: str | None
    ) -> None:
        self.sim.random_faults(
            rate, seed=seed, network_rate=network_rate, network_modes=("reset", "reset_after", "close")
        )
        target = self.target
        if stall is not None:
            # One request stalls past a short client timeout (a short one so that the test stays fast).
            self.sim.inject_network("timeout", count=1, kind=stall, stall=0.5)
            target = self.impatient
        self._faulty_run(target, allow_mass_delete)

    def _faulty_run(self, target: Any, allow_mass_delete: bool) -> None:
        try:
            run_sync(
                [self.source], target, START, END, RunOptions(level=self.level, allow_mass_delete=allow_mass_delete)
            )
        except CalmediError:
            pass  # a run may give up; the next clean one must still converge
        finally:
            self.sim.clear_faults()

    # -- convergence -----------------------------------------------------------------------------------

    @rule()
    def clean_sync_converges(self) -> None:
        result = run_sync([self.source], self.target, START, END, RunOptions(level=self.level, allow_mass_delete=True))
        assert result.failed == 0
        image = {}
        for appointment in self.source.appointments.values():
            event = desired_event(appointment, self.level)
            if START <= event.start < END:
                image[event.id] = event.body
        live = {e["id"]: e for e in self.sim.events(self.calendar_id) if tagged(e) and e["status"] != "cancelled"}
        assert set(live) == set(image)
        for event_id, body in image.items():
            got = live[event_id]
            assert got["summary"] == body["summary"]
            assert got["status"] == body["status"]
            for edge in ("start", "end"):
                assert datetime.fromisoformat(got[edge]["dateTime"]) == datetime.fromisoformat(body[edge]["dateTime"])
        again = run_sync([self.source], self.target, START, END, RunOptions(level=self.level))
        assert (again.created, again.updated, again.deleted, again.unchanged) == (0, 0, 0, len(image))

    @invariant()
    def foreign_events_are_untouched(self) -> None:
        current = {e["id"]: e for e in self.sim.events(self.calendar_id)}
        for event_id, snapshot in self.foreign.items():
            assert current[event_id] == snapshot


# No shrink phase: shrinking a program that starts a simulator per replay takes minutes, more than the suite's
# timeout; a failure is reported at once with its (unshrunk) steps instead.
GoogleSyncMachine.TestCase.settings = settings(
    phases=[Phase.explicit, Phase.generate],
    max_examples=25,
    stateful_step_count=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestGoogleSync = GoogleSyncMachine.TestCase
