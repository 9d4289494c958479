"""Applying a plan to Google in batches of at most 50 calls, nearest first, within the quota.

Each write is an ``_Op`` in a queue ordered by the plan's ``order`` (nearest to now first). Each batch takes
from the front of the queue as many ops as the quota governor grants now (never more than 50, never more than
the window allows), and settles each answer: done; refused for quota (back to its place at the front, its
attempts untouched: the governor waits the window out); retry later (5xx, network: after a backoff, counting
an attempt); follow up (a 409 on insert becomes a get, then maybe an update that restores a cancelled event);
or failed (any other 4xx, attempts exhausted, or a quota refused for good). Batch request ids are short
indices: long ids make the library fold Content-ID.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest

from calmedi_desktop.errors import AuthExpiredError
from calmedi_desktop.i18n import tr
from calmedi_desktop.sync.eventid import HASH_KEY, TAG_KEY, hashed_id
from calmedi_desktop.sync.model import ApplyResult, DesiredEvent, Plan
from calmedi_desktop.sync.progress import WriteProgress
from calmedi_desktop.sync.quota import QuotaExhausted, QuotaGovernor
from calmedi_desktop.sync.retry import RetryPolicy, call_with_retry
from calmedi_desktop.sync.targets.google_errors import Failure, describe, raise_for_retry

log = logging.getLogger(__name__)

MAX_BATCH = 50
MAX_HOPS = 4  # insert -> get -> update -> insert ... never loops for ever
QUOTA_FAILURE = "QuotaError"


@dataclass(frozen=True)
class _Op:
    kind: str  # insert | update | delete | get
    event_id: str
    want: DesiredEvent | None
    origin: str  # what the plan asked for: insert | update | delete (decides the counter)
    rank: int = 0  # place in the plan's order: smaller goes first
    attempt: int = 1
    hops: int = 0

    def follow(self, kind: str) -> _Op:
        return replace(self, kind=kind, attempt=1, hops=self.hops + 1)


class _Queue:
    """Ops by rank (nearest first); ties keep the order they were queued in."""

    def __init__(self) -> None:
        self._heap: list[tuple[int, int, _Op]] = []
        self._seq = itertools.count()

    def push(self, op: _Op) -> None:
        heapq.heappush(self._heap, (op.rank, next(self._seq), op))

    def take(self, count: int) -> list[_Op]:
        return [heapq.heappop(self._heap)[2] for _ in range(min(count, len(self._heap)))]

    def drain(self) -> list[_Op]:
        return self.take(len(self._heap))

    def __len__(self) -> int:
        return len(self._heap)


@dataclass
class _Batch:
    """What the answers of one batch asked for next."""

    retry: list[_Op] = field(default_factory=list)  # after a backoff
    retry_attempt: int = 0  # highest failed attempt number among them
    retry_after: float | None = None


class BatchApplier:
    def __init__(
        self,
        events: Any,
        calendar_id: str,
        batch_uri: str,
        policy: RetryPolicy,
        sleep: Callable[[float], None],
        governor: QuotaGovernor,
        rand: Callable[[], float] = random.random,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._events = events  # the service's events() resource
        self._calendar_id = calendar_id
        self._batch_uri = batch_uri
        self._policy = policy
        self._sleep = sleep
        self._governor = governor
        self._rand = rand
        self._clock = clock
        self.batch_requests = 0
        self.retried = 0

    def apply(self, plan: Plan, progress: WriteProgress | None = None) -> ApplyResult:
        began = time.monotonic()
        result = ApplyResult()
        if not plan.writes:
            return result
        rank = {event_id: index for index, event_id in enumerate(plan.order)}
        last = len(rank)
        queue = _Queue()
        for op in [_Op("insert", w.id, w, "insert") for w in plan.inserts] + [
            _Op("update", w.id, w, "update") for w in plan.updates
        ]:
            queue.push(replace(op, rank=rank.get(op.event_id, last)))
        for event_id in plan.deletes:
            queue.push(_Op("delete", event_id, None, "delete", rank=rank.get(event_id, last)))
        delayed: list[tuple[float, list[_Op]]] = []  # (due, ops) waiting for a backoff to end

        def tell(waiting_s: float = 0.0) -> None:
            if progress is None:
                return
            left = len(queue) + sum(len(ops) for _, ops in delayed)
            eta = max(self._governor.estimate(left), waiting_s)
            done = result.created + result.updated + result.deleted + result.failed
            # Settled outcomes only: a write sent again after a refusal or a 409 counts once, when it ends.
            if waiting_s > 0 or eta >= 1:
                progress(done, plan.writes, waiting_s=waiting_s, eta_s=eta)
            else:
                progress(done, plan.writes)  # a listener that only knows (done, total) works as before

        while queue or delayed:
            if not queue:
                self._wake(delayed, queue)
                continue
            ticket = self._governor.acquire(min(MAX_BATCH, len(queue)), waiting=tell)
            chunk = queue.take(ticket.granted)
            try:
                answers = self._send(chunk)
            except BaseException:
                self._governor.settle(ticket)
                raise
            # Decoding an error's JSON once per part: the refusal count and the settling both read it.
            failures = [None if error is None else describe(error) for _, error in answers]
            refusals = [f for f in failures if f is not None and f.refused_for_quota]
            exhausted = False
            try:
                retry_after = max((f.retry_after for f in refusals if f.retry_after is not None), default=None)
                self._governor.settle(ticket, refused=len(refusals), retry_after=retry_after)
            except QuotaExhausted:
                exhausted = True
            batch = _Batch()
            for op, (response, _), failure in zip(chunk, answers, failures, strict=True):
                self._settle(op, response, failure, result, queue, batch, exhausted)
            if exhausted:
                for op in queue.drain() + [op for _, ops in delayed for op in ops]:
                    self._fail(op, QUOTA_FAILURE, result)
                delayed.clear()
                # result.failed also counts writes that failed otherwise (a 400, a conflict): not those.
                refused = sum(1 for error_class in result.failures.values() if error_class == QUOTA_FAILURE)
                log.warning(
                    "google: quota refused again and again; %d write(s) failed for quota, left for the next run",
                    refused,
                )
            if batch.retry:
                self.retried += len(batch.retry)
                due = self._clock() + self._policy.delay(batch.retry_attempt, batch.retry_after, self._rand)
                delayed.append((due, batch.retry))
            tell()
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

    def _wake(self, delayed: list[tuple[float, list[_Op]]], queue: _Queue) -> None:
        """Nothing else to send: sleep until the earliest backoff ends, then queue every op that is due."""
        delayed.sort(key=lambda entry: entry[0])
        due = delayed[0][0]
        pause = due - self._clock()
        if pause > 0:
            self._sleep(pause)
        # Those due by then are due now, whatever the clock says (a test's sleep returns at once).
        horizon = max(due, self._clock())
        while delayed and delayed[0][0] <= horizon:
            for op in delayed.pop(0)[1]:
                queue.push(op)

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
                raise_for_retry(exc)
            return [answers[str(index)] for index in range(len(chunk))]

        return call_with_retry(attempt, self._policy, self._sleep, self._rand)

    # -- settling one answer ---------------------------------------------------------------------------

    def _settle(
        self,
        op: _Op,
        response: Any,
        failure: Failure | None,
        result: ApplyResult,
        queue: _Queue,
        batch: _Batch,
        exhausted: bool,
    ) -> None:
        if failure is None:
            self._succeeded(op, response, result, queue)
            return
        if failure.status == 401:
            # The library already refreshed the token once and re-sent the part: the grant is gone.
            raise AuthExpiredError(f"apply: HttpError 401 on {op.kind}", service=tr("service.google"), command="google")
        if op.kind == "insert" and failure.status == 409:
            self._follow(op, "get", result, queue)  # ours from an earlier attempt, or a cancelled one
        elif op.kind == "delete" and failure.status in (404, 410):
            result.deleted += 1  # already gone: what was asked for
        elif op.kind in ("update", "get") and failure.status in (404, 410):
            self._follow(op, "insert", result, queue)
        elif failure.refused_for_quota:
            if exhausted:
                self._fail(op, QUOTA_FAILURE, result)
            else:
                queue.push(op)  # same place, same attempt: the quota says nothing about this write
        elif failure.retryable and op.attempt < self._policy.attempts:
            batch.retry.append(replace(op, attempt=op.attempt + 1))
            batch.retry_attempt = max(batch.retry_attempt, op.attempt)
            if failure.retry_after is not None:
                batch.retry_after = max(batch.retry_after or 0.0, failure.retry_after)
        else:
            self._fail(op, failure.error_class, result)

    def _succeeded(self, op: _Op, response: Any, result: ApplyResult, queue: _Queue) -> None:
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
                self._follow(op, "update", result, queue)  # restore a cancelled event, or fix a stale one
        elif op.origin == "insert":
            result.created += 1
        elif op.origin == "update":
            result.updated += 1
        else:
            result.deleted += 1

    def _follow(self, op: _Op, kind: str, result: ApplyResult, queue: _Queue) -> None:
        if op.hops >= MAX_HOPS:
            self._fail(op, "Conflict", result)
        else:
            queue.push(op.follow(kind))

    @staticmethod
    def _fail(op: _Op, error_class: str, result: ApplyResult) -> None:
        result.failures[op.event_id] = error_class
        log.debug("google: %s of event %s failed: %s", op.origin, hashed_id(op.event_id), error_class)
