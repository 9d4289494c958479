"""The Target interface: list CalMedi's calendar in a window, apply a plan.

Targets behave like Google: a deleted event stays as ``cancelled``; inserting an id that exists is a
conflict which the target resolves by updating (restoring). Per-event failures are reported in the
ApplyResult and never abort the other events.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, runtime_checkable

from calmedi_desktop.sync.model import ApplyResult, ExistingEvent, Plan
from calmedi_desktop.sync.progress import WriteProgress


@runtime_checkable
class Target(Protocol):
    def list_events(self, start: datetime, end: datetime) -> list[ExistingEvent]:
        """Every event (cancelled ones included) that overlaps [start, end)."""
        ...

    def apply(self, plan: Plan, progress: WriteProgress | None = None) -> ApplyResult:
        """Every write of the plan; ``progress(done, total)`` after each group of final outcomes."""
        ...
