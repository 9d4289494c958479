"""The Google Calendar target, through google-api-python-client, and the app calendar's lifecycle.

CalMedi writes only in a secondary calendar it created (scope ``calendar.app.created``, which cannot list
calendars: a stored id that answers 404 means the calendar was deleted, and a new one is created). The
service is built from the bundled discovery document (no network) with ``api_endpoint`` set to the configured
root, and batches go to the configured batch URI, never the library's default.

A calendar's name is the calendar's own ``summary`` (``calendars.patch``); its colour belongs to each user's
entry in their calendar list (``calendarList.patch``), and RGB colours are taken only with
``colorRgbFormat=true``. Both patches are idempotent, so they are retried like reads.

Every Calendar call (a calendar check, creation, rename or recolouring, each page of a list, each part of a
batch) goes through the account's quota governor (``sync.quota``): it is paced within Google's per-user quota,
and a quota refusal is waited out without spending the call's retry attempts.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import google_auth_httplib2
import httplib2
from google.oauth2.credentials import Credentials
from googleapiclient import discovery
from googleapiclient.errors import HttpError

from calmedi_desktop.endpoints import Endpoints
from calmedi_desktop.sync.model import ApplyResult, ExistingEvent, Plan
from calmedi_desktop.sync.progress import WriteProgress
from calmedi_desktop.sync.quota import QuotaExhausted, QuotaGovernor
from calmedi_desktop.sync.retry import RetryPolicy, call_with_retry
from calmedi_desktop.sync.runlog import routine_level
from calmedi_desktop.sync.targets.google_batch import BatchApplier
from calmedi_desktop.sync.targets.google_errors import NETWORK_ERRORS, describe, google_errors, raise_for_retry
from calmedi_desktop.sync.targets.memory import to_existing

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_POLICY = RetryPolicy()
PAGE_SIZE = 2500
MAX_PAGES = 1000  # 2.5 million events: a server that keeps sending page tokens is broken


def build_service(credentials: Credentials, endpoints: Endpoints, timeout: float = 30.0) -> Any:
    """A Calendar v3 service on the configured root, with a per-request timeout."""
    http = httplib2.Http(timeout=timeout)
    http.redirect_codes = http.redirect_codes - {308}  # as googleapiclient's build_http does
    authorized = google_auth_httplib2.AuthorizedHttp(credentials, http=http)
    return discovery.build(
        "calendar",
        "v3",
        http=authorized,
        client_options={"api_endpoint": endpoints.calendar_api},
        static_discovery=True,
        cache_discovery=False,
    )


def rfc3339(moment: datetime) -> str:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


# Google's reference: "each patch request consumes three quota units" (calendars and calendarList patches).
PATCH_UNITS = 3


def execute_with_retry(
    request: Callable[[], T],
    policy: RetryPolicy,
    sleep: Callable[[float], None],
    rand: Callable[[], float] = random.random,
    *,
    governor: QuotaGovernor,
    retry_network: bool = True,
    units: int = 1,
) -> T:
    """Run ``request`` (one API call, worth ``units`` of quota: Google counts a patch as three) within the
    quota. A quota refusal is waited out by the governor and sent again without counting as an attempt; 5xx and
    network errors (unless ``retry_network`` is False: a call that is not idempotent) are retried with backoff;
    any other error is raised at once."""

    def attempt() -> T:
        while True:
            ticket = governor.acquire(units, whole=True)  # one request: all its units go out together
            try:
                answer = request()
            except HttpError as exc:
                failure = describe(exc)
                if failure.refused_for_quota:
                    try:
                        # The whole request was refused: every unit of it, or the governor would read a partial
                        # success, never count the refusals in a row and never give up.
                        governor.settle(ticket, refused=ticket.granted, retry_after=failure.retry_after)
                    except QuotaExhausted:
                        raise exc from None  # Google keeps refusing: a QuotaError for the user
                    continue
                governor.settle(ticket)
                raise_for_retry(exc)
            except NETWORK_ERRORS as exc:
                governor.settle(ticket)
                if not retry_network:
                    raise
                raise_for_retry(exc)
            except Exception as exc:
                governor.settle(ticket)
                raise_for_retry(exc)
            governor.settle(ticket)
            return answer

    return call_with_retry(attempt, policy, sleep, rand)


class GoogleTarget:
    """CalMedi's calendar in Google. ``recreate`` (optional) makes a new calendar when the listed one is gone
    (a 404 mid-session: the practitioner deleted it) and returns its id; without it the 404 is an error."""

    def __init__(
        self,
        credentials: Credentials,
        endpoints: Endpoints,
        calendar_id: str,
        *,
        policy: RetryPolicy = DEFAULT_POLICY,
        sleep: Callable[[float], None] = time.sleep,
        timeout: float = 30.0,
        governor: QuotaGovernor | None = None,
        recreate: Callable[[], str] | None = None,
    ) -> None:
        self.calendar_id = calendar_id
        self._endpoints = endpoints
        self._policy = policy
        self._sleep = sleep
        self.governor = governor or QuotaGovernor(sleep=sleep)
        self._recreate = recreate
        # events() builds a whole Resource (docstrings included) on every call: build it once.
        self._service = build_service(credentials, endpoints, timeout)
        self._events = self._service.events()

    def list_events(self, start: datetime, end: datetime) -> list[ExistingEvent]:
        """Every event overlapping [start, end), cancelled ones included, through every page."""
        began = time.monotonic()
        with google_errors("list"):
            try:
                items, pages = self._list_pages(start, end)
            except HttpError as exc:
                status = describe(exc).status
                if self._recreate is None or status not in (404, 410):
                    raise
                log.warning("google: the app calendar is gone (HTTP %d); creating a new one", status)
                self.calendar_id = self._recreate()
                return []
            events = [to_existing(item) for item in items if item.get("id")]
        log.log(
            routine_level(),
            "google: listed %d event(s) in %d page(s) in %.2fs",
            len(events),
            pages,
            time.monotonic() - began,
        )
        return events

    def _list_pages(self, start: datetime, end: datetime) -> tuple[list[dict[str, Any]], int]:
        items: list[dict[str, Any]] = []
        page_token: str | None = None
        pages = 0
        while pages < MAX_PAGES:
            # pageToken is passed by hand: list_next() breaks on repeated query parameters.
            request = self._events.list(
                calendarId=self.calendar_id,
                timeMin=rfc3339(start),
                timeMax=rfc3339(end),
                showDeleted=True,
                maxResults=PAGE_SIZE,
                pageToken=page_token,
            )
            page = execute_with_retry(request.execute, self._policy, self._sleep, governor=self.governor)
            pages += 1
            items.extend(page.get("items") or [])
            page_token = page.get("nextPageToken")
            if not page_token:
                break
        return items, pages

    def rename(self, name: str) -> None:
        """Give CalMedi's calendar the title ``name`` (calendars.patch)."""
        self._patch("rename", self._service.calendars().patch(calendarId=self.calendar_id, body={"summary": name}))

    def recolour(self, colour: str) -> None:
        """Show CalMedi's calendar in ``colour`` ("#rrggbb") in the practitioner's calendar list: the colour is
        the user's, on their calendarList entry, and RGB colours need colorRgbFormat=true."""
        body = {"backgroundColor": colour, "foregroundColor": text_colour(colour)}
        lists = self._service.calendarList()
        self._patch("recolour", lists.patch(calendarId=self.calendar_id, colorRgbFormat=True, body=body))

    def _patch(self, action: str, request: Any) -> None:
        with google_errors(f"{action} the calendar (tried again at the next run)"):
            execute_with_retry(request.execute, self._policy, self._sleep, governor=self.governor, units=PATCH_UNITS)
        log.info("google: %s of the app calendar done", action)

    def apply(self, plan: Plan, progress: WriteProgress | None = None) -> ApplyResult:
        applier = BatchApplier(
            self._events, self.calendar_id, self._endpoints.calendar_batch, self._policy, self._sleep, self.governor
        )
        before = self.governor.stats
        with google_errors("apply"):
            result = applier.apply(plan, progress)
        paced = self.governor.stats.since(before)
        if paced.waits or paced.refused:
            log.info(
                "google: quota: waited %d time(s), %.1fs in all; %d call(s) refused; pace %d per %.0fs",
                paced.waits,
                paced.waited_s,
                paced.refused,
                self.governor.budget,
                self.governor.window_s,
            )
        return result


