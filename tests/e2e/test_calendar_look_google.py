"""calendar.name and calendar.color in Google, through the `calmedi` command against the simulator: a new
calendar gets the colour, a change of either setting is applied once by the next run, an unchanged setting
costs no call, a rename made in Google's own interface stays, and a refused patch never fails the run."""

from __future__ import annotations

import logging

import pytest

from calmedi_desktop.service import CalMedi
from tests.cli_run import run
from tests.e2e.conftest import Sims

PATCHES = ("calendars.patch", "calendarList.patch")


def patches(sims: Sims) -> tuple[int, int]:
    return sims.google.counts["calendars.patch"], sims.google.counts["calendarList.patch"]


def sync(capsys: pytest.CaptureFixture[str], *extra: str) -> None:
    code, summary, err = run(capsys, "sync", "--once", "--json", *extra)
    assert code == 0, err
    assert summary["failed"] == 0


def calendar_of(sims: Sims) -> tuple[str, str]:
    """(title, background colour) of CalMedi's calendar as the practitioner sees it in Google."""
    calendar_id = CalMedi().get_setting("google.calendar_id")
    entry = sims.google.calendar_list_entry(calendar_id)
    return entry["summary"], entry["backgroundColor"]


def test_a_first_sync_creates_the_calendar_in_the_chosen_colour(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "config", "set", "calendar.name", "Cabinet Martin")[0] == 0
    assert run(capsys, "config", "set", "calendar.color", "#0b8043")[0] == 0
    sync(capsys)
    assert calendar_of(sims) == ("Cabinet Martin", "#0b8043")
    entry = sims.google.calendar_list_entry(CalMedi().get_setting("google.calendar_id"))
    assert entry["foregroundColor"] == "#ffffff", "white reads on a dark green"
    assert patches(sims) == (0, 1), "the name came with the creation; the colour is one calendarList patch"
    sims.google.reset_counts()
    sync(capsys)
    assert patches(sims) == (0, 0)


def test_google_default_colour_sends_no_patch(app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]) -> None:
    sync(capsys)
    assert patches(sims) == (0, 0)
    assert calendar_of(sims)[0] == "CalMedi"


def test_a_change_is_applied_by_the_next_run_only_and_a_rename_in_google_stays(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    sync(capsys)
    calendar_id = CalMedi().get_setting("google.calendar_id")
    _, default_colour = calendar_of(sims)

    assert run(capsys, "config", "set", "calendar.name", "Cabinet Martin")[0] == 0
    assert calendar_of(sims)[0] == "CalMedi", "a setting is applied by a run, not by config set"
    sims.google.reset_counts()
    sync(capsys)
    assert calendar_of(sims) == ("Cabinet Martin", default_colour)
    assert patches(sims) == (1, 0)

    assert run(capsys, "config", "set", "google.calendar_color", "#d50000")[0] == 0  # the old name still works
    sims.google.reset_counts()
    sync(capsys)
    assert calendar_of(sims) == ("Cabinet Martin", "#d50000")
    assert patches(sims) == (0, 1)

    sims.google.reset_counts()
    sync(capsys)
    sync(capsys)
    assert patches(sims) == (0, 0), "unchanged settings cost no call"

    sims.google.rename_calendar_out_of_band(calendar_id, "Mes rendez-vous")
    sync(capsys)
    sync(capsys)
    assert calendar_of(sims) == ("Mes rendez-vous", "#d50000"), "the practitioner's own rename is left alone"
    assert patches(sims) == (0, 0)

    assert run(capsys, "config", "set", "calendar.color", "none")[0] == 0
    sync(capsys)
    assert calendar_of(sims) == ("Mes rendez-vous", "#d50000") and patches(sims) == (0, 0), (
        "Google's default: nothing to send, the colour stays as it is"
    )
    assert run(capsys, "config", "set", "calendar.name", "Cabinet")[0] == 0
    sync(capsys)
    assert calendar_of(sims)[0] == "Cabinet" and patches(sims) == (1, 0)


def test_a_dry_run_renames_nothing(app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]) -> None:
    sync(capsys)
    assert run(capsys, "config", "set", "calendar.name", "Cabinet")[0] == 0
    sync(capsys, "--dry-run")
    assert calendar_of(sims)[0] == "CalMedi" and patches(sims) == (0, 0)
    sync(capsys)
    assert calendar_of(sims)[0] == "Cabinet"


def test_a_refused_patch_leaves_the_run_successful_and_the_change_pending(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    sync(capsys)
    assert run(capsys, "config", "set", "calendar.name", "Cabinet Martin")[0] == 0
    assert run(capsys, "config", "set", "calendar.color", "#8e24aa")[0] == 0
    sims.google.inject(403, "forbidden", kind="calendars.patch")
    sims.google.inject(400, "invalid", kind="calendarList.patch")
    caplog.clear()
    with caplog.at_level(logging.INFO):
        code, summary, err = run(capsys, "sync", "--once", "--json")
    assert code == 0, err
    assert summary["failed"] == 0 and summary["unchanged"] > 20, "the run's own work is done"
    assert CalMedi().status()["last_run"]["ok"] is True
    failures = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len([m for m in failures if "rename the calendar" in m]) == 1
    assert len([m for m in failures if "recolour the calendar" in m]) == 1
    assert all("Cabinet" not in m for m in failures)
    name, colour = calendar_of(sims)
    assert name == "CalMedi" and colour != "#8e24aa"

    sims.google.clear_faults()
    sims.google.reset_counts()
    sync(capsys)
    assert calendar_of(sims) == ("Cabinet Martin", "#8e24aa"), "tried again, and applied, at the next run"
    assert patches(sims) == (1, 1)


def test_a_rename_done_stays_done_when_the_recolour_is_refused(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    sync(capsys)
    assert run(capsys, "config", "set", "calendar.name", "Cabinet Martin")[0] == 0
    assert run(capsys, "config", "set", "calendar.color", "#8e24aa")[0] == 0
    sims.google.inject(400, "invalid", kind="calendarList.patch")
    sync(capsys)
    name, colour = calendar_of(sims)
    assert name == "Cabinet Martin" and colour != "#8e24aa"
    sims.google.clear_faults()
    sims.google.reset_counts()
    sync(capsys)
    assert calendar_of(sims) == ("Cabinet Martin", "#8e24aa")
    assert patches(sims) == (0, 1), "the next run sends the colour only: the name was recorded as applied"


def test_a_recreated_calendar_gets_the_settings(app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "config", "set", "calendar.color", "#039be5")[0] == 0
    sync(capsys)
    first = CalMedi().get_setting("google.calendar_id")
    sims.google.delete_calendar_out_of_band(first)
    assert run(capsys, "config", "set", "calendar.name", "Cabinet")[0] == 0
    sync(capsys)
    assert CalMedi().get_setting("google.calendar_id") != first
    assert calendar_of(sims) == ("Cabinet", "#039be5")
