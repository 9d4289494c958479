"""Runs of the coming days against both simulators: they read, list and write only their window, stay cheap,
fail closed, and hand anything that left the window to a full run of the whole window at once."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from calmedi_desktop.errors import SourceError
from calmedi_desktop.headless import run_forever
from calmedi_desktop.service import CalMedi
from calmedi_desktop.sync.eventid import event_id
from calmedi_desktop.sync.tiers import FULL, NEAR, windows
from tests.cli_run import run
from tests.e2e.conftest import Sims, expected_ids, live_events


def near_window(app: CalMedi) -> tuple[datetime, datetime]:
    get = app.get_setting
    spans = windows(datetime.now(UTC), get("sync.past_days"), get("sync.future_days"), 7, get("sync.timezone"))
    return spans.near


def starts(sims: Sims, app: CalMedi) -> dict[str, datetime]:
    calendar_id = app.get_setting("google.calendar_id")
    return {e["id"]: datetime.fromisoformat(e["start"]["dateTime"]) for e in sims.google.events(calendar_id)}


def in_doctolib(sims: Sims, start: datetime, end: datetime) -> list[Any]:
    wanted = expected_ids(sims.doctolib)
    return sorted(
        (a for a in sims.doctolib.appointments.values() if a.id in wanted and start <= a.start < end),
        key=lambda a: a.start,
    )


def test_a_near_run_reads_lists_and_writes_only_the_coming_days(app: CalMedi, sims: Sims) -> None:
    assert app.sync_once().tier == FULL
    near_start, near_end = near_window(app)
    soon = in_doctolib(sims, near_start + timedelta(hours=1), near_end - timedelta(days=1))[0]
    later = in_doctolib(sims, near_end + timedelta(days=3), near_end + timedelta(days=60))[0]
    # Changes inside the window (a move, a new booking for later today) and one outside it (a move next month).
    sims.doctolib.move(soon.id, soon.start + timedelta(hours=1), soon.end + timedelta(hours=1))
    booked = sims.doctolib.book(datetime.now(UTC) + timedelta(hours=2), datetime.now(UTC) + timedelta(hours=2.5))
    sims.doctolib.move(later.id, later.start + timedelta(hours=1), later.end + timedelta(hours=1))
    sims.google.reset_counts()
    sims.doctolib.counts.clear()
    sims.doctolib.request_log.clear()

    result = app.sync_once(tier=NEAR)

    assert result.tier == NEAR and (result.created, result.updated, result.deleted) == (1, 1, 0)
    written = {eid for _, _, eid in sims.google.write_log}
    assert written == {event_id("doctolib", booked), event_id("doctolib", soon.id)}
    shown = starts(sims, app)
    assert shown[event_id("doctolib", later.id)] == later.start, "next month's change waits for the full run"
    # Cheap: one list page, no calendar check; the appointment pages of the coming days, nothing else.
    assert sims.google.api_calls == 1 + 2 and sims.google.counts["calendars.get"] == 0
    assert set(sims.doctolib.counts) == {"appointments"}
    assert {q["start_date"][:10] for _, q in sims.doctolib.request_log} == {near_start.strftime("%Y-%m-%d")}

    full = app.sync_once(tier=FULL)
    assert (full.tier, full.updated, full.created, full.deleted) == (FULL, 1, 0, 0)
    assert starts(sims, app)[event_id("doctolib", later.id)] == later.start + timedelta(hours=1)


def test_a_cancellation_in_the_coming_days_is_deleted_by_the_near_run(app: CalMedi, sims: Sims) -> None:
    app.sync_once()
    near_start, near_end = near_window(app)
    cancelled = in_doctolib(sims, near_start, near_end)[0]
    sims.doctolib.cancel(cancelled.id)  # Doctolib still lists it, in its slot, as cancelled
    sims.google.reset_counts()
    sims.doctolib.counts.clear()
    result = app.sync_once(tier=NEAR)
    assert (result.tier, result.deleted, result.created, result.updated) == (NEAR, 1, 0, 0)
    assert [(kind, eid) for _, kind, eid in sims.google.write_log] == [
        ("events.delete", event_id("doctolib", cancelled.id))
    ]
    assert set(sims.doctolib.counts) == {"appointments"}, "no need for the whole window"


def test_an_event_that_left_the_coming_days_becomes_a_full_run_at_once(app: CalMedi, sims: Sims) -> None:
    app.sync_once()
    near_start, near_end = near_window(app)
    moved_away, cancelled = in_doctolib(sims, near_start, near_end)[:2]
    # Moved out of the window: a near run alone would take it for a deletion; the whole window says otherwise.
    away = moved_away.start + timedelta(days=30)
    sims.doctolib.move(moved_away.id, away, away + (moved_away.end - moved_away.start))
    sims.doctolib.cancel(cancelled.id)
    sims.google.reset_counts()

    result = app.sync_once(tier=NEAR)

    assert result.tier == FULL and (result.deleted, result.updated) == (1, 1)
    log = {(kind, eid) for _, kind, eid in sims.google.write_log}
    assert log == {
        ("events.delete", event_id("doctolib", cancelled.id)),
        ("events.update", event_id("doctolib", moved_away.id)),
    }
    assert starts(sims, app)[event_id("doctolib", moved_away.id)] == away, "moved, never deleted"
    assert app.status()["last_full_success"] is not None


def test_a_near_run_fails_closed(app: CalMedi, sims: Sims) -> None:
    app.sync_once()
    calendar_id = app.get_setting("google.calendar_id")
    before = sims.google.events(calendar_id)
    sims.google.reset_counts()
    sims.doctolib.inject(400, count=1000, path="/calendar_display/appointments")
    with pytest.raises(SourceError):
        app.sync_once(tier=NEAR)
    assert sims.google.http_requests == 0 and sims.google.events(calendar_id) == before
    assert app.status()["last_run"] == {**app.status()["last_run"], "ok": False, "tier": NEAR}


def test_the_mass_deletion_guard_holds_for_the_run_a_near_run_turns_into(app: CalMedi, sims: Sims) -> None:
    app.sync_once()
    count = len(expected_ids(sims.doctolib))
    for appointment_id in list(sims.doctolib.appointments):
        sims.doctolib.cancel(appointment_id)
    result = app.sync_once(tier=NEAR)
    assert result.tier == FULL and result.held_deletes == count and result.deleted == 0
    assert len(live_events(sims.google, app.get_setting("google.calendar_id"))) == count


def test_a_calendar_deleted_while_the_process_runs_is_made_again(app: CalMedi, sims: Sims) -> None:
    app.sync_once()
    first = app.get_setting("google.calendar_id")
    sims.google.delete_calendar_out_of_band(first)
    result = app.sync_once(tier=NEAR)  # the kept target lists a calendar that is gone: a 404, then a new one
    second = app.get_setting("google.calendar_id")
    assert second not in (None, first) and result.created > 0
    assert app.sync_once().created == len(expected_ids(sims.doctolib)) - result.created


def test_status_shows_the_pace(app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "config", "set", "sync.near_interval_seconds", "45")[0] == 0
    code, status, _ = run(capsys, "status", "--json")
    assert code == 0
    assert (status["near_interval_seconds"], status["near_days"], status["full_interval_minutes"]) == (45, 7, 15)
    assert status["quota_per_minute"] == 600
    code, text, _ = run(capsys, "status")
    assert "Pace: the coming 7 days every 45 s, the whole window (7 days back, 90 ahead) every 15 min" in text


def test_continuous_sync_runs_at_the_configured_pace(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    app.set_setting("sync.near_interval_seconds", 50)
    app.set_setting("sync.full_interval_minutes", 20)
    stop = threading.Event()
    worker = threading.Thread(target=run_forever, args=(app, stop))
    worker.start()
    try:
        deadline = time.monotonic() + 60
        while app.status().get("last_run") is None and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        stop.set()
        worker.join(30)
    out, err = capsys.readouterr()
    assert "Syncing to Google Calendar: the coming 7 days every 50 s and the whole window every 20 min" in err
    assert app.status()["last_run"]["tier"] == FULL, "the loop starts with the whole window"
    assert out.startswith(f"{len(expected_ids(sims.doctolib))} created")
