"""The practitioner's rights through the `calmedi` command: export, erase (online and offline), restriction —
in every licence state, since privacy rights never depend on the licence."""

from __future__ import annotations

import stat
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from calmedi_desktop import credentials
from calmedi_desktop.demo.memory_keyring import MemoryKeyring
from calmedi_desktop.paths import AppPaths
from calmedi_desktop.service import CalMedi
from tests.cli_run import run
from tests.e2e.conftest import Sims


def calmedi_files(paths: AppPaths) -> list[Path]:
    return [p for folder in paths.all_dirs() if folder.exists() for p in folder.rglob("*")]


def set_licence_state(app: CalMedi, state: str) -> None:
    """Put the stored licence in ``state`` the way it happens in real life (time passing, a tampered file)."""
    long_ago = (datetime.now(UTC) - timedelta(days=60)).isoformat()
    if state == "expired":
        app.state.update(licence_trial_started_at=long_ago)
    elif state == "invalid":
        app.state.update(licence_trial_started_at=long_ago, licence_token="CMT1.tampered.signature")
        app.store.set(credentials.LICENCE, "CALMEDI-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE")


@pytest.mark.parametrize("licence_state", ["trial", "expired", "invalid"])
def test_export_and_erase_work_whatever_the_licence(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str], tmp_path: Path, licence_state: str
) -> None:
    assert run(capsys, "sync", "--once")[0] == 0
    set_licence_state(app, licence_state)
    assert CalMedi().licence_status()["state"] == licence_state
    if licence_state != "trial":
        code, _, err = run(capsys, "sync", "--once")
        assert code == 1 and "export" in err.lower()  # paused, and says rights remain available

    code, out, _ = run(capsys, "export", str(tmp_path / "mine.zip"), "--json")
    assert code == 0 and Path(out["path"]).exists()
    assert stat.S_IMODE(Path(out["path"]).stat().st_mode) == 0o600
    with zipfile.ZipFile(out["path"]) as archive:
        names = set(archive.namelist())
        content = b"".join(archive.read(n) for n in names).decode()
    assert {
        "manifest.json",
        "profile.json",
        "accounts.json",
        "settings.json",
        "consents.json",
        "licence.json",
        "logs.jsonl",
        "README.txt",
    } <= names
    for secret in MemoryKeyring.entries().values():
        assert secret not in content

    calendar_id = app.config.get("google.calendar_id")
    google_token, doctolib_token = app.store.get(credentials.GOOGLE), app.store.get(credentials.DOCTOLIB)
    code, receipt, _ = run(capsys, "erase", "--yes", "--json")
    assert code == 0 and receipt["complete"] is True and receipt["not_done"] == []
    assert calendar_id not in sims.google.calendars  # the CalMedi calendar is gone from Google
    assert not sims.google.revoke(google_token)  # already revoked by the erase
    assert MemoryKeyring.entries() == {}
    assert calmedi_files(app.paths) == []
    assert doctolib_token


def test_erase_without_yes_lists_what_would_go_and_changes_nothing(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "sync", "--once")[0] == 0
    before = sorted(calmedi_files(app.paths))
    code, _, err = run(capsys, "erase")
    assert code == 2 and "--yes" in err and "Google" in err
    assert sorted(calmedi_files(app.paths)) == before and len(MemoryKeyring.entries()) == 2


def test_offline_erase_completes_locally_and_says_what_to_do_by_hand(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "sync", "--once")[0] == 0
    sims.google.stop()
    sims.doctolib.stop()
    code, receipt, _ = run(capsys, "erase", "--yes", "--json")
    assert code == 0 and receipt["complete"] is True  # the local erasure always completes
    not_done = {step["step"]: step["manual_instructions"] for step in receipt["not_done"]}
    assert set(not_done) == {"google_calendar", "google_revoke", "doctolib_revoke"}
    assert "myaccount.google.com/permissions" in not_done["google_revoke"]
    assert MemoryKeyring.entries() == {} and calmedi_files(app.paths) == []
    code, receipt, _ = run(capsys, "erase", "--yes", "--json")  # idempotent
    assert code == 0 and calmedi_files(app.paths) == []


def test_pausing_all_processing_stops_every_call_but_keeps_rights(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(capsys, "pause")[0] == 0
    google_before, doctolib_before = sims.google.http_requests, sum(sims.doctolib.counts.values())
    code, _, err = run(capsys, "sync", "--once")
    assert code == 1 and "calmedi resume" in err
    assert sims.google.http_requests == google_before and sum(sims.doctolib.counts.values()) == doctolib_before
    assert run(capsys, "status", "--json")[1]["processing_paused"] is True
    assert run(capsys, "export", str(tmp_path / "x.zip"))[0] == 0
    assert run(capsys, "resume")[0] == 0
    assert run(capsys, "sync", "--once")[0] == 0


def test_marketing_consent_is_off_by_default_and_recorded(app: CalMedi, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "consent", "status", "--json")[1]["marketing"] is False
    assert run(capsys, "consent", "grant", "--json")[1]["marketing"] is True
    code, data, _ = run(capsys, "consent", "withdraw", "--json")
    assert code == 0 and data["marketing"] is False
    history = run(capsys, "consent", "status", "--json")[1]["history"]
    assert [entry["action"] for entry in history] == ["grant", "withdraw"]
    assert all(entry["policy_version"] and entry["at"] for entry in history)
