"""The licence server on its own: keys, settings, command line, HTTP contract, token contents."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from calmedi_desktop.licence.tokens import verify_token
from calmedi_licence_server import ServerSettings, SettingsError
from calmedi_licence_server.__main__ import main
from calmedi_licence_server.billing import best_subscription
from calmedi_licence_server.keys import customer_for_key, issue_key
from calmedi_licence_server.ratelimit import RateLimiter
from tests.licence.licence_harness import MANAGE_URL, QUIET_THIRD_PARTY, LicenceServer, StripeWorld

pytestmark = QUIET_THIRD_PARTY
SECRET = b"k" * 32


# -- licence keys -------------------------------------------------------------------------------------------


def test_keys_round_trip_and_forgive_copy_mistakes() -> None:
    key = issue_key("cus_AbC123xyz", SECRET)
    assert key.startswith("CALMEDI-") and all(len(g) <= 5 for g in key.split("-")[1:])
    body = key.removeprefix("CALMEDI-")
    for typed in (key, key.lower(), f"  {key}\n", body.replace("-", ""), " ".join(key.split("-")), body):
        assert customer_for_key(typed, SECRET) == "cus_AbC123xyz", typed
    if "O" in key:
        assert customer_for_key(key.replace("O", "0"), SECRET) == "cus_AbC123xyz"


def test_keys_cannot_be_forged_or_repointed() -> None:
    key = issue_key("cus_AbC123xyz", SECRET)
    assert customer_for_key(key, b"x" * 32) is None
    last = key[-1]
    assert customer_for_key(key[:-1] + ("B" if last != "B" else "C"), SECRET) is None
    # The customer id is in the key, but changing it breaks the tag.
    other = issue_key("cus_AbC123xyZ", SECRET)
    assert customer_for_key(other[:-10] + key[-10:], SECRET) is None
    for junk in ("", "CALMEDI", "hello", "A" * 500, "CALMEDI-!!!!!"):
        assert customer_for_key(junk, SECRET) is None
    with pytest.raises(ValueError):
        issue_key("not-a-customer", SECRET)


def test_rate_limiter_window() -> None:
    now = [0.0]
    limiter = RateLimiter(2, 10, clock=lambda: now[0])
    assert [limiter.hit("a"), limiter.hit("a"), limiter.hit("b")] == [0, 0, 0]
    assert limiter.hit("a") == 10
    now[0] = 10.5
    assert limiter.hit("a") == 0


def test_best_subscription_prefers_what_gives_the_most_and_reads_prices() -> None:
    canceled = {"status": "canceled", "plan": {"id": "old"}, "current_period_end": 300}
    price_shaped = {
        "status": "active",
        "items": {"data": [{"price": {"id": "price_1", "nickname": "Annual"}, "current_period_end": 200}]},
    }
    best = best_subscription([canceled, price_shaped])
    assert (best.status, best.plan, best.plan_name, best.period_end) == ("active", "price_1", "Annual", 200)
    assert best_subscription([]).status == "none"


# -- settings and command line ------------------------------------------------------------------------------


@pytest.fixture
def server_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    key_file = tmp_path / "signing.pem"
    assert main(["generate-signing-key", "--out", str(key_file)]) == 0
    env = {
        "CALMEDI_LS_STRIPE_SECRET_KEY": "sk_test_calmedi",
        "CALMEDI_LS_SIGNING_KEY_FILE": str(key_file),
        "CALMEDI_LS_KEY_SECRET": "s" * 40,
        "CALMEDI_LS_STRIPE_API_BASE": "http://127.0.0.1:9",
        "CALMEDI_LS_RATE_LIMIT": "5/30",
        "CALMEDI_LS_TOKEN_DAYS": "3",
        "CALMEDI_LS_MANAGE_URL": MANAGE_URL,
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


def test_settings_from_environment(server_env: dict[str, str]) -> None:
    settings = ServerSettings.from_env()
    assert (settings.rate_limit, settings.rate_window_s) == (5, 30.0)
    assert settings.token_lifetime == timedelta(days=3)
    assert settings.manage_url == MANAGE_URL and settings.host == "127.0.0.1"
    assert "sk_test" not in repr(settings) and "s" * 40 not in repr(settings)


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("CALMEDI_LS_STRIPE_SECRET_KEY", "", "CALMEDI_LS_STRIPE_SECRET_KEY"),
        ("CALMEDI_LS_STRIPE_SECRET_KEY", "pk_test_public", "secret"),
        ("CALMEDI_LS_STRIPE_API_BASE", "http://stripe.example.org", "https"),
        ("CALMEDI_LS_KEY_SECRET", "short", "at least 32 bytes"),
        ("CALMEDI_LS_RATE_LIMIT", "lots", "10/60"),
        ("CALMEDI_LS_SIGNING_KEY_FILE", "/nonexistent/key.pem", "cannot read"),
    ],
)
def test_settings_errors_name_the_problem(
    server_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, name: str, value: str, words: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=words):
        ServerSettings.from_env()


def test_generate_signing_key_is_private_and_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "signing.pem"
    assert main(["generate-signing-key", "--out", str(out)]) == 0
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    private = serialization.load_pem_private_key(out.read_bytes(), password=None)
    assert isinstance(private, Ed25519PrivateKey)
    public = serialization.load_pem_public_key(capsys.readouterr().out.encode())
    assert public.public_bytes_raw() == private.public_key().public_bytes_raw()  # type: ignore[union-attr]
    before = out.read_bytes()
    assert main(["generate-signing-key", "--out", str(out)]) == 1
    assert out.read_bytes() == before and "refusing" in capsys.readouterr().err


def test_issue_key_command(server_env: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["issue-key", "--customer", "cus_Command42"]) == 0
    key = capsys.readouterr().out.strip()
    assert customer_for_key(key, server_env["CALMEDI_LS_KEY_SECRET"].encode()) == "cus_Command42"


def test_issue_key_without_secret_fails_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("CALMEDI_LS_KEY_SECRET", raising=False)
    assert main(["issue-key", "--customer", "cus_Command42"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "CALMEDI_LS_KEY_SECRET" in err


def test_issue_key_verify_asks_stripe(
    server_env: dict[str, str],
    stripe_world: StripeWorld,
    localstripe_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CALMEDI_LS_STRIPE_API_BASE", localstripe_url)
    customer = stripe_world.customer(with_card=False)
    assert main(["issue-key", "--customer", customer, "--verify"]) == 0
    assert main(["issue-key", "--customer", "cus_Missing0000", "--verify"]) == 1
    assert "no customer" in capsys.readouterr().err


# -- HTTP contract ------------------------------------------------------------------------------------------


@pytest.fixture
def http() -> httpx.Client:
    return httpx.Client(trust_env=False, timeout=10)


def test_malformed_requests_get_clear_json_errors(licence_server: LicenceServer, http: httpx.Client) -> None:
    url = f"{licence_server.url}/v1/licence/refresh"
    for body, status in ((b"not json", 400), (b"[1, 2]", 400), (b'{"key": 42}', 400), (b"x" * 5000, 413)):
        response = http.post(url, content=body, headers={"Content-Type": "application/json"})
        assert response.status_code == status and response.json()["error"], body[:20]
    unknown = http.post(url, json={"key": "CALMEDI-AAAAA-BBBBB"})
    assert unknown.status_code == 401 and unknown.json()["error"] == "invalid_key"
    assert http.get(url).status_code == 405
    assert http.get(f"{licence_server.url}/healthz").json() == {"ok": True}


def test_consent_input_is_validated(
    licence_server: LicenceServer, stripe_world: StripeWorld, http: httpx.Client
) -> None:
    key = licence_server.issue_key(stripe_world.customer(with_card=False))
    url = f"{licence_server.url}/v1/consent"
    good = {"key": key, "granted": True, "policy_version": "2025-03", "at": "2026-01-15T10:30:00+01:00"}
    assert http.post(url, json=good).status_code == 200
    for change in ({"granted": "yes"}, {"policy_version": "a b"}, {"at": "2999-01-01T00:00:00Z"}, {"at": "today"}):
        assert http.post(url, json={**good, **change}).status_code == 400, change
    assert http.post(url, json={**good, "key": "CALMEDI-AAAAA"}).status_code == 401


def test_the_token_says_what_stripe_says(
    stripe_world: StripeWorld,
    start_licence_server: Callable[..., LicenceServer],
    signing_key: Ed25519PrivateKey,
    http: httpx.Client,
) -> None:
    server = start_licence_server(token_lifetime=timedelta(days=2))
    customer = stripe_world.customer()
    subscription = stripe_world.subscribe(customer)
    response = http.post(f"{server.url}/v1/licence/refresh", json={"key": server.issue_key(customer)})
    assert response.status_code == 200 and set(response.json()) == {"token"}
    token = verify_token(response.json()["token"], signing_key.public_key())
    sub = stripe_world.client.v1.subscriptions.retrieve(subscription)
    assert (token.customer, token.status, token.plan_name) == (customer, "active", "Mensuel")
    assert token.plan == stripe_world.plan()
    assert int(token.period_end.timestamp()) == sub["current_period_end"]  # type: ignore[union-attr]
    assert token.expires_at - token.issued_at == timedelta(days=2)
    assert token.manage_url == MANAGE_URL
