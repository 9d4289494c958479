"""End to end on loopback: LicenceManager ↔ licence server (uvicorn) ↔ localstripe."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from calmedi_desktop.config import StateFile
from calmedi_desktop.credentials import LICENCE, CredentialStore
from calmedi_desktop.errors import LicenceError, LicenceRequiredError, NetworkError
from calmedi_desktop.licence import LicenceKeyRefusedError, LicenceManager
from calmedi_licence_server.keys import issue_key
from tests.licence.licence_harness import (
    MANAGE_URL,
    QUIET_THIRD_PARTY,
    LicenceServer,
    LocalStripe,
    ShiftableClock,
    StripeWorld,
)

pytestmark = QUIET_THIRD_PARTY


def subscribed_key(world: StripeWorld, server: LicenceServer) -> tuple[str, str, str]:
    customer = world.customer()
    subscription = world.subscribe(customer)
    return customer, subscription, server.issue_key(customer)


def test_activation_makes_the_licence_active_and_keeps_the_key_only_in_the_keyring(
    stripe_world: StripeWorld,
    licence_server: LicenceServer,
    licence_manager: LicenceManager,
    credential_store: CredentialStore,
    state_file: StateFile,
    make_manager: Callable[..., LicenceManager],
) -> None:
    customer, _, key = subscribed_key(stripe_world, licence_server)
    status = licence_manager.activate(key)

    assert status.state == "active" and status.sync_allowed
    assert status.subscription_status == "active"
    assert status.plan == "Mensuel"
    assert status.manage_url == MANAGE_URL
    assert status.customer is not None and status.customer.endswith(customer[-4:]) and customer not in status.customer
    assert status.valid_until is not None and status.valid_until > datetime.now(UTC) + timedelta(days=25)
    assert "Licence active (Mensuel)" in status.message

    assert credential_store.get(LICENCE) == key
    text = state_file.path.read_text()
    assert key not in text and "licence_token" in text
    assert stat.S_IMODE(state_file.path.stat().st_mode) == 0o600
    # A restarted app, offline, reaches the same verdict from what was stored.
    offline = make_manager("http://127.0.0.1:9").status()
    assert (offline.state, offline.plan) == ("active", "Mensuel")


def test_cancellation_is_seen_at_the_next_refresh(
    stripe_world: StripeWorld, licence_server: LicenceServer, licence_manager: LicenceManager
) -> None:
    _, subscription, key = subscribed_key(stripe_world, licence_server)
    assert licence_manager.activate(key).state == "active"
    stripe_world.cancel(subscription)
    assert licence_manager.status().state == "active"  # offline, the last token still speaks

    status = licence_manager.refresh()
    assert status.state == "expired" and not status.sync_allowed
    assert status.subscription_status == "canceled"
    assert status.reason == "subscription canceled"
    assert "cancelled" in status.message and "Nothing was deleted" in status.message
    assert status.manage_url == MANAGE_URL
    with pytest.raises(LicenceRequiredError) as caught:
        licence_manager.require_sync()
    assert "subscription cancelled" in caught.value.message


def test_a_customer_without_subscription_is_expired(
    stripe_world: StripeWorld, licence_server: LicenceServer, licence_manager: LicenceManager
) -> None:
    key = licence_server.issue_key(stripe_world.customer(with_card=False))
    status = licence_manager.activate(key)
    assert (status.state, status.subscription_status, status.sync_allowed) == ("expired", "none", False)


def test_server_down_inside_then_past_the_grace_period_then_back(
    stripe_world: StripeWorld,
    licence_server: LicenceServer,
    start_licence_server: Callable[..., LicenceServer],
    make_manager: Callable[..., LicenceManager],
    app_clock: ShiftableClock,
    server_clock: ShiftableClock,
    state_file: StateFile,
) -> None:
    _, _, key = subscribed_key(stripe_world, licence_server)
    manager = make_manager(licence_server.url)
    manager.activate(key)
    licence_server.stop()

    app_clock.advance(days=10)  # the 7-day token ran out 3 days ago
    status = manager.refresh()
    assert status.state == "grace" and status.sync_allowed
    assert status.days_left == 11
    assert "unreachable" in status.message and "11" in status.message
    assert state_file.load()["licence_last_error"] == "ConnectError"

    app_clock.advance(days=12)  # 14 days of grace are over
    status = manager.refresh()
    assert status.state == "expired" and not status.sync_allowed
    assert status.reason == "grace period over"

    # The server is back (same vendor secret, same signing key): the next refresh restores the licence.
    server_clock.advance(days=22)
    back = start_licence_server(key_secret=licence_server.settings.key_secret)
    assert make_manager(back.url).refresh().state == "active"


def test_unknown_or_forged_keys_are_refused_and_nothing_is_stored(
    licence_server: LicenceServer,
    licence_manager: LicenceManager,
    credential_store: CredentialStore,
    state_file: StateFile,
) -> None:
    forged = issue_key("cus_Forged12345678", b"not the vendor secret, but long enough")
    for key in (forged, "CALMEDI-HELLO-WORLD", forged[:-1] + ("A" if forged[-1] != "A" else "B")):
        with pytest.raises(LicenceKeyRefusedError) as caught:
            licence_manager.activate(key)
        assert "Licence key refused by the server" in caught.value.message
    with pytest.raises(LicenceKeyRefusedError) as caught:
        licence_manager.activate("   ")
    assert "not a CalMedi licence key" in caught.value.message

    assert credential_store.get(LICENCE) is None
    assert "licence_token" not in state_file.load()
    assert licence_manager.status().state == "trial"


def test_a_key_refused_at_refresh_makes_the_licence_invalid(
    stripe_world: StripeWorld, licence_server: LicenceServer, licence_manager: LicenceManager, state_file: StateFile
) -> None:
    customer, _, key = subscribed_key(stripe_world, licence_server)
    licence_manager.activate(key)
    stripe_world.client.v1.customers.delete(customer)

    status = licence_manager.refresh()
    assert status.state == "invalid" and not status.sync_allowed
    assert status.reason == "key refused by server"
    assert "refused by the server" in status.message
    assert "licence_token" not in state_file.load()


def test_stripe_unreachable_gives_503_and_the_app_keeps_its_token(
    localstripe: LocalStripe,
    stripe_world: StripeWorld,
    licence_server: LicenceServer,
    licence_manager: LicenceManager,
    app_http: httpx.Client,
    state_file: StateFile,
) -> None:
    _, _, key = subscribed_key(stripe_world, licence_server)
    licence_manager.activate(key)
    other_key = licence_server.issue_key(stripe_world.customer())
    localstripe.stop()

    response = app_http.post(f"{licence_server.url}/v1/licence/refresh", json={"key": key})
    assert response.status_code == 503
    body = response.json()
    assert body["error"] == "stripe_unavailable" and "Stripe" in body["message"]
    assert response.headers["Retry-After"] == str(body["retry_after"])

    status = licence_manager.refresh()
    assert status.state == "active"
    assert state_file.load()["licence_last_error"] == "HTTP 503"
    with pytest.raises(NetworkError):
        licence_manager.activate(other_key)


def test_rate_limit_is_per_key(
    stripe_world: StripeWorld,
    start_licence_server: Callable[..., LicenceServer],
    make_manager: Callable[..., LicenceManager],
    app_http: httpx.Client,
) -> None:
    server = start_licence_server(rate_limit=3, rate_window_s=60)
    _, _, key = subscribed_key(stripe_world, server)
    _, _, other = subscribed_key(stripe_world, server)
    manager = make_manager(server.url)
    assert manager.activate(key).state == "active"

    def refresh(k: str) -> httpx.Response:
        return app_http.post(f"{server.url}/v1/licence/refresh", json={"key": k})

    assert [refresh(key).status_code for _ in range(2)] == [200, 200]
    limited = refresh(key.lower().replace("-", " "))  # the same key, typed differently
    assert limited.status_code == 429
    assert limited.json()["error"] == "rate_limited" and int(limited.headers["Retry-After"]) >= 1
    assert refresh(other).status_code == 200

    assert manager.refresh().state == "active"  # a 429 keeps the token
    with pytest.raises(LicenceError) as caught:
        manager.activate(key)
    assert "Too many attempts" in caught.value.message


def test_consent_is_recorded_on_the_stripe_customer(
    stripe_world: StripeWorld, licence_server: LicenceServer, licence_manager: LicenceManager
) -> None:
    customer, _, key = subscribed_key(stripe_world, licence_server)
    stripe_world.client.v1.customers.update(customer, params={"metadata": {"crm_id": "42"}})
    assert licence_manager.send_consent(True, "2025-03", datetime.now(UTC)) is False  # no key yet: nothing sent
    licence_manager.activate(key)

    at = datetime(2026, 1, 15, 10, 30, tzinfo=UTC)
    assert licence_manager.send_consent(True, "2025-03", at) is True
    meta = stripe_world.metadata(customer)
    assert meta["marketing_consent"] == "granted"
    assert meta["marketing_consent_policy"] == "2025-03"
    assert meta["marketing_consent_at"] == "2026-01-15T10:30:00Z"
    assert meta["crm_id"] == "42"

    assert licence_manager.send_consent(False, "2025-04", at + timedelta(days=1)) is True
    meta = stripe_world.metadata(customer)
    assert (meta["marketing_consent"], meta["marketing_consent_policy"]) == ("withdrawn", "2025-04")
    assert licence_manager.send_consent(True, "not a valid version!", at) is False  # 400, best effort


def test_consent_is_best_effort_when_the_server_is_down(
    stripe_world: StripeWorld, licence_server: LicenceServer, licence_manager: LicenceManager
) -> None:
    _, _, key = subscribed_key(stripe_world, licence_server)
    licence_manager.activate(key)
    licence_server.stop()
    assert licence_manager.send_consent(True, "2025-03", datetime.now(UTC)) is False


def test_a_server_signing_with_another_key_is_not_trusted(
    stripe_world: StripeWorld,
    start_licence_server: Callable[..., LicenceServer],
    make_manager: Callable[..., LicenceManager],
    credential_store: CredentialStore,
    state_file: StateFile,
) -> None:
    rogue = start_licence_server(signing_key=Ed25519PrivateKey.generate())
    _, _, key = subscribed_key(stripe_world, rogue)
    with pytest.raises(LicenceError) as caught:
        make_manager(rogue.url).activate(key)
    assert "does not verify" in caught.value.message
    assert credential_store.get(LICENCE) is None and "licence_token" not in state_file.load()


def test_only_the_key_and_consent_leave_the_machine(
    stripe_world: StripeWorld, licence_server: LicenceServer, make_manager: Callable[..., LicenceManager]
) -> None:
    sent: list[tuple[str, dict[str, object]]] = []

    def record(request: httpx.Request) -> None:
        sent.append((request.url.path, json.loads(request.content)))

    _, _, key = subscribed_key(stripe_world, licence_server)
    with httpx.Client(trust_env=False, event_hooks={"request": [record]}) as http:
        manager = make_manager(licence_server.url, http=http)
        manager.activate(key)
        manager.refresh()
        manager.send_consent(True, "2025-03", datetime.now(UTC))
    assert [(path, sorted(body)) for path, body in sent] == [
        ("/v1/licence/refresh", ["key"]),
        ("/v1/licence/refresh", ["key"]),
        ("/v1/consent", ["at", "granted", "key", "policy_version"]),
    ]


def test_a_clock_that_ran_ahead_is_forgiven_once_the_server_vouches_for_it(
    stripe_world: StripeWorld,
    licence_server: LicenceServer,
    licence_manager: LicenceManager,
    app_clock: ShiftableClock,
) -> None:
    app_clock.advance(days=30)  # the machine once believed it was next month
    licence_manager.status()
    app_clock.offset = timedelta(0)
    assert licence_manager.status().state == "invalid"

    _, _, key = subscribed_key(stripe_world, licence_server)
    assert licence_manager.activate(key).state == "active"  # a fresh signed time agrees with the clock


def test_an_older_token_never_replaces_a_newer_one(
    stripe_world: StripeWorld,
    licence_server: LicenceServer,
    licence_manager: LicenceManager,
    server_clock: ShiftableClock,
    state_file: StateFile,
) -> None:
    _, subscription, key = subscribed_key(stripe_world, licence_server)
    licence_manager.activate(key)
    kept = state_file.load()["licence_token"]
    stripe_world.cancel(subscription)
    server_clock.advance(hours=-2)  # what a replayed (older) answer looks like

    assert licence_manager.refresh().state == "active"
    assert state_file.load()["licence_token"] == kept
    assert "stale" in state_file.load()["licence_last_error"]
