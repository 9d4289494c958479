"""Demo mode: both simulators on loopback, a throwaway home, an in-memory keyring, both accounts connected.

Nothing touches the practitioner's real settings, keyring or Google account; the temporary home is deleted
on exit. The Doctolib simulator keeps inventing bookings, moves and cancellations while CalMedi syncs; every
third change is a booking for later today (or tomorrow morning), which the tray's run of the coming days puts
in the demo calendar within a minute.

This module never starts the UI: the tray app takes a ``DemoEnvironment`` (``ui/app.py``), the command line
decides between the tray and ``run_headless`` (``cli.py``).
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

from calmedi_desktop import credentials
from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.demo.looks import demo_looks
from calmedi_desktop.demo.memory_keyring import MemoryKeyring
from calmedi_desktop.endpoints import Endpoints
from calmedi_desktop.errors import CalmediError
from calmedi_desktop.i18n import tr
from calmedi_desktop.paths import AppPaths

UNREACHABLE_LICENCE_SERVER = "http://127.0.0.1:9"  # demo runs on the free trial; refresh fails fast


@dataclass(frozen=True)
class SimulatorAccess:
    """What a CalMedi needs to reach running simulators (they may live in another process: the benchmark)."""

    google_url: str
    google_revoke_url: str
    google_client_config: dict[str, Any]
    google_refresh_token: str
    doctolib_url: str
    doctolib_refresh_token: str


def simulator_endpoints(google_url: str, google_revoke_url: str, doctolib_url: str) -> Endpoints:
    """Where a CalMedi finds the two simulators; the licence server is left unreachable (free trial)."""
    return Endpoints(
        google_api=google_url,
        google_revoke=google_revoke_url,
        google_client_file=None,
        doctolib_api=doctolib_url,
        doctolib_issuer=doctolib_url,
        doctolib_client_id=Endpoints.from_env().doctolib_client_id,
        licence=UNREACHABLE_LICENCE_SERVER,
    )


def connected_app(home: Path, access: SimulatorAccess) -> Any:
    """A CalMedi living in ``home`` with an in-memory keyring, both accounts signed in to the simulators."""
    from calmedi_desktop.service import CalMedi

    paths = AppPaths(*(home / name for name in ("config", "data", "state", "cache", "log")))
    endpoints = simulator_endpoints(access.google_url, access.google_revoke_url, access.doctolib_url)
    store = CredentialStore(MemoryKeyring())
    app = CalMedi(paths, store=store, endpoints=endpoints, google_client_config=access.google_client_config)
    store.set(credentials.GOOGLE, access.google_refresh_token)
    store.set(credentials.DOCTOLIB, access.doctolib_refresh_token)
    return app


def book_soon(doctolib: Any, rng: random.Random, now: datetime | None = None) -> str:
    """Book an appointment in the coming hours, in the practice's opening hours: later today, or tomorrow."""
    from zoneinfo import ZoneInfo

    agenda = next(a for a in doctolib.agendas if not a.get("is_template"))
    zone = ZoneInfo(agenda["timezone"])
    local = (now or datetime.now(UTC)).astimezone(zone)
    start = local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=rng.randint(1, 3))
    if start.hour >= 19 or start.date() != local.date():
        start = (local + timedelta(days=1)).replace(hour=rng.randint(8, 11), minute=0, second=0, microsecond=0)
    return str(doctolib.book(start, start + timedelta(minutes=20), agenda_ids=[int(agenda["id"])]))


class DemoEnvironment:
    def __init__(self, seed: int = 0, latency: float = 0.01, mutation_period: float = 5.0) -> None:
        self.seed = seed
        self.latency = latency
        self.mutation_period = mutation_period
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.home: Path | None = None
        self.app: Any = None

    def __enter__(self) -> DemoEnvironment:
        from calmedi_desktop.demo.doctolib_sim import DoctolibSim
        from calmedi_desktop.demo.google_sim import GoogleSim

        self.home = Path(tempfile.mkdtemp(prefix="calmedi-demo-"))
        self.google = GoogleSim(latency=self.latency, seed=self.seed).start()
        self.doctolib = DoctolibSim(seed=self.seed, latency=self.latency, marked_motives=False).start()
        self.app = connected_app(
            self.home,
            SimulatorAccess(
                google_url=self.google.url,
                google_revoke_url=self.google.revoke_url,
                google_client_config=self.google.client_config(),
                google_refresh_token=self.google.issue_refresh_token(),
                doctolib_url=self.doctolib.url,
                doctolib_refresh_token=self.doctolib.issue_refresh_token(),
            ),
        )
        self.app.accounts._mark_connected("google")
        self.app.accounts._mark_connected("doctolib", practitioner=self.doctolib.practitioner_name)
        real_agendas = [int(a["id"]) for a in self.doctolib.agendas if not a.get("is_template")]
        self.app.set_settings(demo_looks(real_agendas))  # colours and reminders to show (demo/looks.py)
        return self

    def start_mutations(self) -> None:
        rng = random.Random(self.seed)

        def mutate() -> None:
            count = 0
            while not self._stop.wait(self.mutation_period):
                count += 1
                if count % 3 == 0:
                    book_soon(self.doctolib, rng)
                else:
                    self.doctolib.random_mutation(rng)

        thread = threading.Thread(target=mutate, name="calmedi-demo-mutations", daemon=True)
        thread.start()
        self._threads.append(thread)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=2)
        self.google.stop()
        self.doctolib.stop()
        MemoryKeyring.clear()
        if self.home is not None:
            shutil.rmtree(self.home, ignore_errors=True)


def run_headless(cycles: int, interval: float) -> int:
    """Sync in the terminal: ``cycles`` runs (0 = until Ctrl-C), printing one summary line each."""
    print(tr("demo.headless_intro"), file=sys.stderr, flush=True)
    failures = 0
    with DemoEnvironment() as demo:
        demo.start_mutations()
        count = 0
        try:
            while cycles == 0 or count < cycles:
                count += 1
                try:
                    result = demo.app.sync_once()
                    print(tr("sync.summary", **result.summary()), flush=True)
                except CalmediError as exc:
                    failures += 1
                    print(f"calmedi: {exc.title}: {exc.message}", file=sys.stderr, flush=True)
                if cycles == 0 or count < cycles:
                    time.sleep(interval)
        except KeyboardInterrupt:
            pass
    return 1 if failures else 0
