"""One sync run: read every source, redact, list the target, plan, apply. Appointments live only here.

Fail closed: any source error propagates before the target is even listed, so nothing is deleted on a bad
read. Log lines hold counts, durations and error classes only.

A run of the coming days (``run_near``) reads, lists and plans that window only. It deletes only what the
source positively reported cancelled in the window (Doctolib lists a cancelled appointment in its slot). An
event of the coming days that merely vanished from the source may have been moved out of the window, and only
the whole window can tell: the run then becomes a full run at once (the same read and plan as ``run_sync``,
mass-deletion guard included), so that change too reaches Google within the minute. So does a near run whose
own mass-deletion guard would hold deletes back: the whole window decides.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime

from calmedi_desktop.privacy.redaction import desired_event
from calmedi_desktop.sync.engine import plan
from calmedi_desktop.sync.eventid import event_id
from calmedi_desktop.sync.model import Appointment, DesiredEvent, Plan, SyncResult
from calmedi_desktop.sync.presentation import Presentation, first_of_day, read_start, shown
from calmedi_desktop.sync.progress import COMPARING, READING, WRITING, Progress, ProgressCallback, WriteProgress, report
from calmedi_desktop.sync.runlog import routine, routine_level
from calmedi_desktop.sync.sources.base import ReportsCancellations, Source
from calmedi_desktop.sync.targets.base import Target
from calmedi_desktop.sync.tiers import FULL, NEAR, Windows, full_window, nearest_first

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunOptions:
    level: str = "busy"
    show_reason: bool = False
    language: str | None = None
    allow_mass_delete: bool = False
    dry_run: bool = False
    presentation: Presentation = field(default_factory=Presentation)
    #: Midnight at the start of today in the practice's zone: writes go out nearest to it first (None: plan order).
    today: datetime | None = None


#: The whole window, for the callers that know the runner (the feeds' check, the settings preview).
window = full_window


def read_sources(sources: Sequence[Source], start: datetime, end: datetime) -> list[Appointment]:
    if len(sources) == 1:
        return sources[0].fetch(start, end)
    with ThreadPoolExecutor(max_workers=min(4, len(sources)), thread_name_prefix="calmedi-source") as pool:
        # .result() re-raises the first source error: the whole run aborts (fail closed).
        return [a for chunk in pool.map(lambda s: s.fetch(start, end), sources) for a in chunk]


def build_desired(
    appointments: Sequence[Appointment], start: datetime, end: datetime, options: RunOptions
) -> dict[str, DesiredEvent]:
    """The events the window should hold. ``appointments`` may begin before ``start`` (see ``read_start``):
    the first of each day is chosen among all of them, then only the window's events are kept. Filtered
    appointments are simply not desired, so their events go through the plan's deletes and its guard."""
    p = options.presentation
    visible = [a for a in appointments if shown(a, p)]
    firsts = first_of_day(visible, p)
    desired: dict[str, DesiredEvent] = {}
    for appointment in visible:
        first = (appointment.source, appointment.source_id) in firsts
        event = desired_event(appointment, options.level, options.show_reason, options.language, p, first)
        if start <= event.start < end:
            desired[event.id] = event
    return desired


TargetOrFactory = Target | Callable[[], Target]


@dataclass
class Planned:
    plan: Plan
    target: Target
    desired_count: int
    existing_count: int
    cancelled: set[str]  # event ids the sources positively reported cancelled in the window


def cancelled_events(sources: Sequence[Source]) -> set[str]:
    """Event ids of what the sources' last reads saw cancelled (each source forgets them on handing over)."""
    return {
        event_id(source.name, source_id)
        for source in sources
        if isinstance(source, ReportsCancellations)
        for source_id in source.take_cancelled()
    }


def compute_plan(
    sources: Sequence[Source],
    target: TargetOrFactory,
    start: datetime,
    end: datetime,
    options: RunOptions,
    progress: ProgressCallback | None = None,
    *,
    tier: str = FULL,
) -> Planned:
    """Read every source completely first; only then is the target built and listed (fail closed: a source
    error leaves Google untouched, not even a calendar creation or a token refresh)."""
    report(progress, Progress(READING))
    appointments = read_sources(sources, read_start(start, options.presentation), end)
    cancelled = cancelled_events(sources)
    desired = build_desired(appointments, start, end, options)
    del appointments
    report(progress, Progress(COMPARING))
    if not isinstance(target, Target):
        target = target()
    # Filtering on start keeps the source and the target looking at the same set at the window's edges. An
    # event without a start belongs to no window: only a full run may consider it.
    existing = [
        e
        for e in target.list_events(start, end)
        if (e.start is None and tier == FULL) or (e.start is not None and start <= e.start < end)
    ]
    the_plan = plan(desired.values(), existing, allow_mass_delete=options.allow_mass_delete)
    if options.today is not None:
        the_plan.order = nearest_first(the_plan, existing, options.today)
    return Planned(the_plan, target, len(desired), len(existing), cancelled)


