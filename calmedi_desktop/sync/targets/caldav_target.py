"""The CalDAV target: CalMedi's calendar on iCloud, Fastmail, Nextcloud or any CalDAV server.

How CalDAV maps onto the Target model (base.py). One resource per event, named ``<event id>.ics``, UID = the
event id. A delete really deletes: the event disappears from later listings instead of staying as
``cancelled``, so an appointment that comes back is planned as an insert (a resource CalMedi created earlier
and someone cancelled by hand lists as ``cancelled`` and is restored by an update, as with Google).

Writes never overwrite blindly: a create sends ``If-None-Match: *``, an update or delete ``If-Match`` with the
ETag of the last listing (or of CalMedi's own last write). A 412 means someone changed the resource since: it is
read again, and only if it still carries CalMedi's tag is the write sent again with the new ETag (a create or
update whose content is already there counts as done, so a write resent after a lost answer is harmless).
A resource without the tag — someone else's event, or one that took our name or UID — is never written nor
deleted: that event ends as a ``Conflict`` failure. The planner's ``untagged but cancelled`` restore case (a
Google quirk) is refused the same way here.

Up to ``workers`` writes are in flight at once (latency, not the server, bounds a first sync on iCloud); a
``Retry-After`` pauses them all (DavSession). Creates and updates go first, nearest to now first; deletes
start only when they have all ended. A refused password, a full account, or a server unavailable after the
retries stops the remaining writes and is raised once the writes in flight have ended: a stopped run has
deleted nothing.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote

from calmedi_desktop.errors import CalDavCalendarGoneError, CalmediError
from calmedi_desktop.sync.eventid import hashed_id
from calmedi_desktop.sync.model import ApplyResult, DesiredEvent, ExistingEvent, Plan
from calmedi_desktop.sync.progress import WriteProgress
from calmedi_desktop.sync.targets.caldav_errors import HttpStatusError, caldav_errors, convert, failure_class
from calmedi_desktop.sync.targets.caldav_http import NETWORK_ERRORS, DavSession, precondition
from calmedi_desktop.sync.targets.caldav_ical import body_to_ical, parse_resource
from calmedi_desktop.sync.targets.caldav_listing import Listed, Lister, ListingCache
from calmedi_desktop.sync.targets.memory import parse_when

log = logging.getLogger(__name__)

MAX_HOPS = 4  # create -> re-read -> update -> re-read ... never loops for ever
DONE = "done"
COUNTERS = {"insert": "created", "update": "updated", "delete": "deleted"}
UNAVAILABLE = frozenset({429, 503})  # still so after the retries: the server is down, not this event
DEFAULT_WORKERS = 4
ICS = "text/calendar; charset=utf-8"


class _Stop(Exception):
    """Raised inside a worker for a failure that ends the whole apply (carried to the caller)."""

    def __init__(self, error: CalmediError) -> None:
        super().__init__(error.technical)
        self.error = error


@dataclass
class _Op:
    origin: str  # insert | update | delete: what the plan asked for (decides the counter)
    event_id: str
    want: DesiredEvent | None
    name: str
    etag: str | None
    known_untagged: bool = False


class CalDavTarget:
    def __init__(
        self,
        session: DavSession,
        calendar_url: str,
        *,
        timezone: str = "Europe/Paris",
        cache: ListingCache | None = None,
        workers: int = DEFAULT_WORKERS,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        recreate: Callable[[], str] | None = None,
    ) -> None:
        """``recreate``: for a target kept between runs without checking its calendar each time, what makes a
        new calendar when a listing finds it deleted (its URL); without it, the loss is CalDavCalendarGoneError."""
        self.session = session
        self._timezone = timezone
        self._cache = cache
        self._recreate = recreate
        self._use(calendar_url)
        self._workers = max(1, workers)
        self._clock = clock
        self._lock = threading.Lock()
        self._known: dict[str, Listed] = {}  # event id -> where it is and its ETag, from the listing and our writes

    def _use(self, calendar_url: str) -> None:
        self.calendar_url = calendar_url if calendar_url.endswith("/") else calendar_url + "/"
        self._lister = Lister(self.session, self.calendar_url, self._timezone, self._cache)

    # -- reading ---------------------------------------------------------------------------------------------

    def list_events(self, start: datetime, end: datetime) -> list[ExistingEvent]:
        """Every event overlapping [start, end). Deleted events are gone, not ``cancelled`` (module docstring)."""
        began = time.monotonic()
        sent = self.session.requests
        recreate = None
        with caldav_errors("list", self.session.host):
            try:
                listed = self._lister.list(start, end)
            except HttpStatusError as exc:
                if exc.status not in (404, 410):
                    raise
                recreate = self._recreate
                if recreate is None:
                    raise CalDavCalendarGoneError(f"list: HTTP {exc.status}", server=self.session.host) from exc
                log.warning("caldav: the calendar is gone (HTTP %d); creating a new one", exc.status)
        if recreate is not None:  # outside the boundary: making the calendar has its own, which logs its failure
            self._use(recreate())
            with caldav_errors("list", self.session.host):
                listed = self._lister.list(start, end)
        with self._lock:
            self._known = {item.event.id: item for item in listed}
        log.info(
            "caldav: listed %d event(s) in %d request(s) in %.2fs",
            len(listed),
            self.session.requests - sent,
            time.monotonic() - began,
        )
        return [item.event for item in listed]

    def delete_own_events(self) -> ApplyResult:
        """For erase, in a calendar CalMedi did not create (the user picked it): delete every event CalMedi
        tagged there, whatever its date, with the same conditional requests as a sync; nothing else."""
        with caldav_errors("list all", self.session.host):
            listed = self._lister.query(None, None)
        with self._lock:
            self._known = {item.event.id: item for item in listed}
        ours = sorted(item.event.id for item in listed if item.event.tagged)
        return self.apply(Plan(deletes=ours))

    # -- writing ---------------------------------------------------------------------------------------------

    def _url(self, name: str) -> str:
        return self.calendar_url + quote(name, safe="")

    def _op(self, origin: str, event_id: str, want: DesiredEvent | None) -> _Op:
        with self._lock:
            known = self._known.get(event_id)
        if known is None:
            return _Op(origin, event_id, want, f"{event_id}.ics", None)
        return _Op(origin, event_id, want, known.name, known.etag, known_untagged=not known.event.tagged)

    def _phases(self, plan: Plan) -> list[list[_Op]]:
        """Creates and updates first, nearest to now first; deletes only once they have all ended, so that a
        run stopped by a failure has deleted nothing."""
        now = self._clock()
        writes = [("insert", w) for w in plan.inserts] + [("update", w) for w in plan.updates]
        writes.sort(key=lambda pair: abs((pair[1].start - now).total_seconds()))
        deletes = [self._op("delete", event_id, None) for event_id in plan.deletes]
        return [[self._op(origin, want.id, want) for origin, want in writes], deletes]

    def apply(self, plan: Plan, progress: WriteProgress | None = None) -> ApplyResult:
        began = time.monotonic()
        sent = self.session.requests
        result = ApplyResult()
        stop = threading.Event()
        stopped: list[CalmediError] = []
        done = 0
        counter = threading.Lock()

        def run(op: _Op) -> None:
            nonlocal done
            if stop.is_set():
                return
            try:
                outcome = self._settle(op)
            except _Stop as exc:
                with counter:
                    stopped.append(exc.error)
                stop.set()
                return
            with counter:
                if outcome == DONE:
                    counter_name = COUNTERS[op.origin]
                    setattr(result, counter_name, getattr(result, counter_name) + 1)
                else:
                    result.failures[op.event_id] = outcome
                    log.debug("caldav: %s of event %s failed: %s", op.origin, hashed_id(op.event_id), outcome)
                done += 1
                if progress is not None:
                    progress(done, plan.writes)

        with (
            caldav_errors("apply", self.session.host),
            ThreadPoolExecutor(self._workers, thread_name_prefix="calmedi-caldav") as pool,
        ):
            for ops in self._phases(plan):
                list(pool.map(run, ops))
        log.info(
            "caldav: applied %d write(s) in %d request(s): created=%d updated=%d deleted=%d failed=%d in %.2fs",
            plan.writes,
            self.session.requests - sent,
            result.created,
            result.updated,
            result.deleted,
            result.failed,
            time.monotonic() - began,
        )
        if stopped:
            error = stopped[0]
            log.warning("caldav: apply stopped after %d write(s): %s", done, type(error).__name__)
            raise error
        return result

    # -- one write, to its final outcome ---------------------------------------------------------------------

    def _settle(self, op: _Op) -> str:
        """DONE or the failure class of ``op``; raises _Stop when the whole apply must end."""
        if op.known_untagged:
            return "Conflict"  # listed without CalMedi's tag: someone else's, never written
        step = op.origin if op.origin == "insert" or op.etag is not None else "reread"
        try:
            for _ in range(MAX_HOPS):
                if step == "reread":
                    step = self._reread(op)
                elif step == "delete":
                    step = self._delete(op)
                else:
                    step = self._put(op, create=step == "insert")
                if step not in ("insert", "update", "delete", "reread"):
                    return step
        except CalmediError as exc:  # a refused password (DavSession.send)
            raise _Stop(exc) from exc
        except NETWORK_ERRORS as exc:  # retries exhausted: the server is unreachable, not this event
            raise _Stop(convert(exc, f"{op.origin}", self.session.host)) from exc
        return "Conflict"

    def _failed(self, method: str, status: int, precondition: str | None) -> str:
        error = HttpStatusError(method, status, precondition)
        if error.quota or status in UNAVAILABLE:
            raise _Stop(convert(error, method, self.session.host))
        return failure_class(status, precondition)

    def _put(self, op: _Op, *, create: bool) -> str:
        assert op.want is not None
        headers = {"Content-Type": ICS, **({"If-None-Match": "*"} if create else {"If-Match": op.etag or ""})}
        response = self.session.send("PUT", self._url(op.name), body_to_ical(op.want.body), headers)
        status = response.status_code
        if 200 <= status < 300:
            self._remember(op, response.headers.get("ETag"))
            return DONE
        if status == 412:
            return "reread"
        if status in (404, 410) and not create:
            return "insert"
        return self._failed("PUT", status, precondition(response.content))

    def _delete(self, op: _Op) -> str:
        response = self.session.send("DELETE", self._url(op.name), headers={"If-Match": op.etag or ""})
        status = response.status_code
        if 200 <= status < 300 or status in (404, 410):
            self._forget(op)
            return DONE
        if status == 412:
            return "reread"
        return self._failed("DELETE", status, precondition(response.content))

    def _reread(self, op: _Op) -> str:
        response = self.session.send("GET", self._url(op.name), headers={"Accept": "text/calendar"})
        status = response.status_code
        if status in (404, 410):
            op.etag = None
            if op.origin == "delete":
                self._forget(op)
                return DONE
            return "insert"
        if status != 200:
            return self._failed("GET", status, None)
        parsed = parse_resource(response.content, self._lister.zone)
        if parsed is None or not parsed.tagged or parsed.uid != op.event_id:
            return "Conflict"  # not (or no longer) CalMedi's: never touched
        op.etag = response.headers.get("ETag")
        if op.etag is None:
            return "NoETag"  # a conditional write is impossible: better not to write at all
        if op.origin == "delete":
            return "delete"
        assert op.want is not None
        if parsed.content_hash == op.want.content_hash and parsed.status != "cancelled":
            self._remember(op, op.etag)
            return DONE  # already as wanted (a write resent after its answer was lost, or another device)
        return "update"

    def _remember(self, op: _Op, etag: str | None) -> None:
        """Our own write, as the next listing would show it (the cache then need not fetch it again)."""
        assert op.want is not None
        want = op.want
        event = ExistingEvent(
            id=want.id,
            status=str(want.body.get("status", "confirmed")),
            tagged=True,
            content_hash=want.content_hash,
            start=want.start,
            body={k: want.body[k] for k in ("id", "start", "end", "status") if k in want.body},
        )
        listed = Listed(op.name, self._url(op.name), etag, event, _end_of(want))
        with self._lock:
            self._known[want.id] = listed
        if self._cache is not None:
            self._cache.record(listed)

    def _forget(self, op: _Op) -> None:
        with self._lock:
            self._known.pop(op.event_id, None)
        if self._cache is not None:
            self._cache.drop(op.name)


def _end_of(want: DesiredEvent) -> datetime | None:
    end = want.body.get("end") or {}
    if "dateTime" in end:
        return parse_when(end)
    if "date" in end:
        day = datetime.fromisoformat(end["date"])
        return day.replace(tzinfo=want.start.tzinfo)
    return None
