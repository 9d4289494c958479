from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from calmedi_desktop.privacy.redaction import desired_event
from calmedi_desktop.sync.engine import mass_delete_suspected, plan
from calmedi_desktop.sync.model import Appointment, ExistingEvent
from calmedi_desktop.sync.targets.memory import MemoryTarget, to_existing

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def appt(n: int, name: str = "Jean Dupont", minutes: int = 0) -> Appointment:
    start = T0 + timedelta(hours=n, minutes=minutes)
    return Appointment(
        source="doctolib",
        source_id=f"a{n}",
        start=start,
        end=start + timedelta(minutes=20),
        timezone="Europe/Paris",
        patient_name=name,
    )


def existing_of(target: MemoryTarget) -> list[ExistingEvent]:
    return [to_existing(body) for body in target.events.values()]


def test_new_events_are_inserted_then_unchanged() -> None:
    desired = [desired_event(appt(i)) for i in range(3)]
    first = plan(desired, [])
    assert [e.id for e in first.inserts] == [e.id for e in desired]
    target = MemoryTarget()
    target.apply(first)
    second = plan(desired, existing_of(target))
    assert second.writes == 0 and second.unchanged == 3


def test_changed_content_is_updated_and_missing_is_deleted() -> None:
    target = MemoryTarget()
    target.apply(plan([desired_event(appt(i)) for i in range(3)], []))
    moved = [desired_event(appt(0, minutes=30)), desired_event(appt(1))]
    result = plan(moved, existing_of(target))
    assert [e.id for e in result.updates] == [moved[0].id]
    assert result.deletes == [desired_event(appt(2)).id]
    assert result.unchanged == 1


def test_cancelled_event_is_restored_by_update_not_insert() -> None:
    target = MemoryTarget()
    event = desired_event(appt(0))
    target.apply(plan([event], []))
    target.events[event.id]["status"] = "cancelled"
    result = plan([event], existing_of(target))
    assert result.inserts == [] and [e.id for e in result.updates] == [event.id]


def test_cancelled_event_without_tags_is_still_restored() -> None:
    event = desired_event(appt(0))
    bare = ExistingEvent(id=event.id, status="cancelled", tagged=False, content_hash=None, start=None)
    assert [e.id for e in plan([event], [bare]).updates] == [event.id]


def test_foreign_events_are_never_touched() -> None:
    event = desired_event(appt(0))
    foreign_same_id = ExistingEvent(id=event.id, status="confirmed", tagged=False, content_hash=None, start=T0)
    foreign_other = ExistingEvent(id="foreign123", status="confirmed", tagged=False, content_hash=None, start=T0)
    result = plan([event], [foreign_same_id, foreign_other])
    assert result.conflicts == [event.id]
    assert result.writes == 0


def test_cancelled_events_are_not_deleted_again() -> None:
    gone = ExistingEvent(id="abcde", status="cancelled", tagged=True, content_hash="x", start=T0)
    assert plan([desired_event(appt(0))], [gone]).deletes == []


def test_empty_source_holds_every_delete() -> None:
    target = MemoryTarget()
    target.apply(plan([desired_event(appt(i)) for i in range(2)], []))
    result = plan([], existing_of(target))
    assert result.deletes == [] and len(result.held_deletes) == 2
    confirmed = plan([], existing_of(target), allow_mass_delete=True)
    assert len(confirmed.deletes) == 2 and confirmed.held_deletes == []


def test_more_than_half_of_ten_held_but_half_allowed() -> None:
    target = MemoryTarget()
    target.apply(plan([desired_event(appt(i)) for i in range(10)], []))
    keep_four = plan([desired_event(appt(i)) for i in range(4)], existing_of(target))
    assert len(keep_four.held_deletes) == 6 and keep_four.deletes == []
    keep_five = plan([desired_event(appt(i)) for i in range(5)], existing_of(target))
    assert len(keep_five.deletes) == 5 and keep_five.held_deletes == []


def test_guard_thresholds() -> None:
    assert mass_delete_suspected(0, 1, 1)
    assert not mass_delete_suspected(0, 0, 0)
    assert not mass_delete_suspected(3, 9, 6)  # fewer than ten existing
    assert mass_delete_suspected(3, 10, 7)


@settings(max_examples=60, deadline=None)
@given(
    before=st.sets(st.integers(0, 30), max_size=20),
    after=st.sets(st.integers(0, 30), max_size=20),
    renamed=st.sets(st.integers(0, 30)),
)
def test_one_apply_converges_to_the_source_image(before: set[int], after: set[int], renamed: set[int]) -> None:
    target = MemoryTarget()
    target.apply(plan([desired_event(appt(i)) for i in before], [], allow_mass_delete=True))
    wanted = [desired_event(appt(i, name="Marie Curie" if i in renamed else "Jean Dupont")) for i in after]
    target.apply(plan(wanted, existing_of(target), allow_mass_delete=True))
    live = {k: v for k, v in target.events.items() if v["status"] != "cancelled"}
    assert live == {e.id: e.body for e in wanted}
    assert plan(wanted, existing_of(target)).writes == 0
