"""calendar.name and calendar.color on a CalDAV server, through the `calmedi` command against a real Radicale:
a change renames or recolours CalMedi's own calendar with one PROPPATCH at the next run, nothing is sent when
nothing changed, a calendar the practitioner picked keeps its name and colour, and a refused PROPPATCH never
fails the run. Read back with a PROPFIND, as any calendar app would."""

from __future__ import annotations

import logging

import pytest

from calmedi_desktop.service import CalMedi
from tests.caldav.davkit import calendar_look as look
from tests.caldav.davkit import shared_radicale
from tests.cli_run import run
from tests.e2e.caldav_kit import Dav, connect
from tests.e2e.conftest import Sims


def sync(capsys: pytest.CaptureFixture[str]) -> None:
    code, summary, err = run(capsys, "sync", "--once", "--json")
    assert code == 0, err
    assert summary["failed"] == 0


def proppatches(dav: Dav) -> int:
    return dav.proxy.methods().count("PROPPATCH")


def test_a_change_renames_and_recolours_the_own_calendar_once(
    doctolib_only: CalMedi, sims: Sims, dav: Dav, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, "config", "set", "calendar.name", "Cabinet")[0] == 0
    assert run(capsys, "config", "set", "calendar.color", "#0b8043")[0] == 0
    code, info, err = dav.connect(capsys, monkeypatch, "--json")
    assert code == 0, err
    url = info["calendar_url"]
    assert look(url, dav.user, dav.password)[0] == "Cabinet"
    assert look(url, dav.user, dav.password)[1].lower().startswith("#0b8043")
    sync(capsys)
    assert proppatches(dav) == 0, "made with the settings' name and colour: nothing to change"

    assert run(capsys, "config", "set", "calendar.name", "Cabinet Martin")[0] == 0
    sync(capsys)
    assert look(url, dav.user, dav.password)[0] == "Cabinet Martin"
    assert proppatches(dav) == 1

    assert run(capsys, "config", "set", "calendar.color", "#d50000")[0] == 0
    assert run(capsys, "config", "set", "calendar.name", "Dr Martin")[0] == 0
    sync(capsys)
    assert look(url, dav.user, dav.password) == ("Dr Martin", "#d50000")
    assert proppatches(dav) == 2, "name and colour together: one PROPPATCH"

    dav.proxy.clear()
    sync(capsys)
    sync(capsys)
    assert proppatches(dav) == 0 and not dav.proxy.writes(), "unchanged settings cost no request"

    assert run(capsys, "config", "set", "calendar.color", "none")[0] == 0
    sync(capsys)
    assert look(url, dav.user, dav.password) == ("Dr Martin", None), "the server's default: the colour is removed"
    assert proppatches(dav) == 1


def test_a_picked_calendar_keeps_its_name_and_colour(
    doctolib_only: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server = shared_radicale()
    user, password = server.add_user("picker")
    props = b"<D:displayname>Agenda</D:displayname><A:calendar-color>#7986cb</A:calendar-color>"
    theirs = server.prepare_calendar(user, "theirs", props)
    code, info, err = connect(capsys, monkeypatch, server.url, user, password, "--calendar", "Agenda", "--json")
    assert code == 0, err
    assert info["calendar_created_by_calmedi"] is False
    assert run(capsys, "config", "set", "calendar.name", "Cabinet")[0] == 0
    assert run(capsys, "config", "set", "calendar.color", "#d50000")[0] == 0
    sync(capsys)
    sync(capsys)
    assert look(theirs, user, password) == ("Agenda", "#7986cb")


def test_a_refused_proppatch_leaves_the_run_successful_and_is_tried_again(
    doctolib_only: CalMedi,
    sims: Sims,
    dav: Dav,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    code, info, err = dav.connect(capsys, monkeypatch, "--json")
    assert code == 0, err
    url = info["calendar_url"]
    sync(capsys)
    assert run(capsys, "config", "set", "calendar.name", "Cabinet")[0] == 0
    dav.proxy.inject(method="PROPPATCH", status=403)
    caplog.clear()
    with caplog.at_level(logging.INFO):
        sync(capsys)
    assert CalMedi().status()["last_run"]["ok"] is True
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "rename or recolour the calendar" in warnings[0], warnings
    assert look(url, dav.user, dav.password)[0] == "CalMedi"
    sync(capsys)
    assert look(url, dav.user, dav.password)[0] == "Cabinet"
    assert proppatches(dav) == 2


def test_switching_destination_applies_to_the_new_calendar_only_what_differs(
    app: CalMedi, sims: Sims, dav: Dav, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, "config", "set", "calendar.name", "Cabinet")[0] == 0
    sync(capsys)
    google_calendar = CalMedi().get_setting("google.calendar_id")
    code, info, err = dav.connect(capsys, monkeypatch, "--json")
    assert code == 0 and info["destination"] == "google", err
    assert look(info["calendar_url"], dav.user, dav.password)[0] == "Cabinet"
    assert run(capsys, "config", "set", "sync.target", "caldav")[0] == 0
    sync(capsys)
    assert proppatches(dav) == 0, "the CalDAV calendar already has that name"

    assert run(capsys, "config", "set", "calendar.name", "Dr Martin")[0] == 0
    sync(capsys)
    assert look(info["calendar_url"], dav.user, dav.password)[0] == "Dr Martin" and proppatches(dav) == 1
    assert sims.google.calendars[google_calendar]["summary"] == "Cabinet", "only the destination in use is renamed"

    sims.google.reset_counts()
    assert run(capsys, "config", "set", "sync.target", "google")[0] == 0
    sync(capsys)
    assert sims.google.calendars[google_calendar]["summary"] == "Dr Martin"
    assert sims.google.counts["calendars.patch"] == 1
    assert run(capsys, "config", "set", "sync.target", "caldav")[0] == 0
    sync(capsys)
    assert proppatches(dav) == 1, "back to CalDAV: its calendar already has the name"
