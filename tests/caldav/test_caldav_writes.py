"""Writes against the real Radicale: conditional requests, someone else editing at the same time, retries,
failures that stop a run, and a no-change sync that writes nothing. Requests are counted at the proxy."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest

from calmedi_desktop.errors import CalDavAuthError, CalDavQuotaError, NetworkError
from calmedi_desktop.sync.engine import plan
from calmedi_desktop.sync.model import ApplyResult, DesiredEvent, Plan
from calmedi_desktop.sync.targets.caldav_http import precondition
from calmedi_desktop.sync.targets.caldav_ical import body_to_ical
from calmedi_desktop.sync.targets.caldav_target import CalDavTarget
from tests.caldav.davkit import Calendar, Someone, dav_session
from tests.google.simkit import BASE, TZ, WINDOW, Sleeps, desired, foreign_body


def sync(target: CalDavTarget, wanted: list[DesiredEvent], **kwargs: bool) -> tuple[Plan, ApplyResult]:
    the_plan = plan(wanted, target.list_events(*WINDOW), allow_mass_delete=kwargs.get("allow_mass_delete", True))
    return the_plan, target.apply(the_plan)


def name_of(event: DesiredEvent) -> str:
    return f"{event.id}.ics"


def test_one_resource_per_appointment_with_conditional_creates(calendar: Calendar) -> None:
    wanted = [desired(n) for n in range(1, 4)]
    sync(calendar.target(), wanted)
    assert calendar.someone.names() == sorted(name_of(w) for w in wanted)
    puts = [p for m, p in calendar.proxy.log if m == "PUT"]
    assert len(puts) == 3


def test_a_no_change_sync_writes_nothing_and_reads_once(calendar: Calendar) -> None:
    target = calendar.target()
    sync(target, [desired(n) for n in range(1, 11)])
    calendar.proxy.clear()
    the_plan, _ = sync(target, [desired(n) for n in range(1, 11)])
    assert the_plan.writes == 0 and the_plan.unchanged == 10
    assert calendar.proxy.writes() == []
    assert calendar.proxy.methods() == ["REPORT"]  # one calendar-query with a time range


def test_someone_edits_our_event_between_list_and_update(calendar: Calendar) -> None:
    target = calendar.target()
    sync(target, [desired(1)])
    existing = target.list_events(*WINDOW)
    # The practitioner's phone rewrites the event (keeping CalMedi's properties, as clients do): new ETag.
    edited = body_to_ical({**desired(1).body, "summary": "edited on the phone"})
    calendar.someone.put(name_of(desired(1)), edited)
    moved = desired(1, hours=2)
    the_plan = plan([moved], existing)
    assert [u.id for u in the_plan.updates] == [moved.id]
    calendar.proxy.clear()
    result = target.apply(the_plan)
    assert (result.updated, result.failures) == (1, {})
    assert calendar.proxy.methods() == ["PUT", "GET", "PUT"]  # 412, re-read (still ours), conditional rewrite
    assert calendar.someone.bodies()[moved.id]["start"]["dateTime"].startswith("2026-03-03T11:00")


def test_an_event_replaced_by_someone_elses_is_never_overwritten_nor_deleted(calendar: Calendar) -> None:
    target = calendar.target()
    sync(target, [desired(1), desired(2)])
    existing = target.list_events(*WINDOW)
    for n in (1, 2):  # between the listing and the writes, someone puts their own events at our names
        calendar.someone.put_body(name_of(desired(n)), foreign_body(desired(n).id, BASE + timedelta(days=n)))
    before = calendar.someone.resources()
    the_plan = plan([desired(1, hours=1)], existing, allow_mass_delete=True)
    assert the_plan.updates and the_plan.deletes == [desired(2).id]
    result = target.apply(the_plan)
    assert result.failures == {desired(1).id: "Conflict", desired(2).id: "Conflict"}
    assert calendar.someone.resources() == before  # byte for byte, same ETags


def test_an_insert_onto_a_foreign_resource_or_uid_is_a_conflict(calendar: Calendar) -> None:
    target = calendar.target()
    taken_name, taken_uid = desired(1), desired(2)
    calendar.someone.put_body(name_of(taken_name), foreign_body("someone-else", BASE + timedelta(days=1)))
    calendar.someone.put_body("phone-made.ics", foreign_body(taken_uid.id, BASE + timedelta(days=2)))
    before = calendar.someone.resources()
    the_plan = plan([taken_name, taken_uid, desired(3)], [])  # as if the listing had missed them
    result = target.apply(the_plan)
    assert result.created == 1
    assert result.failures == {taken_name.id: "Conflict", taken_uid.id: "Conflict"}
    after = calendar.someone.resources()
    assert {k: v for k, v in after.items() if k in before} == before


def test_a_listed_untagged_cancelled_event_with_our_id_is_not_restored(calendar: Calendar) -> None:
    # The planner restores such an event on Google (ids are ours by construction); on CalDAV it is someone's.
    event = desired(1)
    calendar.someone.put_body("theirs.ics", foreign_body(event.id, BASE + timedelta(days=1), status="cancelled"))
    before = calendar.someone.resources()
    calendar.proxy.clear()
    target = calendar.target()
    the_plan, result = sync(target, [event])
    assert [u.id for u in the_plan.updates] == [event.id]
    assert result.failures == {event.id: "Conflict"}
    assert calendar.someone.resources() == before
    assert "PUT" not in calendar.proxy.methods()


def test_an_event_deleted_by_someone_before_our_delete_counts_as_deleted(calendar: Calendar) -> None:
    target = calendar.target()
    sync(target, [desired(1), desired(2)])
    existing = target.list_events(*WINDOW)
    calendar.someone.delete(name_of(desired(2)))
    result = target.apply(plan([desired(1)], existing))
    assert (result.deleted, result.failures) == (1, {})
    assert calendar.someone.names() == [name_of(desired(1))]


def test_a_write_whose_answer_was_lost_is_not_duplicated(calendar: Calendar) -> None:
    # Radicale stores the event, the answer never arrives; the retry meets 412, re-reads, finds it done.
    calendar.proxy.inject(method="PUT", mode="reset_after")
    target = calendar.target()
    _, result = sync(target, [desired(1)])
    assert (result.created, result.failures) == (1, {})
    assert calendar.proxy.methods().count("PUT") == 2 and "GET" in calendar.proxy.methods()
    assert calendar.someone.names() == [name_of(desired(1))]


def test_503_with_retry_after_pauses_every_worker_then_succeeds(calendar: Calendar) -> None:
    sleeps = Sleeps()
    session = dav_session(calendar.proxy.url, calendar.user, calendar.password, sleep=sleeps)
    target = CalDavTarget(session, calendar.url, timezone=TZ)
    calendar.proxy.inject(method="PUT", status=503, headers={"Retry-After": "2"}, count=2)
    _, result = sync(target, [desired(n) for n in range(1, 9)])
    assert (result.created, result.failures) == (8, {})
    assert 0.1 < max(sleeps) <= 2.0  # the server's pause (capped by the test policy's max_retry_after)


def test_a_stalled_request_times_out_and_is_retried(calendar: Calendar) -> None:
    session = dav_session(calendar.proxy.url, calendar.user, calendar.password, timeout=0.3)
    target = CalDavTarget(session, calendar.url, timezone=TZ)
    calendar.proxy.inject(method="REPORT", mode="stall", stall=0.8)
    calendar.proxy.inject(method="PUT", mode="stall", stall=0.8)
    _, result = sync(target, [desired(1), desired(2)])
    assert (result.created, result.failures) == (2, {})
    assert calendar.someone.names() == sorted(name_of(desired(n)) for n in (1, 2))


def test_an_unreachable_server_stops_the_run_before_any_delete(calendar: Calendar) -> None:
    target = calendar.target()
    sync(target, [desired(n) for n in range(1, 6)])
    existing = target.list_events(*WINDOW)
    calendar.proxy.inject(mode="reset", count=1000)
    with pytest.raises(NetworkError) as raised:
        target.apply(plan([desired(9)], existing, allow_mass_delete=True))
    assert raised.value.params["detail"] == "connection lost"
    assert "DELETE" not in calendar.proxy.methods()
    calendar.proxy.clear()
    assert len(calendar.someone.names()) == 5


def test_a_full_account_stops_the_writes_and_deletes_nothing(calendar: Calendar) -> None:
    target = calendar.target(workers=1)
    sync(target, [desired(n) for n in range(1, 4)])
    existing = target.list_events(*WINDOW)
    calendar.proxy.clear()
    calendar.proxy.inject(method="PUT", status=507, count=1000)
    with pytest.raises(CalDavQuotaError):
        target.apply(plan([desired(n) for n in range(10, 20)], existing, allow_mass_delete=True))
    assert calendar.proxy.methods().count("PUT") == 1 and "DELETE" not in calendar.proxy.methods()
    assert len(calendar.someone.names()) == 3


def test_a_password_changed_meanwhile_stops_the_run(calendar: Calendar) -> None:
    target = calendar.target()
    sync(target, [desired(1)])
    calendar.proxy.clear()
    calendar.proxy.inject(method="PUT", status=401, headers={"WWW-Authenticate": 'Basic realm="x"'}, count=1000)
    with pytest.raises(CalDavAuthError):
        sync(target, [desired(n) for n in range(1, 20)])
    assert calendar.proxy.methods().count("PUT") <= 4  # only those already in flight


def test_one_bad_event_fails_alone(calendar: Calendar) -> None:
    calendar.proxy.inject(method="PUT", path_contains=desired(2).id, status=400, count=10)
    _, result = sync(calendar.target(), [desired(n) for n in range(1, 5)])
    assert result.created == 3 and result.failures == {desired(2).id: "HttpError400"}


def test_writes_run_concurrently_up_to_the_bound(calendar: Calendar) -> None:
    in_flight, peak = 0, 0
    lock = threading.Lock()
    original = calendar.proxy._forward

    def slow_forward(*args: object) -> tuple[int, list[tuple[str, str]], bytes]:
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        time.sleep(0.05)
        try:
            return original(*args)  # type: ignore[arg-type]
        finally:
            with lock:
                in_flight -= 1

    calendar.proxy._forward = slow_forward  # type: ignore[method-assign]
    _, result = sync(calendar.target(workers=4), [desired(n) for n in range(1, 17)])
    assert result.created == 16
    assert 2 <= peak <= 4


def test_the_same_target_serves_the_next_runs_with_the_etags_it_wrote(calendar: Calendar) -> None:
    target = calendar.target()
    the_plan = plan([desired(1), desired(2)], target.list_events(*WINDOW))
    target.apply(the_plan)
    moved = plan([desired(1, hours=3)], target.list_events(*WINDOW), allow_mass_delete=True)
    calendar.proxy.clear()
    result = target.apply(moved)
    assert (result.updated, result.deleted, result.failures) == (1, 1, {})
    assert sorted(calendar.proxy.methods()) == ["DELETE", "PUT"]  # no re-read: the ETags were known


def test_someone_else_at_the_account_sees_exactly_our_events(calendar: Calendar) -> None:
    sync(calendar.target(), [desired(1, tentative=True)])
    body = Someone(calendar.url, calendar.user, calendar.password).bodies()[desired(1).id]
    assert (body["summary"], body["status"], body["visibility"], body["transparency"]) == (
        "Consultation – Jean Dupont",
        "tentative",
        "private",
        "opaque",
    )


def test_erasing_in_a_picked_calendar_deletes_only_our_events_whatever_their_date(calendar: Calendar) -> None:
    target = calendar.target()
    sync(target, [desired(1), desired(2)])
    far = CalDavTarget(calendar.session, calendar.url, timezone=TZ)  # events long before the sync window
    far.apply(plan([desired(3, at=BASE - timedelta(days=400))], []))
    calendar.someone.put_body("theirs.ics", foreign_body("theirs-1", BASE + timedelta(days=1)))
    theirs = calendar.someone.get("theirs.ics").content
    result = calendar.target().delete_own_events()
    assert (result.deleted, result.failures) == (3, {})
    assert calendar.someone.names() == ["theirs.ics"]
    assert calendar.someone.get("theirs.ics").content == theirs


def test_an_error_body_names_its_precondition_and_any_other_body_none() -> None:
    conflict = (
        b'<?xml version="1.0" encoding="utf-8"?><D:error xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
        b"<C:no-uid-conflict/></D:error>"
    )
    assert precondition(conflict) == "no-uid-conflict"
    others = (b"", b"  ", b"<html>busy</html>", b"<D:error xmlns:D='DAV:'/>")
    assert [precondition(body) for body in others] == [None] * len(others)
