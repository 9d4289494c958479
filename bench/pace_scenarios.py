"""The two benchmark scenarios of Google's quota and of tiered sync (run by sync_bench.py, never by the tests).

(a) ``quota``: a first ``sync --once`` of about 2,000 appointments against Google's 600 calls a minute per
user (the simulator enforces the sliding window, refusals counted as at Google), at 30 ms a request: wall
time against the quota's floor and the issue's bound, calls Google refused, and when today and the coming
week were complete in Google (from the simulator's own write times).

(b) ``continuous``: CalMedi's loop at its default pace (the coming 7 days every 40 s, the whole window every
15 min) for five minutes, Doctolib changing every 15 s but in the last minute: for each change in the coming
days, the time until Google had it; Doctolib requests and Google calls per minute, against the Doctolib load
of a full read every 5 minutes (what CalMedi did before tiered sync: a fresh sign-in and the whole window each
run); and the steady state, from a quiet run of each kind.

The simulators run in a child process; CLOCK_MONOTONIC is system-wide on Linux, so the child's write and
mutation times compare with the parent's.
"""

from __future__ import annotations

import math
import random
import statistics
import threading
import time
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from typing import Any

# Practices: a busy one (about 2,000 appointments in the default 97-day window) and a very light one.
PRACTICES = {"busy": 1450, "light": 60}
NEAR_KINDS = ("book-today", "book-in-3-days", "move-in-week", "cancel-in-week")
MUTATION_EVERY_S = 15.0
DRAIN_S = 60.0


def _near_live(doctolib: Any, now: datetime, days: int = 7) -> list[Any]:
    from calmedi_desktop.demo.doctolib_sim_data import ABSENT

    end = now + timedelta(days=days)
    return sorted(
        (a for a in doctolib.appointments.values() if a.status not in ABSENT and now < a.start < end),
        key=lambda a: a.id,
    )


def mutate(doctolib: Any, kind: str, rng: random.Random) -> str:
    """One change of the given kind; returns the appointment id it touched."""
    now = datetime.now(UTC)
    if kind == "book-today":
        start = now + timedelta(hours=rng.uniform(1, 6))
        return str(doctolib.book(start, start + timedelta(minutes=20)))
    if kind == "book-in-3-days":
        start = now + timedelta(days=3, hours=rng.uniform(0, 8))
        return str(doctolib.book(start, start + timedelta(minutes=20)))
    if kind in ("move-in-week", "cancel-in-week"):
        item = rng.choice(_near_live(doctolib, now))
        if kind == "cancel-in-week":
            doctolib.cancel(item.id)
        else:
            doctolib.move(item.id, item.start + timedelta(hours=1), item.end + timedelta(hours=1))
        return str(item.id)
    item = rng.choice(_near_live(doctolib, now + timedelta(days=30), 30))  # "move-next-month"
    doctolib.move(item.id, item.start + timedelta(hours=1), item.end + timedelta(hours=1))
    return str(item.id)


def _mutate_until(doctolib: Any, stop: threading.Event, changes: list[tuple[float, str, str]]) -> None:
    rng = random.Random(7)
    kinds = (*NEAR_KINDS, "move-next-month")
    count = 0
    while not stop.wait(MUTATION_EVERY_S):
        kind = kinds[count % len(kinds)]
        changes.append((time.monotonic(), kind, mutate(doctolib, kind, rng)))
        count += 1


def simulator_access(google: Any, doc: Any) -> dict[str, Any]:
    """What CalMedi needs to reach both simulators, signed in (sent from the simulators' process)."""
    return {
        "google_url": google.url,
        "google_revoke_url": google.revoke_url,
        "google_client_config": google.client_config(),
        "google_refresh_token": google.issue_refresh_token(),
        "doctolib_url": doc.url,
        "doctolib_refresh_token": doc.issue_refresh_token(),
    }


