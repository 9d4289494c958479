"""Signing in to Google: the client file, the loopback consent flow with PKCE, credentials, revocation."""

from __future__ import annotations

import json
import os
import queue
import re
import threading
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from calmedi_desktop.demo.google_sim import GoogleSim
from calmedi_desktop.endpoints import GOOGLE_SCOPE, Endpoints
from calmedi_desktop.errors import AuthDeniedError, AuthTimeoutError, InsecureURLError, OAuthClientMissingError
from calmedi_desktop.sync.targets.google import ensure_calendar
from calmedi_desktop.sync.targets.google_auth import (
    connect_google,
    credentials_from_refresh_token,
    load_client_config,
    revoke_google_token,
)
from tests.google.simkit import Sleeps, fresh_governor, sim_endpoints

INSECURE = "OAUTHLIB_INSECURE_TRANSPORT"


class FlowRunner:
    """Runs connect_google in a thread, as the CLI does, and hands the test the URL it would print."""

    def __init__(self, client_config: dict[str, Any], timeout: float = 20) -> None:
        self.urls: queue.Queue[str] = queue.Queue()
        self.outcome: dict[str, Any] = {}
        self._thread = threading.Thread(target=self._run, args=(client_config, timeout), daemon=True)
        self._thread.start()

    def _run(self, client_config: dict[str, Any], timeout: float) -> None:
        try:
            self.outcome["token"] = connect_google(
                client_config, open_browser=False, show_url=self.urls.put, timeout=timeout
            )
        except Exception as exc:
            self.outcome["error"] = exc

    def url(self) -> str:
        return self.urls.get(timeout=10)

    def finish(self) -> dict[str, Any]:
        self._thread.join(timeout=20)
        assert not self._thread.is_alive()
        return self.outcome


def test_connect_google_runs_the_loopback_flow_with_pkce(sim: GoogleSim, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(INSECURE, raising=False)
    runner = FlowRunner(sim.client_config())
    url = runner.url()
    assert url.startswith(sim.url + "o/oauth2/auth?")
    query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert query["scope"] == GOOGLE_SCOPE
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) == 43
    assert query["access_type"] == "offline" and query["prompt"] == "consent"
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", query["redirect_uri"])
    # The "browser": the simulator consents and redirects to CalMedi's loopback receiver.
    page = httpx.get(url, follow_redirects=True, timeout=10)
    assert page.status_code == 200 and str(page.url).startswith(query["redirect_uri"])
    outcome = runner.finish()
    assert "error" not in outcome, outcome.get("error")
    assert sim.pkce_verified == 1
    token = outcome["token"]
    assert token.startswith("1//")
    assert os.environ.get(INSECURE) is None  # only set for the flow, then restored
    # The refresh token works: it can create the app calendar.
    creds = credentials_from_refresh_token(token, sim.client_config())
    calendar_id = ensure_calendar(
        creds, sim_endpoints(sim), None, "CalMedi", "Europe/Paris", sleep=Sleeps(), governor=fresh_governor()
    )
    assert calendar_id in sim.calendars


