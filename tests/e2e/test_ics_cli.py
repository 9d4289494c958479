"""An iCalendar feed as a second source, through the `calmedi` command, into the same Google calendar."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from calmedi_desktop.credentials import SERVICE
from calmedi_desktop.demo.memory_keyring import MemoryKeyring
from calmedi_desktop.service import CalMedi
from calmedi_desktop.sync.eventid import event_id
from tests.cli_run import run
from tests.e2e.conftest import Sims, expected_ids, live_events
from tests.ics.ics_helpers import FeedServer, calendar

SOON = (datetime.now(UTC) + timedelta(days=3)).replace(hour=9, minute=0, second=0, microsecond=0)


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


FEED = calendar(
    f"UID:one@clinic\nDTSTART:{stamp(SOON)}\nDTEND:{stamp(SOON + timedelta(minutes=30))}\n"
    "SUMMARY:Jeanne Mkics001\nDESCRIPTION:allergy Mkics002\nLOCATION:12 rue Mkics003\n"
    "ATTENDEE;CN=Jeanne Mkics001:mailto:jeanne@example.org",
    f"UID:weekly@clinic\nDTSTART:{stamp(SOON + timedelta(hours=2))}\nDURATION:PT20M\n"
    "RRULE:FREQ=WEEKLY;COUNT=4\nSUMMARY:Paul Mkics004",
)
MARKERS = ("Mkics001", "Mkics002", "Mkics003", "Mkics004", "jeanne@example.org")


@pytest.fixture
def feed() -> Iterator[FeedServer]:
    server = FeedServer()
    yield server
    server.close()


def test_a_feed_joins_doctolib_in_the_same_calendar_privately(
    app: CalMedi, sims: Sims, feed: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = feed.serve("/private/abc123.ics", FEED, etag='"1"')
    code, _, err = run(capsys, "connect", "ics", url, "--name", "clinic")
    assert code == 0, err
    assert MemoryKeyring.entries()[(SERVICE, "ics:clinic")] == url  # the private address: keyring only
    assert all(
        url not in p.read_text(errors="replace")
        for f in app.paths.all_dirs()
        if f.exists()
        for p in f.rglob("*")
        if p.is_file()
    )

    code, summary, _ = run(capsys, "sync", "--once", "--json")
    assert code == 0 and summary["created"] == len(expected_ids(sims.doctolib)) + 5
    calendar_id = CalMedi().config.get("google.calendar_id")
    events = {e["id"]: e for e in live_events(sims.google, calendar_id)}
    assert events[event_id("ics:clinic", "one@clinic")]["summary"] == "Appointment"
    text = json.dumps(list(events.values()), ensure_ascii=False)
    assert not any(marker in text for marker in MARKERS)

    assert run(capsys, "privacy-level", "full")[0] == 0
    assert run(capsys, "sync", "--once")[0] == 0
    text = json.dumps(live_events(sims.google, calendar_id), ensure_ascii=False)
    assert "Appointment – Jeanne Mkics001" in text  # the SUMMARY, as the level allows
    assert not any(marker in text for marker in ("Mkics002", "Mkics003", "jeanne@example.org"))

    code, status, _ = run(capsys, "status", "--json")
    assert status["accounts"]["ics"] == [{"name": "clinic"}] and url not in json.dumps(status)


def test_a_broken_feed_aborts_before_google_and_an_empty_one_trips_the_guard(
    app: CalMedi, sims: Sims, feed: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = feed.serve("/f.ics", FEED)
    assert run(capsys, "connect", "ics", url, "--name", "clinic")[0] == 0
    assert run(capsys, "sync", "--once")[0] == 0
    requests_before = sims.google.http_requests
    feed.serve("/f.ics", FEED[: len(FEED) // 2])  # truncated
    code, _, err = run(capsys, "sync", "--once")
    assert code == 1 and "line" in err and "No appointment was changed or deleted" in err
    assert sims.google.http_requests == requests_before

    app.set_setting("doctolib.enabled", False)
    feed.serve("/f.ics", calendar())
    code, summary, _ = run(capsys, "sync", "--once", "--json")
    # Doctolib switched off and the feed suddenly empty: every deletion is held until confirmed.
    assert code == 3 and summary["held_deletes"] == len(expected_ids(sims.doctolib)) + 5
    assert summary["deleted"] == 0


def test_only_https_feeds_are_accepted_for_remote_hosts(app: CalMedi, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "connect", "ics", "http://calendar.example.org/feed.ics", "--name", "x")
    assert code == 1 and "https://" in err
    code, _, err = run(capsys, "connect", "ics", "webcal://127.0.0.1:9/feed.ics", "--name", "x")
    assert code == 1  # webcal:// means https://, and nothing answers https on that port
    assert not any(name.startswith("ics:") for _, name in MemoryKeyring.entries())


def test_a_feed_naming_its_own_zone_with_an_escaped_comma_syncs_at_that_zones_offset(
    app: CalMedi, sims: Sims, feed: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """The feed of issue 11: ``TZID:Kuala Lumpur\\, Singapore`` in the VTIMEZONE, quoted in the events. Not an
    IANA name: the VTIMEZONE's own rule (+08:00) places the events."""
    day = (SOON + timedelta(days=1)).strftime("%Y%m%d")
    zone = "Kuala Lumpur, Singapore"
    body = calendar(
        f'UID:first@kl\nDTSTART;TZID="{zone}":{day}T090000\nDTEND;TZID="{zone}":{day}T093000\nSUMMARY:Mkics005',
        f'UID:daily@kl\nDTSTART;TZID="{zone}":{day}T140000\nDURATION:PT20M\nRRULE:FREQ=DAILY;COUNT=2',
        header=(
            "BEGIN:VTIMEZONE\nTZID:Kuala Lumpur\\, Singapore\nBEGIN:STANDARD\nDTSTART:16010101T000000\n"
            "TZOFFSETFROM:+0800\nTZOFFSETTO:+0800\nEND:STANDARD\nEND:VTIMEZONE"
        ),
    )
    url = feed.serve("/kl.ics", body)
    code, _, err = run(capsys, "connect", "ics", url, "--name", "kl")
    assert code == 0, err  # refused before: "unknown time zone at line 20"
    code, summary, err = run(capsys, "sync", "--once", "--json")
    assert code == 0, err
    assert summary["created"] == len(expected_ids(sims.doctolib)) + 3

    midnight = datetime.strptime(day, "%Y%m%d").replace(tzinfo=UTC)  # the feed's day, 00:00 UTC

    def at(offset: timedelta, minutes: int) -> tuple[datetime, datetime]:
        return midnight + offset, midnight + offset + timedelta(minutes=minutes)

    # Wall-clock times at +08:00: 09:00 is 01:00 UTC, 14:00 is 06:00 UTC.
    expected = {
        event_id("ics:kl", "first@kl"): at(timedelta(hours=1), 30),
        event_id("ics:kl", f"daily@kl\x1f{stamp(midnight + timedelta(hours=6))}"): at(timedelta(hours=6), 20),
        event_id("ics:kl", f"daily@kl\x1f{stamp(midnight + timedelta(days=1, hours=6))}"): at(
            timedelta(days=1, hours=6), 20
        ),
    }
    events = {e["id"]: e for e in live_events(sims.google, CalMedi().config.get("google.calendar_id"))}
    for key, (start, end) in expected.items():
        body_sent = events[key]
        assert datetime.fromisoformat(body_sent["start"]["dateTime"]).astimezone(UTC) == start
        assert datetime.fromisoformat(body_sent["end"]["dateTime"]).astimezone(UTC) == end
        assert body_sent["start"]["timeZone"] == "Europe/Paris"  # shown in the practice's zone, at that instant


def test_an_erasure_leaves_no_feed_address_or_parsed_feed_in_memory(app: CalMedi, feed: FeedServer) -> None:
    url = feed.serve("/private/abc123.ics", FEED, etag='"1"')
    app.connect_ics(url, "clinic")
    assert app.sync_once().created > 5
    kept = dict(app.accounts.ics._sources)
    assert [kept_url for kept_url, _ in kept.values()] == [url]
    assert app.erase()["complete"] is True
    assert app.accounts.ics._sources == {}, "the tray keeps running after an erasure: nothing of the feed stays"
    assert kept["clinic"][1]._cache is None, "the parsed feed is dropped too"
