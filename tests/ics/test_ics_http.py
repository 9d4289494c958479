"""The feed over HTTP: conditional GET, limits while streaming, redirects, statuses, URL rules."""

from __future__ import annotations

import dataclasses
import gzip
import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from calmedi_desktop.errors import InsecureURLError, InvalidSettingError, NetworkError, SourceDataError, SourceError
from calmedi_desktop.sync.sources import ics as ics_module
from calmedi_desktop.sync.sources.base import Source
from calmedi_desktop.sync.sources.ics import IcsSource, normalise_feed_url
from calmedi_desktop.sync.sources.ics_fetch import check_redirect
from tests.ics.ics_helpers import FeedServer, calendar, paris

FEED = calendar(
    "UID:a@test\nDTSTART;TZID=Europe/Paris:20260310T090000\nDTEND;TZID=Europe/Paris:20260310T092000\n"
    "SUMMARY:Jean Dupont",
    "UID:b@test\nDTSTART;TZID=Europe/Paris:20260311T140000\nDURATION:PT30M\nSUMMARY:Marie Curie\nSTATUS:TENTATIVE",
)
WINDOW = (paris("2026-03-01"), paris("2026-04-01"))
LAST_MODIFIED = "Tue, 03 Mar 2026 10:00:00 GMT"


def _filler() -> Iterator[bytes]:
    """A valid-looking feed that never ends (100 MB), one event after another."""
    yield b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
    event = b"BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260310T090000Z\r\nSUMMARY:" + b"x" * 900 + b"\r\nEND:VEVENT\r\n"
    block = event * 64
    for _ in range(100_000_000 // len(block)):
        yield block


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = ics_module.scan

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ics_module, "scan", counting)
    return calls


def test_it_is_a_source_named_after_the_feed_and_its_repr_hides_the_url(feed_server: FeedServer) -> None:
    source = IcsSource("Maiia", feed_server.serve("/secret-token-123.ics", FEED))
    assert isinstance(source, Source)
    assert source.name == "ics:Maiia"
    assert "secret-token-123" not in repr(source)
    assert [a.patient_name for a in source.fetch(*WINDOW)] == ["Jean Dupont", "Marie Curie"]


@pytest.mark.parametrize(
    ("validators", "header", "value"),
    [
        ({"etag": '"v1"'}, "if-none-match", '"v1"'),
        ({"last_modified": LAST_MODIFIED}, "if-modified-since", LAST_MODIFIED),
    ],
)
def test_a_304_reuses_the_parsed_feed_without_parsing(
    feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch, validators: dict[str, str], header: str, value: str
) -> None:
    parses = _count_parses(monkeypatch)
    source = IcsSource("feed", feed_server.serve("/feed.ics", FEED, **validators))

    first = source.fetch(*WINDOW)
    second = source.fetch(*WINDOW)

    first_request, second_request = feed_server.requests_to("/feed.ics")
    assert header not in first_request.headers
    assert second_request.headers[header] == value
    # What is kept between runs carries no identity: the SUMMARY goes, times, ids and statuses stay.
    assert [dataclasses.replace(a, patient_name=None) for a in first] == second and len(first) == 2
    assert [a.patient_name for a in first] == ["Jean Dupont", "Marie Curie"]
    assert [a.patient_name for a in second] == [None, None]
    assert len(parses) == 1 and source.stats.parses == 1 and source.stats.not_modified == 1


def test_when_the_level_shows_summaries_nothing_is_kept_between_runs(feed_server: FeedServer) -> None:
    source = IcsSource("feed", feed_server.serve("/feed.ics", FEED, etag='"v1"'))
    source.fetch(*WINDOW)
    source.identity_needed = True  # privacy level initials/full: the cached parse is dropped at once
    first = source.fetch(*WINDOW)
    second = source.fetch(*WINDOW)
    assert [a.patient_name for a in first] == [a.patient_name for a in second] == ["Jean Dupont", "Marie Curie"]
    assert source.stats.parses == 3 and source.stats.not_modified == 0
    assert all("if-none-match" not in seen.headers for seen in feed_server.requests_to("/feed.ics")[1:])


