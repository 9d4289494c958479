"""Hostile and broken feeds: each is refused as SourceDataError naming the line, quickly, without content."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator

import pytest

from calmedi_desktop.errors import SourceDataError, SourceError
from calmedi_desktop.sync.model import Appointment
from calmedi_desktop.sync.sources import ics_text
from calmedi_desktop.sync.sources.ics import IcsSource
from tests.ics.ics_helpers import FeedServer, calendar, paris

WINDOW = (paris("2026-03-01"), paris("2026-04-01"))
GOOD = "UID:ok@test\nDTSTART;TZID=Europe/Paris:20260310T090000\nDTEND;TZID=Europe/Paris:20260310T092000\nSUMMARY:Ok"
SECRET = "Zéphyrine Quenouille"  # a made-up patient name that must never appear in an error


def _read(server: FeedServer, body: bytes, **options: object) -> list[Appointment]:
    return IcsSource("feed", server.serve("/feed.ics", body), **options).fetch(*WINDOW)  # type: ignore[arg-type]


def _refused(server: FeedServer, body: bytes, line: int | None, words: str) -> SourceDataError:
    began = time.monotonic()
    with pytest.raises(SourceDataError) as caught:
        _read(server, body)
    assert time.monotonic() - began < 5
    error = caught.value
    assert words in error.message
    if line is not None:
        assert error.params["line"] == line and f"line {line}" in error.message
    for text in (str(error), error.technical, repr(error.params)):
        assert SECRET not in text
    return error


def _lines(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode()


def test_a_truncated_feed_names_the_component_left_open(feed_server: FeedServer) -> None:
    whole = calendar(GOOD, f"UID:cut@test\nDTSTART:20260311T090000Z\nSUMMARY:{SECRET}")
    cut = whole[: whole.index(b"SUMMARY:" + SECRET.encode())]  # line 10 is BEGIN:VEVENT of the second event
    _refused(feed_server, cut, 10, "truncated")


def test_a_feed_cut_in_the_middle_of_a_line_is_truncated(feed_server: FeedServer) -> None:
    whole = calendar(GOOD)
    _refused(feed_server, whole[: len(whole) // 2], 4, "truncated")


def test_binary_content_is_refused_at_its_line(feed_server: FeedServer) -> None:
    _refused(
        feed_server,
        _lines("BEGIN:VCALENDAR", "VERSION:2.0", f"X-DATA:{SECRET}\x00\x01\x02", "END:VCALENDAR"),
        3,
        "binary",
    )


def test_random_bytes_are_not_a_feed(feed_server: FeedServer) -> None:
    noise = random.Random(6).randbytes(200_000)
    with pytest.raises(SourceDataError):
        _read(feed_server, noise)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100)
    with pytest.raises(SourceDataError):
        _read(feed_server, png)


def test_deep_nesting_is_refused_without_recursion(feed_server: FeedServer) -> None:
    body = _lines("BEGIN:VCALENDAR", *["BEGIN:VEVENT"] * 50_000, *["END:VEVENT"] * 50_000, "END:VCALENDAR")
    _refused(feed_server, body, ics_text.MAX_DEPTH + 1, "nested too deeply")


def test_an_absurd_number_of_events_is_refused(feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    assert ics_text.MAX_EVENTS == 200_000  # ten years of a busy practice fit; the test uses a smaller one
    monkeypatch.setattr(ics_text, "MAX_EVENTS", 30_000)
    event = "BEGIN:VEVENT\r\nDTSTART:20000101T000000Z\r\nEND:VEVENT\r\n"  # outside the window: only scanned
    body = ("BEGIN:VCALENDAR\r\n" + event * (ics_text.MAX_EVENTS + 1) + "END:VCALENDAR\r\n").encode()
    _refused(feed_server, body, None, f"more than {ics_text.MAX_EVENTS}")


def test_too_many_events_in_the_window_is_refused(feed_server: FeedServer) -> None:
    events = [f"UID:{n}\nDTSTART:20260310T{n % 24:02d}0000Z" for n in range(ics_text.MAX_PARSED_EVENTS + 1)]
    _refused(feed_server, calendar(*events), None, f"more than {ics_text.MAX_PARSED_EVENTS}")


def test_a_100_mb_feed_is_cut_off_by_the_default_limit(feed_server: FeedServer) -> None:
    def endless() -> Iterator[bytes]:
        yield b"BEGIN:VCALENDAR\r\n"
        block = b"X-PAD:" + b"y" * 1000 + b"\r\n"
        for _ in range(100_000):
            yield block * 1  # 100 MB in 1 KB lines

    source = IcsSource("feed", feed_server.serve("/huge.ics", endless))
    began = time.monotonic()
    with pytest.raises(SourceError, match=r"larger than the 20\.0 MB limit"):
        source.fetch(*WINDOW)
    assert time.monotonic() - began < 10
    assert source.stats.last_body_bytes <= 20_000_000 + 64 * 1024


@pytest.mark.parametrize(
    ("lines", "line", "words"),
    [
        # a property CalMedi uses, without its colon: it cannot be guessed
        (
            (
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT",
                "UID:x",
                "DTSTART:20260310T090000Z",
                "RRULE FREQ=DAILY",
                "END:VEVENT",
                "END:VCALENDAR",
            ),
            5,
            "cannot be read",
        ),
        (
            (
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT",
                "UID:x",
                "STATUSCANCELLED",
                "DTSTART:20260310T090000Z",
                "END:VEVENT",
                "END:VCALENDAR",
            ),
            4,
            "cannot be read",
        ),
        # a property name that is not one (garbage, or a fold without its leading space)
        (
            (
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT",
                "UID:x",
                "DTSTART:20260310T090000Z",
                f"DESCRIPTION:{SECRET}",
                f"{SECRET} continued:",
                "END:VEVENT",
                "END:VCALENDAR",
            ),
            6,
            "cannot be read",
        ),
        (
            (
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT",
                "UID:x",
                "REC]RRENCE-ID:20260310T090000Z",
                "END:VEVENT",
                "END:VCALENDAR",
            ),
            4,
            "cannot be read",
        ),
        ((" folded:without a line", "BEGIN:VCALENDAR", "END:VCALENDAR"), 1, "cannot be read"),
        (("BEGIN:VCALENDAR", "BEGIN:VEVENT", "END:VTODO", "END:VCALENDAR"), 3, "not open"),
        (("BEGIN:VCALENDAR", "END:VEVENT"), 2, "not open"),
        (("BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT"), 3, "after the end"),
        (("BEGIN:VCARD", "FN:" + SECRET, "END:VCARD"), 1, "not an iCalendar feed"),
        (("BEGIN:VCALENDAR", "CALSCALE:HEBREW", "END:VCALENDAR"), 2, "non-Gregorian"),
        (
            ("BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:x", f"SUMMARY:{SECRET}", "END:VEVENT", "END:VCALENDAR"),
            2,
            "without a start",
        ),
        (
            (
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT",
                "UID:x",
                f"SUMMARY:{SECRET}",
                "DTSTART:2026-03-10 09:00",
                "END:VEVENT",
                "END:VCALENDAR",
            ),
            5,
            "invalid DTSTART",
        ),
        (
            (
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT",
                "UID:x",
                "DTSTART:20260310T090000Z",
                "DTEND;VALUE=DATE:20260311",
                "END:VEVENT",
                "END:VCALENDAR",
            ),
            5,
            "invalid DTEND",
        ),
        (
            (
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT",
                "UID:x",
                "DTSTART:20260310T090000Z",
                "DTEND:20260310T080000Z",
                "END:VEVENT",
                "END:VCALENDAR",
            ),
            5,
            "end before start",
        ),
        (
            (
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT",
                "UID:x",
                "DTSTART:20260310T090000Z",
                "DURATION:P1M",
                "END:VEVENT",
                "END:VCALENDAR",
            ),
            5,
            "invalid DURATION",
        ),
        (
            (
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT",
                "UID:x",
                "DTSTART:20260310T090000Z",
                "RRULE:FREQ=FORTNIGHTLY",
                "END:VEVENT",
                "END:VCALENDAR",
            ),
            5,
            "RRULE",
        ),
        (
            (
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT",
                "UID:x",
                "DTSTART:20260310T090000Z",
                "RRULE:FREQ=DAILY",
                "EXDATE:yesterday",
                "END:VEVENT",
                "END:VCALENDAR",
            ),
            6,
            "invalid EXDATE",
        ),
        (
            (
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT",
                "UID:x",
                "DTSTART;TZID=Mars/Olympus_Mons:20260310T090000",
                "END:VEVENT",
                "END:VCALENDAR",
            ),
            4,
            "unknown time zone",
        ),
        (
            (
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT",
                "UID:x",
                "DTSTART:20260310T090000Z",
                "RRULE:FREQ=SECONDLY",
                "END:VEVENT",
                "END:VCALENDAR",
            ),
            5,
            "unreasonable repetition",
        ),
        (
            (
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT",
                "UID:x",
                "DTSTART:19000101T090000Z",
                "RRULE:FREQ=HOURLY",
                "END:VEVENT",
                "END:VCALENDAR",
            ),
            5,
            "unreasonable repetition",
        ),
        (
            (
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT",
                "UID:x",
                "DTSTART:20260301T000000Z",
                "RRULE:FREQ=DAILY;BYHOUR=8,9,10,11,12,13,14,15,16,17;BYMINUTE=" + ",".join(map(str, range(60))),
                "END:VEVENT",
                "END:VCALENDAR",
            ),
            5,
            "unreasonable repetition",
        ),
    ],
)
def test_broken_feeds_are_refused_with_the_line(
    feed_server: FeedServer, lines: tuple[str, ...], line: int, words: str
) -> None:
    _refused(feed_server, _lines(*lines), line, words)


def test_too_many_series_together_are_refused(feed_server: FeedServer) -> None:
    # Each rule alone is fine (40 years of days); a feed of a hundred of them walks millions of periods.
    events = [f"UID:s{n}\nDTSTART:19860101T{n % 24:02d}0000Z\nRRULE:FREQ=DAILY" for n in range(200)]
    _refused(feed_server, calendar(*events), None, "unreasonable repetition")


def test_an_event_with_a_flood_of_rdates_is_refused(feed_server: FeedServer) -> None:
    days = ",".join(f"202604{d:02d}T{h:02d}{m:02d}00Z" for d in range(6, 30) for h in range(24) for m in range(60))
    body = calendar(f"UID:r\nDTSTART:20260406T000000Z\nRDATE:{days}")
    _refused(feed_server, body, 7, "unreasonable repetition")


def test_broken_lines_in_properties_calmedi_never_reads_are_harmless(feed_server: FeedServer) -> None:
    body = calendar(
        GOOD + '\nORGANIZER;CN=Dr Who\nGEO:not;a;geo\nX-WEIRD;A="x:y":z\nATTACH;VALUE=BINARY;ENCODING=BASE64:!!!',
        header="BEGIN:VFREEBUSY\nFREEBUSY:garbage\nEND:VFREEBUSY\nBEGIN:X-CUSTOM\nBEGIN:VALARM\nEND:VALARM\nEND:X-CUSTOM",
    )
    assert [a.patient_name for a in _read(feed_server, body)] == ["Ok"]


def test_empty_exdate_rdate_and_rrule_values_repeat_or_exclude_nothing(feed_server: FeedServer) -> None:
    body = calendar(
        "UID:s\nDTSTART;VALUE=DATE:20260302\nRRULE:FREQ=DAILY;COUNT=3\nEXDATE;VALUE=DATE:\nRDATE:",
        "UID:t\nDTSTART:20260310T090000Z\nRRULE:",
    )
    days = sorted(str(a.start) for a in _read(feed_server, body))
    assert days == ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-10 10:00:00+01:00"]


def test_nothing_is_returned_when_one_event_is_broken(feed_server: FeedServer) -> None:
    """Fail closed: no partial list, so the run stops before Google and deletes nothing."""
    body = calendar(GOOD, "UID:bad\nDTSTART:20260311T090000Z\nDTEND:20260311T080000Z")
    with pytest.raises(SourceDataError):
        _read(feed_server, body)