def serve(conn: Connection, per_agenda: int, latency: float, quota: int | None) -> None:
    """Both simulators in this (child) process, driven by the parent through ``conn``."""
    from calmedi_desktop.demo.doctolib_sim import DoctolibSim
    from calmedi_desktop.demo.google_sim import GoogleSim

    with (
        GoogleSim(latency=latency, quota_per_minute=quota) as google,
        DoctolibSim(seed=11, latency=latency, per_agenda=per_agenda) as doc,
    ):
        conn.send(simulator_access(google, doc))
        stop = threading.Event()
        changes: list[tuple[float, str, str]] = []
        while True:
            command, arg = conn.recv()
            if command == "facts":
                conn.send(
                    {
                        "google_calls": google.api_calls,
                        "google_http": google.http_requests,
                        "refused": google.quota_refused,
                        "google_counts": dict(google.counts),
                        "doctolib_requests": sum(doc.counts.values()),
                        "doctolib_counts": dict(doc.counts),
                        "write_log": list(google.write_log),
                        "changes": list(changes),
                    }
                )
            elif command == "reset":
                google.reset_counts()
                doc.counts.clear()
                conn.send(None)
            elif command == "quota":
                google.set_quota(arg)
                conn.send(None)
            elif command == "mutate":  # a change every MUTATION_EVERY_S seconds, kinds in turn, until "stop"
                threading.Thread(target=_mutate_until, args=(doc, stop, changes), daemon=True).start()
                conn.send(None)
            elif command == "calm":  # no more changes
                stop.set()
                conn.send(None)
            elif command == "stop":
                stop.set()
                conn.send(None)
                return


def ask(conn: Connection, command: str, arg: Any = None) -> Any:
    conn.send((command, arg))
    return conn.recv()


def quota_scenario(app: Any, conn: Connection) -> dict[str, Any]:
    """(a) The first sync --once, paced by the quota."""
    from calmedi_desktop.sync.eventid import event_id
    from calmedi_desktop.sync.tiers import day_start

    starts = _starts(app)
    ask(conn, "reset")
    began_wall, began = datetime.now(UTC), time.monotonic()
    result = app.sync_once()
    wall = time.monotonic() - began
    facts = ask(conn, "facts")
    events = result.created
    floor = 60.0 * (math.ceil(events / 600) - 1)
    today = day_start(began_wall, app.get_setting("sync.timezone"))
    written = {eid: at for at, _kind, eid in facts["write_log"]}

    def complete_by(end: datetime) -> float:
        due = [written[event_id("doctolib", a)] for a, start in starts.items() if today <= start < end]
        return max(due) - began if due else 0.0

    return {
        "events": events,
        "failed": result.failed,
        "wall_s": wall,
        "floor_s": floor,
        "bound_s": 1.5 * floor + 30,
        "google_calls": facts["google_calls"],
        "google_http": facts["google_http"],
        "refused": facts["refused"],
        "first_write_s": min(written.values()) - began if written else None,
        "today_complete_s": complete_by(today + timedelta(days=1)),
        "week_complete_s": complete_by(today + timedelta(days=7)),
        "doctolib_requests": facts["doctolib_requests"],
    }


def _full_window(app: Any) -> tuple[datetime, datetime]:
    """The whole window of a run now, as CalMedi computes it."""
    from calmedi_desktop.sync.tiers import full_window

    return full_window(datetime.now(UTC), app.get_setting("sync.past_days"), app.get_setting("sync.future_days"))


def _starts(app: Any) -> dict[str, datetime]:
    """When each appointment of the window starts (one read of the source, before the measured run)."""
    source = app.accounts.doctolib.source()
    try:
        return {a.source_id: a.start for a in source.fetch(*_full_window(app))}
    finally:
        source.close()


def full_read_cost(app: Any, conn: Connection) -> int:
    """Doctolib requests of one run as CalMedi made it before tiered sync: a fresh sign-in, the whole window."""
    ask(conn, "reset")
    source = app.accounts.doctolib.source()
    source.fetch(*_full_window(app))
    source.close()
    return int(ask(conn, "facts")["doctolib_requests"])


