"""The app side without a server: trial, tampering, signatures, clock, key override, privacy, scheduling."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from calmedi_desktop.config import StateFile
from calmedi_desktop.credentials import LICENCE, CredentialStore
from calmedi_desktop.errors import InsecureURLError, LicenceRequiredError
from calmedi_desktop.i18n import set_language
from calmedi_desktop.licence import LicenceManager
from calmedi_desktop.licence.tokens import PUBLIC_KEY_ENV, shipped_public_key
from tests.licence.licence_harness import ShiftableClock, make_token, public_pem

Make = Callable[..., LicenceManager]


@pytest.fixture
def offline(make_manager: Make, dead_url: str) -> LicenceManager:
    return make_manager(dead_url)


def store_token(state: StateFile, token: str, *, key: str | None = None, store: CredentialStore | None = None) -> None:
    state.update(licence_token=token, licence_key_stored=True)
    if key and store:
        store.set(LICENCE, key)


def test_trial_counts_down_from_first_use_then_expires(offline: LicenceManager, app_clock: ShiftableClock) -> None:
    first = offline.status()
    assert (first.state, first.days_left, first.sync_allowed) == ("trial", 14, True)
    assert first.message == "Free trial: 14 days left."

    app_clock.advance(days=13, hours=12)
    assert (offline.status().state, offline.status().days_left) == ("trial", 1)
    assert offline.status().message == "Free trial: 1 day left."

    app_clock.advance(hours=12, seconds=1)
    over = offline.status()
    assert (over.state, over.sync_allowed, over.reason) == ("expired", False, "trial ended")
    assert "activate a licence" in over.message
    with pytest.raises(LicenceRequiredError) as caught:
        offline.require_sync()
    assert "free trial over" in caught.value.message and "export" in caught.value.message


def test_messages_follow_the_language(offline: LicenceManager) -> None:
    set_language("fr")
    assert offline.status().message == "Essai gratuit : 14 jours restants."


def test_a_tampered_token_is_invalid(
    offline: LicenceManager, state_file: StateFile, signing_key: Ed25519PrivateKey
) -> None:
    token = make_token(signing_key, status="canceled")
    store_token(state_file, token)
    assert offline.status().state == "expired"

    prefix, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["status"] = "active"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    state_file.update(licence_token=f"{prefix}.{forged}.{signature}")
    status = offline.status()
    assert (status.state, status.sync_allowed, status.reason) == ("invalid", False, "token bad_signature")
    assert "altered or wrongly signed" in status.message

    for broken in (token[:-3], "CMT1.e30", "not a token", f"CMT9.{payload}.{signature}"):
        state_file.update(licence_token=broken)
        assert offline.status().state == "invalid", broken


def test_a_token_signed_by_another_key_is_invalid(offline: LicenceManager, state_file: StateFile) -> None:
    store_token(state_file, make_token(Ed25519PrivateKey.generate()))
    status = offline.status()
    assert (status.state, status.reason) == ("invalid", "token bad_signature")


def test_the_stripe_status_in_the_token_decides(
    offline: LicenceManager, state_file: StateFile, signing_key: Ed25519PrivateKey
) -> None:
    expected = {"active": True, "trialing": True, "past_due": True, "canceled": False, "unpaid": False}
    for status_name, allowed in expected.items():
        store_token(state_file, make_token(signing_key, status=status_name))
        status = offline.status()
        assert status.sync_allowed is allowed, status_name
        assert status.state == ("active" if allowed else "expired")
    store_token(state_file, make_token(signing_key, status="past_due"))
    assert "last payment failed" in offline.status().message


def test_clock_moved_back_makes_the_licence_invalid_until_corrected(
    offline: LicenceManager, state_file: StateFile, signing_key: Ed25519PrivateKey, app_clock: ShiftableClock
) -> None:
    store_token(state_file, make_token(signing_key))
    app_clock.advance(days=3)
    assert offline.status().state == "active"

    app_clock.advance(days=-3)  # back to "now", but three days later was already seen
    status = offline.status()
    assert (status.state, status.sync_allowed) == ("invalid", False)
    assert re.fullmatch(r"clock moved back (71|72) h", status.reason) and "clock went back" in status.message

    app_clock.offset = timedelta(days=3, hours=-20)  # corrected, give or take a time-zone error: tolerated
    assert offline.status().state == "active"


def test_clock_moved_back_during_the_trial(offline: LicenceManager, app_clock: ShiftableClock) -> None:
    offline.status()
    app_clock.advance(days=20)
    assert offline.status().state == "expired"
    app_clock.advance(days=-19)  # an attempt to get the trial back
    assert offline.status().state == "invalid"


def test_a_clock_behind_the_servers_issue_time_is_caught(
    offline: LicenceManager, state_file: StateFile, signing_key: Ed25519PrivateKey, app_clock: ShiftableClock
) -> None:
    store_token(state_file, make_token(signing_key))
    app_clock.advance(days=-5)  # first run ever with a clock set back: no local history, but the server's
    assert offline.status().state == "invalid"


def test_grace_and_its_end_offline(
    offline: LicenceManager, state_file: StateFile, signing_key: Ed25519PrivateKey, app_clock: ShiftableClock
) -> None:
    store_token(state_file, make_token(signing_key))
    app_clock.advance(days=7, hours=1)
    status = offline.status()
    assert (status.state, status.days_left, status.sync_allowed) == ("grace", 14, True)
    app_clock.advance(days=14)
    assert (offline.status().state, offline.status().sync_allowed) == ("expired", False)


def test_plain_http_is_refused_for_a_remote_licence_server(
    credential_store: CredentialStore, state_file: StateFile
) -> None:
    with pytest.raises(InsecureURLError):
        LicenceManager(credential_store, state_file, "http://licence.example.org")
    assert LicenceManager(credential_store, state_file, "https://licence.example.org").base_url.startswith("https")


def test_public_key_override_is_honoured_only_for_a_loopback_server(
    credential_store: CredentialStore, state_file: StateFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = Ed25519PrivateKey.generate()
    pem = tmp_path / "test-key.pem"
    pem.write_bytes(public_pem(other))
    monkeypatch.setenv(PUBLIC_KEY_ENV, str(pem))

    def raw(manager: LicenceManager) -> bytes:
        return manager.public_key.public_bytes_raw()

    remote = LicenceManager(credential_store, state_file, "https://licence.example.org")
    assert raw(remote) == shipped_public_key().public_bytes_raw()
    local = LicenceManager(credential_store, state_file, "http://127.0.0.1:8750")
    assert raw(local) == other.public_key().public_bytes_raw()
    monkeypatch.delenv(PUBLIC_KEY_ENV)
    assert raw(LicenceManager(credential_store, state_file, "http://127.0.0.1:8750")) == raw(remote)


def test_export_holds_facts_never_the_key_or_token(
    offline: LicenceManager, state_file: StateFile, credential_store: CredentialStore, signing_key: Ed25519PrivateKey
) -> None:
    token = make_token(signing_key)
    store_token(state_file, token, key="CALMEDI-SECRET-KEY-42", store=credential_store)
    data = offline.export_data()
    text = json.dumps(data)
    assert "CALMEDI-SECRET-KEY-42" not in text and token not in text and token.split(".")[2] not in text
    assert "cus_TestCustomer42" not in text  # only the masked form
    assert (data["state"], data["plan"], data["key_stored"]) == ("active", "Mensuel", True)
    assert data["token_expires_at"] is not None


def test_export_after_erase_does_not_recreate_the_state_file(offline: LicenceManager, state_file: StateFile) -> None:
    assert offline.export_data()["state"] == "trial"
    assert not state_file.path.exists()


def test_deactivate_forgets_key_and_token_but_not_the_trial(
    offline: LicenceManager, state_file: StateFile, credential_store: CredentialStore, signing_key: Ed25519PrivateKey
) -> None:
    offline.status()
    trial_start = state_file.load()["licence_trial_started_at"]
    store_token(state_file, make_token(signing_key), key="CALMEDI-SECRET-KEY-42", store=credential_store)
    offline.deactivate()
    offline.deactivate()  # idempotent
    assert credential_store.get(LICENCE) is None
    data = state_file.load()
    assert "licence_token" not in data and data["licence_trial_started_at"] == trial_start
    assert offline.status().state == "trial"
    assert offline.due_for_refresh() is False


def test_status_works_in_every_state_without_network(
    offline: LicenceManager, state_file: StateFile, signing_key: Ed25519PrivateKey, app_clock: ShiftableClock
) -> None:
    seen: list[str] = []

    def check() -> None:
        status = offline.status()
        assert json.loads(json.dumps(status.to_dict()))["state"] == status.state
        assert offline.export_data()["state"] == status.state
        seen.append(status.state)

    check()
    store_token(state_file, make_token(signing_key))
    check()
    app_clock.advance(days=8)
    check()
    app_clock.advance(days=20)
    check()
    state_file.update(licence_token="CMT1.x.y")
    check()
    assert seen == ["trial", "active", "grace", "expired", "invalid"]
    offline.deactivate()
    offline.deactivate()
    assert offline.status().state == "expired"  # the trial, long over: deactivating never restarts it


def test_due_for_refresh_twice_a_day_with_backoff(
    offline: LicenceManager, state_file: StateFile, app_clock: ShiftableClock
) -> None:
    assert offline.due_for_refresh() is False  # no key: nothing to refresh
    now = datetime.now(UTC)
    state_file.update(licence_key_stored=True, licence_last_refresh_at=now.isoformat())
    assert offline.due_for_refresh() is False
    app_clock.advance(hours=12, minutes=1)
    assert offline.due_for_refresh() is True
    state_file.update(licence_last_attempt_at=(now + timedelta(hours=12)).isoformat())  # it just failed
    assert offline.due_for_refresh() is False
    app_clock.advance(minutes=31)
    assert offline.due_for_refresh() is True
