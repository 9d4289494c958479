"""Names and values as real feeds write them: escaped as property values, quoted and caret-encoded as parameters.

RFC 5545 writes one zone name two ways: ``TZID:Kuala Lumpur\\, Singapore`` in the VTIMEZONE (TEXT, backslash
escapes) and ``DTSTART;TZID="Kuala Lumpur, Singapore":...`` in the events (a quoted parameter; RFC 6868 adds
``^'`` for ``"`` and ``^^`` for ``^``). Every case is read from a feed written both ways, the standard way and the
way lenient producers write it, and must give the same instants.
"""

from __future__ import annotations

from datetime import UTC

import pytest

from calmedi_desktop.sync.model import Appointment
from calmedi_desktop.sync.sources.ics import IcsSource
from calmedi_desktop.sync.sources.ics_zones import tzid_from_param, tzid_from_value
from tests.ics.ics_helpers import FeedServer, calendar, paris

WINDOW = (paris("2026-04-06"), paris("2026-05-01"))


def _read(server: FeedServer, body: bytes) -> list[Appointment]:
    return IcsSource("feed", server.serve("/feed.ics", body)).fetch(*WINDOW)


def _utc(appointments: list[Appointment]) -> list[str]:
    return [a.start.astimezone(UTC).strftime("%Y-%m-%d %H:%M") for a in appointments]


def kuala_lumpur(tzid_line: str) -> str:
    # Not an IANA name, nor a Windows id: the VTIMEZONE's own rule (+08:00, no DST) is what the feed means.
    return (
        f"BEGIN:VTIMEZONE\n{tzid_line}\nBEGIN:STANDARD\nDTSTART:16010101T000000\nTZOFFSETFROM:+0800\n"
        "TZOFFSETTO:+0800\nEND:STANDARD\nEND:VTIMEZONE"
    )


def kl_feed(zone_line: str, param: str) -> bytes:
    series = (
        f"UID:weekly@clinic\nDTSTART;TZID={param}:20260406T090000\nDTEND;TZID={param}:20260406T093000\n"
        f"RRULE:FREQ=DAILY;COUNT=4\nEXDATE;TZID={param}:20260407T090000"
    )
    moved = (
        f"UID:weekly@clinic\nRECURRENCE-ID;TZID={param}:20260408T090000\n"
        f"DTSTART;TZID={param}:20260408T150000\nDTEND;TZID={param}:20260408T153000"
    )
    single = f"UID:one@clinic\nDTSTART;TZID={param}:20260420T083000\nDURATION:PT20M"
    return calendar(series, moved, single, header=kuala_lumpur(zone_line))