class _WriteRelay:
    """A target's write counts (and the quota's waits) as Progress for the run's listener."""

    def __init__(self, progress: ProgressCallback) -> None:
        self._progress = progress

    def __call__(self, done: int, total: int, /, waiting_s: float = 0.0, eta_s: float | None = None) -> None:
        report(self._progress, Progress(WRITING, done, total, waiting_s, eta_s))


def _writes_to(progress: ProgressCallback | None) -> WriteProgress | None:
    return None if progress is None else _WriteRelay(progress)


def run_sync(
    sources: Sequence[Source],
    target: TargetOrFactory,
    start: datetime,
    end: datetime,
    options: RunOptions,
    progress: ProgressCallback | None = None,
) -> SyncResult:
    """A full run of [start, end): read, list, plan, apply."""
    began = time.monotonic()
    planned = compute_plan(sources, target, start, end, options, progress)
    return _apply(planned, options, progress, began, FULL)


def run_near(
    sources: Sequence[Source],
    target: TargetOrFactory,
    windows: Windows,
    options: RunOptions,
    progress: ProgressCallback | None = None,
) -> SyncResult:
    """A run of the coming days; it becomes a full run when an event of the coming days vanished from the
    source, or when its own mass-deletion guard would hold deletes back."""
    began = time.monotonic()
    with routine():
        planned = compute_plan(
            sources, target, *windows.near, replace(options, allow_mass_delete=False), progress, tier=NEAR
        )
    the_plan = planned.plan
    vanished = [e for e in the_plan.deletes if e not in planned.cancelled]
    if vanished or the_plan.held_deletes:
        gone = len(vanished) + len(the_plan.held_deletes)
        log.info("sync: %d event(s) of the coming days left the source; reading the whole window", gone)
        return run_sync(sources, planned.target, *windows.full, options, progress)
    with routine(not the_plan.writes and not the_plan.conflicts):
        return _apply(planned, options, progress, began, NEAR)


def run_tier(
    tier: str,
    sources: Sequence[Source],
    target: TargetOrFactory,
    windows: Windows,
    options: RunOptions,
    progress: ProgressCallback | None = None,
) -> SyncResult:
    """A run of the coming days (NEAR) or of the whole window (FULL)."""
    if tier == NEAR:
        return run_near(sources, target, windows, options, progress)
    return run_sync(sources, target, *windows.full, options, progress)


def _apply(
    planned: Planned, options: RunOptions, progress: ProgressCallback | None, began: float, tier: str
) -> SyncResult:
    the_plan, target = planned.plan, planned.target
    desired_count, existing_count = planned.desired_count, planned.existing_count
    result = SyncResult(
        unchanged=the_plan.unchanged,
        held_deletes=len(the_plan.held_deletes),
        dry_run=options.dry_run,
        source_count=desired_count,
        existing_count=existing_count,
        failed=len(the_plan.conflicts),
        tier=tier,
    )
    if options.dry_run:
        result.created, result.updated, result.deleted = (
            len(the_plan.inserts),
            len(the_plan.updates),
            len(the_plan.deletes),
        )
    else:
        report(progress, Progress(WRITING, 0, the_plan.writes))
        applied = target.apply(the_plan, progress=_writes_to(progress))
        result.created, result.updated, result.deleted = applied.created, applied.updated, applied.deleted
        result.failed += applied.failed
        for error_class, count in sorted(Counter(applied.failures.values()).items()):
            log.warning("sync: %d event(s) failed with %s", count, error_class)
    result.duration_s = time.monotonic() - began
    log.log(
        routine_level(),
        "sync: %s source=%d existing=%d created=%d updated=%d deleted=%d unchanged=%d failed=%d held=%d dry=%s "
        "in %.2fs",
        tier,
        desired_count,
        existing_count,
        result.created,
        result.updated,
        result.deleted,
        result.unchanged,
        result.failed,
        result.held_deletes,
        options.dry_run,
        result.duration_s,
    )
    return result
