"""The Target interface: list CalMedi's calendar in a window, apply a plan.

Deleted events: Google (and MemoryTarget, the reference) keep one as ``cancelled``, and inserting an id that
exists is a conflict the target resolves by updating (restoring). CalDAV really deletes: the event is no longer
listed, so plan() sees it as absent and an appointment that comes back is inserted again; the planner needs
nothing else. Either way a target writes or deletes only what carries CalMedi's tag, checking again at write
time (a Google insert that meets 409, a CalDAV write that meets 412), and reports anything else as a
``Conflict`` failure. Per-event failures are reported in the ApplyResult and never abort the other events;
a failure that concerns the whole calendar (a refused sign-in, a full account) is raised.
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
