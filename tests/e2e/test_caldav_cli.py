"""The CalDAV destination through the `calmedi` command: Doctolib simulator → CalMedi → a real Radicale.

Radicale runs with htpasswd accounts and a rights file (tests/caldav/radicale_server.py); CalMedi reaches it
through a loopback proxy that counts requests, so "no change = no PUT/DELETE" is checked on the wire."""

from __future__ import annotations

import io
import json
import sys
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from jsonschema import Draft202012Validator

from calmedi_desktop import credentials
from calmedi_desktop.demo.memory_keyring import MemoryKeyring
from calmedi_desktop.service import CalMedi
from calmedi_desktop.sync.eventid import event_id
from tests.caldav.davkit import FAST, Someone, shared_radicale
from tests.cli_run import run
from tests.e2e.caldav_kit import Dav, connect, someone, uids
from tests.e2e.conftest import Sims, expected_ids
from tests.google.simkit import TZ, foreign_body

SCHEMAS = Path(__file__).resolve().parents[2] / "docs" / "export-schema"


def test_connect_sync_move_cancel_then_a_quiet_run(
    doctolib_only: CalMedi, sims: Sims, dav: Dav, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, info, err = dav.connect(capsys, monkeypatch, "--json")
    assert code == 0, err
    assert info["switched"] is True and info["destination"] == "caldav", "nothing else was connected: it is used"
    assert info["user"] == dav.user and info["calendar_created_by_calmedi"] is True
    assert MemoryKeyring.entries()[("calmedi-desktop", credentials.CALDAV)] == dav.password
    app = CalMedi()
    settings_text = app.paths.settings_file.read_text()
    assert dav.password not in settings_text and info["calendar_url"] in settings_text
    assert requests.request("PROPFIND", info["calendar_url"], auth=(dav.user, dav.password)).status_code == 207

    code, status, _ = run(capsys, "status", "--json")
    assert code == 0
    assert status["destination"]["target"] == "caldav" and status["destination"]["connected"] is True
    assert status["accounts"]["caldav"]["user"] == dav.user and status["accounts"]["caldav"]["connected"] is True
    assert dav.password not in json.dumps(status)
    code, text, _ = run(capsys, "status")
    assert "Appointments go to: the CalDAV calendar at 127.0.0.1" in text and dav.user in text

    code, summary, err = run(capsys, "sync", "--once", "--json")
    assert code == 0, err
    wanted = sorted(expected_ids(sims.doctolib))
    assert summary["created"] == len(wanted) > 20
    bodies = someone(dav).bodies()
    assert set(bodies) == {event_id("doctolib", i) for i in wanted}
    assert {b["summary"] for b in bodies.values()} <= {"Consultation", "Video consultation"}
    raw = b"".join(data for _, data in someone(dav).resources().values())
    assert raw.count(b"CLASS:PRIVATE") == len(wanted) and raw.count(b"TRANSP:OPAQUE") == len(wanted)

    # Someone adds an event of their own to CalMedi's calendar: it is never touched.
    start = sims.doctolib.appointments[wanted[0]].start
    someone(dav).put_body("dentist.ics", foreign_body("dentist-1", start + timedelta(hours=3)))
    foreign = someone(dav).resources()["dentist.ics"]

    moved, cancelled = wanted[0], wanted[1]
    appointment = sims.doctolib.appointments[moved]
    sims.doctolib.move(moved, appointment.start + timedelta(hours=1), appointment.end + timedelta(hours=1))
    sims.doctolib.cancel(cancelled)
    code, summary, _ = run(capsys, "sync", "--once", "--json")
    assert code == 0
    assert (summary["updated"], summary["deleted"], summary["created"]) == (1, 1, 0)
    bodies = someone(dav).bodies()
    assert event_id("doctolib", cancelled) not in bodies
    moved_body = bodies[event_id("doctolib", moved)]
    assert moved_body["start"]["dateTime"].startswith(
        (appointment.start + timedelta(hours=1)).astimezone().date().isoformat()
    )
    assert moved_body["start"]["timeZone"] == TZ

    dav.proxy.clear()
    code, summary, _ = run(capsys, "sync", "--once", "--json")
    assert code == 0 and summary["unchanged"] == len(wanted) - 1
    assert summary["created"] == summary["updated"] == summary["deleted"] == summary["failed"] == 0
    assert dav.proxy.writes() == [], "a run with no change writes nothing"
    assert set(dav.proxy.methods()) <= {"PROPFIND", "REPORT"}
    assert someone(dav).resources()["dentist.ics"] == foreign


def test_a_deleted_calendar_is_created_again(
    doctolib_only: CalMedi, sims: Sims, dav: Dav, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert dav.connect(capsys, monkeypatch)[0] == 0
    assert run(capsys, "sync", "--once")[0] == 0
    old = CalMedi().get_setting("caldav.calendar_url")
    assert requests.delete(old, auth=(dav.user, dav.password)).status_code in (200, 204)
    code, summary, err = run(capsys, "sync", "--once", "--json")
    assert code == 0, err
    new = CalMedi().get_setting("caldav.calendar_url")
    assert new != old and CalMedi().get_setting("caldav.calendar_owned") is True
    assert summary["created"] == len(expected_ids(sims.doctolib))
    assert uids(dav) == {event_id("doctolib", i) for i in expected_ids(sims.doctolib)}
    assert requests.request("PROPFIND", old, auth=(dav.user, dav.password)).status_code == 404


def test_a_wrong_password_is_explained_and_nothing_is_kept_or_deleted(
    doctolib_only: CalMedi, sims: Sims, dav: Dav, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = connect(capsys, monkeypatch, dav.proxy.url, dav.user, "not-the-password")
    assert code == 1
    assert err.count("\n") == 1 and "Password refused" in err and "app-specific password" in err
    assert credentials.CALDAV not in {name for _, name in MemoryKeyring.entries()}
    assert CalMedi().get_setting("caldav.url") is None

    assert dav.connect(capsys, monkeypatch)[0] == 0
    assert run(capsys, "sync", "--once")[0] == 0
    before = someone(dav).resources()
    CalMedi().store.set(credentials.CALDAV, "changed-on-the-server")  # as after a password change elsewhere
    for appointment_id in list(sims.doctolib.appointments)[:3]:
        sims.doctolib.cancel(appointment_id)
    dav.proxy.clear()
    code, _, err = run(capsys, "sync", "--once")
    assert code == 1 and "Password refused" in err and "calmedi connect caldav" in err
    assert dav.proxy.writes() == [] and someone(dav).resources() == before, "nothing deleted"
    assert CalMedi().status()["last_run"]["error"] == "CalDavAuthError"


def test_erase_deletes_the_calendar_and_forgets_the_password(
    doctolib_only: CalMedi, sims: Sims, dav: Dav, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert dav.connect(capsys, monkeypatch)[0] == 0
    assert run(capsys, "sync", "--once")[0] == 0
    calendar_url = CalMedi().get_setting("caldav.calendar_url")
    code, _, err = run(capsys, "erase")
    assert code == 2 and "delete CalMedi's calendar on the CalDAV server" in err
    code, receipt, _ = run(capsys, "erase", "--yes", "--json")
    assert code == 0 and receipt["complete"] is True and receipt["not_done"] == []
    assert "caldav_calendar" in {step["step"] for step in receipt["done"]}
    assert requests.request("PROPFIND", calendar_url, auth=(dav.user, dav.password)).status_code == 404
    assert MemoryKeyring.entries() == {}


def test_erase_keep_calendar_keeps_it_and_still_forgets_the_password(
    doctolib_only: CalMedi, sims: Sims, dav: Dav, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert dav.connect(capsys, monkeypatch)[0] == 0
    assert run(capsys, "sync", "--once")[0] == 0
    kept = someone(dav)
    before = kept.resources()
    code, receipt, _ = run(capsys, "erase", "--keep-calendar", "--yes", "--json")
    assert code == 0 and receipt["complete"] is True
    assert not {"caldav_calendar", "caldav_events"} & {step["step"] for step in receipt["done"]}
    assert kept.resources() == before
    assert MemoryKeyring.entries() == {}


def test_a_server_that_refuses_to_create_a_calendar_offers_its_calendars(
    doctolib_only: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server = shared_radicale()
    user, password = server.add_user("locked")
    existing = server.prepare_calendar(user, props=b"<D:displayname>Cabinet</D:displayname>")
    theirs = Someone(existing, user, password)
    theirs.put_body("birthday.ics", foreign_body("birthday-1", sims.doctolib.now + timedelta(days=2)))

    code, _, err = connect(capsys, monkeypatch, server.url, user, password)
    assert code == 1 and "does not let CalMedi create a calendar of its own" in err
    assert "Cabinet" in err and "--calendar Cabinet" in err
    code, info, err = connect(capsys, monkeypatch, server.url, user, password, "--calendar", "Cabinet", "--json")
    assert code == 0, err
    assert info["calendar_created_by_calmedi"] is False and info["switched"] is True
    before = theirs.resources()["birthday.ics"]
    assert run(capsys, "sync", "--once")[0] == 0
    assert len(theirs.names()) == len(expected_ids(sims.doctolib)) + 1
    code, receipt, _ = run(capsys, "erase", "--yes", "--json")
    assert code == 0 and "caldav_events" in {step["step"] for step in receipt["done"]}
    assert theirs.names() == ["birthday.ics"] and theirs.resources()["birthday.ics"] == before


def test_switching_destination_never_deletes_the_other_calendar(
    app: CalMedi, sims: Sims, dav: Dav, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run(capsys, "config", "set", "sync.target", "caldav")
    assert code == 1 and "calmedi connect caldav" in err, "a destination that is not connected is refused"
    assert run(capsys, "sync", "--once")[0] == 0
    google_calendar = app.config.get("google.calendar_id")
    in_google = len(sims.google.events(google_calendar))
    code, text, _ = dav.connect(capsys, monkeypatch)
    assert code == 0 and "still go to Google Calendar" in text and "calmedi config set sync.target caldav" in text
    assert CalMedi().status()["destination"]["target"] == "google", "Google is connected: not switched unasked"

    assert run(capsys, "config", "set", "sync.target", "caldav")[0] == 0
    code, summary, _ = run(capsys, "sync", "--once", "--json")
    assert code == 0 and summary["created"] == len(expected_ids(sims.doctolib))
    assert len(sims.google.events(google_calendar)) == in_google, "Google's calendar is left as it was"
    in_caldav = someone(dav).resources()

    assert run(capsys, "config", "set", "sync.target", "google")[0] == 0
    code, summary, _ = run(capsys, "sync", "--once", "--json")
    assert code == 0 and summary["created"] == 0 and summary["unchanged"] == len(expected_ids(sims.doctolib))
    assert someone(dav).resources() == in_caldav, "and the CalDAV calendar too"


def test_disconnect_forgets_the_password_and_says_how_to_connect_again(
    doctolib_only: CalMedi, sims: Sims, dav: Dav, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert dav.connect(capsys, monkeypatch)[0] == 0
    calendar_url = CalMedi().get_setting("caldav.calendar_url")
    code, info, _ = run(capsys, "disconnect", "caldav", "--json")
    assert code == 0 and info["service"] == "caldav"
    assert credentials.CALDAV not in {name for _, name in MemoryKeyring.entries()}
    code, _, err = run(capsys, "sync", "--once")
    assert code == 1 and "calmedi connect caldav" in err
    # The same account connected again finds CalMedi's calendar instead of making a second one.
    assert dav.connect(capsys, monkeypatch)[0] == 0
    assert CalMedi().get_setting("caldav.calendar_url") == calendar_url


def test_only_https_away_from_this_computer(
    doctolib_only: CalMedi, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = connect(capsys, monkeypatch, "http://dav.example.org/", "alice", "secret")
    assert code == 1 and "https" in err
    code, _, err = run(capsys, "connect", "caldav", "https://dav.example.org/")
    assert code == 2 and "--user" in err
    assert credentials.CALDAV not in {name for _, name in MemoryKeyring.entries()}


def test_export_lists_the_caldav_account_without_its_password(
    doctolib_only: CalMedi,
    sims: Sims,
    dav: Dav,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    assert dav.connect(capsys, monkeypatch)[0] == 0
    assert run(capsys, "disconnect", "doctolib")[0] == 0  # offline as far as the export cares: no token needed
    code, out, _ = run(capsys, "export", str(tmp_path / "mine.zip"), "--json")
    assert code == 0
    with zipfile.ZipFile(out["path"]) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    assert all(dav.password.encode() not in data for data in files.values())
    accounts = json.loads(files["accounts.json"])
    schema = json.loads((SCHEMAS / "accounts.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(accounts)
    caldav = accounts["caldav"]
    assert (caldav["user"], caldav["server"], caldav["provider"]) == (dav.user, "127.0.0.1", "other")
    assert caldav["calendar_url"] == CalMedi().get_setting("caldav.calendar_url")
    assert caldav["calendar_created_by_calmedi"] is True and caldav["connected"] is True
    assert json.loads(files["settings.json"])["sync.target"] == "caldav"


def test_erase_without_the_server_finishes_locally_and_says_what_is_left(
    doctolib_only: CalMedi, sims: Sims, dav: Dav, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("calmedi_desktop.sync.targets.caldav_http.DEFAULT_POLICY", FAST)  # read by CalDavLink
    assert dav.connect(capsys, monkeypatch)[0] == 0
    assert run(capsys, "sync", "--once")[0] == 0
    calendar = someone(dav)
    kept = calendar.resources()
    dav.proxy.inject(mode="reset", count=10_000)  # the server is unreachable
    code, receipt, _ = run(capsys, "erase", "--yes", "--json")
    assert code == 0 and receipt["complete"] is True
    (left,) = [step for step in receipt["not_done"] if step["step"] == "caldav_calendar"]
    assert "delete the calendar named CalMedi" in left["manual_instructions"]
    assert MemoryKeyring.entries() == {}, "the password is forgotten all the same"
    dav.proxy.clear()
    assert calendar.resources() == kept, "nothing was half-deleted"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_password_is_asked_without_echo_elsewhere_it_must_come_on_stdin(
    doctolib_only: CalMedi, dav: Dav, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    prompts: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: prompts.append(prompt) or dav.password)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # a script, a CI job: no terminal to ask on
    code, _, err = run(capsys, "connect", "caldav", dav.proxy.url, "--user", dav.user)
    assert code == 2 and "--password-stdin" in err and prompts == []
    monkeypatch.setattr(sys, "stdin", Terminal(""))
    code, text, err = run(capsys, "connect", "caldav", dav.proxy.url, "--user", dav.user)
    assert code == 0, err
    assert prompts == [f"Password for {dav.user} (for iCloud, Fastmail and Nextcloud: an app-specific password): "]
    assert dav.password not in text + err and "CalDAV calendar connected on 127.0.0.1" in text
