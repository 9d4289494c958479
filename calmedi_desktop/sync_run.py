"""One sync run's bookkeeping for the facade: what the run takes from the settings (its windows and options)
and what it leaves in the state file (``last_run``, ``last_success``, ``last_full_success``).

``CalMedi.sync_once`` keeps the order of the checks that make a run fail closed (paused, licence, one run at a
time) and its log line; this module holds the two ends of a run, so that the settings a run reads and the facts
status and the tray read back each have one place. Neither end sees an appointment: settings, counts and error
classes only.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from calmedi_desktop.config import Config, StateFile
from calmedi_desktop.errors import CalmediError
from calmedi_desktop.sync.impact import options_from
from calmedi_desktop.sync.model import SyncResult
from calmedi_desktop.sync.runner import RunOptions
from calmedi_desktop.sync.tiers import FULL, Windows, windows


def plan_run(config: Config, now: datetime, *, dry_run: bool, allow_mass_delete: bool) -> tuple[Windows, RunOptions]:
    """The run's windows (whole, near, today's midnight) and options, from the settings as they are now."""
    spans = windows(
        now,
        config.get("sync.past_days"),
        config.get("sync.future_days"),
        config.get("sync.near_days"),
        config.get("sync.timezone"),
    )
    # The same builder as the count shown before a change applies (impact.change_impact): they cannot drift.
    options = options_from(config.get, allow_mass_delete=allow_mass_delete, dry_run=dry_run, today=spans.today)
    return spans, options


def record_run(
    state: StateFile, at: datetime, result: SyncResult | None, error: CalmediError | None, tier: str = FULL
) -> None:
    """Write the run's outcome: counts and the error's class only. A dry run or a run with failed writes is
    recorded as the last run but not as a success: status, the tray and the explanation of a Google refusal
    read ``last_success`` as "the calendar was last complete then"."""
    entry: dict[str, Any] = {"at": at.isoformat(timespec="seconds"), "ok": error is None}
    entry["tier"] = result.tier if result is not None else tier
    if result is not None:
        entry["summary"] = result.summary()
        entry["dry_run"] = result.dry_run
        entry["ok"] = result.failed == 0
    if error is not None:
        entry["error"] = type(error).__name__
    changes: dict[str, Any] = {"last_run": entry}
    if entry["ok"] and not entry.get("dry_run"):
        changes["last_success"] = entry["at"]
        if entry["tier"] == FULL:
            changes["last_full_success"] = entry["at"]
    state.update(**changes)
