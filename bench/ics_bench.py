"""ICS feed benchmark (run on demand, not a test): python bench/ics_bench.py [--events N] [--days D]

Generates a practice-like feed of N VEVENTs (default 5,000): single appointments over two years of history and
six months ahead, weekly series with EXDATEs, and RECURRENCE-ID overrides (moved and cancelled instances),
every event carrying a DESCRIPTION, an ATTENDEE and a LOCATION that CalMedi must drop. A child process serves
it on 127.0.0.1 with an ETag, so the memory figures are CalMedi's alone. Prints, for a D-day window (default
97: 7 days back, 90 ahead) and for a window covering the whole feed: download, parse and expansion times, the
304 path, and peak memory (tracemalloc for the read, ru_maxrss for the process).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import resource
import sys
import time
import tracemalloc
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PARIS = ZoneInfo("Europe/Paris")
FIRST = ["Jean", "Marie", "Pierre", "Sophie", "Luc", "Camille", "Hugo", "Léa", "Paul", "Inès"]
LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"]


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def make_feed(events: int, today: datetime, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    series_count = max(1, events * 3 // 100)  # 3 % weekly series, as many overrides
    singles = events - 2 * series_count
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//CalMedi bench//EN", "X-WR-TIMEZONE:Europe/Paris"]

    def details(n: int) -> list[str]:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        return [
            f"SUMMARY:{name}",
            f"DESCRIPTION:Motif : suivi n°{n}. Tél. 06 12 34 56 {n % 100:02d}. Antécédents : néant.",
            f"ATTENDEE;CN={name};ROLE=REQ-PARTICIPANT:mailto:patient{n}@example.org",
            f"LOCATION:{n % 90 + 1} rue des Lilas\\, 69003 Lyon",
            f"DTSTAMP:{_stamp(today)}Z",
        ]

    first_day = today - timedelta(days=730)
    for n in range(singles):
        day = first_day + timedelta(days=rng.randrange(910))
        start = day.replace(hour=rng.randrange(8, 19), minute=rng.choice((0, 15, 30, 45)))
        lines += ["BEGIN:VEVENT", f"UID:single-{n}@bench", f"DTSTART;TZID=Europe/Paris:{_stamp(start)}"]
        lines += [f"DTEND;TZID=Europe/Paris:{_stamp(start + timedelta(minutes=20))}", *details(n)]
        if n % 17 == 0:
            lines.append("STATUS:TENTATIVE")
        lines.append("END:VEVENT")
    for n in range(series_count):
        start = (today - timedelta(days=rng.randrange(365))).replace(hour=rng.randrange(8, 18), minute=0)
        uid = f"series-{n}@bench"
        excluded = start + timedelta(weeks=rng.randrange(1, 40))
        lines += ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTART;TZID=Europe/Paris:{_stamp(start)}"]
        lines += [f"DTEND;TZID=Europe/Paris:{_stamp(start + timedelta(minutes=30))}", "RRULE:FREQ=WEEKLY;COUNT=60"]
        lines += [f"EXDATE;TZID=Europe/Paris:{_stamp(excluded)}", *details(n), "END:VEVENT"]
        original = start + timedelta(weeks=rng.randrange(1, 59))
        moved = original + timedelta(days=1, hours=1)
        lines += ["BEGIN:VEVENT", f"UID:{uid}", f"RECURRENCE-ID;TZID=Europe/Paris:{_stamp(original)}"]
        lines += [f"DTSTART;TZID=Europe/Paris:{_stamp(moved)}", "DURATION:PT30M", *details(n)]
        lines += ["STATUS:CANCELLED" if n % 4 == 0 else "STATUS:CONFIRMED", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def serve(conn: Connection, body: bytes) -> None:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.headers.get("If-None-Match") == '"bench"':
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", '"bench"')
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    conn.send(server.server_address[1])
    server.serve_forever()


def _read(url: str, start: datetime, end: datetime, traced: bool) -> tuple[Any, int, float, int]:
    from calmedi_desktop.sync.sources.ics import IcsSource

    source = IcsSource("bench", url)
    if traced:
        tracemalloc.start()
    began = time.perf_counter()
    found = source.fetch(start, end)
    total = time.perf_counter() - began
    peak = tracemalloc.get_traced_memory()[1] if traced else 0
    tracemalloc.stop()
    return source, len(found), total, peak


def measure(url: str, start: datetime, end: datetime, label: str, repeat: int) -> None:
    # Timed without tracemalloc (it slows allocation-heavy code several times), best of ``repeat``; then traced.
    runs = [_read(url, start, end, traced=False) for _ in range(repeat)]
    source, count, total, _ = min(runs, key=lambda run: run[2])
    stats = source.stats
    rest = total - stats.last_fetch_s - stats.last_parse_s - stats.last_expand_s
    print(f"\n{label}: [{start:%Y-%m-%d}, {end:%Y-%m-%d}) → {count} appointments (best of {repeat})")
    print(f"  feed: {stats.last_events} VEVENTs, {stats.last_skipped} skipped before parsing (outside the range)")
    print(f"  download {stats.last_fetch_s * 1000:7.1f} ms  ({stats.last_raw_bytes / 1e6:.2f} MB on loopback)")
    print(f"  parse    {stats.last_parse_s * 1000:7.1f} ms  (scan + icalendar + checks)")
    print(f"  expand   {stats.last_expand_s * 1000:7.1f} ms  (series over the parsed range, recurring-ical-events)")
    print(f"  window   {rest * 1000:7.1f} ms  (instances in the window → Appointments)")
    print(f"  total    {total * 1000:7.1f} ms")
    cached = []
    for _ in range(repeat):
        began = time.perf_counter()
        again = source.fetch(start, end)
        cached.append(time.perf_counter() - began)
        assert len(again) == count and stats.parses == 1
    print(f"  304 path {min(cached) * 1000:7.1f} ms  (request + window filter on the kept parse, no parsing)")
    _, _, _, peak = _read(url, start, end, traced=True)
    print(f"  peak traced memory of a full read: {peak / 1e6:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--days", type=int, default=97, help="window length: 7 days back, the rest ahead")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per case (the best is shown)")
    args = parser.parse_args()

    today = datetime.now(PARIS).replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    body = make_feed(args.events, today)
    print(f"feed: {args.events} VEVENTs, {len(body) / 1e6:.2f} MB")
    parent, child = mp.Pipe()
    server = mp.get_context("spawn").Process(target=serve, args=(child, body), daemon=True)
    server.start()
    url = f"http://127.0.0.1:{parent.recv()}/feed.ics"
    del body
    try:
        now = today.replace(tzinfo=PARIS)
        window = (now - timedelta(days=7), now + timedelta(days=args.days - 7))
        measure(url, *window, f"{args.days}-day window", args.repeat)
        measure(url, now - timedelta(days=740), now + timedelta(days=190), "whole feed", args.repeat)
    finally:
        server.terminate()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"\nprocess peak RSS (ru_maxrss): {rss / 1024:.0f} MB (Python, httpx, icalendar included)")


if __name__ == "__main__":
    main()
