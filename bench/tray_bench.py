"""Tray app in demo mode: start-to-tray time, then memory and CPU while it sits idle (syncing every 30 s).

    python bench/tray_bench.py [--seconds 60] [--runs 3]

Each run starts a fresh process (``calmedi --demo``'s own entry point, ``ui.app.main(demo=True)``) on Qt's
offscreen platform, or on the X display in $DISPLAY with --xcb (e.g. under ``xvfb-run``). "Start to tray" is
from the process spawn to the first turn of the event loop, when the tray (or, with no tray host, the window
that replaces it) is up. Then /proc is sampled every second: resident memory and CPU time. Linux only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from calmedi_desktop.ui import app as ui_app
seconds = float(sys.argv[1])
def ready():
    print("READY", flush=True)
    QTimer.singleShot(int(seconds * 1000), QApplication.quit)
QTimer.singleShot(0, ready)
sys.exit(ui_app.main(demo=True))
"""
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def rss_mib(pid: int) -> float:
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE / 2**20


def one_run(seconds: float, xcb: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="calmedi-bench-") as home:
        env = dict(os.environ)
        env.update(
            HOME=home,
            XDG_CONFIG_HOME=f"{home}/config",
            XDG_DATA_HOME=f"{home}/data",
            XDG_STATE_HOME=f"{home}/state",
            XDG_CACHE_HOME=f"{home}/cache",
            XDG_RUNTIME_DIR=home,
            TMPDIR=home,
            QT_QPA_PLATFORM="xcb" if xcb else "offscreen",
            PYTHON_KEYRING_BACKEND="calmedi_desktop.demo.memory_keyring.MemoryKeyring",
        )
        if not xcb:
            env.setdefault("DISPLAY", ":0")  # demo mode wants "a display"; offscreen needs none
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(seconds)], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        assert child.stdout is not None
        line = child.stdout.readline().decode().strip()
        start_to_tray = time.perf_counter() - started
        if line != "READY":
            child.kill()
            raise SystemExit(f"the tray app did not start (got {line!r})")
        cpu_start, wall_start = cpu_seconds(child.pid), time.perf_counter()
        memory = []
        while child.poll() is None and time.perf_counter() - wall_start < seconds - 0.5:
            memory.append(rss_mib(child.pid))
            cpu_end, wall_end = cpu_seconds(child.pid), time.perf_counter()
            time.sleep(1.0)
        child.wait(timeout=30)
        return {
            "start_to_tray_s": start_to_tray,
            "rss_start_mib": memory[0],
            "rss_end_mib": memory[-1],
            "rss_max_mib": max(memory),
            "cpu_percent": 100 * (cpu_end - cpu_start) / max(wall_end - wall_start, 1e-9),
            "exit_code": float(child.returncode),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--xcb", action="store_true", help="use the X display in $DISPLAY (e.g. xvfb-run)")
    args = parser.parse_args()
    results = [one_run(args.seconds, args.xcb) for _ in range(args.runs)]
    print(f"tray app, demo mode, {args.runs} run(s) of {args.seconds:.0f} s idle, {'xcb' if args.xcb else 'offscreen'}")
    for key in ("start_to_tray_s", "rss_start_mib", "rss_end_mib", "rss_max_mib", "cpu_percent"):
        values = [r[key] for r in results]
        print(f"  {key:16} median {statistics.median(values):8.2f}   min {min(values):8.2f}   max {max(values):8.2f}")
    print(f"  exit codes       {[int(r['exit_code']) for r in results]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
