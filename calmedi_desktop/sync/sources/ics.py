"""The iCalendar feed source: a private ``https://`` subscription URL read into in-memory Appointments.

Pipeline: ``ics_fetch`` (conditional GET, limits) → ``ics_text`` (structure, line numbers, keep only what is
used) → ``ics_parse`` (icalendar, checked values) → ``ics_expand`` (recurring-ical-events over the parsed
range, ids) → the window's Appointments. ``ics_zones`` maps IANA, Windows and vendor zone names.

A read is all or nothing: a malformed feed raises SourceDataError naming the line, and nothing is returned,
so the run aborts before Google is touched. SUMMARY may hold a patient's name: it becomes ``patient_name``
and the privacy level decides what, if anything, is sent. DESCRIPTION, ATTENDEE, ORGANIZER and LOCATION are
dropped before parsing and never reach an object.

The ETag/Last-Modified validators and the last parsed feed (small records: id, start, end, status, SUMMARY,
for the window plus ``LOOKAHEAD_DAYS``) are kept in memory only (a feed is health data: never on disk), so a
304 costs a request and a filter, no parsing. Keep one IcsSource per feed alive between runs to benefit;
``forget()`` drops them (disconnect, erase).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

import httpx

from calmedi_desktop.endpoints import check_url
from calmedi_desktop.errors import InsecureURLError, InvalidSettingError, SourceError
from calmedi_desktop.i18n import tr
from calmedi_desktop.sync.model import Appointment
from calmedi_desktop.sync.sources.ics_expand import appointments, expand
from calmedi_desktop.sync.sources.ics_fetch import Download, Meter, Validators, download, source_error
from calmedi_desktop.sync.sources.ics_parse import ParsedFeed, parse
from calmedi_desktop.sync.sources.ics_text import scan
from calmedi_desktop.sync.sources.ics_zones import zone, zone_exists

log = logging.getLogger(__name__)

#: Days parsed beyond the window's end, so that the next runs (the window slides forward) can reuse a 304.
LOOKAHEAD_DAYS = 31


def redact_url(url: str) -> str:
    """What of a feed URL may be shown or logged: scheme and host. Path and query hold the secret."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or "?"
    except ValueError:  # e.g. an unclosed IPv6 bracket: nothing of it is worth showing
        return "?://?/…"
    return f"{parts.scheme or '?'}://{host}/…"


def normalise_feed_url(url: str) -> str:
    """``webcal://`` (and ``webcals://``) → ``https://``; then https only, plain http only for loopback."""
    text = url.strip()
    lowered = text.lower()
    for scheme in ("webcals://", "webcal://"):
        if lowered.startswith(scheme):
            text = "https://" + text[len(scheme) :]
            break
    try:
        checked = check_url(text)
        urlsplit(checked).port  # noqa: B018 - reading it validates the port range
        httpx.URL(checked)  # the client's own parser: control characters, unclosed brackets…
    except InsecureURLError:
        raise InsecureURLError("ics: refused feed URL scheme", url=redact_url(text)) from None
    except (ValueError, httpx.InvalidURL):
        raise InvalidSettingError("ics: unreadable feed URL", key="URL", reason=tr("ics.url_unreadable")) from None
    return checked


@dataclass
class IcsStats:
    """Technical facts about the last reads (counts and durations only), for logs, status and tests."""

    requests: int = 0
    not_modified: int = 0
    parses: int = 0
    last_raw_bytes: int = 0
    last_body_bytes: int = 0
    last_fetch_s: float = 0.0
    last_parse_s: float = 0.0  # scan + icalendar + checks
    last_expand_s: float = 0.0  # series expanded over the parsed range
    last_events: int = 0
    last_skipped: int = 0
    last_appointments: int = 0


@dataclass
class _Cache:
    validators: Validators
    feed: ParsedFeed

    def covers(self, first_day: date, last_day: date) -> bool:
        return self.feed.first_day <= first_day and last_day <= self.feed.last_day


def _without_summaries(feed: ParsedFeed) -> ParsedFeed:
    kept = [dataclasses.replace(item, summary=None) for item in feed.instances]
    return dataclasses.replace(feed, instances=kept, singles=[], series={})


