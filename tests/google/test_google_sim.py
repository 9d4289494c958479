"""The simulator answers like Google where CalMedi relies on it (raw HTTP, no client library)."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from typing import Any

import httpx
import pytest

from calmedi_desktop.demo.google_sim import GoogleSim
from tests.google.simkit import BASE, foreign_body


class Api:
    def __init__(self, sim: GoogleSim) -> None:
        client = sim.client_config()["installed"]
        token = httpx.post(
            sim.token_url,
            data={
                "grant_type": "refresh_token",
                "refresh_token": sim.issue_refresh_token(),
                "client_id": client["client_id"],
                "client_secret": client["client_secret"],
            },
        ).json()["access_token"]
        self.http = httpx.Client(base_url=sim.url + "calendar/v3/", headers={"Authorization": f"Bearer {token}"})
        self.calendar = self.http.post("calendars", json={"summary": "CalMedi", "timeZone": "Europe/Paris"}).json()
        self.events = f"calendars/{self.calendar['id']}/events"

    def insert(self, event_id: str, days: float = 0, **extra: Any) -> httpx.Response:
        return self.http.post(self.events, json=foreign_body(event_id, BASE + timedelta(days=days), **extra))

    def list(self, **params: Any) -> dict[str, Any]:
        answer = self.http.get(self.events, params=params)
        assert answer.status_code == 200, answer.text
        return dict(answer.json())


@pytest.fixture
def api(sim: GoogleSim) -> Api:
    return Api(sim)


def reason(answer: httpx.Response) -> tuple[int, str]:
    error = answer.json()["error"]
    assert error["code"] == answer.status_code and error["message"]
    return answer.status_code, error["errors"][0]["reason"]


def test_a_bearer_token_is_required(sim: GoogleSim, api: Api) -> None:
    assert httpx.get(sim.url + "calendar/v3/" + api.events).status_code == 401
    bad = httpx.get(sim.url + "calendar/v3/" + api.events, headers={"Authorization": "Bearer nope"})
    assert reason(bad) == (401, "authError")


def test_unknown_calendar_is_404(api: Api) -> None:
    assert reason(api.http.get("calendars/nope@group.calendar.google.com/events")) == (404, "notFound")


@pytest.mark.parametrize("bad_id", ["ABCDEF", "abc", "wxyz12345", "abc-def"])
def test_event_ids_must_be_base32hex(api: Api, bad_id: str) -> None:
    assert reason(api.insert(bad_id)) == (400, "invalid")


def test_soft_delete_semantics(api: Api) -> None:
    assert api.insert("event00001").status_code == 200
    assert reason(api.insert("event00001")) == (409, "duplicate")
    assert api.http.delete(f"{api.events}/event00001").status_code == 204
    assert reason(api.http.delete(f"{api.events}/event00001")) == (410, "deleted")
    assert reason(api.insert("event00001")) == (409, "duplicate")  # a cancelled id is never free again
    assert reason(api.http.delete(f"{api.events}/event00404")) == (404, "notFound")
    assert api.http.get(f"{api.events}/event00001").json()["status"] == "cancelled"
    body = foreign_body("event00001", BASE, status="confirmed")
    restored = api.http.put(f"{api.events}/event00001", json=body).json()
    assert restored["status"] == "confirmed" and restored["sequence"] == 1


def test_patch_merges(api: Api) -> None:
    api.insert("event00002", extendedProperties={"private": {"a": "1"}})
    patched = api.http.patch(f"{api.events}/event00002", json={"extendedProperties": {"private": {"b": "2"}}})
    assert patched.json()["extendedProperties"]["private"] == {"a": "1", "b": "2"}
    assert patched.json()["summary"] == "Dentist (personal)"


def test_list_filters(api: Api) -> None:
    api.insert("event00010", 0, extendedProperties={"private": {"calmedi": "1", "kind": "a"}})
    api.insert("event00011", 1, extendedProperties={"private": {"calmedi": "1", "kind": "b"}})
    api.insert("event00012", 2)
    api.http.delete(f"{api.events}/event00012")
    assert [e["id"] for e in api.list()["items"]] == ["event00010", "event00011"]
    assert len(api.list(showDeleted="true")["items"]) == 3
    both = api.list(privateExtendedProperty=["calmedi=1", "kind=b"])
    assert [e["id"] for e in both["items"]] == ["event00011"]
    window = api.list(
        timeMin=(BASE + timedelta(minutes=30)).isoformat(), timeMax=(BASE + timedelta(days=1)).isoformat()
    )
    assert [e["id"] for e in window["items"]] == ["event00010"]  # overlaps the start; the next starts at timeMax
    naive = api.http.get(api.events, params={"timeMin": "2026-01-01T00:00:00"})
    assert naive.status_code == 400


def test_paging_and_page_tokens(api: Api) -> None:
    for n in range(5):
        api.insert(f"event0010{n}", n)
    first = api.list(maxResults=2)
    assert len(first["items"]) == 2 and first["nextPageToken"]
    ids = [e["id"] for e in first["items"]]
    token: str | None = first["nextPageToken"]
    while token:
        page = api.list(maxResults=2, pageToken=token)
        ids += [e["id"] for e in page["items"]]
        token = page.get("nextPageToken")
    assert ids == [f"event0010{n}" for n in range(5)]
    other_query = api.http.get(api.events, params={"pageToken": first["nextPageToken"], "showDeleted": "true"})
    assert reason(other_query) == (400, "invalid")


def test_page_size_is_capped() -> None:
    with GoogleSim(page_size_cap=3) as small:
        api = Api(small)
        for n in range(4):
            api.insert(f"event0020{n}", n)
        assert len(api.list(maxResults=2500)["items"]) == 3


def test_scripted_faults_match_kind_and_count(sim: GoogleSim, api: Api) -> None:
    sim.inject(503, count=2, kind="events.insert")
    assert reason(api.insert("event00030")) == (503, "backendError")
    assert api.list()["items"] == []  # another kind is not affected
    assert reason(api.insert("event00030")) == (503, "backendError")
    assert api.insert("event00030").status_code == 200
    sim.inject(403, "rateLimitExceeded")
    answer = api.http.get(api.events)
    assert answer.json()["error"]["errors"][0]["domain"] == "usageLimits"


def test_random_faults_are_reproducible() -> None:
    def statuses(seed: int) -> list[int]:
        with GoogleSim() as sim:
            api = Api(sim)
            sim.random_faults(0.5, seed=seed)
            return [api.http.get(api.events).status_code for _ in range(30)]

    first = statuses(11)
    assert first == statuses(11)
    assert {200} < set(first) <= {200, 429, 403, 500, 503}


def test_refresh_with_a_revoked_token_is_invalid_grant(sim: GoogleSim) -> None:
    refresh = sim.issue_refresh_token()
    client = sim.client_config()["installed"]
    form = {"grant_type": "refresh_token", "refresh_token": refresh, "client_id": client["client_id"]}
    form["client_secret"] = client["client_secret"]
    assert httpx.post(sim.token_url, data=form).status_code == 200
    assert httpx.post(sim.revoke_url, data={"token": refresh}).status_code == 200
    refused = httpx.post(sim.token_url, data=form)
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"


def test_stop_closes_kept_alive_connections(sim: GoogleSim, api: Api) -> None:
    assert api.http.get(api.events).status_code == 200
    sim.stop()
    with pytest.raises(httpx.TransportError):
        api.http.get(api.events)


def test_module_prints_its_port_and_serves() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "calmedi_desktop.demo.google_sim", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline().strip())
        answer = httpx.post(f"http://127.0.0.1:{port}/token", data={"grant_type": "refresh_token"}, timeout=10)
        assert answer.status_code == 401 and answer.json()["error"] == "invalid_client"
    finally:
        process.terminate()
        process.wait(timeout=10)