def test_a_changed_feed_is_read_again(feed_server: FeedServer) -> None:
    source = IcsSource("feed", feed_server.serve("/feed.ics", FEED, etag='"v1"'))
    assert len(source.fetch(*WINDOW)) == 2
    feed_server.serve("/feed.ics", calendar("UID:c@test\nDTSTART:20260312T080000Z\nSUMMARY:Paul"), etag='"v2"')

    assert [a.patient_name for a in source.fetch(*WINDOW)] == ["Paul"]
    assert source.stats.parses == 2 and source.stats.not_modified == 0


def test_without_validators_every_read_is_a_full_one(feed_server: FeedServer) -> None:
    source = IcsSource("feed", feed_server.serve("/feed.ics", FEED))
    source.fetch(*WINDOW)
    source.fetch(*WINDOW)
    assert source.stats.parses == 2
    assert all("if-none-match" not in seen.headers for seen in feed_server.seen)


def test_a_window_beyond_what_was_parsed_asks_for_the_whole_feed_again(feed_server: FeedServer) -> None:
    source = IcsSource("feed", feed_server.serve("/feed.ics", FEED, etag='"v1"'))
    source.fetch(*WINDOW)
    source.fetch(paris("2026-03-02"), paris("2026-04-02"))  # slid by a day: still covered, 304
    source.fetch(paris("2026-06-01"), paris("2026-09-01"))  # far ahead: the parse would not cover it

    headers = [seen.headers for seen in feed_server.requests_to("/feed.ics")]
    assert [("if-none-match" in h) for h in headers] == [False, True, False]
    assert source.stats.parses == 2 and source.stats.not_modified == 1


def test_forget_drops_the_validators_and_the_parse(feed_server: FeedServer) -> None:
    source = IcsSource("feed", feed_server.serve("/feed.ics", FEED, etag='"v1"'))
    source.fetch(*WINDOW)
    source.forget()
    source.fetch(*WINDOW)
    assert "if-none-match" not in feed_server.requests_to("/feed.ics")[1].headers


def test_an_unrequested_304_is_an_error(feed_server: FeedServer) -> None:
    source = IcsSource("feed", feed_server.serve("/feed.ics", status=304))
    with pytest.raises(SourceError, match="not modified"):
        source.fetch(*WINDOW)


def test_gzip_is_handled(feed_server: FeedServer) -> None:
    source = IcsSource("feed", feed_server.serve("/feed.ics", FEED, gzip=True))
    assert len(source.fetch(*WINDOW)) == 2
    assert "gzip" in feed_server.seen[0].headers["accept-encoding"]
    assert source.stats.last_body_bytes == len(FEED) > source.stats.last_raw_bytes


def test_a_huge_stream_is_cut_off_near_the_limit(feed_server: FeedServer) -> None:
    limit = 1_000_000
    source = IcsSource("feed", feed_server.serve("/huge.ics", _filler), max_bytes=limit)
    began = time.monotonic()
    with pytest.raises(SourceError, match="larger than") as caught:
        source.fetch(*WINDOW)
    assert not isinstance(caught.value, SourceDataError)
    assert time.monotonic() - began < 5
    assert limit < source.stats.last_body_bytes <= limit + 64 * 1024  # stopped within one chunk of the limit
    time.sleep(0.2)
    assert feed_server.sent["/huge.ics"] < 20_000_000  # of 100 MB: the rest was never sent


def test_a_declared_length_over_the_limit_is_refused_before_reading(feed_server: FeedServer) -> None:
    url = feed_server.serve("/big.ics", _filler, headers={"Content-Length": "100000000"})
    source = IcsSource("feed", url, max_bytes=1_000_000)
    with pytest.raises(SourceError, match="larger than"):
        source.fetch(*WINDOW)
    assert source.stats.last_body_bytes == 0


