"""Fixtures for the Doctolib side: a simulator on loopback, endpoints pointing at it, auth and source factories."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from calmedi_desktop import credentials
from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.demo.doctolib_sim import DoctolibSim
from calmedi_desktop.demo.doctolib_sim_data import ABSENT, SimAppointment
from calmedi_desktop.endpoints import DOCTOLIB_CLIENT_ID, Endpoints
from calmedi_desktop.sync.retry import RetryPolicy
from calmedi_desktop.sync.sources.doctolib import DoctolibSource
from calmedi_desktop.sync.sources.doctolib_auth import DoctolibAuth

NOW = datetime(2026, 10, 15, 8, 0, tzinfo=UTC)
FAST = RetryPolicy(attempts=4, base=0.01, cap=0.05)


def endpoints_for(api: str, issuer: str | None = None) -> Endpoints:
    return Endpoints(
        google_api="http://127.0.0.1:9/",
        google_revoke="http://127.0.0.1:9/revoke",
        google_client_file=None,
        doctolib_api=api,
        doctolib_issuer=issuer or api,
        doctolib_client_id=DOCTOLIB_CLIENT_ID,
        licence="http://127.0.0.1:9",
    )


@pytest.fixture
def sim() -> Iterator[DoctolibSim]:
    with DoctolibSim(seed=7, now=NOW) as server:
        yield server


@pytest.fixture
def endpoints(sim: DoctolibSim) -> Endpoints:
    return endpoints_for(sim.url)


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def make_auth(
    endpoints: Endpoints, memory_store: CredentialStore, sleeps: list[float]
) -> Iterator[Callable[..., DoctolibAuth]]:
    made: list[DoctolibAuth] = []

    def make(**kwargs: Any) -> DoctolibAuth:
        kwargs.setdefault("policy", FAST)
        kwargs.setdefault("sleep", sleeps.append)
        auth = DoctolibAuth(kwargs.pop("endpoints", endpoints), kwargs.pop("store", memory_store), **kwargs)
        made.append(auth)
        return auth

    yield make
    for auth in made:
        auth.close()


@pytest.fixture
def connected(sim: DoctolibSim, memory_store: CredentialStore) -> str:
    """A stored refresh token, as after a sign-in."""
    token = sim.issue_refresh_token()
    memory_store.set(credentials.DOCTOLIB, token)
    return token


@pytest.fixture
def make_source(
    make_auth: Callable[..., DoctolibAuth], endpoints: Endpoints, sleeps: list[float], connected: str
) -> Iterator[Callable[..., DoctolibSource]]:
    made: list[DoctolibSource] = []

    def make(**kwargs: Any) -> DoctolibSource:
        auth = kwargs.pop("auth", None) or make_auth()
        kwargs.setdefault("policy", FAST)
        kwargs.setdefault("sleep", sleeps.append)
        source = DoctolibSource(auth, kwargs.pop("endpoints", endpoints), **kwargs)
        made.append(source)
        return source

    yield make
    for source in made:
        source.close()


@pytest.fixture
def source_for(
    make_auth: Callable[..., DoctolibAuth], make_source: Callable[..., DoctolibSource], memory_store: CredentialStore
) -> Callable[..., DoctolibSource]:
    """A connected source reading another simulator than the default one."""

    def make(server: DoctolibSim, **kwargs: Any) -> DoctolibSource:
        memory_store.set(credentials.DOCTOLIB, server.issue_refresh_token())
        other = endpoints_for(server.url)
        return make_source(endpoints=other, auth=make_auth(endpoints=other), **kwargs)

    return make


def expected(
    sim: DoctolibSim, start: datetime, end: datetime, agenda_ids: list[int] | None = None
) -> dict[str, tuple[dict[str, Any], SimAppointment]]:
    """What the contract says a read of [start, end) returns, computed from the simulator's own state."""
    out: dict[str, tuple[dict[str, Any], SimAppointment]] = {}
    seen: set[str] = set()
    items = sorted(sim.appointments.values(), key=lambda a: (a.start, a.id))
    for agenda in sim.agendas:
        if agenda["is_template"] or (agenda_ids and agenda["id"] not in agenda_ids):
            continue
        for item in items:
            if agenda["id"] in item.agenda_ids and item.id not in seen:
                seen.add(item.id)
                if item.status not in ABSENT and start <= item.start < end:
                    out[item.id] = (agenda, item)
    return out


class EventLog:
    """Orders keyring writes and outgoing requests on one timeline (rotation tests)."""

    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []

    def hook(self, request: httpx.Request) -> None:
        self.events.append(("request", request.headers.get("Authorization", "")))


class RecordingStore(CredentialStore):
    def __init__(self, log: EventLog, fail_sets: int = 0) -> None:
        from calmedi_desktop.demo.memory_keyring import MemoryKeyring

        super().__init__(MemoryKeyring())
        self.log = log
        self.fail_sets = fail_sets

    def set(self, name: str, secret: str) -> None:
        if self.fail_sets:
            self.fail_sets -= 1
            from calmedi_desktop.errors import KeyringLockedError

            raise KeyringLockedError("test: locked")
        super().set(name, secret)
        self.log.events.append(("store", secret))
