"""Sync benchmark (run on demand, not a test): python bench/sync_bench.py [--scenario S] [options]

``--scenario latency`` (the default, ``--appointments N --latency S``): for N appointments and a simulated
per-request latency, prints for an initial sync, a no-change sync and a 1 %-changed sync: Google HTTP requests
by kind, Doctolib requests, wall time and peak memory of CalMedi. The Google simulator has no quota here and
CalMedi is told its project has a raised quota (10,000 calls a minute): this scenario measures latency and
batching, not Google's per-user quota.

``--scenario quota`` and ``--scenario continuous`` (``--practice busy|light``, ``--seconds``): Google's
600-calls-a-minute quota and tiered sync, see pace_scenarios.py. ``--scenario all`` runs the three.
The simulators run in a child process so that the memory figures are CalMedi's alone.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import random
import resource
import tempfile
import time
import tracemalloc
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from pace_scenarios import PRACTICES, ask, continuous_scenario, quota_scenario, serve, simulator_access

WRITE_KINDS = ("insert", "update", "patch", "delete")


def serve_simulators(conn: Connection, appointments: int, latency: float) -> None:
    from calmedi_desktop.demo.doctolib_sim import DoctolibSim
    from calmedi_desktop.demo.google_sim import GoogleSim

    with (
        GoogleSim(latency=latency) as google,
        DoctolibSim(seed=3, latency=latency, per_agenda=appointments // 2) as doc,
    ):
        access = simulator_access(google, doc)
        conn.send({"access": access, "appointments": len(doc.appointments)})
        rng = random.Random(5)
        while True:
            command, arg = conn.recv()
            if command == "counts":
                conn.send((dict(google.counts), google.http_requests, dict(doc.counts)))
            elif command == "reset":
                google.reset_counts()
                doc.counts.clear()
                conn.send(None)
            elif command == "mutate":
                changed = 0
                ids = sorted(doc.appointments)
                for appointment_id in rng.sample(ids, arg):
                    item = doc.appointments[appointment_id]
                    doc.move(appointment_id, item.start.replace(minute=(item.start.minute + 5) % 60), item.end)
                    changed += 1
                conn.send(changed)
            elif command == "stop":
                conn.send(None)
                return


def build_app(info: dict[str, Any], home: Path) -> Any:
    from calmedi_desktop.demo.session import SimulatorAccess, connected_app

    app = connected_app(home, SimulatorAccess(**info["access"]))
    # The simulator spreads appointments over [now - 10 d, now + 120 d]: cover them all.
    app.set_setting("sync.past_days", 11)
    app.set_setting("sync.future_days", 121)
    app.set_setting("google.quota_per_minute", 10_000)  # a raised quota: this scenario is about latency
    return app


def measure(app: Any, conn: Connection, label: str) -> dict[str, Any]:
    conn.send(("reset", None))
    conn.recv()
    tracemalloc.start()
    began = time.perf_counter()
    result = app.sync_once(allow_mass_delete=False)
    wall = time.perf_counter() - began
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    conn.send(("counts", None))
    google_counts, google_http, doctolib_counts = conn.recv()
    return {
        "label": label,
        "summary": result.summary(),
        "wall_s": wall,
        "peak_traced_mib": peak / 2**20,
        "google_http": google_http,
        "google": {k: v for k, v in sorted(google_counts.items()) if v},
        "doctolib": {k: v for k, v in sorted(doctolib_counts.items()) if v},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", choices=("latency", "quota", "continuous", "all"), default="latency")
    parser.add_argument("--appointments", type=int, default=5000)
    parser.add_argument("--latency", type=float, default=0.030)
    parser.add_argument("--practice", choices=sorted(PRACTICES), default="busy")
    parser.add_argument("--seconds", type=float, default=300.0, help="length of the continuous scenario")
    args = parser.parse_args()
    if args.scenario in ("latency", "all"):
        latency_scenario(args)
    if args.scenario in ("quota", "all"):
        print_quota(run_paced(args, lambda app, conn: quota_scenario(app, conn)), args)
    if args.scenario in ("continuous", "all"):
        print_continuous(run_paced(args, lambda app, conn: continuous_scenario(app, conn, args.seconds)), args)


def run_paced(args: argparse.Namespace, scenario: Any) -> dict[str, Any]:
    """Simulators with Google's quota on, a CalMedi at its default settings, one scenario."""
    from calmedi_desktop.demo.session import SimulatorAccess, connected_app

    parent, child = mp.Pipe()
    context = mp.get_context("spawn")
    process = context.Process(target=serve, args=(child, PRACTICES[args.practice], args.latency, 600))
    process.start()
    access = parent.recv()
    try:
        with tempfile.TemporaryDirectory(prefix="calmedi-bench-") as home:
            return dict(scenario(connected_app(Path(home), SimulatorAccess(**access)), parent))
    finally:
        ask(parent, "stop")
        process.join()


