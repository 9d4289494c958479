"""The whole pipeline through the `calmedi` command: Doctolib simulator → CalMedi → Google simulator."""

from __future__ import annotations

import io
import json
import sys
from datetime import datetime, timedelta

import pytest

from calmedi_desktop import credentials
from calmedi_desktop.service import CalMedi
from calmedi_desktop.sync.eventid import event_id
from calmedi_desktop.sync.quota import WINDOW_ENV
from calmedi_desktop.sync.retry import RetryPolicy
from tests.cli_run import run
from tests.e2e.conftest import Sims, expected_ids, live_events


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_run_shows_one_progress_line_then_clears_it(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    code, text, _ = run(capsys, "sync", "--once")
    assert code == 0
    wanted = len(expected_ids(sims.doctolib))
    shown = terminal.getvalue()
    frames = [frame.rstrip() for frame in shown.split("\r") if frame.strip()]
    assert frames[:3] == [
        "Reading your appointments…",
        "Comparing with Google Calendar…",
        f"Writing to Google Calendar: 0 of {wanted}",
    ]
    assert frames[-1] == f"Writing to Google Calendar: {wanted} of {wanted}"
    assert shown.endswith("\r") and "\n" not in shown, "the line is wiped, so the summary starts clean"
    assert text.startswith(f"{wanted} created")


def test_first_sync_mirrors_the_agenda_and_the_second_writes_nothing(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    code, summary, err = run(capsys, "sync", "--once", "--json")
    assert code == 0, err
    assert "\r" not in err, "no progress line when stderr is not a terminal"
    assert set(summary) == {"created", "updated", "deleted", "unchanged", "failed", "held_deletes", "duration_s"}
    wanted = expected_ids(sims.doctolib)
    assert summary["created"] == len(wanted) > 20
    calendar_id = app.config.get("google.calendar_id")
    events = live_events(sims.google, calendar_id)
    assert {e["id"] for e in events} == {event_id("doctolib", i) for i in wanted}
    assert all(e["visibility"] == "private" and e["transparency"] == "opaque" for e in events)
    assert {e["summary"] for e in events} <= {"Consultation", "Video consultation"}

    sims.google.reset_counts()
    code, again, _ = run(capsys, "sync", "--once", "--json")
    assert code == 0
    assert again["unchanged"] == len(wanted) and again["created"] == again["updated"] == again["deleted"] == 0
    writes = {
        k: v for k, v in sims.google.counts.items() if k.split(".")[-1] in ("insert", "update", "patch", "delete")
    }
    assert sum(writes.values()) == 0 and sims.google.counts.get("batch", 0) == 0


def test_changes_at_the_source_are_mirrored(app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "sync", "--once", "--json")[0] == 0
    wanted = sorted(expected_ids(sims.doctolib))
    moved, cancelled = wanted[0], wanted[1]
    appointment = sims.doctolib.appointments[moved]
    sims.doctolib.move(moved, appointment.start + timedelta(hours=1), appointment.end + timedelta(hours=1))
    sims.doctolib.cancel(cancelled)
    code, summary, _ = run(capsys, "sync", "--once", "--json")
    assert code == 0
    assert (summary["updated"], summary["deleted"], summary["created"]) == (1, 1, 0)
    calendar_id = app.config.get("google.calendar_id")
    by_id = {e["id"]: e for e in sims.google.events(calendar_id)}
    assert by_id[event_id("doctolib", cancelled)]["status"] == "cancelled"
    new_start = datetime.fromisoformat(by_id[event_id("doctolib", moved)]["start"]["dateTime"])
    assert new_start == appointment.start + timedelta(hours=1)


def test_privacy_level_full_then_busy_rewrites_titles(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "privacy-level", "full")[0] == 0
    assert run(capsys, "sync", "--once", "--json")[0] == 0
    calendar_id = app.config.get("google.calendar_id")
    named = [e for e in live_events(sims.google, calendar_id) if " – " in e["summary"]]
    assert named, "with level full, patients with a name appear in the titles"
    assert run(capsys, "privacy-level", "busy")[0] == 0
    code, summary, _ = run(capsys, "sync", "--once", "--json")
    assert code == 0 and summary["updated"] >= len(named)
    assert not [e for e in live_events(sims.google, calendar_id) if " – " in e["summary"]]


def test_dry_run_writes_nothing(app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]) -> None:
    code, summary, _ = run(capsys, "sync", "--once", "--dry-run", "--json")
    assert code == 0 and summary["created"] == len(expected_ids(sims.doctolib))
    calendar_id = app.config.get("google.calendar_id")
    assert sims.google.events(calendar_id) == []


def test_source_error_aborts_before_google_is_touched(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "sync", "--once", "--json")[0] == 0
    calendar_id = app.config.get("google.calendar_id")
    before = sims.google.events(calendar_id)
    sims.google.reset_counts()
    requests_before = sims.google.http_requests
    sims.doctolib.inject(200, count=50, path="/calendar_display/appointments", body=b'{"data": [{"id": 1}')
    code, _, err = run(capsys, "sync", "--once", "--json")
    assert code == 1
    assert err.count("\n") == 1 and "No appointment was changed or deleted" in err
    assert sims.google.events(calendar_id) == before
    assert sims.google.http_requests == requests_before  # not even a token refresh or a calendar check


def test_empty_source_holds_deletes_until_confirmed(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "sync", "--once", "--json")[0] == 0
    count = len(expected_ids(sims.doctolib))
    for appointment_id in list(sims.doctolib.appointments):
        sims.doctolib.cancel(appointment_id)
    code, summary, err = run(capsys, "sync", "--once", "--json")
    assert code == 3 and summary["held_deletes"] == count and summary["deleted"] == 0
    assert "--allow-mass-delete" in err
    calendar_id = app.config.get("google.calendar_id")
    assert len(live_events(sims.google, calendar_id)) == count
    assert app.status()["held_deletes"] == count
    code, summary, _ = run(capsys, "sync", "--once", "--json", "--allow-mass-delete")
    assert code == 0 and summary["deleted"] == count
    assert live_events(sims.google, calendar_id) == []


def test_foreign_events_in_the_calendar_are_left_alone(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "sync", "--once")[0] == 0
    calendar_id = app.config.get("google.calendar_id")
    foreign = sims.google.add_foreign_event(
        calendar_id,
        {
            "summary": "Dentist (mine)",
            "start": {"dateTime": "2030-01-01T10:00:00+01:00"},
            "end": {"dateTime": "2030-01-01T11:00:00+01:00"},
        },
    )
    for appointment_id in list(sims.doctolib.appointments):
        sims.doctolib.cancel(appointment_id)
    assert run(capsys, "sync", "--once", "--allow-mass-delete")[0] == 0
    kept = {e["id"]: e for e in sims.google.events(calendar_id)}[foreign["id"]]
    assert kept["status"] != "cancelled" and kept["summary"] == "Dentist (mine)"


def test_deleted_calendar_is_recreated(app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "sync", "--once")[0] == 0
    first = app.config.get("google.calendar_id")
    sims.google.delete_calendar_out_of_band(first)
    code, summary, _ = run(capsys, "sync", "--once", "--json")
    assert code == 0 and summary["created"] == len(expected_ids(sims.doctolib))
    assert CalMedi().config.get("google.calendar_id") not in (None, first)


def test_revoked_google_token_asks_to_sign_in_again_and_deletes_nothing(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "sync", "--once")[0] == 0
    calendar_id = app.config.get("google.calendar_id")
    before = sims.google.events(calendar_id)
    sims.google.revoke(app.store.get(credentials.GOOGLE))
    for appointment_id in list(sims.doctolib.appointments)[:5]:
        sims.doctolib.cancel(appointment_id)
    code, _, err = run(capsys, "sync", "--once")
    assert code == 1 and "calmedi connect google" in err
    assert sims.google.events(calendar_id) == before
    assert app.status()["last_run"]["error"] == "AuthExpiredError"


def test_revoked_doctolib_token_asks_to_sign_in_again(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    sims.doctolib.revoke_refresh_tokens()
    sims.doctolib.expire_access_tokens()
    code, _, err = run(capsys, "sync", "--once")
    assert code == 1 and "calmedi connect doctolib" in err


def test_google_quota_exhausted_is_reported_and_retried_next_run(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(RetryPolicy, "delay", lambda self, *args, **kwargs: 0.0)  # backoff without the wait
    monkeypatch.setenv(WINDOW_ENV, "0.3")  # the quota's pauses at the scale of a fraction of a second
    sims.google.inject(403, "rateLimitExceeded", count=10_000, kind="events.insert")
    code, summary, err = run(capsys, "sync", "--once", "--json")
    assert code == 1 and summary["failed"] == len(expected_ids(sims.doctolib)) and summary["created"] == 0
    assert "could not be written" in err
    sims.google.clear_faults()
    code, summary, _ = run(capsys, "sync", "--once", "--json")
    assert code == 0 and summary["created"] == len(expected_ids(sims.doctolib))


def test_plain_http_to_a_remote_host_is_refused(
    app: CalMedi, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALMEDI_DOCTOLIB_URL", "http://pro.doctolib.example")
    code, _, err = run(capsys, "sync", "--once")
    assert code == 1 and "https://" in err and err.count("\n") == 1


def test_status_shows_accounts_and_last_run_but_no_secret(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "sync", "--once")[0] == 0
    code, status, _ = run(capsys, "status", "--json")
    assert code == 0
    assert status["accounts"]["google"]["connected"] and status["accounts"]["doctolib"]["connected"]
    assert status["last_run"]["ok"] is True and status["privacy_level"] == "busy"
    text = json.dumps(status)
    for secret in (app.store.get(credentials.GOOGLE), app.store.get(credentials.DOCTOLIB)):
        assert secret and secret not in text
    code, human, _ = run(capsys, "status")
    assert code == 0 and "Google Calendar: connected" in human


def test_config_round_trip_and_validation(app: CalMedi, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "config", "set", "sync.future_days", "30")[0] == 0
    assert run(capsys, "config", "get", "sync.future_days")[1] == 30
    code, _, err = run(capsys, "config", "set", "sync.near_interval_seconds", "10")
    assert code == 1 and "sync.near_interval_seconds" in err and err.count("\n") == 1
    assert run(capsys, "config", "get", "sync.near_interval_seconds")[1] == 40
    code, _, err = run(capsys, "config", "set", "sync.interval_minutes", "0")  # the old name is still understood
    assert code == 1 and "sync.interval_minutes" in err and err.count("\n") == 1
    assert run(capsys, "config", "set", "sync.interval_minutes", "20")[0] == 0
    assert run(capsys, "config", "get", "sync.full_interval_minutes")[1] == 20


def test_disconnect_revokes_and_forgets(app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]) -> None:
    token = app.store.get(credentials.GOOGLE)
    code, info, _ = run(capsys, "disconnect", "google", "--json")
    assert code == 0 and info["revoked"] is True
    assert app.store.get(credentials.GOOGLE) is None
    assert not sims.google.revoke(token)  # already revoked remotely
    code, _, err = run(capsys, "sync", "--once")
    assert code == 1 and "calmedi connect google" in err


def test_french_messages_for_a_french_locale(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    from calmedi_desktop.i18n import set_language

    set_language(None)
    sims.doctolib.inject(400, count=50, path="/calendar_display/appointments")
    code, _, err = run(capsys, "sync", "--once")
    assert code == 1 and "Aucun rendez-vous n'a été modifié ni supprimé" in err