def test_a_gzip_bomb_never_inflates_past_the_limit(feed_server: FeedServer) -> None:
    bomb = b"BEGIN:VCALENDAR\r\n" + b"X-PAD:" + b"0" * 50_000_000
    source = IcsSource("feed", feed_server.serve("/bomb.ics", bomb, gzip=True), max_bytes=1_000_000)
    with pytest.raises(SourceError, match="larger than"):
        source.fetch(*WINDOW)
    assert source.stats.last_raw_bytes < 200_000  # ~50 KB of gzip on the wire
    assert source.stats.last_body_bytes <= 1_000_001


def test_a_trickling_server_is_cut_off_at_the_deadline(feed_server: FeedServer) -> None:
    def trickle() -> Iterator[bytes]:
        yield b"BEGIN:VCALENDAR\r\n"
        for _ in range(1000):
            yield b"X-PAD:slow\r\n"

    source = IcsSource("feed", feed_server.serve("/slow.ics", trickle, delay=0.02), timeout=0.5)
    began = time.monotonic()
    with pytest.raises(SourceError, match=r"within [01] s"):
        source.fetch(*WINDOW)
    assert 0.4 < time.monotonic() - began < 8, "cut off near the 0.5 s deadline, not after the 20 s trickle"


def test_a_stalled_server_is_cut_off_at_the_deadline(feed_server: FeedServer) -> None:
    def stall() -> Iterator[bytes]:
        yield b"BEGIN:VCALENDAR\r\n"
        time.sleep(10)
        yield b"END:VCALENDAR\r\n"

    source = IcsSource("feed", feed_server.serve("/stall.ics", stall), timeout=0.4)
    began = time.monotonic()
    with pytest.raises(SourceError, match="not received within"):
        source.fetch(*WINDOW)
    assert time.monotonic() - began < 6, "gave up near the 0.4 s deadline, not when the server went on"


def test_redirects_are_followed_and_limited(feed_server: FeedServer) -> None:
    feed_server.serve("/feed.ics", FEED)
    feed_server.serve("/old", status=301, location="/feed.ics")  # relative Location
    assert len(IcsSource("feed", feed_server.url("/old")).fetch(*WINDOW)) == 2

    feed_server.serve("/loop-a", status=302, location=feed_server.url("/loop-b"))
    feed_server.serve("/loop-b", status=307, location=feed_server.url("/loop-a"))
    source = IcsSource("feed", feed_server.url("/loop-a"), max_redirects=3)
    with pytest.raises(SourceError, match="more than 3 times"):
        source.fetch(*WINDOW)
    assert feed_server.count("/loop-a") + feed_server.count("/loop-b") == 4


def test_a_redirect_to_plain_http_on_a_remote_host_is_refused_without_following_it(feed_server: FeedServer) -> None:
    url = feed_server.serve("/feed.ics", status=302, location="http://calendar.example.org/feed.ics")
    with pytest.raises(SourceError, match="insecure address"):
        IcsSource("feed", url).fetch(*WINDOW)
    assert [seen.path for seen in feed_server.seen] == ["/feed.ics"]