def _per_minute(near_run: float, full_run: float, near_s: float = 40, full_min: float = 15) -> float:
    """A minute of the default pace: a run every 40 s, one in every 15 minutes a full one."""
    return (60 / near_s - 1 / full_min) * near_run + full_run / full_min


class _Runs:
    def __init__(self) -> None:
        self.tiers: list[str] = []
        self.failed: list[str] = []

    def run_started(self) -> None:
        pass

    def run_finished(self, result: Any) -> None:
        self.tiers.append(result.tier)

    def run_failed(self, error: Any) -> None:
        self.failed.append(type(error).__name__)

    def state_changed(self, state: str) -> None:
        pass


def continuous_scenario(app: Any, conn: Connection, seconds: float) -> dict[str, Any]:
    """(b) The loop at its default pace for ``seconds`` while Doctolib changes."""
    from calmedi_desktop.sync.eventid import event_id

    ask(conn, "quota", None)
    app.sync_once()  # the first sync is scenario (a)'s business: here, start from a calendar in step
    ask(conn, "quota", 600)
    baseline = full_read_cost(app, conn)
    ask(conn, "reset")
    runs = _Runs()
    scheduler = app.sync_scheduler(runs)
    began = time.monotonic()
    scheduler.start()
    ask(conn, "mutate")
    time.sleep(max(0.0, seconds - DRAIN_S))
    ask(conn, "calm")  # the last minute without changes: every change made has had its chance to reach Google
    time.sleep(min(seconds, DRAIN_S))
    scheduler.shutdown(wait=True)
    elapsed = time.monotonic() - began
    facts = ask(conn, "facts")
    app.sync_once()  # next month's last moves, which waited for a full run
    ask(conn, "reset")
    app.sync_once(tier="near")  # a quiet run of the coming days, then a quiet full one: the steady state
    quiet_near = ask(conn, "facts")
    ask(conn, "reset")
    app.sync_once()
    quiet_full = ask(conn, "facts")
    latencies: dict[str, list[float]] = {}
    pending: list[str] = []
    for at, kind, appointment in facts["changes"]:
        target = event_id("doctolib", appointment)
        after = [t for t, _k, eid in facts["write_log"] if eid == target and t >= at]
        if after:
            latencies.setdefault(kind, []).append(min(after) - at)
        else:
            pending.append(kind)
    near = [value for kind in NEAR_KINDS for value in latencies.get(kind, [])]
    minutes = elapsed / 60
    return {
        "seconds": elapsed,
        "runs": {tier: runs.tiers.count(tier) for tier in sorted(set(runs.tiers))},
        "failed_runs": runs.failed,
        "changes": len(facts["changes"]),
        "near_changes": len(near),
        "near_worst_s": max(near) if near else None,
        "near_median_s": statistics.median(near) if near else None,
        "later_latencies_s": latencies.get("move-next-month", []),
        "pending": pending,
        "doctolib_per_min": facts["doctolib_requests"] / minutes,
        "doctolib_counts": facts["doctolib_counts"],
        "google_calls_per_min": facts["google_calls"] / minutes,
        "google_counts": {k: v for k, v in facts["google_counts"].items() if k.startswith(("events.", "calendars."))},
        "refused": facts["refused"],
        "full_read_requests": baseline,
        "before_per_min": baseline / 5,
        "quiet_near": (quiet_near["doctolib_requests"], quiet_near["google_calls"]),
        "quiet_full": (quiet_full["doctolib_requests"], quiet_full["google_calls"]),
        "steady_doctolib_per_min": _per_minute(quiet_near["doctolib_requests"], quiet_full["doctolib_requests"]),
        "steady_google_per_min": _per_minute(quiet_near["google_calls"], quiet_full["google_calls"]),
    }
