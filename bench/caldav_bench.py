"""CalDAV benchmark (run on demand, not a test): python bench/caldav_bench.py [--appointments N] [--workers W]
[--latency S]

Starts a real Radicale on 127.0.0.1 (the test harness's, in a temporary folder) and syncs N appointments into
a fresh CalMedi calendar there: an initial sync, then no-change and 1 %-changed syncs, each listed both ways
(a calendar-query per run, and a sync-collection delta on the in-memory listing cache). Prints HTTP requests by
method, bytes received, and wall time of each. ``--latency`` adds a delay to every request through a loopback
proxy, to see what concurrent writes buy against a distant server (iCloud is some 30-100 ms away).

Radicale checks a new event's UID against every event of the calendar, so its cost per create grows with the
calendar: the initial sync's time here is mostly Radicale's, not CalMedi's.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for the tests' Radicale harness

from calmedi_desktop.privacy.redaction import desired_event
from calmedi_desktop.sync.engine import plan
from calmedi_desktop.sync.model import Appointment, DesiredEvent
from calmedi_desktop.sync.targets.caldav_account import create_calendar, discover
from calmedi_desktop.sync.targets.caldav_http import DavSession
from calmedi_desktop.sync.targets.caldav_listing import ListingCache
from calmedi_desktop.sync.targets.caldav_target import CalDavTarget
from tests.caldav.dav_proxy import DavProxy
from tests.caldav.radicale_server import RadicaleServer

TZ = "Europe/Paris"
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=ZoneInfo(TZ))
WINDOW = (NOW - timedelta(days=7), NOW + timedelta(days=90))


@dataclass
class Meter:
    methods: Counter[str] = field(default_factory=Counter)
    received: int = 0

    def hook(self, response: Any, *args: Any, **kwargs: Any) -> None:
        self.methods[response.request.method] += 1
        self.received += len(response.content)


def appointments(n: int, moved: set[int] | None = None) -> list[DesiredEvent]:
    """N appointments on the 96 whole days of the window, 8:00-19:00, 20 minutes each; ``moved`` ones 5 minutes
    later. All start inside the window, as the runner keeps them."""
    slots_per_day = max(1, -(-n // 96))
    made = []
    for i in range(n):
        day, slot = divmod(i, slots_per_day)
        morning = (WINDOW[0] + timedelta(days=day + 1)).replace(hour=8, minute=0)
        start = morning + timedelta(minutes=slot * 660 // slots_per_day)
        if moved and i in moved:
            start += timedelta(minutes=5)
        made.append(
            desired_event(
                Appointment("doctolib", f"bench-{i}", start, start + timedelta(minutes=20), TZ, patient_name="A B"),
                "busy",
            )
        )
    return made


def run(target: CalDavTarget, meter: Meter, wanted: list[DesiredEvent], label: str) -> dict[str, Any]:
    meter.methods.clear()
    meter.received = 0
    began = time.perf_counter()
    existing = target.list_events(*WINDOW)
    listed = time.perf_counter() - began
    the_plan = plan(wanted, existing)
    result = target.apply(the_plan)
    wall = time.perf_counter() - began
    return {
        "label": label,
        "wall": wall,
        "list": listed,
        "requests": sum(meter.methods.values()),
        "methods": dict(sorted(meter.methods.items())),
        "received_kib": meter.received / 1024,
        "result": (result.created, result.updated, result.deleted, the_plan.unchanged, result.failed),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--appointments", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--latency", type=float, default=0.0)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="calmedi-caldav-bench-"))
    rows = []
    try:
        with RadicaleServer(folder) as server, DavProxy(server.url, latency=args.latency) as proxy:
            base = proxy.url if args.latency else server.url
            user, password = server.add_user("bench")
            meter = Meter()
            session = DavSession(base, user, password)
            session.client.session.hooks["response"].append(meter.hook)
            account = discover(session, user)
            url = create_calendar(session, account.home_url, "CalMedi")
            cache = ListingCache()
            cached = CalDavTarget(session, url, timezone=TZ, cache=cache, workers=args.workers)
            plain = CalDavTarget(session, url, timezone=TZ, workers=args.workers)
            wanted = appointments(args.appointments)
            rows.append(run(cached, meter, wanted, "initial (creates)"))
            rows.append(run(plain, meter, wanted, "no-change, calendar-query"))
            # The first delta after the creates lists each new href with its ETag (no data: the cache knew them).
            rows.append(run(cached, meter, wanted, "no-change, first sync-collection delta after the creates"))
            rows.append(run(cached, meter, wanted, "no-change, sync-collection delta"))
            changed = appointments(args.appointments, moved=set(range(0, args.appointments, 100)))
            rows.append(run(cached, meter, changed, "1%-changed, sync-collection delta"))
            changed_back = appointments(args.appointments)
            rows.append(run(plain, meter, changed_back, "1%-changed, calendar-query"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    print(
        f"{args.appointments} appointments, Radicale on 127.0.0.1, {args.workers} write worker(s), "
        f"added latency {args.latency * 1000:.0f} ms, {datetime.now(UTC):%Y-%m-%d}"
    )
    for row in rows:
        created, updated, deleted, unchanged, failed = row["result"]
        print(
            f"\n[{row['label']}] {row['wall']:.2f} s (listing {row['list']:.2f} s), {row['requests']} request(s) "
            f"{row['methods']}, {row['received_kib']:.0f} KiB received\n"
            f"  created {created} updated {updated} deleted {deleted} unchanged {unchanged} failed {failed}"
        )


if __name__ == "__main__":
    main()
