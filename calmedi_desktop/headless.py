"""``calmedi sync`` without ``--once``: the scheduler loop in the foreground, for servers and terminals."""

from __future__ import annotations

import sys
import threading
import time
from typing import Any

from calmedi_desktop.api import FULL, CalmediError, tr

MAINTENANCE_EVERY_S = 6 * 3600


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
    scheduler = app.sync_scheduler(_PrintListener())
    print(
        tr(
            "cli.running_tiered",
            destination=app.destination()["name"],
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