def print_quota(row: dict[str, Any], args: argparse.Namespace) -> None:
    latency = f"{args.latency * 1000:.0f} ms"
    print(f"\n[quota] {args.practice} practice, Google quota 600 calls/min (60 s sliding window), {latency}")
    print(
        f"  first sync --once: {row['events']} events written, {row['failed']} failed, wall {row['wall_s']:.1f} s; "
        f"floor 60 s x (ceil(events/600) - 1) = {row['floor_s']:.0f} s, bound 1.5 x floor + 30 = {row['bound_s']:.0f} s"
    )
    print(
        f"  Google calls {row['google_calls']} in {row['google_http']} HTTP requests; refused by Google: "
        f"{row['refused']} (allowed: events/5 = {row['events'] // 5})"
    )
    print(
        f"  first event in Google after {row['first_write_s']:.1f} s; today complete after "
        f"{row['today_complete_s']:.1f} s; the coming week complete after {row['week_complete_s']:.1f} s"
    )


def print_continuous(row: dict[str, Any], args: argparse.Namespace) -> None:
    print(f"\n[continuous] {args.practice} practice, default pace (coming 7 days every 40 s, all every 15 min)")
    print(f"  {row['seconds']:.0f} s, runs {row['runs']}, failed runs {row['failed_runs']}, refused {row['refused']}")
    print(
        f"  {row['changes']} changes in Doctolib ({row['near_changes']} in the coming days): worst time to Google "
        f"{row['near_worst_s']:.1f} s, median {row['near_median_s']:.1f} s; next month's moves: "
        f"{[round(v, 1) for v in row['later_latencies_s']]} s, not yet in Google: {row['pending']}"
    )
    print(
        f"  Doctolib: {row['doctolib_per_min']:.1f} requests/min over the run ({row['doctolib_counts']}); "
        f"before tiered sync, a full read every 5 min: {row['full_read_requests']} requests = "
        f"{row['before_per_min']:.1f}/min"
    )
    print(f"  Google: {row['google_calls_per_min']:.1f} calls/min over the run ({row['google_counts']})")
    print(
        f"  quiet runs: near {row['quiet_near'][0]} Doctolib requests / {row['quiet_near'][1]} Google calls, "
        f"full {row['quiet_full'][0]} / {row['quiet_full'][1]}; steady state "
        f"{row['steady_doctolib_per_min']:.2f} Doctolib requests/min, "
        f"{row['steady_google_per_min']:.2f} Google calls/min"
    )


def latency_scenario(args: argparse.Namespace) -> None:
    parent, child = mp.Pipe()
    process = mp.get_context("spawn").Process(target=serve_simulators, args=(child, args.appointments, args.latency))
    process.start()
    info = parent.recv()
    rows = []
    with tempfile.TemporaryDirectory(prefix="calmedi-bench-") as home:
        app = build_app(info, Path(home))
        rows.append(measure(app, parent, "initial"))
        rows.append(measure(app, parent, "no-change"))
        parent.send(("mutate", max(1, args.appointments // 100)))
        parent.recv()
        rows.append(measure(app, parent, "1%-changed"))
    parent.send(("stop", None))
    parent.recv()
    process.join()

    n = info["appointments"]
    budget = math.ceil(n / 50) + math.ceil(n / 2500) + 10
    print(f"appointments in the simulator: {n}; latency per request: {args.latency * 1000:.0f} ms")
    print(f"budget for the initial sync: ceil(N/50) + ceil(N/2500) + 10 = {budget} Google HTTP requests")
    for row in rows:
        s = row["summary"]
        print(
            f"\n[{row['label']}] wall {row['wall_s']:.2f} s, peak traced memory {row['peak_traced_mib']:.1f} MiB; "
            f"created {s['created']} updated {s['updated']} deleted {s['deleted']} unchanged {s['unchanged']} "
            f"failed {s['failed']} held {s['held_deletes']}"
        )
        print(f"  Google HTTP requests: {row['google_http']}  by kind: {row['google']}")
        print(f"  Doctolib requests: {sum(row['doctolib'].values())}  by kind: {row['doctolib']}")
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nCalMedi process max RSS (interpreter and libraries included): {max_rss:.0f} MiB")
    initial = rows[0]["google_http"]
    no_change_writes = sum(v for k, v in rows[1]["google"].items() if k.split(".")[-1] in WRITE_KINDS)
    print(
        f"initial within budget: {initial <= budget} ({initial} <= {budget}); "
        f"no-change Google writes: {no_change_writes}"
    )


if __name__ == "__main__":
    main()