def test_a_redirect_without_location_is_an_error(feed_server: FeedServer) -> None:
    url = feed_server.serve("/feed.ics", status=302, location="")
    with pytest.raises(SourceError, match="invalid redirect"):
        IcsSource("feed", url).fetch(*WINDOW)


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        ("https://a.example.org/x", "https://b.example.org/y", True),
        ("https://a.example.org/x", "http://b.example.org/y", False),  # downgrade to a remote host
        ("https://a.example.org/x", "http://127.0.0.1:8080/y", False),  # no downgrade, even to loopback
        ("https://a.example.org/x", "https://127.0.0.1/y", False),  # a remote feed may not aim at this machine
        ("http://127.0.0.1:1/x", "http://127.0.0.1:2/y", True),
        ("https://a.example.org/x", "ftp://a.example.org/y", False),
    ],
)
def test_each_redirect_hop_is_checked(current: str, target: str, allowed: bool) -> None:
    if allowed:
        check_redirect(current, target)
    else:
        with pytest.raises(SourceError):
            check_redirect(current, target)


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (404, "not found"),
        (410, "not found"),
        (403, "refused"),
        (401, "refused"),
        (503, "unavailable"),
        (418, "HTTP 418"),
    ],
)
def test_error_statuses_are_source_errors_that_say_what_to_do(feed_server: FeedServer, status: int, words: str) -> None:
    url = feed_server.serve("/feed.ics", status=status)
    with pytest.raises(SourceError) as caught:
        IcsSource("feed", url).fetch(*WINDOW)
    assert not isinstance(caught.value, SourceDataError)
    assert words in caught.value.message and "No appointment was changed or deleted" in caught.value.message


def test_an_html_page_is_not_a_feed(feed_server: FeedServer) -> None:
    url = feed_server.serve("/login", b"<!DOCTYPE html>\n<html><body>Please sign in</body></html>\n")
    with pytest.raises(SourceDataError, match="not an iCalendar feed, line 1"):
        IcsSource("feed", url).fetch(*WINDOW)


def test_an_empty_answer_is_not_an_empty_agenda(feed_server: FeedServer) -> None:
    with pytest.raises(SourceDataError, match="empty"):
        IcsSource("feed", feed_server.serve("/feed.ics", b"")).fetch(*WINDOW)


def test_a_refused_connection_is_a_network_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(NetworkError):
        IcsSource("feed", f"http://127.0.0.1:{port}/feed.ics").fetch(*WINDOW)


def test_a_client_passed_in_is_used_and_left_open(feed_server: FeedServer) -> None:
    with httpx.Client() as client:
        source = IcsSource("feed", feed_server.serve("/feed.ics", FEED), http=client)
        assert len(source.fetch(*WINDOW)) == 2
        assert not client.is_closed


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("webcal://calendar.example.org/private/abc.ics", "https://calendar.example.org/private/abc.ics"),
        ("WEBCAL://calendar.example.org/abc.ics", "https://calendar.example.org/abc.ics"),
        ("webcals://calendar.example.org/abc.ics", "https://calendar.example.org/abc.ics"),
        (" https://calendar.example.org/abc.ics ", "https://calendar.example.org/abc.ics"),
        ("http://127.0.0.1:8080/abc.ics", "http://127.0.0.1:8080/abc.ics"),
    ],
)
def test_feed_urls_are_normalised(given: str, expected: str) -> None:
    assert normalise_feed_url(given) == expected


@pytest.mark.parametrize(
    "url", ["http://calendar.example.org/private/tok3n.ics", "ftp://calendar.example.org/tok3n.ics", "https:///tok3n"]
)
def test_insecure_feed_urls_are_refused_without_echoing_the_secret(url: str) -> None:
    with pytest.raises(InsecureURLError) as caught:
        IcsSource("feed", url)
    assert "tok3n" not in str(caught.value) and "tok3n" not in caught.value.technical


def test_a_gzip_body_is_read_the_same_as_a_plain_one(feed_server: FeedServer) -> None:
    plain = IcsSource("plain", feed_server.serve("/plain.ics", FEED)).fetch(*WINDOW)
    packed = IcsSource("plain", feed_server.serve("/packed.ics", FEED, gzip=True)).fetch(*WINDOW)
    assert packed == plain
    assert gzip.decompress(gzip.compress(FEED)) == FEED


@pytest.mark.parametrize("url", ["https://[::1/x.ics", "https://host\x07name/x.ics", "https://host:99999/x.ics"])
def test_an_unreadable_address_is_a_typed_error_that_shows_nothing_of_it(url: str) -> None:
    with pytest.raises(InvalidSettingError) as info:
        normalise_feed_url(url)
    assert "x.ics" not in str(info.value) and "copy it again" in info.value.message
