"""The Google Calendar target, through google-api-python-client, and the app calendar's lifecycle.

CalMedi writes only in a secondary calendar it created (scope ``calendar.app.created``, which cannot list
calendars: a stored id that answers 404 means the calendar was deleted, and a new one is created). The
service is built from the bundled discovery document (no network) with ``api_endpoint`` set to the configured
root, and batches go to the configured batch URI, never the library's default.
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
from calmedi_desktop.sync.retry import RetryPolicy, call_with_retry
from calmedi_desktop.sync.targets.google_batch import BatchApplier
from calmedi_desktop.sync.targets.google_errors import NETWORK_ERRORS, as_retryable, describe, google_errors
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


def execute_with_retry(
    request: Callable[[], T],
    policy: RetryPolicy,
    sleep: Callable[[float], None],
    rand: Callable[[], float] = random.random,
) -> T:
    """Run ``request`` (one API call), retrying 429, quota 403, 5xx and network errors with backoff."""

    def attempt() -> T:
        try:
            return request()
        except Exception as exc:
            wrapped = as_retryable(exc)
            if wrapped is exc:
                raise
            raise wrapped from exc

    return call_with_retry(attempt, policy, sleep, rand)


class GoogleTarget:
    def __init__(
        self,
        credentials: Credentials,
        endpoints: Endpoints,
        calendar_id: str,
        *,
        policy: RetryPolicy = DEFAULT_POLICY,
        sleep: Callable[[float], None] = time.sleep,
        timeout: float = 30.0,
    ) -> None:
        self.calendar_id = calendar_id
        self._endpoints = endpoints
        self._policy = policy
        self._sleep = sleep
        # events() builds a whole Resource (docstrings included) on every call: build it once.
        self._events = build_service(credentials, endpoints, timeout).events()

    def list_events(self, start: datetime, end: datetime) -> list[ExistingEvent]:
        """Every event overlapping [start, end), cancelled ones included, through every page."""
        began = time.monotonic()
        items: list[dict[str, Any]] = []
        page_token: str | None = None
        pages = 0
        with google_errors("list"):
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
                page = execute_with_retry(request.execute, self._policy, self._sleep)
                pages += 1
                items.extend(page.get("items") or [])
                page_token = page.get("nextPageToken")
                if not page_token:
                    break
            events = [to_existing(item) for item in items if item.get("id")]
        log.info("google: listed %d event(s) in %d page(s) in %.2fs", len(events), pages, time.monotonic() - began)
        return events

    def apply(self, plan: Plan, progress: WriteProgress | None = None) -> ApplyResult:
        applier = BatchApplier(
            self._events, self.calendar_id, self._endpoints.calendar_batch, self._policy, self._sleep
        )
        with google_errors("apply"):
            return applier.apply(plan, progress)


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
) -> str:
    """The id of CalMedi's calendar: ``calendar_id`` if it still exists, else a newly created one."""
    service = build_service(credentials, endpoints, timeout)
    with google_errors("calendar"):
        if calendar_id:
            try:
                execute_with_retry(service.calendars().get(calendarId=calendar_id).execute, policy, sleep)
                return calendar_id
            except HttpError as exc:
                if describe(exc).status not in (404, 410):
                    raise
                log.warning("google: the stored calendar is gone (HTTP %d); creating a new one", describe(exc).status)
        request = service.calendars().insert(body={"summary": summary, "timeZone": timezone})
        created = call_with_retry(lambda: _insert_attempt(request), policy, sleep)
        log.info("google: created the app calendar")
        return str(created["id"])


def _insert_attempt(request: Any) -> dict[str, Any]:
    """A calendar insert is not idempotent: a network error may hide a success, so it is not retried
    (an orphan empty calendar would be left in the practitioner's account). HTTP 429/5xx answers are."""
    try:
        return dict(request.execute())
    except NETWORK_ERRORS:
        raise
    except Exception as exc:
        wrapped = as_retryable(exc)
        if wrapped is exc:
            raise
        raise wrapped from exc


def delete_calendar(
    credentials: Credentials,
    endpoints: Endpoints,
    calendar_id: str,
    *,
    policy: RetryPolicy = DEFAULT_POLICY,
    sleep: Callable[[float], None] = time.sleep,
    timeout: float = 30.0,
) -> bool:
    """Delete CalMedi's calendar; True if it was deleted now, False if it was already gone."""
    service = build_service(credentials, endpoints, timeout)
    with google_errors("delete calendar"):
        try:
            execute_with_retry(service.calendars().delete(calendarId=calendar_id).execute, policy, sleep)
        except HttpError as exc:
            if describe(exc).status in (404, 410):
                return False
            raise
    log.info("google: deleted the app calendar")
    return True
