"""Helpers to point the real Google client at a GoogleSim: endpoints, credentials, appointments, a recorded sleep."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from google.oauth2.credentials import Credentials

from calmedi_desktop.demo.google_sim import GoogleSim
from calmedi_desktop.endpoints import Endpoints
from calmedi_desktop.privacy.redaction import desired_event
from calmedi_desktop.sync.eventid import TAG_KEY
from calmedi_desktop.sync.model import Appointment, DesiredEvent, Kind
from calmedi_desktop.sync.quota import QuotaGovernor
from calmedi_desktop.sync.retry import RetryPolicy
from calmedi_desktop.sync.targets.google import GoogleTarget
from calmedi_desktop.sync.targets.google_auth import credentials_from_refresh_token

TZ = "Europe/Paris"
BASE = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo(TZ))
WINDOW = (BASE - timedelta(days=7), BASE + timedelta(days=90))
FAST = RetryPolicy(attempts=4, base=0.01, cap=0.05)


class Sleeps(list[float]):
    """A sleep that records instead of waiting: backoff costs nothing and can be asserted."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def sim_endpoints(sim: GoogleSim) -> Endpoints:
    return dataclasses.replace(
        Endpoints.from_env(), google_api=sim.url, google_revoke=sim.revoke_url, google_client_file=None
    )


def sim_credentials(sim: GoogleSim, refresh_token: str | None = None) -> Credentials:
    return credentials_from_refresh_token(refresh_token or sim.issue_refresh_token(), sim.client_config())


def fresh_governor() -> QuotaGovernor:
    """The quota governor of an account whose calls start now (waits recorded, not slept)."""
    return QuotaGovernor(sleep=Sleeps())


def sim_target(
    sim: GoogleSim, calendar_id: str, sleep: Sleeps | None = None, policy: RetryPolicy = FAST, **kwargs: Any
) -> GoogleTarget:
    return GoogleTarget(
        sim_credentials(sim),
        sim_endpoints(sim),
        calendar_id,
        policy=policy,
        sleep=Sleeps() if sleep is None else sleep,
        **kwargs,
    )


def appointment(
    n: int, *, hours: float = 0, minutes: int = 20, name: str = "Jean Dupont", at: datetime | None = None, **kw: Any
) -> Appointment:
    """Appointment number ``n``: on day ``n % 60`` after BASE unless ``at`` says when."""
    start = at or BASE + timedelta(days=n % 60, hours=hours + (n // 60))
    return Appointment(
        source="doctolib",
        source_id=f"apt-{n}",
        start=start,
        end=start + timedelta(minutes=minutes),
        timezone=TZ,
        kind=kw.pop("kind", Kind.CONSULTATION),
        patient_name=name,
        **kw,
    )


def desired(n: int, level: str = "full", **kw: Any) -> DesiredEvent:
    return desired_event(appointment(n, **kw), level)


def tagged(body: dict[str, Any]) -> bool:
    return ((body.get("extendedProperties") or {}).get("private") or {}).get(TAG_KEY) == "1"


def foreign_body(event_id: str, start: datetime, minutes: int = 60, **extra: Any) -> dict[str, Any]:
    end = start + timedelta(minutes=minutes)
    return {
        "id": event_id,
        "summary": "Dentist (personal)",
        "start": {"dateTime": start.isoformat(), "timeZone": TZ},
        "end": {"dateTime": end.isoformat(), "timeZone": TZ},
        **extra,
    }