class IcsSource:
    """A Source reading one iCalendar feed. Event ids include ``name``: renaming a feed re-creates events."""

    def __init__(
        self,
        name: str,
        url: str,
        timezone: str = "Europe/Paris",
        *,
        http: httpx.Client | None = None,
        max_bytes: int = 20_000_000,
        timeout: float = 30.0,
        max_redirects: int = 5,
    ) -> None:
        if not zone_exists(timezone):
            raise InvalidSettingError(f"ics: unknown zone {timezone[:40]!r}", key="timezone", reason=timezone[:40])
        self.name = f"ics:{name}"
        self.timezone = timezone
        self._url = normalise_feed_url(url)
        self._http = http
        self._max_bytes = max_bytes
        self._timeout = timeout
        self._max_redirects = max_redirects
        self._lock = threading.Lock()
        self._cache: _Cache | None = None
        self._identity_needed = False  # the default privacy level, busy, never shows SUMMARY
        self.stats = IcsStats()

    @property
    def identity_needed(self) -> bool:
        """Whether the privacy level shows SUMMARY (a possible patient name) in Google.

        Between runs the source may keep, for conditional GET, only what carries no identity: when the level
        needs SUMMARY nothing is kept (every run downloads the feed); otherwise the kept instances have their
        SUMMARY removed. Invariant 1 therefore holds for identities even in a long-running tray process.
        """
        return self._identity_needed

    @identity_needed.setter
    def identity_needed(self, value: bool) -> None:
        if value != self._identity_needed:
            self.forget()
        self._identity_needed = value

    def __repr__(self) -> str:
        return f"IcsSource(name={self.name!r}, url={redact_url(self._url)!r})"

    def forget(self) -> None:
        """Drop the validators and the parsed feed held in memory (disconnect, erase)."""
        with self._lock:
            self._cache = None

    def fetch(self, start: datetime, end: datetime) -> list[Appointment]:
        tz = zone(self.timezone)
        start = start if start.tzinfo is not None else start.replace(tzinfo=tz)
        end = end if end.tzinfo is not None else end.replace(tzinfo=tz)
        first_day = (start.astimezone(tz) - timedelta(days=1)).date()
        last_day = (end.astimezone(tz) + timedelta(days=1)).date()
        with self._lock:
            cache = self._cache if self._cache is not None and self._cache.covers(first_day, last_day) else None
            began = time.monotonic()
            answer = self._download(cache.validators if cache is not None else None)
            self.stats.last_fetch_s = time.monotonic() - began
            if answer.body is None:
                if cache is None:  # download() only returns no body when validators were sent
                    raise source_error("ics.detail.unexpected_304", "ics: 304 without cache")
                self.stats.not_modified += 1
                feed = cache.feed
            else:
                self._cache = None  # the old parse goes before the new one is built (and on any error)
                feed = self._parse(answer.body, first_day, last_day + timedelta(days=LOOKAHEAD_DAYS))
                if answer.validators is not None and not self._identity_needed:
                    self._cache = _Cache(answer.validators, _without_summaries(feed))
            result = appointments(feed, self.name, start, end, self.timezone)
        self.stats.last_appointments = len(result)
        log.info(
            "ics: status=%d bytes=%d fetch=%.2fs parse=%s events=%d skipped=%d series=%d appointments=%d",
            answer.status,
            answer.raw_bytes,
            self.stats.last_fetch_s,
            "cached" if answer.body is None else f"{self.stats.last_parse_s:.2f}s",
            feed.total_events,
            feed.skipped_events,
            feed.series_count,
            len(result),
        )
        return result

    def _download(self, validators: Validators | None) -> Download:
        meter = Meter()

        def run(client: httpx.Client) -> Download:
            return download(
                client,
                self._url,
                validators,
                max_bytes=self._max_bytes,
                timeout=self._timeout,
                max_redirects=self._max_redirects,
                meter=meter,
            )

        try:
            if self._http is not None:
                return run(self._http)
            with httpx.Client(follow_redirects=False) as client:
                return run(client)
        except SourceError as exc:
            log.warning("ics: read failed: %s", exc.technical)
            raise
        finally:
            self.stats.requests += meter.requests
            self.stats.last_raw_bytes = meter.raw_bytes
            self.stats.last_body_bytes = meter.body_bytes

    def _parse(self, body: bytes, first_day: date, last_day: date) -> ParsedFeed:
        began = time.monotonic()
        try:
            scanned = scan(body, first_day, last_day)
            del body
            feed = parse(scanned, self.timezone, first_day, last_day)
            del scanned
            parsed = time.monotonic()
            tz = zone(self.timezone)
            first = datetime.combine(first_day, datetime.min.time(), tzinfo=tz)
            horizon = datetime.combine(last_day + timedelta(days=1), datetime.min.time(), tzinfo=tz)
            expand(feed, first, horizon)
        except SourceError as exc:
            log.warning("ics: feed refused: %s", exc.technical)
            raise
        self.stats.parses += 1
        self.stats.last_parse_s = parsed - began
        self.stats.last_expand_s = time.monotonic() - parsed
        self.stats.last_events = feed.total_events
        self.stats.last_skipped = feed.skipped_events
        return feed
