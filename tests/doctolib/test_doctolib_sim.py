"""The simulator itself keeps the contract (so that passing against it means something)."""

from __future__ import annotations

import base64
import hashlib
import random
import subprocess
import sys
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest

from calmedi_desktop.demo.doctolib_sim import DoctolibSim
from calmedi_desktop.demo.doctolib_sim_data import ABSENT

CLIENT = "calmedi-desktop"
VERIFIER = "v" * 50
CHALLENGE = base64.urlsafe_b64encode(hashlib.sha256(VERIFIER.encode()).digest()).rstrip(b"=").decode()
REDIRECT = "http://127.0.0.1:8765/"


def authorize(sim: DoctolibSim, **changes: str) -> httpx.Response:
    query = {
        "response_type": "code",
        "client_id": CLIENT,
        "redirect_uri": REDIRECT,
        "scope": "openid offline_access",
        "state": "s1",
        "code_challenge": CHALLENGE,
        "code_challenge_method": "S256",
        **changes,
    }
    return httpx.get(f"{sim.url}/oauth/authorize?{urlencode(query)}")


def redirect_params(answer: httpx.Response) -> dict[str, list[str]]:
    assert answer.status_code == 302
    location = answer.headers["Location"]
    assert location.startswith(REDIRECT + "?")
    return parse_qs(urlsplit(location).query)


def exchange(sim: DoctolibSim, code: str, **changes: str) -> httpx.Response:
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT, "client_id": CLIENT}
    return httpx.post(f"{sim.url}/oauth/token", data={"code_verifier": VERIFIER, **form, **changes})


def test_discovery(sim: DoctolibSim) -> None:
    config = httpx.get(sim.url + "/.well-known/openid-configuration").json()
    assert config["authorization_endpoint"] == sim.url + "/oauth/authorize"
    assert {"token_endpoint", "revocation_endpoint"} <= set(config)
    assert sim.counts["discovery"] == 1


@pytest.mark.parametrize(
    "changes",
    [{"client_id": "someone-else"}, {"redirect_uri": "http://localhost:8765/"}, {"redirect_uri": "https://x.org/"}],
)
def test_authorize_answers_unverified_requests_itself(sim: DoctolibSim, changes: dict[str, str]) -> None:
    answer = authorize(sim, **changes)
    assert answer.status_code == 400 and "Location" not in answer.headers


@pytest.mark.parametrize(
    "changes,error",
    [
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"code_challenge": "short"}, "invalid_request"),
        ({"scope": "openid"}, "invalid_scope"),
        ({"response_type": "token"}, "unsupported_response_type"),
    ],
)
def test_authorize_redirects_errors(sim: DoctolibSim, changes: dict[str, str], error: str) -> None:
    params = redirect_params(authorize(sim, **changes))
    assert params == {"error": [error], "state": ["s1"]}


def test_consent_can_be_denied_once(sim: DoctolibSim) -> None:
    sim.deny_next_consent = True
    assert redirect_params(authorize(sim))["error"] == ["access_denied"]
    assert "code" in redirect_params(authorize(sim))


def test_code_exchange_checks_pkce_redirect_and_single_use(sim: DoctolibSim) -> None:
    code = redirect_params(authorize(sim))["code"][0]
    assert exchange(sim, code, code_verifier="w" * 50).json() == {"error": "invalid_grant"}
    assert exchange(sim, code).status_code == 400  # a code that failed once is gone
    code = redirect_params(authorize(sim))["code"][0]
    assert exchange(sim, code, redirect_uri="http://127.0.0.1:9999/").status_code == 400
    code = redirect_params(authorize(sim))["code"][0]
    tokens = exchange(sim, code).json()
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 3600
    assert exchange(sim, code).json() == {"error": "invalid_grant"}


def test_refresh_rotates(sim: DoctolibSim) -> None:
    old = sim.issue_refresh_token()
    form = {"grant_type": "refresh_token", "refresh_token": old, "client_id": CLIENT}
    new = httpx.post(sim.url + "/oauth/token", data=form).json()["refresh_token"]
    assert new != old
    again = httpx.post(sim.url + "/oauth/token", data=form)
    assert again.status_code == 400 and again.json() == {"error": "invalid_grant"}
    assert sim.oauth.live_refresh_tokens() == {new}


