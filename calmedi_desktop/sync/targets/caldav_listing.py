"""Listing CalMedi's calendar: a ``calendar-query`` per run, or a ``sync-collection`` delta on an in-memory cache.

Without a cache, each run sends one ``calendar-query`` REPORT with a ``time-range`` (RFC 4791 7.8) that
returns the ETag and data of every event overlapping the window.

With a ``ListingCache`` (kept alive by the caller between runs), the first run reads the collection's
``sync-token`` (RFC 6578) and then the same window; later runs ask only for what changed since the token
(``sync-collection``), fetch the changed resources whose ETag the cache does not already know (our own writes
record theirs) with ``calendar-multiget``, and query only the slices of a moved window not covered yet. A
no-change run is then one small REPORT instead of the whole window. A server without sync support, or one
that refuses the token (``valid-sync-token``), is listed the plain way.

The cache lives in memory only and holds no title, name, place nor any other text of an event: resource names,
ETags, ids, CalMedi's tag and hash, status and times (what planning needs). It is never written anywhere.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from caldav.elements import cdav, dav

from calmedi_desktop.sync.model import ExistingEvent
from calmedi_desktop.sync.targets.caldav_errors import HttpStatusError
from calmedi_desktop.sync.targets.caldav_http import (
    CALDAV,
    DAV,
    DavItem,
    DavSession,
    iter_chunks,
    resource_name,
    tag,
    xml_body,
)
from calmedi_desktop.sync.targets.caldav_ical import ParsedEvent, parse_resource

log = logging.getLogger(__name__)

MULTIGET_CHUNK = 100
MAX_SYNC_ROUNDS = 50  # a server that truncates (507 on the collection) is asked again, within reason
# The window slides forward a little every run: the cache covers a day beyond its end, so that the runs of the
# next day need no calendar-query for the minutes the window gained, only the sync-collection delta.
AHEAD = timedelta(days=1)


@dataclass(frozen=True)
class Listed:
    """One resource of the calendar as the target needs it: where it is, its ETag, what it says."""

    name: str
    href: str
    etag: str | None
    event: ExistingEvent
    end: datetime | None


def listed_from(name: str, href: str, etag: str | None, parsed: ParsedEvent | None) -> Listed:
    if parsed is None:  # unreadable: nobody's business, kept only so that its name is known to be taken
        event = ExistingEvent(id=f"resource:{name}", status="confirmed", tagged=False, content_hash=None, start=None)
        return Listed(name, href, etag, event, None)
    event = ExistingEvent(
        id=parsed.uid or f"resource:{name}",
        status=parsed.status,
        tagged=parsed.tagged,
        content_hash=parsed.content_hash,
        start=parsed.start,
        body=parsed.body,
    )
    return Listed(name, href, etag, event, parsed.end)


def overlaps(item: Listed, start: datetime, end: datetime) -> bool:
    first = item.event.start
    if first is None:
        return True
    last = item.end if item.end is not None else first
    return first < end and (last > start or last == first >= start)


def without_text(item: Listed) -> Listed:
    """What the cache may keep of a listed event: no summary, place or other text."""
    body = {key: item.event.body[key] for key in ("id", "start", "end", "status") if key in item.event.body}
    return dataclasses.replace(item, event=dataclasses.replace(item.event, body=body))


@dataclass
class ListingCache:
    """The last listing of one calendar, between runs of one process (see the module docstring)."""

    calendar_url: str | None = None
    token: str | None = None
    covered: tuple[datetime, datetime] | None = None
    entries: dict[str, Listed] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    deltas: int = 0  # runs listed through sync-collection (for tests and the benchmark)

    def forget(self) -> None:
        with self.lock:
            self.token, self.covered, self.entries = None, None, {}

    def record(self, item: Listed) -> None:
        with self.lock:
            if self.token is not None:
                self.entries[item.name] = without_text(item)

    def drop(self, name: str) -> None:
        with self.lock:
            self.entries.pop(name, None)


class Lister:
    def __init__(
        self, session: DavSession, calendar_url: str, default_zone: str, cache: ListingCache | None = None
    ) -> None:
        self._session = session
        self._url = calendar_url if calendar_url.endswith("/") else calendar_url + "/"
        self.zone = default_zone
        self._cache = cache
        if cache is not None and cache.calendar_url != self._url:
            cache.forget()  # another calendar (recreated, or picked): nothing of the old one applies
            cache.calendar_url = self._url

    # -- requests ------------------------------------------------------------------------------------------

    def _listed(self, item: DavItem) -> Listed | None:
        data = item.text(tag(CALDAV, "calendar-data"))
        name = resource_name(item.href)
        if data is None or not name or self._session.absolute(item.href).rstrip("/") == self._url.rstrip("/"):
            return None
        return listed_from(name, item.href, item.text(tag(DAV, "getetag")), parse_resource(data, self.zone))

    def query(self, start: datetime | None, end: datetime | None) -> list[Listed]:
        """Every event overlapping [start, end), with its data (calendar-query, one REPORT); every event of the
        calendar without bounds."""
        events = cdav.CompFilter("VEVENT")
        time_range = events.append(cdav.TimeRange(start, end)) if start and end else events
        body = cdav.CalendarQuery().append(
            [
                dav.Prop().append([dav.GetEtag(), cdav.CalendarData()]),
                cdav.Filter().append(cdav.CompFilter("VCALENDAR").append(time_range)),
            ]
        )
        answer = self._session.report(self._url, xml_body(body))
        return [listed for item in answer.items if (listed := self._listed(item)) is not None]

    def multiget(self, hrefs: list[str]) -> tuple[list[Listed], list[str]]:
        """The current data of ``hrefs``, and the names of those that are gone."""
        found, gone = [], []
        for chunk in iter_chunks(hrefs, MULTIGET_CHUNK):
            body = cdav.CalendarMultiGet().append(
                [dav.Prop().append([dav.GetEtag(), cdav.CalendarData()]), *(dav.Href(value=h) for h in chunk)]
            )
            for item in self._session.report(self._url, xml_body(body)).items:
                listed = self._listed(item)
                if listed is not None:
                    found.append(listed)
                elif item.status in (404, 410):
                    gone.append(resource_name(item.href))
        return found, gone

    def sync_token(self) -> str | None:
        """The collection's current sync-token, or None when the server does not do RFC 6578."""
        body = dav.Propfind().append(dav.Prop().append(dav.SyncToken()))
        answer = self._session.propfind(self._url, xml_body(body))
        tokens = [item.text(tag(DAV, "sync-token")) for item in answer.items]
        return next((t.strip() for t in tokens if t and t.strip()), None)

    def changes(self, token: str) -> tuple[list[DavItem], str]:
        """What changed since ``token`` (hrefs and ETags, no data), and the token to ask from next time."""
        changed: list[DavItem] = []
        for _ in range(MAX_SYNC_ROUNDS):
            body = dav.SyncCollection().append(
                [dav.SyncToken(value=token), dav.SyncLevel(value="1"), dav.Prop().append(dav.GetEtag())]
            )
            answer = self._session.report(self._url, xml_body(body))
            token = answer.sync_token or token
            truncated = False
            for item in answer.items:
                if self._session.absolute(item.href).rstrip("/") == self._url.rstrip("/"):
                    truncated = item.status == 507  # RFC 6578 3.6: more changes follow
                else:
                    changed.append(item)
            if not truncated:
                return changed, token
        raise HttpStatusError("REPORT sync-collection", 507)

    # -- listing -------------------------------------------------------------------------------------------

    def list(self, start: datetime, end: datetime) -> list[Listed]:
        cache = self._cache
        if cache is None:
            return self.query(start, end)
        # A window that does not touch what the cache covers would leave a gap: list it in full instead.
        covered = cache.covered
        if cache.token is not None and covered is not None and start < covered[1] and end > covered[0]:
            try:
                return self._list_delta(cache, start, end)
            except HttpStatusError as exc:
                if exc.status >= 500 and exc.status != 507:
                    raise
                log.info("caldav: sync-collection refused (HTTP %d %s); listing in full", exc.status, exc.precondition)
                cache.forget()
        return self._list_full(cache, start, end)

    def _list_full(self, cache: ListingCache, start: datetime, end: datetime) -> list[Listed]:
        token = None
        try:
            token = self.sync_token()  # first: what changes while the window is read is in the next delta
        except HttpStatusError as exc:
            log.info("caldav: no sync-token (HTTP %d); a calendar-query every run", exc.status)
        if token is None:
            return self.query(start, end)
        listed = self.query(start, end + AHEAD)
        with cache.lock:
            cache.token, cache.covered = token, (start, end + AHEAD)
            cache.entries = {item.name: without_text(item) for item in listed}
        return [item for item in listed if overlaps(item, start, end)]

    def _list_delta(self, cache: ListingCache, start: datetime, end: datetime) -> list[Listed]:
        assert cache.token is not None and cache.covered is not None
        changed, token = self.changes(cache.token)
        with cache.lock:
            known = dict(cache.entries)
        fetch = []
        for item in changed:
            name = resource_name(item.href)
            if item.status in (404, 410):
                known.pop(name, None)
                continue
            etag = item.text(tag(DAV, "getetag"))
            if etag is None or name not in known or known[name].etag != etag:
                fetch.append(item.href)
        found, gone = self.multiget(fetch) if fetch else ([], [])
        for name in gone:
            known.pop(name, None)
        known.update({item.name: without_text(item) for item in found})
        covered_start, covered_end = cache.covered
        whole = end >= covered_end - AHEAD - timedelta(days=1)  # before covered_end moves
        slices = []
        if start < covered_start:
            slices.append((start, min(covered_start, end)))
        if end > covered_end:
            slices.append((max(covered_end, start), end + AHEAD))
            covered_end = end + AHEAD
        for first, last in slices:
            known.update({item.name: without_text(item) for item in self.query(first, last)})
        # What ended before the window's start is let go when the window is a whole one (it reaches about as far
        # as what is covered: the window slides forward); a shorter window of the coming days keeps the rest
        # for the next whole one. A step back is read again by a slice.
        covered = (start if whole else min(start, covered_start), covered_end)
        known = {name: item for name, item in known.items() if overlaps(item, *covered)}
        with cache.lock:
            cache.token = token
            cache.covered = covered
            cache.entries = known
            cache.deltas += 1
        log.info("caldav: delta listing: %d change(s), %d fetched, %d slice(s)", len(changed), len(fetch), len(slices))
        return [item for item in known.values() if overlaps(item, start, end)]
