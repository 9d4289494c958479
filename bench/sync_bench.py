"""Sync benchmark (run on demand, not a test): python bench/sync_bench.py [--appointments N] [--latency S]

For N appointments and a simulated per-request latency, prints for an initial sync, a no-change sync and a
1 %-changed sync: Google HTTP requests by kind, Doctolib requests, wall time and peak memory of CalMedi.
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

WRITE_KINDS = ("insert", "update", "patch", "delete")


def serve_simulators(conn: Connection, appointments: int, latency: float) -> None:
    from calmedi_desktop.demo.doctolib_sim import DoctolibSim
    from calmedi_desktop.demo.google_sim import GoogleSim

    with (
        GoogleSim(latency=latency) as google,
        DoctolibSim(seed=3, latency=latency, per_agenda=appointments // 2) as doc,
    ):
        access = {
            "google_url": google.url,
            "google_revoke_url": google.revoke_url,
            "google_client_config": google.client_config(),
            "google_refresh_token": google.issue_refresh_token(),
            "doctolib_url": doc.url,
            "doctolib_refresh_token": doc.issue_refresh_token(),
        }
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
    parser.add_argument("--appointments", type=int, default=5000)
    parser.add_argument("--latency", type=float, default=0.030)
    args = parser.parse_args()

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
