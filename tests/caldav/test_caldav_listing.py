"""The listing cache: a sync-collection delta must list exactly what a fresh calendar-query lists, cost one
small REPORT when nothing changed, hold no event text, and fall back to a full listing when the server
cannot or will not do RFC 6578."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from calmedi_desktop.sync.engine import plan
from calmedi_desktop.sync.model import ExistingEvent
from calmedi_desktop.sync.targets.caldav_listing import ListingCache
from calmedi_desktop.sync.targets.caldav_target import CalDavTarget
from tests.caldav.davkit import Calendar
from tests.google.simkit import BASE, WINDOW, desired, foreign_body

NO_SYNC_TOKEN = (
    b'<?xml version="1.0"?><multistatus xmlns="DAV:"><response><href>/x/</href><propstat><prop><sync-token/>'
    b"</prop><status>HTTP/1.1 404 Not Found</status></propstat></response></multistatus>"
)
BAD_TOKEN = b'<?xml version="1.0"?><error xmlns="DAV:"><valid-sync-token/></error>'


def facts(events: list[ExistingEvent], start: datetime, end: datetime) -> dict[str, tuple[Any, ...]]:
    """What planning uses, for the events the runner keeps (start inside the window)."""
    return {
        e.id: (e.status, e.tagged, e.content_hash, e.start and e.start.timestamp())
        for e in events
        if e.start is None or start <= e.start < end
    }


def test_a_no_change_run_is_one_small_report(calendar: Calendar) -> None:
    cache = ListingCache()
    target = calendar.target(cache=cache)
    wanted = [desired(n) for n in range(1, 21)]
    target.apply(plan(wanted, target.list_events(*WINDOW)))
    calendar.proxy.clear()
    delta = calendar.proxy.inject(method="REPORT", body_contains=b"sync-collection", mode="pass", count=100)
    the_plan = plan(wanted, target.list_events(*WINDOW))
    assert the_plan.writes == 0 and the_plan.unchanged == 20
    assert calendar.proxy.methods() == ["REPORT"] and delta.count == 99  # our own writes were not fetched again
    assert cache.deltas == 1


def test_the_cache_holds_no_event_text(calendar: Calendar) -> None:
    cache = ListingCache()
    target = calendar.target(cache=cache)
    calendar.someone.put_body("theirs.ics", foreign_body("theirs-1", BASE + timedelta(days=1), location="Home"))
    target.apply(plan([desired(1, name="Zoé Lefèvre")], target.list_events(*WINDOW)))
    target.list_events(*WINDOW)
    kept = repr([(item, item.event.body) for item in cache.entries.values()])
    assert len(cache.entries) == 2
    for text in ("Zoé", "Lefèvre", "Dentist", "Home", "Consultation"):
        assert text not in kept
    assert all(set(item.event.body) <= {"id", "start", "end", "status"} for item in cache.entries.values())


def test_a_delta_lists_what_a_fresh_query_lists(calendar: Calendar) -> None:
    rng = random.Random(12)
    cache = ListingCache()
    cached = calendar.target(cache=cache)
    fresh = calendar.target()
    start, end = WINDOW
    wanted = {n: desired(n) for n in range(1, 16)}
    for step in range(12):
        cached.apply(plan(list(wanted.values()), cached.list_events(start, end), allow_mass_delete=True))
        # The source moves on, and someone else changes the calendar by hand.
        for n in rng.sample(sorted(wanted), 3):
            wanted[n] = desired(n, hours=rng.choice([1, 2, 3]))
        wanted.pop(rng.choice(sorted(wanted)))
        wanted[100 + step] = desired(100 + step)
        names = calendar.someone.names()
        calendar.someone.delete(rng.choice(names))
        calendar.someone.put_body(f"theirs-{step}.ics", foreign_body(f"theirs-{step}", BASE + timedelta(days=step)))
        if step % 3 == 2:  # the window slides forward (and once, back)
            shift = timedelta(days=-2 if step == 8 else 3)
            start, end = start + shift, end + shift
        assert facts(cached.list_events(start, end), start, end) == facts(fresh.list_events(start, end), start, end)
    assert cache.deltas >= 10


def test_a_refused_token_falls_back_to_a_full_listing(calendar: Calendar) -> None:
    cache = ListingCache()
    target = calendar.target(cache=cache)
    target.apply(plan([desired(1), desired(2)], target.list_events(*WINDOW)))
    calendar.someone.delete(f"{desired(2).id}.ics")
    calendar.proxy.clear()
    calendar.proxy.inject(method="REPORT", body_contains=b"sync-collection", status=403, body=BAD_TOKEN)
    listed = {e.id for e in target.list_events(*WINDOW)}
    assert listed == {desired(1).id}
    assert calendar.proxy.methods() == ["REPORT", "PROPFIND", "REPORT"]  # refused delta, new token, the window
    assert cache.deltas == 0 and cache.token is not None


def test_a_server_without_sync_tokens_is_queried_every_run(calendar: Calendar) -> None:
    calendar.proxy.inject(
        method="PROPFIND", body_contains=b"sync-token", status=207, body=NO_SYNC_TOKEN, count=100,
        headers={"Content-Type": "application/xml"},
    )  # fmt: skip
    cache = ListingCache()
    target = calendar.target(cache=cache)
    target.apply(plan([desired(1)], target.list_events(*WINDOW)))
    calendar.someone.put_body("theirs.ics", foreign_body("theirs-1", BASE + timedelta(days=1)))
    assert {e.id for e in target.list_events(*WINDOW)} == {desired(1).id, "theirs-1"}
    assert cache.token is None and cache.entries == {}


def test_a_cache_follows_one_calendar_only(calendar: Calendar) -> None:
    cache = ListingCache()
    first = calendar.target(cache=cache)
    first.apply(plan([desired(1)], first.list_events(*WINDOW)))
    assert cache.entries
    other_url = calendar.url.rstrip("/") + "-other/"
    calendar.session.send("MKCALENDAR", other_url)
    second = CalDavTarget(calendar.session, other_url, cache=cache)
    assert second.list_events(*WINDOW) == []
    assert cache.calendar_url == other_url and cache.entries == {}


def test_a_window_that_slides_by_minutes_costs_the_delta_only(calendar: Calendar) -> None:
    cache = ListingCache()
    target = calendar.target(cache=cache)
    wanted = [desired(n) for n in range(1, 11)]
    target.apply(plan(wanted, target.list_events(*WINDOW)))
    for minutes in (5, 10, 600, 60 * 23):  # the runs of the next day: the cache covers a day beyond the end
        calendar.proxy.clear()
        window = (WINDOW[0] + timedelta(minutes=minutes), WINDOW[1] + timedelta(minutes=minutes))
        listed = target.list_events(*window)
        assert calendar.proxy.methods() == ["REPORT"], minutes
        assert facts(listed, *window) == facts(calendar.target().list_events(*window), *window)
    calendar.proxy.clear()
    window = (WINDOW[0] + timedelta(days=2), WINDOW[1] + timedelta(days=2))
    target.list_events(*window)
    assert calendar.proxy.methods() == ["REPORT", "REPORT"], "a day further: the delta and one small slice"


def test_a_run_of_the_coming_days_keeps_the_past_for_the_next_whole_run(calendar: Calendar) -> None:
    cache = ListingCache()
    target = calendar.target(cache=cache)
    past = desired(1, at=BASE - timedelta(days=3))
    soon = desired(2, at=BASE + timedelta(hours=2))
    target.apply(plan([past, soon], target.list_events(*WINDOW)))
    near = (BASE - timedelta(hours=9), BASE + timedelta(days=2))
    assert {e.id for e in target.list_events(*near)} == {soon.id}
    calendar.proxy.clear()
    assert {e.id for e in target.list_events(*WINDOW)} == {past.id, soon.id}
    assert calendar.proxy.methods() == ["REPORT"], "the past was kept: no calendar-query for it"