def test_insecure_transport_flag_is_restored_to_its_previous_value(
    sim: GoogleSim, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(INSECURE, "0")
    sim.deny_next_consent = True
    runner = FlowRunner(sim.client_config())
    httpx.get(runner.url(), follow_redirects=True, timeout=10)
    assert isinstance(runner.finish()["error"], AuthDeniedError)
    assert os.environ[INSECURE] == "0"


def test_access_denied_is_auth_denied(sim: GoogleSim) -> None:
    sim.deny_next_consent = True
    runner = FlowRunner(sim.client_config())
    httpx.get(runner.url(), follow_redirects=True, timeout=10)
    error = runner.finish()["error"]
    assert type(error) is AuthDeniedError
    assert error.params["service"] == "Google Calendar"
    assert sim.counts["token"] == 0 and sim.pkce_verified == 0


def test_consent_never_given_times_out(sim: GoogleSim) -> None:
    runner = FlowRunner(sim.client_config(), timeout=0.3)
    runner.url()
    assert isinstance(runner.finish()["error"], AuthTimeoutError)


def test_simulator_refuses_a_wrong_pkce_verifier(sim: GoogleSim) -> None:
    import base64
    import hashlib

    verifier = "v" * 64
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
    client = sim.client_config()["installed"]
    params = {
        "client_id": client["client_id"],
        "redirect_uri": "http://127.0.0.1:9/",
        "response_type": "code",
        "scope": GOOGLE_SCOPE,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "state": "s",
    }
    answer = httpx.get(client["auth_uri"], params=params)
    assert answer.status_code == 302
    code = parse_qs(urlsplit(answer.headers["location"]).query)["code"][0]
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": params["redirect_uri"]}
    auth = (client["client_id"], client["client_secret"])
    refused = httpx.post(client["token_uri"], data={**form, "code_verifier": "w" * 64}, auth=auth)
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"
    # A wider scope is refused outright: CalMedi may only ever ask for calendar.app.created.
    wide = httpx.get(client["auth_uri"], params={**params, "scope": GOOGLE_SCOPE + " openid"})
    assert wide.status_code == 400 and "invalid_scope" in wide.text


def _write(path: Path, data: Any) -> str:
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return str(path)


def _endpoints(client_file: str | None = None) -> Endpoints:
    import dataclasses

    return dataclasses.replace(Endpoints.from_env(), google_client_file=client_file)


def test_bundled_client_is_a_detected_placeholder() -> None:
    with pytest.raises(OAuthClientMissingError) as caught:
        load_client_config(_endpoints(), None)
    assert "CALMEDI_GOOGLE_CLIENT_FILE" in caught.value.message


def test_client_file_precedence_env_then_settings(sim: GoogleSim, tmp_path: Path) -> None:
    good = sim.client_config()
    other = json.loads(json.dumps(good))
    other["installed"]["client_id"] = "settings-client.apps.googleusercontent.com"
    env_file = _write(tmp_path / "env.json", good)
    settings_file = _write(tmp_path / "settings.json", other)
    assert load_client_config(_endpoints(env_file), settings_file) == good
    assert load_client_config(_endpoints(None), settings_file) == other


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        {"web": {"client_id": "x", "client_secret": "y", "auth_uri": "https://a", "token_uri": "https://t"}},
        {"installed": {"client_id": "x"}},
        {"calmedi_placeholder": True, "installed": {}},
    ],
)
def test_malformed_client_files_are_refused(tmp_path: Path, content: Any) -> None:
    with pytest.raises(OAuthClientMissingError):
        load_client_config(_endpoints(_write(tmp_path / "client.json", content)), None)


def test_missing_client_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OAuthClientMissingError):
        load_client_config(_endpoints(str(tmp_path / "absent.json")), None)


def test_plain_http_client_endpoints_are_refused_unless_loopback(sim: GoogleSim, tmp_path: Path) -> None:
    config = sim.client_config()
    config["installed"]["token_uri"] = "http://oauth.example.org/token"
    with pytest.raises(InsecureURLError):
        load_client_config(_endpoints(_write(tmp_path / "client.json", config)), None)


def test_credentials_carry_only_the_narrow_scope(sim: GoogleSim) -> None:
    creds = credentials_from_refresh_token("1//abc", sim.client_config())
    assert creds.scopes == [GOOGLE_SCOPE] and creds.token is None
    assert creds.token_uri == sim.token_url and creds.refresh_token == "1//abc"


def test_revoke_google_token_is_best_effort(sim: GoogleSim) -> None:
    token = sim.issue_refresh_token()
    endpoints = sim_endpoints(sim)
    assert revoke_google_token(token, endpoints) is True
    assert revoke_google_token(token, endpoints) is False  # already revoked: Google answers 400
    assert sim.counts["revoke"] == 2
    sim.stop()
    assert revoke_google_token("anything", endpoints) is False  # unreachable: no exception either
