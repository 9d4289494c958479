"""What the Calendar view costs (run on demand, not a test): python bench/impact_bench.py [--appointments N]

Against both simulators in a child process (as bench/sync_bench.py, same per-request latency): after a first
sync, the wall time and Doctolib requests of counting a change before it applies (the facade's
settings_change_impact, which the settings window runs off the GUI thread), checked against what the next run
then writes; and the time of the sample day's redraw data (presentation_preview, on the GUI thread at every
edit). Medians of 5 counts and of 200 previews.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import tempfile
from pathlib import Path

from sync_bench import build_app, serve_simulators
from timing import median_seconds

CHANGES = {
    "a colour for one agenda": {"events.colors.agendas": "4712=tomato"},
    "pop-ups 60 and 10 min, first of the day": {
        "events.reminders": "popup",
        "events.reminder_minutes": "60,10",
        "events.first_of_day_minutes": "60",
    },
    "hide unconfirmed appointments": {"filters.show_unconfirmed": "no"},
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
    print(f"appointments in the simulator: {info['appointments']}; latency per request: {args.latency * 1000:.0f} ms")
    with tempfile.TemporaryDirectory(prefix="calmedi-bench-") as home:
        app = build_app(info, Path(home))
        first = app.sync_once()
        print(f"first sync: {first.created} events in {first.duration_s:.1f} s")
        for label, change in CHANGES.items():
            parent.send(("reset", None))
            parent.recv()
            impact = app.settings_change_impact(change)
            parent.send(("counts", None))
            _, google_http, doctolib_counts = parent.recv()
            seconds = median_seconds(lambda change=change: app.settings_change_impact(change), 5)
            app.set_settings(change)
            result = app.sync_once()
            written = (result.created, result.updated, result.deleted)
            counted = (impact["inserts"], impact["updates"], impact["deletes"])
            print(
                f"\n[{label}] count {seconds:.2f} s (median of 5), {sum(doctolib_counts.values())} Doctolib and "
                f"{google_http} Google requests; counted +{counted[0]} ~{counted[1]} -{counted[2]}, the next run "
                f"wrote +{written[0]} ~{written[1]} -{written[2]}: {'same' if counted == written else 'DIFFERENT'}"
            )
        agendas = app.doctolib_agendas()
        change = {"events.color_teleconsultation": "grape", "events.color_new_patient": "4"}
        preview = median_seconds(lambda: app.presentation_preview(change, agendas, "en"), 200)
        print(f"\nsample day for the preview: {preview * 1000:.2f} ms (median of 200)")
    parent.send(("stop", None))
    parent.recv()
    process.join()


if __name__ == "__main__":
    main()
