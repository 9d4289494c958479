"""Fixtures for licence tests: localstripe and the licence server on 127.0.0.1, and a LicenceManager on them.

Reusable elsewhere: ``localstripe_url`` (a clean localstripe, restarted if a test stopped it),
``stripe_world`` (customers/plans/subscriptions), ``licence_server`` (a running server, see ``LicenceServer``)
and ``licence_manager`` (the app side pointed at it, with an in-memory keyring and a state file in tmp_path).
Everything binds loopback; localstripe's pickle lives in pytest's temp folder.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import stripe
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from calmedi_desktop.config import StateFile
from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.demo.memory_keyring import MemoryKeyring
from calmedi_desktop.i18n import set_language
from calmedi_desktop.licence import LicenceManager
from calmedi_licence_server import ServerSettings, create_app
from tests.licence.licence_harness import (
    MANAGE_URL,
    LicenceServer,
    LocalStripe,
    ServerThread,
    ShiftableClock,
    StripeWorld,
    free_socket,
)


@pytest.fixture(scope="session")
def localstripe(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStripe]:
    fake = LocalStripe(tmp_path_factory.mktemp("localstripe"))
    fake.start()
    yield fake
    fake.close()


@pytest.fixture
def localstripe_url(localstripe: LocalStripe) -> str:
    localstripe.start()  # a no-op unless the previous test stopped it
    localstripe.reset()
    return localstripe.url


@pytest.fixture
def stripe_world(localstripe_url: str) -> Iterator[StripeWorld]:
    http = stripe.HTTPXClient(allow_sync_methods=True)
    client = stripe.StripeClient(
        "sk_test_calmedi", base_addresses={"api": localstripe_url}, http_client=http, max_network_retries=0
    )
    yield StripeWorld(client)
    http.close()


@pytest.fixture(scope="session")
def signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def server_clock() -> ShiftableClock:
    return ShiftableClock()


@pytest.fixture
def app_clock() -> ShiftableClock:
    return ShiftableClock()


@pytest.fixture
def base_settings(localstripe_url: str, signing_key: Ed25519PrivateKey) -> ServerSettings:
    return ServerSettings(
        stripe_secret_key="sk_test_calmedi",
        signing_key=signing_key,
        key_secret=secrets.token_bytes(32),
        stripe_api_base=localstripe_url,
        token_lifetime=timedelta(days=7),
        manage_url=MANAGE_URL,
        rate_limit=100,
        rate_window_s=60,
        stripe_timeout_s=5,
        stripe_retries=0,
    )


@pytest.fixture
def start_licence_server(
    base_settings: ServerSettings, server_clock: ShiftableClock
) -> Iterator[Callable[..., LicenceServer]]:
    """Start a licence server with some settings changed (``rate_limit=3``…); stopped after the test."""
    started: list[ServerThread] = []

    def start(**overrides: Any) -> LicenceServer:
        settings = replace(base_settings, **overrides)
        thread = ServerThread(create_app(settings, clock=server_clock))
        started.append(thread)
        return LicenceServer(thread.start(), settings, thread)

    yield start
    for thread in started:
        thread.stop()


@pytest.fixture
def licence_server(start_licence_server: Callable[..., LicenceServer]) -> LicenceServer:
    return start_licence_server()


@pytest.fixture(autouse=True)
def _empty_memory_keyring() -> Iterator[None]:
    MemoryKeyring.clear()
    yield
    MemoryKeyring.clear()


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    set_language("en")
    yield
    set_language(None)


@pytest.fixture
def state_file(tmp_path: Path) -> StateFile:
    return StateFile(tmp_path / "state" / "state.json")


@pytest.fixture
def credential_store() -> CredentialStore:
    return CredentialStore(MemoryKeyring())


@pytest.fixture
def app_http() -> Iterator[httpx.Client]:
    # trust_env=False: a proxy configured on the test machine must not swallow loopback calls.
    with httpx.Client(trust_env=False, timeout=10) as client:
        yield client


@pytest.fixture
def make_manager(
    credential_store: CredentialStore,
    state_file: StateFile,
    signing_key: Ed25519PrivateKey,
    app_clock: ShiftableClock,
    app_http: httpx.Client,
) -> Callable[..., LicenceManager]:
    """A LicenceManager sharing this test's keyring, state file and clock; ``base_url`` is required."""

    def make(base_url: str, **overrides: Any) -> LicenceManager:
        options: dict[str, Any] = {"public_key": signing_key.public_key(), "clock": app_clock, "http": app_http}
        options.update(overrides)
        return LicenceManager(credential_store, state_file, base_url, **options)

    return make


@pytest.fixture
def licence_manager(make_manager: Callable[..., LicenceManager], licence_server: LicenceServer) -> LicenceManager:
    return make_manager(licence_server.url)


@pytest.fixture
def dead_url() -> str:
    """A loopback URL on which nothing listens (the port was bound, then released)."""
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}"
