"""``calmedi sync`` without ``--once``: the scheduler loop in the foreground, for servers and terminals."""

from __future__ import annotations

import sys
import threading
import time
from typing import Any

from calmedi_desktop.api import CalmediError, tr

MAINTENANCE_EVERY_S = 6 * 3600


class _PrintListener:
    def run_started(self) -> None:
        pass

    def run_finished(self, result: Any) -> None:
        print(tr("sync.summary", **result.summary()), flush=True)

    def run_failed(self, error: CalmediError) -> None:
        print(f"calmedi: {error.title}: {error.message}", file=sys.stderr, flush=True)

    def state_changed(self, state: str) -> None:
        pass


def run_forever(app: Any, stop: threading.Event | None = None) -> int:
    stop = stop or threading.Event()
    minutes = app.get_setting("sync.interval_minutes")
    scheduler = app.sync_scheduler(_PrintListener(), interval_minutes=minutes)
    print(tr("cli.running", minutes=minutes), file=sys.stderr, flush=True)
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
