"""Every file of the corpus, imported over HTTP from a loopback server, against expectations written
by reading the file (see corpus/SOURCES.md). The practice's zone is Europe/Paris; windows run
from midnight to midnight there. Times are written as the file gives them (with the offset it implies) and
compared as instants; all-day events as dates (end exclusive).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pytest

from calmedi_desktop.errors import SourceDataError
from calmedi_desktop.sync.model import Appointment, Kind
from calmedi_desktop.sync.sources.ics import IcsSource
from tests.ics.ics_helpers import CORPUS, PARIS, FeedServer, paris


@dataclass(frozen=True)
class Expect:
    window: tuple[str, str]
    instances: tuple[str, ...]  # "start/end", then " tentative" when STATUS:TENTATIVE
    names: tuple[tuple[str, str], ...] = field(default=())  # (start, expected patient_name)
    why: str = ""


def _when(text: str) -> date | datetime:
    return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)


def _key(start: date | datetime, end: date | datetime, tentative: bool) -> tuple[str, str, bool]:
    def norm(value: date | datetime) -> str:
        return value.astimezone(UTC).isoformat() if isinstance(value, datetime) else "day " + value.isoformat()

    return norm(start), norm(end), tentative


def _expected(expect: Expect) -> list[tuple[str, str, bool]]:
    result = []
    for item in expect.instances:
        span, _, flag = item.partition(" ")
        start, end = span.split("/")
        result.append(_key(_when(start), _when(end), flag == "tentative"))
    return sorted(result)


def _got(appointments: list[Appointment]) -> list[tuple[str, str, bool]]:
    return sorted(_key(a.start, a.end, a.tentative) for a in appointments)


CASES: dict[str, list[Expect]] = {
    "allenporter-ical__google_calendar_public_holidays.ics": [
        Expect(
            ("2022-11-01", "2023-01-01"),
            tuple(
                f"{d}/{e}"
                for d, e in [
                    ("2022-11-01", "2022-11-02"),
                    ("2022-11-06", "2022-11-07"),
                    ("2022-11-08", "2022-11-09"),
                    ("2022-11-11", "2022-11-12"),
                    ("2022-11-24", "2022-11-25"),
                    ("2022-11-25", "2022-11-26"),
                    ("2022-12-24", "2022-12-25"),
                    ("2022-12-25", "2022-12-26"),
                    ("2022-12-26", "2022-12-27"),
                    ("2022-12-31", "2023-01-01"),
                ]
            ),
            names=(("2022-11-24", "Thanksgiving Day"),),
        ),
    ],
    "recurring-ical-events__issue_48_daylight_aware_repeats.ics": [
        Expect(
            ("2020-10-19", "2020-11-03"),
            (
                "2020-10-19T11:30+01:00/2020-10-19T13:00+01:00",
                "2020-10-26T11:30+00:00/2020-10-26T13:00+00:00",  # Lisbon left summer time on Oct 25
                "2020-11-02T11:30+00:00/2020-11-02T13:00+00:00",
            ),
            why="weekly in Europe/Lisbon: the wall clock stays at 11:30 and the offset moves",
        )
    ],
    "recurring-ical-events__x_wr_timezone_simple_events_issue_59.ics": [
        Expect(
            ("2021-12-22", "2021-12-24"),
            (
                "2021-12-22T12:00-05:00/2021-12-22T13:00-05:00",  # SUMMARY: "noon to 1PM on 12/22/2021"
                "2021-12-22T21:00-05:00/2021-12-22T22:00-05:00",  # SUMMARY: "9PM to 10PM on 12/22/2021"
            ),
        )
    ],
    "ical.js__duration_instead_of_dtend.ics": [
        Expect(("2012-06-30", "2012-07-01"), ("2012-06-30T06:00-07:00/2012-07-01T06:00-07:00",))
    ],
    "node-ical__google-calendar-kiev-tz.ics": [
        Expect(
            ("2016-08-24", "2016-08-30"),
            (
                "2016-08-25T14:00+03:00/2016-08-25T15:00+03:00",
                "2016-08-26T14:00+03:00/2016-08-26T15:00+03:00",  # the override (listed before its master)
                "2016-08-27T14:00+03:00/2016-08-27T15:00+03:00",
                "2016-08-28T14:00+03:00/2016-08-28T15:00+03:00",  # UNTIL 11:00Z = 14:00 Kyiv, inclusive
            ),
            names=(("2016-08-26T14:00+03:00", "bla bla"), ("2016-08-27T14:00+03:00", "repeated")),
        )
    ],
    "ical-expander__all-day.ics": [
        Expect(
            ("2018-05-19", "2018-06-03"),
            ("2018-05-19/2018-05-20", "2018-05-26/2018-05-27", "2018-06-02/2018-06-03", "2018-05-27/2018-05-28"),
        )
    ],
    "allenporter-ical__apple_ical.ics": [
        Expect(
            ("2022-09-19", "2022-09-29"),
            (
                # "Daily" until 2022-09-26T15:59:59Z: 13th..25th; from the 19th (09:00 PDT = 18:00 in Paris)
                *(f"2022-09-{d}T09:00-07:00/2022-09-{d}T10:00-07:00" for d in range(19, 26)),
                "2022-09-20T09:00-07:00/2022-09-20T11:00-07:00",  # Example
                "2022-09-22T09:00-07:00/2022-09-22T10:00-07:00",  # bar
                # the other "Daily", from the 26th, no end
                *(f"2022-09-{d}T09:00-07:00/2022-09-{d}T10:00-07:00" for d in range(26, 29)),
                "2022-09-27T09:00-07:00/2022-09-27T10:00-07:00",  # New Event
            ),
        ),
        Expect(
            ("2023-10-10", "2023-10-16"),
            (
                "2023-10-11/2023-10-13",
                "2023-10-15/2023-10-18",
                *(f"2023-10-{d}T09:00-07:00/2023-10-{d}T10:00-07:00" for d in range(10, 16)),
            ),
            why="multi-day all-day events beside the open daily series",
        ),
    ],
    "ical4j__apple-iphone-os-26-structured-location.ics": [
        Expect(
            ("2026-05-22", "2026-05-23"),
            ("2026-05-22T10:30+02:00/2026-05-22T10:40+02:00",),
            names=(("2026-05-22T10:30+02:00", "Antrag auf ID Austria"),),
        )
    ],
    "recurring-ical-events__issue_18_cancel_status.ics": [
        Expect(
            ("2020-01-28", "2020-02-01"),
            ("2020-01-28T22:00+01:00/2020-01-28T23:00+01:00", "2020-01-30T22:00+01:00/2020-01-30T23:00+01:00"),
            why="COUNT=3; the 29th is overridden with STATUS:CANCELLED and must be absent",
        )
    ],
    "recurring-ical-events__each_week_but_one_deleted.ics": [
        Expect(
            ("2019-03-01", "2019-05-01"),
            (
                "2019-03-04T00:30+01:00/2019-03-04T01:00+01:00",
                # 03-11 excluded: EXDATE 2019-03-10T23:30Z is 00:30 in Berlin
                "2019-03-18T00:30+01:00/2019-03-18T01:00+01:00",
                "2019-03-25T00:30+01:00/2019-03-25T01:00+01:00",
                "2019-04-01T00:30+02:00/2019-04-01T01:00+02:00",
                "2019-04-08T00:30+02:00/2019-04-08T01:00+02:00",
                "2019-04-15T00:30+02:00/2019-04-15T01:00+02:00",
                "2019-04-22T00:30+02:00/2019-04-22T01:00+02:00",
            ),
        )
    ],
    "icalevents__cest.ics": [
        Expect(
            ("2021-03-22", "2021-04-26"),
            (
                # weekly Monday 16:00 (UID ...CD96605B), across the DST change of March 28
                "2021-03-22T16:00+01:00/2021-03-22T17:00+01:00",
                *(f"2021-{d}T16:00+02:00/2021-{d}T17:00+02:00" for d in ("03-29", "04-05", "04-12", "04-19")),
                # all-day "Away" every Wednesday and Friday; EXDATE;TZID=W. Europe Standard Time:20210409T000000
                *(
                    f"2021-{d}/2021-{e}"
                    for d, e in [
                        ("03-24", "03-25"),
                        ("03-26", "03-27"),
                        ("03-31", "04-01"),
                        ("04-02", "04-03"),
                        ("04-07", "04-08"),
                        ("04-14", "04-15"),
                        ("04-16", "04-17"),
                        ("04-21", "04-22"),
                        ("04-23", "04-24"),
                    ]
                ),
                "2021-04-09/2021-04-10",  # the separate single "Away" that replaced the excluded day
                # weekly Thursday 15:00 (...6D963151); two instances moved by RECURRENCE-ID
                "2021-03-25T15:00+01:00/2021-03-25T15:30+01:00",
                "2021-04-01T14:00+02:00/2021-04-01T14:30+02:00",
                "2021-04-08T15:00+02:00/2021-04-08T15:30+02:00",
                "2021-04-15T15:00+02:00/2021-04-15T15:30+02:00",
                "2021-04-22T14:45+02:00/2021-04-22T15:15+02:00",
                # every other Thursday 11:00 (...EC5EA967), overridden in place
                "2021-03-25T11:00+01:00/2021-03-25T12:00+01:00",
                "2021-04-08T11:00+02:00/2021-04-08T12:00+02:00",
                "2021-04-22T11:00+02:00/2021-04-22T12:00+02:00",
                # singles
                "2021-03-25T13:00+01:00/2021-03-25T13:45+01:00",
                "2021-03-25T14:00+01:00/2021-03-25T15:00+01:00",
                "2021-03-26T20:30+01:00/2021-03-26T21:30+01:00",
                "2021-04-01T15:30+02:00/2021-04-01T17:00+02:00",
                "2021-04-08T14:30+02:00/2021-04-08T15:00+02:00",
                "2021-04-12T11:00+02:00/2021-04-12T11:30+02:00",
                "2021-04-15T12:00+02:00/2021-04-15T13:00+02:00",
            ),
            why="Exchange: Windows zone names, overrides, an EXDATE at local midnight on an all-day series",
        )
    ],
    "recurring-ical-events__issue_27_t1.ics": [
        Expect(
            ("2020-04-25", "2020-05-01"),
            ("2020-04-26T14:00+02:00/2020-04-26T14:30+02:00", "2020-04-28T14:00+02:00/2020-04-28T14:30+02:00"),
            why="daily until 2020-04-29 00:00 (floating); 04-27 excluded by EXDATE 12:00Z = 14:00 in Berlin",
        )
    ],
    "recurring-ical-events__issue_28_rrule_with_UTC_endinginZ.ics": [
        Expect(
            ("2020-04-01", "2020-06-01"),
            (
                "2020-04-02/2020-04-03",
                "2020-04-17/2020-04-18",  # 04-16 moved to the 17th (RECURRENCE-ID given as a DATE-TIME)
                "2020-04-30/2020-05-01",
                "2020-05-14/2020-05-15",
                "2020-05-29/2020-05-30",  # 05-28 moved to the 29th
                "2020-04-09/2020-04-10",
                "2020-04-23/2020-04-24",
                "2020-05-07/2020-05-08",
                "2020-05-21/2020-05-22",
            ),
        ),
        Expect(
            ("2020-09-01", "2020-10-01"),
            ("2020-09-04/2020-09-05", "2020-09-17/2020-09-18", "2020-09-10/2020-09-11", "2020-09-24/2020-09-25"),
            why="UNTIL=20200916T230000Z is midnight of the 17th in the feed's London zone: Exchange's last day",
        ),
    ],
    "ical.net__Outlook2007LineFolds.ics": [
        Expect(
            ("2009-06-20", "2009-06-23"),
            ("2009-06-21/2009-06-22",),
            names=(("2009-06-21", "Example Calendar Export that Blows Up DDay.iCal"),),
        )
    ],
    "ical.net__Language2.ics": [
        Expect(
            ("2006-10-30", "2006-12-31"),
            (
                "2006-10-31/2006-11-01 tentative",
                "2006-11-01T09:00+01:00/2006-11-01T10:00+01:00 tentative",  # floating: the practice's zone
                "2006-11-01T10:00+01:00/2006-11-01T11:00+01:00 tentative",
                "2006-11-09T23:00+01:00/2006-11-11T00:00+01:00 tentative",
                "2006-11-09/2006-11-10 tentative",
                "2006-12-24T00:00+01:00/2006-12-24T23:00+01:00 tentative",
            ),
            names=(("2006-10-31", "Möte kontoret"), ("2006-11-09T23:00+01:00", "Nu måste jag gå hem")),
            why="BOM, names folded before their colon; the VTODO is not an appointment",
        )
    ],
    "ical.net__ProdID2.ics": [
        Expect(
            ("2006-11-01", "2006-12-01"),
            (
                "2006-11-01T07:30-05:00/2006-11-01T08:30-05:00",
                "2006-11-11T12:00-05:00/2006-11-11T13:00-05:00",
                "2006-11-14T07:00-05:00/2006-11-14T08:00-05:00",
                "2006-11-15T07:00-05:00/2006-11-15T08:00-05:00",
                "2006-11-19T01:00-05:00/2006-11-19T02:00-05:00",
                "2006-11-22T07:00-05:00/2006-11-22T08:00-05:00",
                "2006-11-24T07:00-05:00/2006-11-24T08:00-05:00",
                "2006-11-29T09:00-05:00/2006-11-29T10:00-05:00",
            ),
            names=(("2006-11-01T07:30-05:00", "UNC vs. St. Augustine’s (exhibition)"),),
            why="floating times in X-WR-TIMEZONE US/Eastern; a Windows-1252 apostrophe; no UIDs",
        ),
        Expect(
            ("1969-12-31", "1970-01-01"),
            ("1969-12-31T16:59:59-05:00/1969-12-31T16:59:59-05:00",),
            why="the 'UNC @ Duke' placeholder: zero duration",
        ),
    ],
    "ical4j__lastfm.ics": [
        Expect(
            ("2010-02-01", "2010-03-01"),
            tuple(
                f"2010-02-{d}T{t}+01:00/2010-02-{d}T23:59+01:00"
                for d, t in [
                    ("10", "20:30"),
                    ("12", "20:00"),
                    ("12", "21:00"),
                    ("13", "21:00"),
                    ("19", "00:00"),
                    ("19", "20:30"),
                    ("19", "21:00"),
                    ("19", "21:00"),
                    ("26", "00:00"),
                    ("27", "00:00"),
                    ("27", "20:30"),
                ]
            ),
            why="floating times, no X-WR-TIMEZONE: the practice's zone",
        ),
        Expect(
            ("2010-08-19", "2010-09-18"),
            (
                "2010-08-19T00:00+02:00/2010-08-22T23:59+02:00",
                "2010-08-20T00:00+02:00/2010-08-22T23:59+02:00",
                "2010-09-17T00:00+02:00/2010-09-17T23:59+02:00",
            ),
        ),
    ],
    "recurring-ical-events__discourse_no_dtend.ics": [
        Expect(
            ("2019-01-01", "2019-06-01"),
            (
                "2019-01-17T18:00:25+01:00/2019-01-17T18:00:25+01:00",  # neither DTEND nor DURATION
                "2019-02-28T15:00:14+01:00/2019-02-28T18:30:14+01:00",
                "2019-03-01T18:00:35+01:00/2019-03-01T21:00:35+01:00",
                "2019-05-11T13:00:21+02:00/2019-05-11T20:00:21+02:00",
            ),
        )
    ],
    "node-ical__test_date_duration.ics": [
        Expect(
            ("2024-02-01", "2024-03-01"),
            ("2024-02-15/2024-02-22",),
            why="DTSTART:20240215 is a date; DURATION:PT1W (weeks written after T) is one week",
        )
    ],
    "khal__non_dst_error.ics": [
        Expect(
            ("2023-02-01", "2023-02-10"),
            ("2023-02-03T15:15+01:00/2023-02-03T18:06+01:00", "2023-02-06T09:50+01:00/2023-02-06T12:50+01:00"),
            why="the VALARM with a misplaced sign is never read",
        )
    ],
    "icalendar__issue_348_exception_parsing_value.ics": [
        Expect(
            ("2019-06-24", "2019-06-25"),
            ("2019-06-24T06:30Z/2019-06-24T16:30Z",),
            why="the valueless ORGANIZER sits in a VFREEBUSY, which is no appointment",
        )
    ],
    "icalendar__issue_350.ics": [
        Expect(("2022-02-22", "2022-02-23"), ("2022-02-22T18:30Z/2022-02-22T19:30Z",), names=())
    ],
    "ical4j__maritz.ics": [Expect(("2026-06-01", "2028-01-01"), ("2026-07-01/2026-07-02", "2027-07-01/2027-07-02"))],
    "node-ical__meetup-timed-tz.ics": [
        Expect(("2011-11-09", "2011-11-11"), ("2011-11-09T19:00-07:00/2011-11-09T21:00-07:00",))
    ],
    "recurring-ical-events__Germany_Holidays.ics": [
        Expect(
            ("2019-12-01", "2020-01-08"),
            ("2019-12-25/2019-12-26", "2019-12-26/2019-12-27", "2020-01-01/2020-01-02", "2020-01-06/2020-01-07"),
            why="'RRULE:' is empty (no repetition); DTEND equal to DTSTART: the event lasts its day",
        )
    ],
    "node-ical__mixed-timezone-handling.ics": [
        Expect(
            ("2002-10-27", "2002-10-30"),
            (
                "2002-10-28T01:20:30-08:00/2002-10-29T01:20:30-08:00",  # floating, X-WR-TIMEZONE US/Pacific
                "2002-10-28T01:20:30Z/2002-10-29T01:20:30Z",
                "2002-10-28T01:20:30-05:00/2002-10-29T01:20:30-05:00",  # TZID=America/New_York
                "2002-10-28/2002-10-29",
                "2002-10-28/2002-10-29",  # DTSTART:20021028 without VALUE=DATE
            ),
        )
    ],
    "ical.net__Language1.ics": [
        Expect(
            ("2006-10-01", "2006-11-01"),
            (
                "2006-10-01T17:00+02:00/2006-10-01T18:45+02:00",
                "2006-10-15T17:00+02:00/2006-10-15T18:45+02:00",
                "2006-10-18T20:45+02:00/2006-10-18T22:30+02:00",
                "2006-10-22T17:00+02:00/2006-10-22T18:45+02:00",
                "2006-10-29T17:00+01:00/2006-10-29T18:45+01:00",
                "2006-10-31T20:45+01:00/2006-10-31T22:30+01:00",
            ),
            names=(("2006-10-31T20:45+01:00", "Barça - Chelsea"),),
            why="DURATION:PT1H45M without DTEND",
        )
    ],
    "ical4j__schedule-unstable.ics": [
        Expect(
            ("2006-10-01", "2006-11-01"),
            (
                "2006-10-02/2006-10-03",
                "2006-10-04/2006-10-05",
                # VALUE=DATE-TIME with a bare date, TZID=/softwarestudio.org/Olson_20011030_5/America/New_York
                "2006-10-07T00:00-04:00/2006-10-09T23:59-04:00",
                "2006-10-16/2006-10-17",
                "2006-10-16/2006-10-17",
                "2006-10-18/2006-10-19",
            ),
        )
    ],
    "icalendar__parsing_error.ics": [
        Expect(
            ("2008-03-01", "2008-04-01"),
            tuple(f"2008-03-{d:02d}/2008-03-{d + 1:02d}" for d in range(3, 24) if d != 11),
            why=(
                "daily 3..23 March (UNTIL 23:59:59Z), 11th excluded; the empty EXDATE excludes nothing, and the "
                "two series, which differ only by their DESCRIPTION, give one set of appointments"
            ),
        )
    ],
    "node-ical__vtimezone-year-0001-dtstart.ics": [
        Expect(("2024-06-01", "2024-06-02"), ("2024-06-01T10:00+02:00/2024-06-01T11:00+02:00",))
    ],
}

#: Genuinely malformed files: the line SourceDataError must name.
MALFORMED = {"libical__issue252.ics": 5}  # a NUL byte on line 5 (fuzzer output)


def _fetch(server: FeedServer, name: str, window: tuple[str, str]) -> list[Appointment]:
    url = server.serve(f"/{name}", (CORPUS / name).read_bytes())
    return IcsSource("corpus", url).fetch(paris(window[0]), paris(window[1]))


def test_the_corpus_is_there_and_every_file_has_expectations() -> None:
    assert CORPUS.is_dir(), f"the ICS corpus is missing at {CORPUS}"
    files = {path.name for path in CORPUS.glob("*.ics")}
    assert files == set(CASES) | set(MALFORMED)


def test_every_corpus_file_is_listed_with_its_origin_and_licence_and_kept_byte_for_byte() -> None:
    """SOURCES.md names each file's repository, commit and licence, with its size and digest: a checkout that
    changed a byte (line endings converted, a BOM dropped) would test something else than the real file."""
    rows = {}
    for line in (CORPUS / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 9 and cells[0].isdigit():
            rows[cells[1].strip("`")] = cells
    assert set(rows) == {path.name for path in CORPUS.glob("*.ics")}
    for name, (_, _, size, _, _, origin, licence, _, digest) in rows.items():
        data = (CORPUS / name).read_bytes()
        assert len(data) == int(size), name
        assert hashlib.sha256(data).hexdigest()[:16] == digest.strip("`"), name
        assert re.search(r" : `[^`]+` @ `[0-9a-f]{12}`$", origin), name
        assert licence, name


@pytest.mark.parametrize(
    ("name", "expect"),
    [(name, expect) for name, expects in CASES.items() for expect in expects],
    ids=[f"{name}@{expect.window[0]}" for name, expects in CASES.items() for expect in expects],
)
def test_corpus_file_gives_the_expected_instances(feed_server: FeedServer, name: str, expect: Expect) -> None:
    appointments = _fetch(feed_server, name, expect.window)

    assert _got(appointments) == _expected(expect), expect.why
    assert len({a.source_id for a in appointments}) == len(appointments)
    for appointment in appointments:
        assert appointment.source == "ics:corpus"
        assert appointment.kind is Kind.APPOINTMENT
        assert appointment.timezone == "Europe/Paris"
        assert appointment.location is None and appointment.visit_reason is None
        # A feed has no agenda, motive or new-patient flag; STATUS:TENTATIVE means not confirmed yet.
        assert appointment.agenda_id is None and appointment.visit_motive_id is None and not appointment.new_patient
        assert appointment.awaiting_confirmation == appointment.tentative
        if isinstance(appointment.start, datetime):
            assert appointment.start.tzinfo == PARIS and appointment.end.tzinfo == PARIS
        else:
            assert type(appointment.start) is date and type(appointment.end) is date
    for start, summary in expect.names:
        wanted = _when(start)
        matching = [a for a in appointments if _key(a.start, a.end, False)[0] == _key(wanted, wanted, False)[0]]
        assert [a.patient_name for a in matching] == [summary]


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_corpus_file_is_refused_with_its_line(feed_server: FeedServer, name: str) -> None:
    with pytest.raises(SourceDataError) as caught:
        _fetch(feed_server, name, ("1864-01-01", "1865-01-01"))
    assert caught.value.params["line"] == MALFORMED[name]
    assert f"line {MALFORMED[name]}" in caught.value.message


def test_corpus_totals_over_wide_windows(feed_server: FeedServer) -> None:
    """Whole files, as counted by reading them (VEVENTs that are appointments, instances of series)."""
    totals = {
        "allenporter-ical__google_calendar_public_holidays.ics": (("2021-01-01", "2024-01-02"), 111),
        "ical.net__Language1.ics": (("2006-07-01", "2007-07-01"), 53),
        "ical4j__lastfm.ics": (("2010-01-01", "2011-01-01"), 33),
        "recurring-ical-events__Germany_Holidays.ics": (("2019-01-01", "2021-01-01"), 34),
        "ical4j__schedule-unstable.ics": (("2006-01-01", "2008-01-01"), 37),
        "ical.net__ProdID2.ics": (("1969-01-01", "2008-01-01"), 40),
        # 13 + 13: both biweekly bin series, each with its last (Exchange-style UNTIL) day
        "recurring-ical-events__issue_28_rrule_with_UTC_endinginZ.ics": (("2020-01-01", "2021-01-01"), 26),
    }
    for name, (window, count) in totals.items():
        assert len(_fetch(feed_server, name, window)) == count, name