@pytest.mark.parametrize(
    "zone_line",
    ["TZID:Kuala Lumpur\\, Singapore", "TZID:Kuala Lumpur, Singapore", 'TZID:"Kuala Lumpur, Singapore"'],
    ids=["escaped", "unescaped", "quoted-value"],
)
@pytest.mark.parametrize(
    "param",
    ['"Kuala Lumpur, Singapore"', "Kuala Lumpur\\, Singapore", "Kuala Lumpur, Singapore"],
    ids=["quoted", "backslash-escaped", "bare"],
)
def test_a_vtimezone_name_with_a_comma_matches_its_events_however_written(
    feed_server: FeedServer, zone_line: str, param: str
) -> None:
    appointments = _read(feed_server, kl_feed(zone_line, param))
    # 09:00 and 15:00 at +08:00; the 7th excluded, the 8th moved (RECURRENCE-ID matched in the same zone).
    assert _utc(appointments) == ["2026-04-06 01:00", "2026-04-08 07:00", "2026-04-09 01:00", "2026-04-20 00:30"]
    assert [(a.end - a.start).seconds // 60 for a in appointments] == [30, 30, 30, 20]


def clinic_zone(name_line: str) -> str:
    # A zone of the feed's own making: -03:30, then -02:30 from the second Sunday of April (12 April 2026).
    return (
        f"BEGIN:VTIMEZONE\n{name_line}\n"
        "BEGIN:STANDARD\nDTSTART:19701101T020000\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\n"
        "TZOFFSETFROM:-0230\nTZOFFSETTO:-0330\nEND:STANDARD\n"
        "BEGIN:DAYLIGHT\nDTSTART:19700412T020000\nRRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=2SU\n"
        "TZOFFSETFROM:-0330\nTZOFFSETTO:-0230\nEND:DAYLIGHT\nEND:VTIMEZONE"
    )


@pytest.mark.parametrize(
    ("zone_line", "param"),
    [
        ("TZID:Clinic\\; Annex", '"Clinic; Annex"'),  # ";" escaped in the value, quoted in the parameter
        ("TZID:Site: Annex", '"Site: Annex"'),  # ":" needs no escape in a value, quotes in a parameter
        ('TZID:Clinic "North"', "\"Clinic ^'North^'\""),  # RFC 6868: ^' is a double quote
        ("TZID:Zone^North", '"Zone^^North"'),  # ^^ is one caret
        ("TZID:Zone^North", "Zone^North"),  # a caret before anything else stays
        ("TZID:Back\\\\slash", '"Back\\slash"'),  # \\ in a value is one backslash; a parameter has no escapes
    ],
)
def test_custom_zone_names_with_special_characters_use_the_feeds_own_rules(
    feed_server: FeedServer, zone_line: str, param: str
) -> None:
    body = calendar(
        f"UID:a\nDTSTART;TZID={param}:20260408T090000\nDURATION:PT30M",
        f"UID:b\nDTSTART;TZID={param}:20260415T090000\nDURATION:PT30M",
        header=clinic_zone(zone_line),
    )
    assert _utc(_read(feed_server, body)) == ["2026-04-08 12:30", "2026-04-15 11:30"]


@pytest.mark.parametrize(
    "header",
    [
        "X-WR-TIMEZONE:(UTC+08:00) Beijing\\, Chongqing\\, Hong Kong\\, Urumqi",
        "X-WR-TIMEZONE:(UTC+08:00) Beijing, Chongqing, Hong Kong, Urumqi",
        "X-WR-TIMEZONE;VALUE=TEXT:Asia/Singapore",
    ],
    ids=["escaped", "unescaped", "iana"],
)
def test_x_wr_timezone_is_read_unescaped(feed_server: FeedServer, header: str) -> None:
    body = calendar("UID:f\nDTSTART:20260408T090000\nDURATION:PT30M", header=header)
    assert _utc(_read(feed_server, body)) == ["2026-04-08 01:00"]  # 09:00 at +08:00, not in Paris


@pytest.mark.parametrize(
    ("dates", "texts"),
    [
        ("", ""),
        (';X-LABEL="Room 2; floor: 1"', ';ALTREP="cid:part1@example.org";X-LABEL="a;b"'),
        (';X-LABEL="a:b";VALUE=DATE-TIME', ';LANGUAGE=fr;X-NOTE="see: below"'),
    ],
    ids=["plain", "quoted-first", "quoted-then-more"],
)
def test_quoted_parameters_holding_separators_change_nothing(feed_server: FeedServer, dates: str, texts: str) -> None:
    body = calendar(
        f"UID:s\nDTSTART{dates};TZID=Europe/Paris:20260406T090000\nDTEND{dates};TZID=Europe/Paris:20260406T093000\n"
        f"RRULE:FREQ=DAILY;COUNT=3\nEXDATE{dates};TZID=Europe/Paris:20260407T090000\n"
        f"SUMMARY{texts}:Dupont\\, Jean\\; suivi",
        f"UID:t\nDTSTART{dates}:20260410T080000Z\nDURATION:PT15M\nSTATUS{texts}:TENTATIVE",
    )
    appointments = _read(feed_server, body)
    assert _utc(appointments) == ["2026-04-06 07:00", "2026-04-08 07:00", "2026-04-10 08:00"]
    assert [a.patient_name for a in appointments] == ["Dupont, Jean; suivi"] * 2 + [None]  # TEXT unescaped
    assert [a.tentative for a in appointments] == [False, False, True]


@pytest.mark.parametrize(
    "status",
    ["STATUS:CANCELLED", "STATUS:cancelled", 'STATUS;X-REASON="moved: see; note":CANCELLED', "STATUS: CANCELLED "],
)
def test_a_cancelled_status_is_recognised_however_written(feed_server: FeedServer, status: str) -> None:
    body = calendar(
        f"UID:gone\nDTSTART:20260408T090000Z\nDURATION:PT30M\n{status}",
        "UID:kept\nDTSTART:20260409T090000Z\nDURATION:PT30M\nSTATUS:CONFIRMED",
        "UID:series\nDTSTART:20260410T090000Z\nDURATION:PT30M\nRRULE:FREQ=DAILY;COUNT=2",
        f"UID:series\nRECURRENCE-ID:20260411T090000Z\nDTSTART:20260411T090000Z\nDURATION:PT30M\n{status}",
    )
    appointments = _read(feed_server, body)
    assert [a.source_id.split("\x1f")[0] for a in appointments] == ["kept", "series"]
    assert _utc(appointments) == ["2026-04-09 09:00", "2026-04-10 09:00"]


def test_a_uid_written_escaped_and_plain_is_one_series(feed_server: FeedServer) -> None:
    """``UID:a\\,b`` and ``UID:a,b`` are the same TEXT once read: the override moves its instance."""
    body = calendar(
        "UID:visit\\,42@clinic\nDTSTART:20260406T090000Z\nDURATION:PT30M\nRRULE:FREQ=DAILY;COUNT=2",
        "UID:visit,42@clinic\nRECURRENCE-ID:20260407T090000Z\nDTSTART:20260407T140000Z\nDURATION:PT30M",
    )
    appointments = _read(feed_server, body)
    assert _utc(appointments) == ["2026-04-06 09:00", "2026-04-07 14:00"]
    assert {a.source_id.split("\x1f")[0] for a in appointments} == {"visit,42@clinic"}


@pytest.mark.parametrize(
    ("param", "names"),
    [
        ('"Kuala Lumpur, Singapore"', ("Kuala Lumpur, Singapore",)),
        ("Europe/Paris", ("Europe/Paris",)),
        ("\"Clinic ^'North^' ^^1\"", ('Clinic "North" ^1',)),
        ("Kuala Lumpur\\, Singapore", ("Kuala Lumpur\\, Singapore", "Kuala Lumpur, Singapore")),
        (' "Site: Annex" ', ("Site: Annex",)),
    ],
)
def test_tzid_from_param(param: str, names: tuple[str, ...]) -> None:
    assert tzid_from_param(param) == names


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("Kuala Lumpur\\, Singapore", "Kuala Lumpur, Singapore"),
        ("Clinic\\; Annex", "Clinic; Annex"),
        ("Back\\\\slash", "Back\\slash"),
        (" Europe/Paris ", "Europe/Paris"),
        ("Clinic ^'North^'", "Clinic ^'North^'"),  # carets mean nothing in a value
    ],
)
def test_tzid_from_value(value: str, name: str) -> None:
    assert tzid_from_value(value) == name
