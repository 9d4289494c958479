"""What a feed means: zones, floating times, recurrences and their exceptions, ids, edges, encodings."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from calmedi_desktop.errors import SourceDataError
from calmedi_desktop.sync.model import Appointment
from calmedi_desktop.sync.runner import RunOptions, run_sync
from calmedi_desktop.sync.sources.ics import IcsSource
from calmedi_desktop.sync.sources.ics_parse import lenient_duration
from calmedi_desktop.sync.sources.ics_zones import resolve_tzid
from calmedi_desktop.sync.targets.memory import MemoryTarget
from tests.ics.ics_helpers import FeedServer, calendar, paris

WINDOW = (paris("2026-04-06"), paris("2026-05-01"))


def _read(
    server: FeedServer, body: bytes, window: tuple[datetime, datetime] = WINDOW, **kw: object
) -> list[Appointment]:
    return IcsSource("feed", server.serve("/feed.ics", body), **kw).fetch(*window)  # type: ignore[arg-type]


def _starts(appointments: list[Appointment]) -> list[str]:
    return [a.start.isoformat() for a in appointments]


EXCHANGE_WEST_EUROPE = """BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0600
TZOFFSETTO:+0500
END:STANDARD
END:VTIMEZONE"""  # deliberately wrong offsets: a known Windows name means its IANA zone, not this


@pytest.mark.parametrize(
    ("tzid", "expected"),
    [
        ("Romance Standard Time", "2026-04-08T10:00:00+02:00"),  # Paris
        ('"W. Europe Standard Time"', "2026-04-08T10:00:00+02:00"),  # Berlin, quoted, with a bogus VTIMEZONE
        ("GMT Standard Time", "2026-04-08T11:00:00+02:00"),  # London: 10:00 BST
        ('"(UTC+01:00) Brussels, Copenhagen, Madrid, Paris"', "2026-04-08T10:00:00+02:00"),
        ('"(GMT-05:00) Eastern Time (US & Canada)"', "2026-04-08T16:00:00+02:00"),
        ("/mozilla.org/20050126_1/Europe/Paris", "2026-04-08T10:00:00+02:00"),
        ("/softwarestudio.org/Olson_20011030_5/America/New_York", "2026-04-08T16:00:00+02:00"),
        ("Europe/Kiev", "2026-04-08T09:00:00+02:00"),  # legacy IANA link
    ],
)
def test_time_zone_names_from_every_producer(feed_server: FeedServer, tzid: str, expected: str) -> None:
    body = calendar(f"UID:z\nDTSTART;TZID={tzid}:20260408T100000", header=EXCHANGE_WEST_EUROPE)
    assert _starts(_read(feed_server, body)) == [expected]


def test_a_custom_vtimezone_is_used_and_not_confused_with_another_feeds(feed_server: FeedServer) -> None:
    """icalendar caches VTIMEZONEs by TZID for the whole process; Outlook reuses "Customized Time Zone"."""

    def feed(offset: str) -> bytes:
        zone = (
            "BEGIN:VTIMEZONE\nTZID:Customized Time Zone\nBEGIN:STANDARD\nDTSTART:19700101T000000\n"
            f"TZOFFSETFROM:{offset}\nTZOFFSETTO:{offset}\nEND:STANDARD\nEND:VTIMEZONE"
        )
        return calendar('UID:c\nDTSTART;TZID="Customized Time Zone":20260408T100000', header=zone)

    india = _read(feed_server, feed("+0530"))
    moscow = IcsSource("other", feed_server.serve("/other.ics", feed("+0300"))).fetch(*WINDOW)
    assert india[0].start == datetime(2026, 4, 8, 4, 30, tzinfo=ZoneInfo("UTC"))
    assert moscow[0].start == datetime(2026, 4, 8, 7, 0, tzinfo=ZoneInfo("UTC"))


def test_floating_times_are_in_the_practice_zone(feed_server: FeedServer) -> None:
    body = calendar("UID:f\nDTSTART:20260408T090000\nDTEND:20260408T093000")
    assert _starts(_read(feed_server, body)) == ["2026-04-08T09:00:00+02:00"]
    new_york = _read(feed_server, body, (paris("2026-04-01"), paris("2026-05-01")), timezone="America/New_York")
    assert _starts(new_york) == ["2026-04-08T09:00:00-04:00"] and new_york[0].timezone == "America/New_York"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("X-WR-TIMEZONE:America/New_York", "2026-04-08T15:00:00+02:00"),
        ("X-WR-TIMEZONE:Romance Standard Time", "2026-04-08T09:00:00+02:00"),
        ("X-WR-TIMEZONE:Narnia/Cair_Paravel", "2026-04-08T09:00:00+02:00"),  # unknown: the practice's zone
    ],
)
def test_x_wr_timezone_gives_floating_times_a_zone(feed_server: FeedServer, header: str, expected: str) -> None:
    body = calendar("UID:f\nDTSTART:20260408T090000", header=header)
    assert _starts(_read(feed_server, body)) == [expected]


def test_a_utc_weekly_rule_keeps_its_wall_clock_in_the_feeds_zone(feed_server: FeedServer) -> None:
    series = "UID:w\nDTSTART:20260320T080000Z\nDURATION:PT20M\nRRULE:FREQ=WEEKLY;COUNT=3"
    window = (paris("2026-03-15"), paris("2026-04-15"))
    with_zone = _read(feed_server, calendar(series, header="X-WR-TIMEZONE:Europe/Paris"), window)
    assert _starts(with_zone) == ["2026-03-20T09:00:00+01:00", "2026-03-27T09:00:00+01:00", "2026-04-03T09:00:00+02:00"]
    in_utc = _read(feed_server, calendar(series), window)
    assert _starts(in_utc)[-1] == "2026-04-03T10:00:00+02:00"  # RFC 5545: a UTC rule stays in UTC


WEEKLY = (
    "UID:weekly@test\nDTSTART;TZID=Europe/Paris:20260302T090000\nDTEND;TZID=Europe/Paris:20260302T093000\n"
    "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=12\nSUMMARY:Suivi"
)


def _override(original: str, start: str, extra: str = "") -> str:
    return (
        f"UID:weekly@test\nRECURRENCE-ID;TZID=Europe/Paris:{original}\n"
        f"DTSTART;TZID=Europe/Paris:{start}\nDURATION:PT30M\nSUMMARY:Suivi\n{extra}"
    )


def test_recurrence_overrides_move_cancel_and_mark_instances(feed_server: FeedServer) -> None:
    body = calendar(
        WEEKLY,
        _override("20260330T090000", "20260408T110000"),  # from before the window into it
        _override("20260413T090000", "20260520T090000"),  # from the window to after it
        _override("20260420T090000", "20260420T090000", "STATUS:CANCELLED"),
        _override("20260427T090000", "20260427T100000", "STATUS:TENTATIVE"),
    )
    found = _read(feed_server, body)
    assert [(a.start.isoformat(), a.tentative) for a in found] == [
        ("2026-04-06T09:00:00+02:00", False),
        ("2026-04-08T11:00:00+02:00", False),
        ("2026-04-27T10:00:00+02:00", True),
    ]
    assert found[1].source_id == "weekly@test\x1f20260330T070000Z"  # its original start, in UTC


def test_instance_ids_survive_edits(feed_server: FeedServer) -> None:
    single = "UID:one@test\nDTSTART:20260410T080000Z\nSUMMARY:Jean"
    before = {a.source_id: a for a in _read(feed_server, calendar(WEEKLY, single))}
    moved = "UID:one@test\nDTSTART:20260411T150000Z\nSUMMARY:Jean"
    after = {
        a.source_id: a
        for a in _read(feed_server, calendar(WEEKLY, _override("20260413T090000", "20260414T090000"), moved))
    }
    assert set(before) == set(after)
    changed = {key for key in before if before[key].start != after[key].start}
    assert changed == {"one@test", "weekly@test\x1f20260413T070000Z"}


def test_a_cancelled_event_or_series_is_absent(feed_server: FeedServer) -> None:
    body = calendar(WEEKLY + "\nSTATUS:CANCELLED", "UID:x\nDTSTART:20260410T080000Z\nSTATUS:CANCELLED")
    assert _read(feed_server, body) == []


def test_one_uid_on_two_single_events_keeps_both_and_exact_duplicates_once(feed_server: FeedServer) -> None:
    a = "UID:dup\nDTSTART:20260410T080000Z\nSUMMARY:Anne"
    b = "UID:dup\nDTSTART:20260411T080000Z\nSUMMARY:Bruno"
    found = _read(feed_server, calendar(a, b, a))
    assert [x.patient_name for x in found] == ["Anne", "Bruno"]
    assert len({x.source_id for x in found}) == 2


def test_events_without_uid_get_stable_distinct_ids(feed_server: FeedServer) -> None:
    body = calendar("DTSTART:20260410T080000Z\nSUMMARY:Anne", "DTSTART:20260410T080000Z\nSUMMARY:Bruno")
    first = [a.source_id for a in _read(feed_server, body)]
    second = [a.source_id for a in _read(feed_server, body)]
    assert first == second and len(set(first)) == 2 and all(i.startswith("nouid:") for i in first)
    assert not any("Anne" in i or "Bruno" in i for i in first)


@pytest.mark.parametrize(
    ("props", "start", "end"),
    [
        ("DTSTART;VALUE=DATE:20260410", date(2026, 4, 10), date(2026, 4, 11)),  # RFC 5545: one day
        ("DTSTART;VALUE=DATE:20260410\nDTEND;VALUE=DATE:20260410", date(2026, 4, 10), date(2026, 4, 11)),
        ("DTSTART;VALUE=DATE:20260410\nDURATION:P2D", date(2026, 4, 10), date(2026, 4, 12)),
        ("DTSTART;VALUE=DATE:20260410\nDURATION:PT36H", date(2026, 4, 10), date(2026, 4, 12)),
        ("DTSTART:20260410", date(2026, 4, 10), date(2026, 4, 11)),  # a date without VALUE=DATE
        ("DTSTART:20260410T080000Z", "2026-04-10T10:00:00+02:00", "2026-04-10T10:00:00+02:00"),  # zero length
        ("DTSTART:20260410T080000Z\nDURATION:PT45M", "2026-04-10T10:00:00+02:00", "2026-04-10T10:45:00+02:00"),
        ("DTSTART:20260410T080000Z\nDURATION:-PT0S", "2026-04-10T10:00:00+02:00", "2026-04-10T10:00:00+02:00"),
    ],
)
def test_ends_follow_rfc_5545(feed_server: FeedServer, props: str, start: object, end: object) -> None:
    (found,) = _read(feed_server, calendar("UID:e\n" + props))
    got = (
        found.start
        if isinstance(found.start, date) and not isinstance(found.start, datetime)
        else found.start.isoformat()
    )
    got_end = found.end if not isinstance(found.end, datetime) else found.end.isoformat()
    assert (got, got_end) == (start, end)


def test_recurring_all_day_events_last_at_least_their_day(feed_server: FeedServer) -> None:
    body = calendar("UID:d\nDTSTART;VALUE=DATE:20260406\nDTEND;VALUE=DATE:20260406\nRRULE:FREQ=WEEKLY;COUNT=2")
    found = _read(feed_server, body)
    assert [(a.start, a.end) for a in found] == [
        (date(2026, 4, 6), date(2026, 4, 7)),
        (date(2026, 4, 13), date(2026, 4, 14)),
    ]


def test_a_series_that_ends_before_it_starts_is_refused(feed_server: FeedServer) -> None:
    body = calendar("UID:s\nDTSTART:20260406T090000Z\nDTEND:20260406T080000Z\nRRULE:FREQ=DAILY;COUNT=3")
    with pytest.raises(SourceDataError, match="end before start at line 7"):
        _read(feed_server, body)


def test_the_window_holds_what_starts_in_it(feed_server: FeedServer) -> None:
    body = calendar(
        "UID:at-start\nDTSTART;TZID=Europe/Paris:20260406T000000",
        "UID:before\nDTSTART;TZID=Europe/Paris:20260405T230000\nDTEND;TZID=Europe/Paris:20260406T010000",
        "UID:at-end\nDTSTART;TZID=Europe/Paris:20260501T000000",
        "UID:first-day\nDTSTART;VALUE=DATE:20260406",
        "UID:end-day\nDTSTART;VALUE=DATE:20260501",
    )
    assert sorted(a.source_id for a in _read(feed_server, body)) == ["at-start", "first-day"]


def test_years_of_history_are_skipped_without_parsing(feed_server: FeedServer) -> None:
    start = datetime(2020, 1, 1, 9)
    events = [f"UID:h{n}\nDTSTART:{(start + timedelta(days=n)):%Y%m%dT%H%M%S}\nSUMMARY:P{n}" for n in range(2400)]
    source = IcsSource("feed", feed_server.serve("/feed.ics", calendar(*events)))
    found = source.fetch(*WINDOW)
    assert len(found) == 25 and found[0].start.isoformat() == "2026-04-06T09:00:00+02:00"
    assert source.stats.last_events == 2400 and source.stats.last_skipped > 2300


def test_encodings_line_endings_and_folds(feed_server: FeedServer) -> None:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        "UID:u",
        "DTSTART:20260410T080000Z",
        "SUMMARY:Éloïse Caf",
        "\té",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    for body in (
        ("\r\n".join(lines) + "\r\n").encode("utf-16"),  # with its BOM
        "\r".join(lines).encode(),  # old Mac line endings
        "\n".join(lines).encode("utf-8-sig"),  # LF, with a UTF-8 BOM
    ):
        assert [a.patient_name for a in _read(feed_server, body)] == ["Éloïse Café"]
    # Stray blank and whitespace lines before the calendar, as some scripts print them.
    assert len(_read(feed_server, b"\r\n   \r\n" + "\r\n".join(lines).encode())) == 1
    # A fold that splits a UTF-8 character (RFC 5545 folds at 75 octets, not characters).
    split = "\r\n".join([*lines[:5], "SUMMARY:Éloïse Café", *lines[7:]]).encode()
    split = split.replace("é".encode(), b"\xc3\r\n \xa9")
    assert [a.patient_name for a in _read(feed_server, split)] == ["Éloïse Café"]


def test_tentative_and_confirmed(feed_server: FeedServer) -> None:
    body = calendar(
        "UID:t\nDTSTART:20260410T080000Z\nSTATUS:TENTATIVE", "UID:c\nDTSTART:20260410T090000Z\nSTATUS:CONFIRMED"
    )
    assert [a.tentative for a in _read(feed_server, body)] == [True, False]


def test_a_run_from_a_feed_fails_closed_and_guards_an_emptied_feed(feed_server: FeedServer) -> None:
    events = [f"UID:r{n}\nDTSTART:202604{10 + n:02d}T080000Z\nSUMMARY:Patient {n}" for n in range(12)]
    url = feed_server.serve("/feed.ics", calendar(*events))
    source, target = IcsSource("cabinet", url), MemoryTarget()
    result = run_sync([source], target, *WINDOW, RunOptions())
    assert result.created == 12 and {b["summary"] for b in target.events.values()} == {"Appointment"}
    before = {k: dict(v) for k, v in target.events.items()}

    feed_server.serve("/feed.ics", calendar(*events)[:-40])  # truncated
    with pytest.raises(SourceDataError):
        run_sync([source], target, *WINDOW, RunOptions())
    assert target.events == before

    feed_server.serve("/feed.ics", calendar())  # suddenly empty: the mass-deletion guard holds
    held = run_sync([source], target, *WINDOW, RunOptions())
    assert held.deleted == 0 and held.held_deletes == 12 and target.events == before


@pytest.mark.parametrize(
    ("tzid", "zone"),
    [
        ("Romance Standard Time", "Europe/Paris"),
        ("romance standard time", "Europe/Paris"),
        (" Europe/Paris ", "Europe/Paris"),
        ("(UTC+04:00) Port Louis", "Indian/Mauritius"),
        ("(UTC-03:00) Cayenne, Fortaleza", "America/Cayenne"),
        ("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Amsterdam"),
        ("(UTC+05:00) Amsterdam", None),  # the offset does not match the city
        ("Customized Time Zone", None),
        ("../../etc/passwd", None),
        ("", None),
    ],
)
def test_resolve_tzid(tzid: str, zone: str | None) -> None:
    assert resolve_tzid(tzid) == zone


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("PT1H30M", timedelta(hours=1, minutes=30)),
        ("P1W", timedelta(weeks=1)),
        ("PT1W", timedelta(weeks=1)),
        ("-P1DT2H", -timedelta(days=1, hours=2)),
        ("P1M", None),  # months have no length
        ("1H", None),
    ],
)
def test_lenient_duration(text: str, value: timedelta | None) -> None:
    assert lenient_duration(text) == value
