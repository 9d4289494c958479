"""Random source edits and random target failures; one clean run must leave the target equal to the source's image.

In the spirit of vdirsyncer's SyncMachine: the agenda is a dict of Appointments; the source-side rules and the
convergence check are shared, each backend adds its own trouble.

- Google is GoogleSim driven through the real client; faulty syncs meet 429s, quota 403s, 5xxs, dropped
  connections (before and after Google processed the request), timeouts, and cancelled events that make an
  insert answer 409.
- CalDAV is a real Radicale behind a fault-injecting proxy, listed through a long-lived sync-collection cache;
  faulty syncs meet 503s with Retry-After, 500s, 412s on conditional writes, dropped connections (before and
  after Radicale processed the request) and timeouts, while someone else edits and deletes CalMedi's events
  from another device.
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
from calmedi_desktop.sync.targets.caldav_ical import parse_resource
from calmedi_desktop.sync.targets.caldav_listing import ListingCache
from calmedi_desktop.sync.targets.caldav_target import CalDavTarget
from tests.caldav.dav_proxy import DavProxy
from tests.caldav.davkit import Calendar, Someone, dav_session, shared_radicale
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


FOREIGN = [(1, {}), (2, {"status": "cancelled"}), (-200, {})]  # days from NOW, extra fields


class SyncMachine(RuleBasedStateMachine):
    """The source side and the convergence check; a backend supplies ``target``, ``live_tagged()`` (every
    live event CalMedi wrote, Google-shaped), ``foreign_now()`` and ``self.foreign`` (its snapshot)."""

    target: Any
    foreign: dict[str, Any]

    def __init__(self) -> None:
        super().__init__()
        self.source = FakeSource()
        self.level = "busy"
        self.next_id = 0

    def live_tagged(self) -> dict[str, dict[str, Any]]:
        raise NotImplementedError

    def foreign_now(self) -> dict[str, Any]:
        raise NotImplementedError

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
        live = self.live_tagged()
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
        current = self.foreign_now()
        for key, snapshot in self.foreign.items():
            assert current[key] == snapshot


class GoogleSyncMachine(SyncMachine):
    def __init__(self) -> None:
        super().__init__()
        self.sim = GoogleSim(seed=1).start()
        self.calendar_id = self.sim.create_calendar("CalMedi", TZ)
        self.target = sim_target(self.sim, self.calendar_id, Sleeps(), policy=POLICY, timeout=5.0)
        self.impatient = sim_target(self.sim, self.calendar_id, Sleeps(), policy=POLICY, timeout=0.25)
        for n, (days, extra) in enumerate(FOREIGN):
            self.sim.add_foreign_event(
                self.calendar_id, foreign_body(f"foreign{n:05d}", NOW + timedelta(days=days), **extra)
            )
        self.foreign = self.foreign_now()

    def teardown(self) -> None:
        self.sim.stop()

    def live_tagged(self) -> dict[str, dict[str, Any]]:
        return {e["id"]: e for e in self.sim.events(self.calendar_id) if tagged(e) and e["status"] != "cancelled"}

    def foreign_now(self) -> dict[str, Any]:
        return {e["id"]: e for e in self.sim.events(self.calendar_id) if e["id"].startswith("foreign")}

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


class CalDavSyncMachine(SyncMachine):
    def __init__(self) -> None:
        super().__init__()
        server = shared_radicale()
        self.proxy = DavProxy(server.url).start()
        self.calendar = Calendar(server, self.proxy)
        path = self.calendar.url.removeprefix(self.proxy.url)
        self.someone = Someone(server.url + path, self.calendar.user, self.calendar.password)  # not via the proxy
        self.cache = ListingCache()  # lives across runs, as in the app
        self.target = self._target(timeout=5.0)
        self.impatient = self._target(timeout=0.25)
        for n, (days, extra) in enumerate(FOREIGN):
            body = foreign_body(f"foreign{n:05d}", NOW + timedelta(days=days), **extra)
            self.someone.put_body(f"foreign-{n}.ics", body)
        self.foreign = self.foreign_now()

    def _target(self, timeout: float) -> CalDavTarget:
        session = dav_session(self.proxy.url, self.calendar.user, self.calendar.password, timeout=timeout)
        return CalDavTarget(session, self.calendar.url, timezone=TZ, cache=self.cache)

    def teardown(self) -> None:
        self.proxy.stop()

    def live_tagged(self) -> dict[str, dict[str, Any]]:
        live = {}
        for _, data in self.someone.resources().values():
            parsed = parse_resource(data, TZ)
            if parsed is not None and parsed.tagged and parsed.status != "cancelled" and parsed.uid:
                live[parsed.uid] = {**parsed.body, "status": parsed.status}
        return live

    def foreign_now(self) -> dict[str, Any]:
        return {name: value for name, value in self.someone.resources().items() if name.startswith("foreign-")}

    # -- trouble at the server and on the practitioner's other devices -----------------------------------

    def _ours(self) -> list[str]:
        return [name for name in self.someone.names() if not name.startswith("foreign-")]

    @precondition(lambda self: self._ours())
    @rule(data=st.data())
    def someone_edits_one_of_ours(self, data: st.DataObject) -> None:
        """A phone rewrites an event (a comment added, which may repeat; CalMedi's properties kept): new ETag."""
        name = data.draw(st.sampled_from(self._ours()))
        answer = self.someone.get(name)
        edited = answer.content.replace(b"END:VEVENT", b"COMMENT:seen on the phone\r\nEND:VEVENT", 1)
        self.someone.put(name, edited, **{"If-Match": answer.headers["ETag"]})

    @precondition(lambda self: self._ours())
    @rule(data=st.data())
    def someone_deletes_one_of_ours(self, data: st.DataObject) -> None:
        self.someone.delete(data.draw(st.sampled_from(self._ours())))

    @rule(
        rate=st.floats(0.05, 0.5),
        seed=st.integers(0, 2**16),
        allow_mass_delete=st.booleans(),
        stall=st.sampled_from([False] * 7 + [True]),
    )
    def sync_with_faults(self, rate: float, seed: int, allow_mass_delete: bool, stall: bool) -> None:
        modes = ("503", "500", "412", "reset", "reset_after") + (("stall",) if stall else ())
        self.proxy.random_faults(rate, seed=seed, modes=modes, stall=0.5)
        try:
            run_sync(
                [self.source],
                self.impatient if stall else self.target,
                START,
                END,
                RunOptions(level=self.level, allow_mass_delete=allow_mass_delete),
            )
        except CalmediError:
            pass  # a run may give up; the next clean one must still converge
        finally:
            self.proxy.clear()


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

# Radicale writes each event to disk (about 10 ms, more as a calendar grows): fewer, shorter programs.
CalDavSyncMachine.TestCase.settings = settings(
    phases=[Phase.explicit, Phase.generate],
    max_examples=10,
    stateful_step_count=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestCalDavSync = CalDavSyncMachine.TestCase
