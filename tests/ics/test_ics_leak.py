"""Leak test: marker strings in every field of a feed; only SUMMARY may reach Google, and only when the
privacy level says so. Nothing else leaves: not in event bodies, not in logs, errors, reprs or the cache."""

from __future__ import annotations

import json
import logging

import pytest

from calmedi_desktop.errors import SourceDataError
from calmedi_desktop.privacy.redaction import desired_event
from calmedi_desktop.sync.sources.ics import IcsSource
from tests.ics.ics_helpers import FeedServer, calendar, paris

WINDOW = (paris("2026-04-01"), paris("2026-05-01"))
SUMMARY = "MARKSUMMARY Jeanne Dupont"
OTHERS = {
    "DESCRIPTION": "MARKDESCRIPTION",
    "ATTENDEE": "MARKATTENDEE",
    "ORGANIZER": "MARKORGANIZER",
    "LOCATION": "MARKLOCATION",
    "ALARM": "MARKALARM",
    "COMMENT": "MARKCOMMENT",
    "CONTACT": "MARKCONTACT",
    "X-PROP": "MARKXPROP",
    "CALENDAR": "MARKCALNAME",
}


def _details(n: str = "") -> str:
    return (
        f"SUMMARY:{SUMMARY}\n"
        f"DESCRIPTION:{OTHERS['DESCRIPTION']}{n} né le 01/02/1960\\, tél. 06 12 34 56 78\n"
        f'ATTENDEE;CN="{OTHERS["ATTENDEE"]}{n}";ROLE=REQ-PARTICIPANT:mailto:{OTHERS["ATTENDEE"].lower()}@example.org\n'
        f"ORGANIZER;CN={OTHERS['ORGANIZER']}:mailto:{OTHERS['ORGANIZER'].lower()}@example.org\n"
        f"LOCATION:{OTHERS['LOCATION']} 12 rue des Lilas\\, Lyon\n"
        f"COMMENT:{OTHERS['COMMENT']}\nCONTACT:{OTHERS['CONTACT']}\nX-PATIENT-NOTE:{OTHERS['X-PROP']}\n"
        f"BEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:-PT15M\nDESCRIPTION:{OTHERS['ALARM']}\nEND:VALARM"
    )


FEED = calendar(
    f"UID:single@test\nDTSTART;TZID=Europe/Paris:20260410T090000\nDURATION:PT20M\nSTATUS:TENTATIVE\n{_details()}",
    f"UID:series@test\nDTSTART;TZID=Europe/Paris:20260406T140000\nDURATION:PT30M\nRRULE:FREQ=WEEKLY;COUNT=4\n{_details()}",
    f"UID:series@test\nRECURRENCE-ID;TZID=Europe/Paris:20260413T140000\nDTSTART;TZID=Europe/Paris:20260414T160000\n"
    f"DURATION:PT30M\n{_details('2')}",
    "UID:allday@test\nDTSTART;VALUE=DATE:20260420\n" + _details(),
    header=f"X-WR-CALNAME:{OTHERS['CALENDAR']}\nX-WR-CALDESC:{OTHERS['CALENDAR']}",
)


def _all_text(*values: object) -> str:
    return "\n".join(json.dumps(v, default=str, ensure_ascii=False) if isinstance(v, dict) else repr(v) for v in values)


@pytest.fixture
def read(feed_server: FeedServer, caplog: pytest.LogCaptureFixture) -> tuple[IcsSource, list]:  # type: ignore[type-arg]
    caplog.set_level(logging.DEBUG)
    source = IcsSource("cabinet", feed_server.serve("/feed.ics", FEED, etag='"1"'))
    appointments = source.fetch(*WINDOW)
    from_cache = source.fetch(*WINDOW)  # once more from the 304 cache, kept without SUMMARY
    assert source.stats.not_modified == 1 and {a.patient_name for a in from_cache} == {None}
    source.identity_needed = True  # what the service sets for the initials and full levels
    appointments += source.fetch(*WINDOW)
    assert len(appointments) == 2 * 6
    return source, appointments


def test_busy_sends_no_marker_at_all(read: tuple[IcsSource, list]) -> None:  # type: ignore[type-arg]
    _, appointments = read
    bodies = [desired_event(a, "busy", show_reason=True).body for a in appointments]
    text = _all_text(*bodies)
    assert "MARK" not in text and "Dupont" not in text and "Lilas" not in text and "06 12" not in text
    assert {b["summary"] for b in bodies} == {"Appointment"}
    assert all("location" not in b and "description" not in b and "attendees" not in b for b in bodies)


def test_initials_send_initials_only(read: tuple[IcsSource, list]) -> None:  # type: ignore[type-arg]
    _, appointments = read
    bodies = [desired_event(a, "initials").body for a in appointments]
    assert {b["summary"] for b in bodies} == {"Appointment – M. J. D."}
    assert "MARK" not in _all_text(*bodies)


def test_full_sends_the_summary_and_nothing_else(read: tuple[IcsSource, list]) -> None:  # type: ignore[type-arg]
    _, appointments = read
    bodies = [desired_event(a, "full", show_reason=True).body for a in appointments]
    text = _all_text(*bodies)
    assert {b["summary"] for b in bodies} == {f"Appointment – {SUMMARY}"}
    for marker in OTHERS.values():
        assert marker not in text, marker
    assert "Lilas" not in text and "1960" not in text and "06 12" not in text


def test_nothing_leaks_into_logs_reprs_or_the_cache(
    read: tuple[IcsSource, list],  # type: ignore[type-arg]
    caplog: pytest.LogCaptureFixture,
) -> None:
    source, appointments = read
    records = caplog.get_records("setup")
    everything = "\n".join(record.getMessage() for record in records)
    ours = "\n".join(r.getMessage() for r in records if r.name.startswith("calmedi_desktop"))
    assert ours and "MARK" not in everything and "Dupont" not in everything
    # The feed URL is a secret. httpx logs it at INFO, which privacy.logs.ThirdPartyFilter drops; we never do.
    assert "feed.ics" not in ours and "127.0.0.1" not in ours
    assert "MARK" not in repr(appointments) and "MARK" not in repr(source) and "MARK" not in repr(source.stats)
    # With a level that shows SUMMARY, nothing at all is kept between runs.
    assert source._cache is None
    # At busy, the parse kept for a 304 holds small records without any SUMMARY: components were released.
    source.identity_needed = False
    source.fetch(*WINDOW)
    feed = source._cache.feed  # type: ignore[union-attr]
    assert feed.series == {} and feed.singles == [] and len(feed.instances) == 6
    assert set(type(feed.instances[0]).__slots__) == {"source_id", "start", "end", "tentative", "summary"}
    assert {i.summary for i in feed.instances} == {None}
    held = repr(feed) + repr(feed.instances) + "".join(i.source_id for i in feed.instances)
    for marker in OTHERS.values():
        assert marker not in held, marker
    assert "MARK" not in held


def test_errors_never_quote_the_feed(feed_server: FeedServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    broken = FEED.replace(b"DURATION:PT20M", b"DURATION:PT20M\r\nDTEND:MARKSUMMARY Jeanne Dupont")
    with pytest.raises(SourceDataError) as caught:
        IcsSource("cabinet", feed_server.serve("/feed.ics", broken)).fetch(*WINDOW)
    error = caught.value
    text = "\n".join([str(error), error.technical, repr(error.params), *(r.getMessage() for r in caplog.records)])
    assert "line" in str(error) and "MARK" not in text and "Dupont" not in text
    # No library exception (whose message might quote the line) rides along in a traceback.
    assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)
