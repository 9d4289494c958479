"""``calmedi sync`` without ``--once``: the scheduler loop in the foreground, for servers and terminals."""

from __future__ import annotations

import sys
import threading
import time
from typing import Any

from calmedi_desktop.errors import CalmediError
from calmedi_desktop.i18n import tr
from calmedi_desktop.sync.scheduler import SchedulerListener, SyncScheduler
from calmedi_desktop.sync.tiers import FULL

MAINTENANCE_EVERY_S = 6 * 3600
MIN_NEAR_MINUTES = 0.5  # the floor of sync.near_interval_seconds


def tiered_scheduler(app: Any, listener: SchedulerListener | None = None, **options: Any) -> SyncScheduler:
    """The sync loop at the practitioner's cadence: the coming days every ``sync.near_interval_seconds``, the
    whole window every ``sync.full_interval_minutes`` (and at start)."""
    return SyncScheduler(
        lambda tier: app.sync_once(tier=tier),
        app.get_setting("sync.near_interval_seconds") / 60,
        full_interval_minutes=app.get_setting("sync.full_interval_minutes"),
        min_interval_minutes=MIN_NEAR_MINUTES,
        listener=listener,
        **options,
    )


class _PrintListener:
    def run_started(self) -> None:
        pass

    def run_finished(self, result: Any) -> None:
        changed = result.created or result.updated or result.deleted or result.failed or result.held_deletes
        if getattr(result, "tier", FULL) == FULL or changed:  # a quiet minute prints nothing
            print(tr("sync.summary", **result.summary()), flush=True)

    def run_failed(self, error: CalmediError) -> None:
        print(f"calmedi: {error.title}: {error.message}", file=sys.stderr, flush=True)

    def state_changed(self, state: str) -> None:
        pass


def run_forever(app: Any, stop: threading.Event | None = None) -> int:
    stop = stop or threading.Event()
    scheduler = tiered_scheduler(app, _PrintListener())
    print(
        tr(
            "cli.running_tiered",
            near_days=app.get_setting("sync.near_days"),
            near_seconds=app.get_setting("sync.near_interval_seconds"),
            full_minutes=app.get_setting("sync.full_interval_minutes"),
        ),
        file=sys.stderr,
        flush=True,
    )
    scheduler.start()
    maintenance_due = 0.0
    try:
        while not stop.wait(1.0):
            if time.monotonic() >= maintenance_due:  # log purge and closure rule, a few times a day
                app.maintenance()
                maintenance_due = time.monotonic() + MAINTENANCE_EVERY_S
    except KeyboardInterrupt:
        pass
    finally:
        scheduler.shutdown()
    return 0