def api_get(sim: DoctolibSim, path: str, **params: str) -> httpx.Response:
    form = {"grant_type": "refresh_token", "refresh_token": sim.issue_refresh_token(), "client_id": CLIENT}
    token = httpx.post(sim.url + "/oauth/token", data=form).json()["access_token"]
    return httpx.get(sim.url + path, params=params, headers={"Authorization": f"Bearer {token}"})


def test_api_needs_a_live_access_token(sim: DoctolibSim) -> None:
    assert httpx.get(sim.url + "/api/accounts").status_code == 401
    assert httpx.get(sim.url + "/api/accounts", headers={"Authorization": "Bearer nope"}).status_code == 401
    with DoctolibSim(access_token_lifetime=0) as short:
        assert api_get(short, "/api/accounts").status_code == 401


def pages(sim: DoctolibSim, start: str, end: str, agenda: str = "4711", page: str = "1") -> httpx.Response:
    return api_get(
        sim,
        "/calendar_display/appointments",
        agenda_ids=agenda,
        start_date=start,
        end_date=end,
        include_patients="true",
        page=page,
    )


def test_appointment_queries(sim: DoctolibSim) -> None:
    assert pages(sim, "2026-10-01 00:00:00", "2026-11-01 00:00:00").status_code == 400  # 31 days + 1 h elapsed
    assert pages(sim, "2026-03-01 00:00:00", "2026-04-01 01:00:00").status_code == 400  # over 31 wall-clock days
    assert pages(sim, "2026-10-01 00:00:00", "2026-10-31 23:00:00").status_code == 200
    assert pages(sim, "2026-10-01 00:00:00", "2026-10-02 00:00:00", agenda="4711,4712").status_code == 400
    assert pages(sim, "2026-10-01T00:00:00", "2026-10-02 00:00:00").status_code == 400
    assert pages(sim, "2026-10-01 00:00:00", "2026-10-02 00:00:00", agenda="1").status_code == 404


def test_pages_and_wire_format(sim: DoctolibSim) -> None:
    start = datetime(2026, 12, 1, 8, 0)
    for n in range(130):
        sim.book(start + timedelta(minutes=5 * n), start + timedelta(minutes=5 * n + 5), agenda_ids=[4712])
    first = pages(sim, "2026-12-01 00:00:00", "2026-12-02 00:00:00", agenda="4712").json()
    second = pages(sim, "2026-12-01 00:00:00", "2026-12-02 00:00:00", agenda="4712", page="2").json()
    assert first["meta"] == {"page": 1, "per_page": 100, "total": 130, "next_page": 2}
    assert second["meta"]["next_page"] is None and len(second["data"]) == 30
    row = first["data"][0]
    assert row["start_date"] == "2026-12-01T08:00:00.000+01:00" and row["agenda_id"] == 4712
    assert set(row) >= {"id", "end_date", "status", "telehealth", "visit_motive_id", "patient", "new_patient"}


def test_mutations(sim: DoctolibSim) -> None:
    key = sim.book(datetime(2026, 11, 1, 10, 0), datetime(2026, 11, 1, 10, 30), patient=None)
    sim.rename(key, "Anne", "Test")
    assert sim.appointments[key].patient.first_name == "Anne"  # type: ignore[union-attr]
    later = sim.appointments[key].start + timedelta(days=1)
    sim.move(key, later, later + timedelta(minutes=15))
    assert sim.appointments[key].start == later
    sim.cancel(key)
    assert sim.appointments[key].status in ABSENT
    rng = random.Random(1)
    kinds = {sim.random_mutation(rng) for _ in range(40)}
    assert kinds == {"book", "move", "cancel", "rename"}


def test_command_line_prints_its_port_and_serves() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "calmedi_desktop.demo.doctolib_sim", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline())
        answer = httpx.get(f"http://127.0.0.1:{port}/.well-known/openid-configuration", timeout=10)
        assert answer.json()["issuer"] == f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)
