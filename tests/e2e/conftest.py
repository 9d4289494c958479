"""Both simulators on loopback and a CalMedi wired to them through the documented environment variables."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from calmedi_desktop import credentials
from calmedi_desktop.demo.doctolib_sim import DoctolibSim
from calmedi_desktop.demo.google_sim import GoogleSim
from calmedi_desktop.paths import write_private
from calmedi_desktop.service import CalMedi
from tests.caldav.dav_proxy import DavProxy
from tests.caldav.davkit import shared_radicale
from tests.e2e.caldav_kit import Dav

ABSENT = {"deleted", "canceled", "cancelled", "rescheduled", "suspended"}


@dataclass
class Sims:
    google: GoogleSim
    doctolib: DoctolibSim
    env: dict[str, str]


@pytest.fixture
def sims(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Sims]:
    with GoogleSim() as google, DoctolibSim(seed=7) as doctolib:
        client_file = tmp_path / "client" / "google-client.json"
        write_private(client_file, json.dumps(google.client_config()).encode())
        env = {
            "CALMEDI_GOOGLE_API_URL": google.url,
            "CALMEDI_GOOGLE_REVOKE_URL": google.revoke_url,
            "CALMEDI_GOOGLE_CLIENT_FILE": str(client_file),
            "CALMEDI_DOCTOLIB_URL": doctolib.url,
            "CALMEDI_DOCTOLIB_ISSUER": doctolib.url,
            "CALMEDI_LICENCE_URL": "http://127.0.0.1:9",
        }
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        yield Sims(google, doctolib, env)


@pytest.fixture
def app(sims: Sims) -> CalMedi:
    """A CalMedi whose both accounts are connected (tokens issued by the simulators, kept in memory)."""
    calmedi = CalMedi()
    calmedi.store.set(credentials.GOOGLE, sims.google.issue_refresh_token())
    calmedi.store.set(credentials.DOCTOLIB, sims.doctolib.issue_refresh_token())
    return calmedi


@pytest.fixture
def dav() -> Iterator[Dav]:
    """A fresh account on the run's Radicale, reached through a counting proxy."""
    server = shared_radicale()
    with DavProxy(server.url) as proxy:
        user, password = server.add_user()
        yield Dav(server, proxy, user, password)


@pytest.fixture
def doctolib_only(sims: Sims) -> CalMedi:
    """Doctolib connected, no destination yet: a practitioner who never used Google."""
    calmedi = CalMedi()
    calmedi.store.set(credentials.DOCTOLIB, sims.doctolib.issue_refresh_token())
    return calmedi


def expected_ids(doctolib: DoctolibSim, now: datetime | None = None, past: int = 7, future: int = 90) -> set[str]:
    """Appointment ids the contract says must be in Google, computed from the simulator's own data."""
    now = now or datetime.now(UTC)
    start, end = now - timedelta(days=past), now + timedelta(days=future)
    real_agendas = {a["id"] for a in doctolib.agendas if not a.get("is_template")}
    return {
        a.id
        for a in doctolib.appointments.values()
        if a.status not in ABSENT and start <= a.start < end and set(a.agenda_ids) & real_agendas
    }


def live_events(google: GoogleSim, calendar_id: str) -> list[dict[str, Any]]:
    return [e for e in google.events(calendar_id) if e.get("status") != "cancelled"]
