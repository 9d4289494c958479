"""One sync run: read every source, redact, list the target, plan, apply. Appointments live only here.

Fail closed: any source error propagates before the target is even listed, so nothing is deleted on a bad
read. Log lines hold counts, durations and error classes only.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from calmedi_desktop.privacy.redaction import desired_event
from calmedi_desktop.sync.engine import plan
from calmedi_desktop.sync.model import Appointment, DesiredEvent, Plan, SyncResult
from calmedi_desktop.sync.presentation import Presentation, first_of_day, read_start, shown
from calmedi_desktop.sync.progress import COMPARING, READING, WRITING, Progress, ProgressCallback, WriteProgress, report
from calmedi_desktop.sync.sources.base import Source
from calmedi_desktop.sync.targets.base import Target

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunOptions:
    level: str = "busy"
    show_reason: bool = False
    language: str | None = None
    allow_mass_delete: bool = False
    dry_run: bool = False
    presentation: Presentation = field(default_factory=Presentation)


def window(now: datetime, past_days: int, future_days: int) -> tuple[datetime, datetime]:
    return now - timedelta(days=past_days), now + timedelta(days=future_days)


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


def compute_plan(
    sources: Sequence[Source],
    target: TargetOrFactory,
    start: datetime,
    end: datetime,
    options: RunOptions,
    progress: ProgressCallback | None = None,
) -> tuple[Plan, Target, int, int]:
    """Read every source completely first; only then is the target built and listed (fail closed: a source
    error leaves Google untouched, not even a calendar creation or a token refresh)."""
    report(progress, Progress(READING))
    appointments = read_sources(sources, read_start(start, options.presentation), end)
    desired = build_desired(appointments, start, end, options)
    del appointments
    report(progress, Progress(COMPARING))
    if not isinstance(target, Target):
        target = target()
    # Filtering on start keeps the source and the target looking at the same set at the window's edges.
    existing = [e for e in target.list_events(start, end) if e.start is None or start <= e.start < end]
    the_plan = plan(desired.values(), existing, allow_mass_delete=options.allow_mass_delete)
    return the_plan, target, len(desired), len(existing)


def _writes_to(progress: ProgressCallback | None) -> WriteProgress | None:
    if progress is None:
        return None
    return lambda done, total: report(progress, Progress(WRITING, done, total))


def run_sync(
    sources: Sequence[Source],
    target: TargetOrFactory,
    start: datetime,
    end: datetime,
    options: RunOptions,
    progress: ProgressCallback | None = None,
) -> SyncResult:
    began = time.monotonic()
    the_plan, target, desired_count, existing_count = compute_plan(sources, target, start, end, options, progress)
    result = SyncResult(
        unchanged=the_plan.unchanged,
        held_deletes=len(the_plan.held_deletes),
        dry_run=options.dry_run,
        source_count=desired_count,
        existing_count=existing_count,
        failed=len(the_plan.conflicts),
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
    log.info(
        "sync: source=%d existing=%d created=%d updated=%d deleted=%d unchanged=%d failed=%d held=%d dry=%s in %.2fs",
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