def ensure_calendar(
    credentials: Credentials,
    endpoints: Endpoints,
    calendar_id: str | None,
    summary: str,
    timezone: str,
    *,
    policy: RetryPolicy = DEFAULT_POLICY,
    sleep: Callable[[float], None] = time.sleep,
    timeout: float = 30.0,
    governor: QuotaGovernor,
) -> str:
    """The id of CalMedi's calendar: ``calendar_id`` if it still exists, else a newly created one."""
    service = build_service(credentials, endpoints, timeout)
    with google_errors("calendar"):
        if calendar_id:
            try:
                request = service.calendars().get(calendarId=calendar_id)
                execute_with_retry(request.execute, policy, sleep, governor=governor)
                return calendar_id
            except HttpError as exc:
                if describe(exc).status not in (404, 410):
                    raise
                log.warning("google: the stored calendar is gone (HTTP %d); creating a new one", describe(exc).status)
        request = service.calendars().insert(body={"summary": summary, "timeZone": timezone})
        # A calendar insert is not idempotent: a network error may hide a success, so it is not retried (an
        # orphan empty calendar would be left in the practitioner's account). HTTP 429/5xx answers are.
        created = execute_with_retry(
            lambda: dict(request.execute()), policy, sleep, governor=governor, retry_network=False
        )
        log.info("google: created the app calendar")
        return str(created["id"])


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on ``background`` ("#rrggbb"): Google wants both colours."""
    red, green, blue = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 160 else "#ffffff"


def delete_calendar(
    credentials: Credentials,
    endpoints: Endpoints,
    calendar_id: str,
    *,
    policy: RetryPolicy = DEFAULT_POLICY,
    sleep: Callable[[float], None] = time.sleep,
    timeout: float = 30.0,
    governor: QuotaGovernor,
) -> bool:
    """Delete CalMedi's calendar; True if it was deleted now, False if it was already gone."""
    service = build_service(credentials, endpoints, timeout)
    with google_errors("delete calendar"):
        try:
            request = service.calendars().delete(calendarId=calendar_id)
            execute_with_retry(request.execute, policy, sleep, governor=governor)
        except HttpError as exc:
            if describe(exc).status in (404, 410):
                return False
            raise
    log.info("google: deleted the app calendar")
    return True
