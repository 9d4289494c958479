"""One contract for every target (vdirsyncer's StorageTests): each backend only supplies a harness.

MemoryTarget is the reference; GoogleTarget runs through the real google-api-python-client against GoogleSim;
CalDavTarget against a real Radicale (through a loopback proxy that injects the one failure a test asks for).
Google keeps a deleted event as ``cancelled``; CalDAV really deletes it (``keeps_deleted``): the contract holds
either way, and what differs is stated per harness.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any, Protocol

import pytest

from calmedi_desktop.demo.google_sim import GoogleSim
from calmedi_desktop.sync.engine import plan
from calmedi_desktop.sync.model import ApplyResult, DesiredEvent, ExistingEvent, Plan
from calmedi_desktop.sync.targets.base import Target
from calmedi_desktop.sync.targets.memory import MemoryTarget
from tests.caldav.dav_proxy import DavProxy
from tests.caldav.davkit import Calendar, shared_radicale
from tests.google.simkit import BASE, WINDOW, desired, foreign_body, sim_target


class Harness(Protocol):
    target: Target
    keeps_deleted: bool  # a deleted event stays listed as cancelled (Google) or is gone (CalDAV)

    def add_foreign(self, body: dict[str, Any]) -> None: ...

    def stored(self) -> dict[str, dict[str, Any]]: ...

    def fail_next_insert(self) -> None: ...


class MemoryHarness:
    keeps_deleted = True

    def __init__(self) -> None:
        self._failures = 0
        self.target = MemoryTarget(fail=self._fail)

    def _fail(self, op: str, event_id: str) -> bool:
        if op == "insert" and self._failures:
            self._failures -= 1
            return True
        return False

    def add_foreign(self, body: dict[str, Any]) -> None:
        self.target.add_foreign(body)

    def stored(self) -> dict[str, dict[str, Any]]:
        return {k: dict(v) for k, v in self.target.events.items()}

    def fail_next_insert(self) -> None:
        self._failures += 1


class GoogleHarness:
    keeps_deleted = True

    def __init__(self, sim: GoogleSim) -> None:
        self.sim = sim
        self.calendar_id = sim.create_calendar("CalMedi", "Europe/Paris")
        self.target = sim_target(sim, self.calendar_id)

    def add_foreign(self, body: dict[str, Any]) -> None:
        self.sim.add_foreign_event(self.calendar_id, body)

    def stored(self) -> dict[str, dict[str, Any]]:
        return {e["id"]: e for e in self.sim.events(self.calendar_id)}

    def fail_next_insert(self) -> None:
        self.sim.inject(400, "invalid", kind="events.insert")


class CalDavHarness:
    keeps_deleted = False

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar
        self.target = calendar.target()

    def add_foreign(self, body: dict[str, Any]) -> None:
        self.calendar.someone.put_body(f"foreign-{body['id']}.ics", body)  # a name of its own, as clients do

    def stored(self) -> dict[str, dict[str, Any]]:
        return self.calendar.someone.bodies()

    def fail_next_insert(self) -> None:
        self.calendar.proxy.inject(method="PUT", header=("If-None-Match", "*"), status=403)


def essence(body: dict[str, Any]) -> tuple[Any, ...]:
    """What a sync decides, without server bookkeeping (etag, updated, sequence)."""
    tags = (body.get("extendedProperties") or {}).get("private") or {}
    return (body.get("status", "confirmed"), body.get("summary"), body["start"], body["end"], tags.get("calmedi_hash"))


class TargetContract:
    @pytest.fixture
    def harness(self) -> Iterator[Harness]:
        raise NotImplementedError

    @staticmethod
    def sync(harness: Harness, wanted: list[DesiredEvent], allow_mass_delete: bool = True) -> tuple[Plan, ApplyResult]:
        existing = harness.target.list_events(*WINDOW)
        the_plan = plan(wanted, existing, allow_mass_delete=allow_mass_delete)
        return the_plan, harness.target.apply(the_plan)

    @staticmethod
    def listed(harness: Harness) -> dict[str, ExistingEvent]:
        return {e.id: e for e in harness.target.list_events(*WINDOW)}

    def test_inserted_events_are_listed_tagged_with_their_hash(self, harness: Harness) -> None:
        wanted = [desired(1), desired(2, tentative=True), desired(3, level="busy")]
        the_plan, result = self.sync(harness, wanted)
        assert (len(the_plan.inserts), result.created, result.failures) == (3, 3, {})
        listed = self.listed(harness)
        assert set(listed) == {w.id for w in wanted}
        for want in wanted:
            event = listed[want.id]
            assert event.tagged and event.content_hash == want.content_hash
            assert event.start == want.start
            assert event.status == want.body["status"]
            assert event.body["summary"] == want.body["summary"]
        assert listed[wanted[1].id].status == "tentative"

    def test_update_rewrites_the_event(self, harness: Harness) -> None:
        self.sync(harness, [desired(1)])
        moved = desired(1, hours=2, name="Marie Curie")
        the_plan, result = self.sync(harness, [moved])
        assert (len(the_plan.updates), result.updated, result.failures) == (1, 1, {})
        event = self.listed(harness)[moved.id]
        assert event.start == moved.start == BASE + timedelta(days=1, hours=2)
        assert event.content_hash == moved.content_hash
        assert "Marie Curie" in event.body["summary"]

    def test_delete_leaves_a_cancelled_event_or_none(self, harness: Harness) -> None:
        keep, gone = desired(1), desired(2)
        self.sync(harness, [keep, gone])
        the_plan, result = self.sync(harness, [keep])
        assert (the_plan.deletes, result.deleted, result.failures) == ([gone.id], 1, {})
        listed = self.listed(harness)
        if harness.keeps_deleted:
            assert listed[gone.id].cancelled
        else:
            assert gone.id not in listed
            assert gone.id not in harness.stored()
        assert not listed[keep.id].cancelled

    def test_a_deleted_event_is_restored_when_it_comes_back(self, harness: Harness) -> None:
        event = desired(4)
        self.sync(harness, [event, desired(5)])
        self.sync(harness, [desired(5)])
        listed = self.listed(harness)
        assert listed[event.id].cancelled if harness.keeps_deleted else event.id not in listed
        the_plan, result = self.sync(harness, [event, desired(5)])
        if harness.keeps_deleted:  # restored by an update of the cancelled event
            assert [u.id for u in the_plan.updates] == [event.id] and not the_plan.inserts
        else:  # created again
            assert [i.id for i in the_plan.inserts] == [event.id] and not the_plan.updates
        assert result.failures == {}
        restored = self.listed(harness)[event.id]
        assert restored.status == "confirmed" and restored.content_hash == event.content_hash

    def test_untagged_foreign_events_are_never_touched(self, harness: Harness) -> None:
        harness.add_foreign(foreign_body("foreign00001", BASE + timedelta(days=1)))
        harness.add_foreign(foreign_body("foreign00002", BASE + timedelta(days=2), status="cancelled"))
        before = {k: essence(v) for k, v in harness.stored().items()}
        self.sync(harness, [desired(1)])
        the_plan, result = self.sync(harness, [], allow_mass_delete=True)
        assert the_plan.deletes == [desired(1).id] and result.failures == {}
        after = harness.stored()
        for foreign_id, snapshot in before.items():
            assert essence(after[foreign_id]) == snapshot
        assert not self.listed(harness)["foreign00001"].cancelled

    def test_listing_uses_overlap_semantics(self, harness: Harness) -> None:
        start, end = BASE, BASE + timedelta(days=1)
        straddles = desired(900, at=start - timedelta(hours=1), minutes=120)
        ends_at_start = desired(901, at=start - timedelta(hours=1), minutes=60)
        inside = desired(902, at=start + timedelta(hours=3))
        starts_at_end = desired(903, at=end)
        self.sync(harness, [straddles, ends_at_start, inside, starts_at_end])
        seen = {e.id for e in harness.target.list_events(start, end)}
        assert seen == {straddles.id, inside.id}

    def test_reapplying_the_same_plan_is_idempotent(self, harness: Harness) -> None:
        self.sync(harness, [desired(1), desired(2), desired(3)])
        wanted = [desired(1, hours=1), desired(3), desired(4), desired(5)]
        the_plan = plan(wanted, harness.target.list_events(*WINDOW), allow_mass_delete=True)
        assert the_plan.inserts and the_plan.updates and the_plan.deletes
        first = harness.target.apply(the_plan)
        state = {k: essence(v) for k, v in harness.stored().items()}
        second = harness.target.apply(the_plan)
        assert first.failures == {} and second.failures == {}
        assert {k: essence(v) for k, v in harness.stored().items()} == state
        again = plan(wanted, harness.target.list_events(*WINDOW), allow_mass_delete=True)
        assert again.writes == 0 and again.unchanged == len(wanted)

    def test_one_failed_event_does_not_abort_the_others(self, harness: Harness) -> None:
        wanted = [desired(n) for n in range(1, 6)]
        harness.fail_next_insert()
        _, result = self.sync(harness, wanted)
        assert result.created == 4 and len(result.failures) == 1
        (failed_id,) = result.failures
        assert failed_id in {w.id for w in wanted}
        live = {k for k, e in self.listed(harness).items() if not e.cancelled}
        assert live == {w.id for w in wanted} - {failed_id}
        _, retry = self.sync(harness, wanted)
        assert (retry.created, retry.failures) == (1, {})

    def test_progress_counts_final_outcomes_up_to_the_plan_size(self, harness: Harness) -> None:
        self.sync(harness, [desired(n) for n in range(1, 41)])
        wanted = [desired(n, hours=1) for n in range(1, 21)] + [desired(n) for n in range(41, 101)]
        harness.fail_next_insert()
        the_plan = plan(wanted, harness.target.list_events(*WINDOW), allow_mass_delete=True)
        assert (len(the_plan.inserts), len(the_plan.updates), len(the_plan.deletes)) == (60, 20, 20)
        heard: list[tuple[int, int]] = []
        result = harness.target.apply(the_plan, progress=lambda done, total: heard.append((done, total)))
        assert heard, "the target reported its progress"
        assert {total for _, total in heard} == {the_plan.writes}
        done = [d for d, _ in heard]
        assert done == sorted(done) and done[-1] == the_plan.writes
        assert result.created + result.updated + result.deleted + result.failed == the_plan.writes == 100


class TestMemoryTarget(TargetContract):
    @pytest.fixture
    def harness(self) -> Iterator[Harness]:
        yield MemoryHarness()


class TestGoogleTargetOverSim(TargetContract):
    @pytest.fixture
    def harness(self) -> Iterator[Harness]:
        with GoogleSim(seed=3) as sim:
            yield GoogleHarness(sim)


class TestCalDavTargetOverRadicale(TargetContract):
    @pytest.fixture
    def harness(self) -> Iterator[Harness]:
        with DavProxy(shared_radicale().url) as proxy:
            yield CalDavHarness(Calendar(shared_radicale(), proxy))
