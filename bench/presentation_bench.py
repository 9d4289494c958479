"""Presentation benchmark (run on demand, not a test): python bench/presentation_bench.py [--appointments N]

What reminders, colours, locations, filters and the first-of-day reminder cost a run on its own (no network):
building the desired events for N appointments over 97 days with the defaults and with everything on, and
counting the impact of a colour change (two builds). Prints the median of 5 runs of each, and peak memory.
"""

from __future__ import annotations

import argparse
import random
import tracemalloc
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from timing import median_seconds

from calmedi_desktop.sync.impact import impact_of
from calmedi_desktop.sync.model import Appointment, Kind
from calmedi_desktop.sync.presentation import Presentation
from calmedi_desktop.sync.runner import RunOptions, build_desired

PARIS = ZoneInfo("Europe/Paris")
START = datetime(2026, 11, 1, tzinfo=PARIS)
END = START + timedelta(days=97)
EVERYTHING = Presentation(
    reminders="popup",
    reminder_minutes=(60, 10),
    first_of_day_minutes=60,
    agenda_colors={4711: "9", 4712: "11"},
    color_teleconsultation="7",
    color_new_patient="4",
)  # filters left off so that both builds cover every appointment


def appointments(count: int) -> list[Appointment]:
    rng = random.Random(3)
    made = []
    for n in range(count):
        start = (START + timedelta(days=rng.randrange(97))).replace(hour=rng.randint(8, 18), minute=rng.choice((0, 20)))
        made.append(
            Appointment(
                source="doctolib",
                source_id=f"bench-{n:06d}",
                start=start,
                end=start + timedelta(minutes=20),
                timezone="Europe/Paris",
                tentative=n % 12 == 0,
                kind=Kind.TELECONSULTATION if n % 5 == 2 else Kind.CONSULTATION,
                patient_name="Jean Dupont",
                location="Cabinet Voltaire, 12 rue Voltaire, 75011 Paris",
                agenda_id=4711 if n % 2 else 4712,
                visit_motive_id=12 + n % 4,
                new_patient=n % 5 == 0,
                awaiting_confirmation=n % 12 == 0,
            )
        )
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--appointments", type=int, default=5000)
    args = parser.parse_args()
    items = appointments(args.appointments)
    plain, shaped = RunOptions(), RunOptions(presentation=EVERYTHING)
    recoloured = RunOptions(presentation=replace(EVERYTHING, agenda_colors={4711: "3"}))
    print(f"{len(items)} appointments over 97 days")
    print(f"build, defaults:       {median_seconds(lambda: build_desired(items, START, END, plain)) * 1000:7.1f} ms")
    print(f"build, everything on:  {median_seconds(lambda: build_desired(items, START, END, shaped)) * 1000:7.1f} ms")
    counted = impact_of(items, START, END, shaped, recoloured)
    seconds = median_seconds(lambda: impact_of(items, START, END, shaped, recoloured))
    print(f"impact of a colour change: {seconds * 1000:7.1f} ms ({counted.updates} updates)")
    tracemalloc.start()
    build_desired(items, START, END, shaped)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"peak traced memory of one build: {peak / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
