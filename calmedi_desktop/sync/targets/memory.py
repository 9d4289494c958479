"""The reference target: Google's semantics in a dict. Every test can use it; the contract suite pins it."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime
from typing import Any

from calmedi_desktop.sync.eventid import HASH_KEY, TAG_KEY
from calmedi_desktop.sync.model import ApplyResult, ExistingEvent, Plan
from calmedi_desktop.sync.progress import WriteProgress


def parse_when(value: dict[str, str]) -> datetime:
    if "dateTime" in value:
        return datetime.fromisoformat(value["dateTime"].replace("Z", "+00:00"))
    from zoneinfo import ZoneInfo

    day = datetime.fromisoformat(value["date"])
    return day.replace(tzinfo=ZoneInfo(value.get("timeZone", "UTC")))


def to_existing(body: dict[str, Any]) -> ExistingEvent:
    tags = (body.get("extendedProperties") or {}).get("private") or {}
    start = body.get("start")
    return ExistingEvent(
        id=body["id"],
        status=body.get("status", "confirmed"),
        tagged=tags.get(TAG_KEY) == "1",
        content_hash=tags.get(HASH_KEY),
        start=parse_when(start) if start else None,
        body=body,
    )


class MemoryTarget:
    def __init__(self, fail: Callable[[str, str], bool] | None = None) -> None:
        self.events: dict[str, dict[str, Any]] = {}
        self._fail = fail or (lambda op, event_id: False)

    def list_events(self, start: datetime, end: datetime) -> list[ExistingEvent]:
        found = []
        for body in self.events.values():
            event = to_existing(copy.deepcopy(body))
            event_end = parse_when(body["end"]) if "end" in body else event.start
            if event.start is None or (event.start < end and event_end is not None and event_end > start):
                found.append(event)
        return found

    def apply(self, plan: Plan, progress: WriteProgress | None = None) -> ApplyResult:
        result = ApplyResult()
        for want in plan.inserts:
            if self._fail("insert", want.id):
                result.failures[want.id] = "SimulatedFailure"
            else:
                # Google answers 409 for an existing id; real targets resolve that by updating, so do we.
                self.events[want.id] = copy.deepcopy(want.body)
                result.created += 1
        for want in plan.updates:
            if self._fail("update", want.id):
                result.failures[want.id] = "SimulatedFailure"
            else:
                self.events[want.id] = copy.deepcopy(want.body)
                result.updated += 1
        for event_id in plan.deletes:
            if self._fail("delete", event_id):
                result.failures[event_id] = "SimulatedFailure"
            elif event_id in self.events:
                self.events[event_id]["status"] = "cancelled"
                result.deleted += 1
        if progress is not None:
            progress(plan.writes, plan.writes)
        return result

    def add_foreign(self, body: dict[str, Any]) -> None:
        """An event CalMedi did not write (for tests of 'never touch what is not ours')."""
        self.events[body["id"]] = copy.deepcopy(body)
