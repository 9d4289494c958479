"""Applying a plan to Google in batches of at most 50 calls, retrying only what is safe to retry.

Each write is an ``_Op``; a round sends every pending op in batches and settles each answer: done, retry
later (429, quota 403, 5xx, network), follow up (a 409 on insert becomes a get, then maybe an update that
restores a cancelled event), or failed (any other 4xx, or retries exhausted). Rounds repeat with backoff
until nothing is pending. Batch request ids are short indices: long ids make the library fold Content-ID.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest

from calmedi_desktop.errors import AuthExpiredError
from calmedi_desktop.i18n import tr
from calmedi_desktop.sync.eventid import HASH_KEY, TAG_KEY, hashed_id
from calmedi_desktop.sync.model import ApplyResult, DesiredEvent, Plan
from calmedi_desktop.sync.progress import WriteProgress
from calmedi_desktop.sync.retry import RetryPolicy, call_with_retry
from calmedi_desktop.sync.targets.google_errors import as_retryable, describe

log = logging.getLogger(__name__)

MAX_BATCH = 50
MAX_HOPS = 4  # insert -> get -> update -> insert ... never loops for ever


@dataclass(frozen=True)
class _Op:
    kind: str  # insert | update | delete | get
    event_id: str
    want: DesiredEvent | None
    origin: str  # what the plan asked for: insert | update | delete (decides the counter)
    attempt: int = 1
    hops: int = 0

    def follow(self, kind: str) -> _Op:
        return replace(self, kind=kind, attempt=1, hops=self.hops + 1)


@dataclass
class _Round:
    next_ops: list[_Op]
    retry_attempt: int = 0  # highest failed attempt number among ops to retry
    retry_after: float | None = None
    retried: int = 0


class BatchApplier:
    def __init__(
        self,
        events: Any,
        calendar_id: str,
        batch_uri: str,
        policy: RetryPolicy,
        sleep: Callable[[float], None],
        rand: Callable[[], float] = random.random,
    ) -> None:
        self._events = events  # the service's events() resource
        self._calendar_id = calendar_id
        self._batch_uri = batch_uri
        self._policy = policy
        self._sleep = sleep
        self._rand = rand
        self.batch_requests = 0
        self.retried = 0

    def apply(self, plan: Plan, progress: WriteProgress | None = None) -> ApplyResult:
        began = time.monotonic()
        result = ApplyResult()
        ops = [_Op("insert", w.id, w, "insert") for w in plan.inserts]
        ops += [_Op("update", w.id, w, "update") for w in plan.updates]
        ops += [_Op("delete", event_id, None, "delete") for event_id in plan.deletes]
        while ops:
            state = _Round([])
            for start in range(0, len(ops), MAX_BATCH):
                chunk = ops[start : start + MAX_BATCH]
                for op, (response, error) in zip(chunk, self._send(chunk), strict=True):
                    self._settle(op, response, error, result, state)
                if progress is not None:
                    # Settled outcomes only: a write sent again after a 429 or a 409 counts once, when it ends.
                    progress(result.created + result.updated + result.deleted + result.failed, plan.writes)
            if state.retried:
                self.retried += state.retried
                self._sleep(self._policy.delay(state.retry_attempt, state.retry_after, self._rand))
            ops = state.next_ops
        log.info(
            "google: applied %d write(s) in %d batch request(s): created=%d updated=%d deleted=%d retried=%d "
            "failed=%d in %.2fs",
            plan.writes,
            self.batch_requests,
            result.created,
            result.updated,
            result.deleted,
            self.retried,
            result.failed,
            time.monotonic() - began,
        )
        return result

    # -- one batch -------------------------------------------------------------------------------------

    def _request(self, op: _Op) -> Any:
        events = self._events
        if op.kind == "insert":
            assert op.want is not None
            return events.insert(calendarId=self._calendar_id, body=op.want.body)
        if op.kind == "update":
            assert op.want is not None
            return events.update(calendarId=self._calendar_id, eventId=op.event_id, body=op.want.body)
        if op.kind == "get":
            return events.get(calendarId=self._calendar_id, eventId=op.event_id)
        return events.delete(calendarId=self._calendar_id, eventId=op.event_id)

    def _send(self, chunk: list[_Op]) -> list[tuple[Any, HttpError | None]]:
        """One batch HTTP request; the whole request is retried when the envelope itself fails."""

        def attempt() -> list[tuple[Any, HttpError | None]]:
            answers: dict[str, tuple[Any, HttpError | None]] = {}

            def callback(request_id: str, response: Any, exception: HttpError | None) -> None:
                answers[request_id] = (response, exception)

            batch = BatchHttpRequest(callback=callback, batch_uri=self._batch_uri)
            for index, op in enumerate(chunk):
                batch.add(self._request(op), request_id=str(index))
            self.batch_requests += 1
            try:
                batch.execute()
            except Exception as exc:
                wrapped = as_retryable(exc)
                if wrapped is exc:
                    raise
                raise wrapped from exc
            return [answers[str(index)] for index in range(len(chunk))]

        return call_with_retry(attempt, self._policy, self._sleep, self._rand)

    # -- settling one answer ---------------------------------------------------------------------------

    def _settle(self, op: _Op, response: Any, error: HttpError | None, result: ApplyResult, state: _Round) -> None:
        if error is None:
            self._succeeded(op, response, result, state)
            return
        failure = describe(error)
        if failure.status == 401:
            # The library already refreshed the token once and re-sent the part: the grant is gone.
            raise AuthExpiredError(f"apply: HttpError 401 on {op.kind}", service=tr("service.google"), command="google")
        if op.kind == "insert" and failure.status == 409:
            self._follow(op, "get", result, state)  # ours from an earlier attempt, or a cancelled one
        elif op.kind == "delete" and failure.status in (404, 410):
            result.deleted += 1  # already gone: what was asked for
        elif op.kind in ("update", "get") and failure.status in (404, 410):
            self._follow(op, "insert", result, state)
        elif failure.retryable and op.attempt < self._policy.attempts:
            state.next_ops.append(replace(op, attempt=op.attempt + 1))
            state.retried += 1
            state.retry_attempt = max(state.retry_attempt, op.attempt)
            if failure.retry_after is not None:
                state.retry_after = max(state.retry_after or 0.0, failure.retry_after)
        else:
            self._fail(op, failure.error_class, result)

    def _succeeded(self, op: _Op, response: Any, result: ApplyResult, state: _Round) -> None:
        if op.kind == "get":
            assert op.want is not None
            body = response if isinstance(response, dict) else {}
            tags = (body.get("extendedProperties") or {}).get("private") or {}
            live = body.get("status") != "cancelled"
            if live and tags.get(TAG_KEY) == "1" and tags.get(HASH_KEY) == op.want.content_hash:
                result.created += 1  # a retried insert that had landed: success once the body matches
            elif live and tags.get(TAG_KEY) != "1":
                self._fail(op, "Conflict", result)  # someone else's live event: never overwrite it
            else:
                self._follow(op, "update", result, state)  # restore a cancelled event, or fix a stale one
        elif op.origin == "insert":
            result.created += 1
        elif op.origin == "update":
            result.updated += 1
        else:
            result.deleted += 1

    def _follow(self, op: _Op, kind: str, result: ApplyResult, state: _Round) -> None:
        if op.hops >= MAX_HOPS:
            self._fail(op, "Conflict", result)
        else:
            state.next_ops.append(op.follow(kind))

    @staticmethod
    def _fail(op: _Op, error_class: str, result: ApplyResult) -> None:
        result.failures[op.event_id] = error_class
        log.debug("google: %s of event %s failed: %s", op.origin, hashed_id(op.event_id), error_class)
