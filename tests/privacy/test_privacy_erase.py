"""Right to erasure: everything goes, offline too, idempotent, resumable after a crash."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest

from calmedi_desktop.config import Config, StateFile
from calmedi_desktop.credentials import DOCTOLIB, GOOGLE, ICS_PREFIX, LICENCE, SERVICE, CredentialStore
from calmedi_desktop.demo.memory_keyring import MemoryKeyring
from calmedi_desktop.errors import KeyringLockedError, NetworkError
from calmedi_desktop.i18n import set_language
from calmedi_desktop.paths import AppPaths, write_private
from calmedi_desktop.privacy.consent import ConsentLog
from calmedi_desktop.privacy.erase import Eraser, RemoteStep, pending_erase
from calmedi_desktop.privacy.logs import JsonLinesHandler, configure_logging
from tests.privacy.privacy_helpers import assert_owner_only

ENTRIES = [GOOGLE, DOCTOLIB, LICENCE, ICS_PREFIX + "Cabinet"]
SECRET = "1//0gSecretRefreshTokenValue"
PERMISSIONS = "https://myaccount.google.com/permissions"


class Calls:
    """Remote steps that record their calls; ``behaviour`` maps a step to True, False or an exception."""

    def __init__(self, **behaviour: object) -> None:
        self.behaviour = behaviour
        self.calls: list[str] = []

    def step(self, name: str, manual: str = PERMISSIONS) -> RemoteStep:
        def run() -> bool:
            self.calls.append(name)
            outcome = self.behaviour.get(name, True)
            if isinstance(outcome, BaseException):
                raise outcome
            return bool(outcome)

        return RemoteStep(name, run, manual)

    def steps(self, *names: str) -> list[RemoteStep]:
        manual = {"google_revoke": PERMISSIONS, "doctolib_revoke": "https://pro.doctolib.fr (Account settings)"}
        return [self.step(name, manual.get(name, "")) for name in names]


ALL_STEPS = ("google_calendar", "google_revoke", "doctolib_revoke", "licence_forget")


@pytest.fixture
def autostart(isolated_home: Path) -> Path:
    path = isolated_home / ".config" / "autostart" / "calmedi.desktop"
    write_private(path, b"[Desktop Entry]\nExec=calmedi\n", tighten_parent=False)
    return path


@pytest.fixture
def populated(paths: AppPaths, memory_store: CredentialStore, autostart: Path) -> AppPaths:
    """Everything CalMedi writes in normal use: settings, state, consents, logs, cache, secrets, autostart."""
    Config(paths.settings_file).set("profile.email", "dr.martin@cabinet.fr")
    StateFile(paths.state_file).update(accounts={"google": {"connected_at": "2026-01-05T08:00:00+00:00"}})
    ConsentLog(paths.data / "consents.json").grant("1.0", datetime.now(UTC))
    write_private(paths.cache / "discovery" / "calendar.json", b"{}")
    configure_logging(paths)
    logging.getLogger("calmedi_desktop.tests").info("a technical line")
    for name in ENTRIES:
        memory_store.set(name, SECRET)
    MemoryKeyring().set_password("another-app", "user", "not ours")
    return paths


def _eraser(paths: AppPaths, store: CredentialStore, steps: list[RemoteStep], autostart: Path) -> Eraser:
    return Eraser(paths, store, remote_steps=steps, keyring_entries=ENTRIES, extra_files=[autostart])


def _files_left(home: Path) -> list[Path]:
    return [p for p in home.rglob("*") if not p.is_dir()]


def _calmedi_entries() -> list[tuple[str, str]]:
    return [key for key in MemoryKeyring.entries() if key[0] == SERVICE]


def test_plan_lists_exactly_what_will_go(populated: AppPaths, memory_store: CredentialStore, autostart: Path) -> None:
    memory_store.delete(LICENCE)
    plan = _eraser(populated, memory_store, Calls().steps(*ALL_STEPS), autostart).plan()
    lines = plan.lines()
    text = "\n".join(lines)
    for folder in (populated.config, populated.data, populated.state, populated.cache):
        assert str(folder) in text
    assert str(populated.log) not in text  # inside the state folder, which already says "and everything in it"
    assert str(autostart) in text
    assert "“google”" in text and "“ics:Cabinet”" in text and "“licence”" not in text
    assert lines[0] == "delete the CalMedi calendar in Google Calendar"
    assert plan.as_dict()["keyring_entries"] == [GOOGLE, DOCTOLIB, ICS_PREFIX + "Cabinet"]
    assert not pending_erase(populated)  # planning changes nothing
    set_language("fr")
    assert plan.lines()[0] == "supprimer l'agenda CalMedi dans Google Agenda"


def test_erase_removes_every_file_folder_and_keyring_entry(
    populated: AppPaths, memory_store: CredentialStore, autostart: Path, isolated_home: Path
) -> None:
    calls = Calls()
    receipt = _eraser(populated, memory_store, calls.steps(*ALL_STEPS), autostart).run()
    assert receipt.complete
    assert calls.calls == list(ALL_STEPS)
    assert [o.name for o in receipt.not_done] == []
    assert _files_left(isolated_home) == []
    assert not any(folder.exists() for folder in populated.all_dirs())
    assert _calmedi_entries() == []
    assert MemoryKeyring.entries() == {("another-app", "user"): "not ours"}
    assert autostart.parent.exists()  # the desktop's shared folder stays
    assert not pending_erase(populated)
    # Logging was stopped first: no open log file (Windows could not delete it), nothing recreates the folder.
    assert not any(isinstance(h, JsonLinesHandler) for h in logging.getLogger().handlers)
    logging.getLogger("calmedi_desktop.tests").warning("a line after the erasure")
    assert _files_left(isolated_home) == []


def test_offline_remote_steps_are_listed_with_manual_instructions(
    populated: AppPaths, memory_store: CredentialStore, autostart: Path, isolated_home: Path
) -> None:
    calls = Calls(
        google_calendar=NetworkError(service="Google", detail="offline"),
        google_revoke=False,
        doctolib_revoke=OSError("unreachable"),
    )
    receipt = _eraser(populated, memory_store, calls.steps(*ALL_STEPS), autostart).run()
    assert receipt.complete  # the local erasure completes whatever the remote steps do
    assert _files_left(isolated_home) == [] and _calmedi_entries() == []
    result = receipt.as_dict()
    not_done = {entry["step"]: entry["manual_instructions"] for entry in result["not_done"]}
    assert set(not_done) == {"google_calendar", "google_revoke", "doctolib_revoke"}
    assert PERMISSIONS in not_done["google_revoke"]
    assert "calendar.google.com" in not_done["google_calendar"]
    assert "pro.doctolib.fr" in not_done["doctolib_revoke"]
    assert {entry["step"] for entry in result["done"]} == {"licence_forget", "keyring", "files"}
    lines = "\n".join(result["lines"])
    assert "Not done: revoke CalMedi's access to your Google account" in lines
    assert f"to do yourself: open {PERMISSIONS}" in lines
    assert SECRET not in json.dumps(result)


def test_unknown_steps_show_their_own_name_and_instructions(paths: AppPaths, memory_store: CredentialStore) -> None:
    step = RemoteStep("Tell the vendor", lambda: False, "write to support@calmedi.io")
    receipt = Eraser(paths, memory_store, remote_steps=[step], keyring_entries=[]).run()
    assert receipt.as_dict()["not_done"] == [
        {"step": "Tell the vendor", "label": "Tell the vendor", "manual_instructions": "write to support@calmedi.io"}
    ]


def test_erase_is_idempotent(
    populated: AppPaths, memory_store: CredentialStore, autostart: Path, isolated_home: Path
) -> None:
    _eraser(populated, memory_store, Calls().steps(*ALL_STEPS), autostart).run()
    again = _eraser(populated, memory_store, Calls().steps(*ALL_STEPS), autostart).run()
    assert again.complete and again.not_done == []
    assert _files_left(isolated_home) == [] and _calmedi_entries() == []
    assert not any(folder.exists() for folder in populated.all_dirs())


def test_a_crash_mid_erase_is_resumed_at_next_start(
    populated: AppPaths, memory_store: CredentialStore, autostart: Path, isolated_home: Path
) -> None:
    first = Calls(doctolib_revoke=KeyboardInterrupt())  # the process dies while revoking Doctolib
    with pytest.raises(KeyboardInterrupt):
        _eraser(populated, memory_store, first.steps(*ALL_STEPS), autostart).run()
    assert first.calls == ["google_calendar", "google_revoke", "doctolib_revoke"]
    assert pending_erase(populated)
    marker = populated.erase_marker.read_text()
    assert json.loads(marker)["remote"] == {"google_calendar": True, "google_revoke": True}
    assert SECRET not in marker and "cabinet.fr" not in marker
    assert_owner_only(populated.state)

    # Next start: the facade resumes without the calendar step; what was done is not done twice.
    second = Calls()
    receipt = _eraser(populated, memory_store, second.steps(*ALL_STEPS[1:]), autostart).run()
    assert second.calls == ["doctolib_revoke", "licence_forget"]
    assert receipt.complete and not pending_erase(populated)
    assert {o.name for o in receipt.done} >= {"google_calendar", "google_revoke", "doctolib_revoke"}
    assert _files_left(isolated_home) == [] and _calmedi_entries() == []


def test_a_step_planned_before_a_crash_and_not_run_is_reported(
    paths: AppPaths, memory_store: CredentialStore, isolated_home: Path
) -> None:
    first = Calls(google_calendar=KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        Eraser(paths, memory_store, remote_steps=first.steps(*ALL_STEPS), keyring_entries=ENTRIES).run()
    receipt = Eraser(paths, memory_store, remote_steps=Calls().steps(*ALL_STEPS[1:]), keyring_entries=ENTRIES).run()
    assert [o.name for o in receipt.not_done] == ["google_calendar"]
    assert "calendar.google.com" in receipt.not_done[0].manual()
    assert receipt.complete and _files_left(isolated_home) == []


def test_a_crash_after_the_keyring_phase_does_not_retry_remote_steps(
    paths: AppPaths, memory_store: CredentialStore
) -> None:
    marker = {"phase": "files", "planned": ["google_revoke"], "remote": {"google_revoke": False}}
    write_private(paths.erase_marker, json.dumps(marker).encode())
    calls = Calls()
    receipt = Eraser(paths, memory_store, remote_steps=calls.steps("google_revoke"), keyring_entries=ENTRIES).run()
    assert calls.calls == []  # its token is gone: retrying would wrongly report success
    assert [o.name for o in receipt.not_done] == ["google_revoke"]
    assert receipt.complete and not paths.state.exists()


def test_an_offline_step_is_retried_when_resuming_before_the_keyring_phase(
    paths: AppPaths, memory_store: CredentialStore
) -> None:
    write_private(paths.erase_marker, json.dumps({"phase": "remote", "remote": {"google_revoke": False}}).encode())
    calls = Calls()
    receipt = Eraser(paths, memory_store, remote_steps=calls.steps("google_revoke"), keyring_entries=[]).run()
    assert calls.calls == ["google_revoke"] and receipt.not_done == []


class LockedStore(CredentialStore):
    def delete(self, name: str) -> bool:
        raise KeyringLockedError("delete: locked")


def test_a_locked_keyring_keeps_the_marker_for_the_next_start(
    populated: AppPaths, memory_store: CredentialStore, autostart: Path, isolated_home: Path
) -> None:
    receipt = _eraser(populated, LockedStore(MemoryKeyring()), Calls().steps(*ALL_STEPS), autostart).run()
    assert not receipt.complete
    assert [o.name for o in receipt.not_done] == ["keyring"]
    assert SERVICE in receipt.not_done[0].manual()
    assert "resume the next time CalMedi starts" in receipt.lines()[0]
    assert pending_erase(populated)
    assert _files_left(isolated_home) == [populated.erase_marker]  # every other file is gone already
    resumed = _eraser(populated, memory_store, Calls().steps(*ALL_STEPS), autostart).run()
    assert resumed.complete and _calmedi_entries() == [] and _files_left(isolated_home) == []


@pytest.mark.parametrize("layout", ["windows", "macos"])
def test_shared_and_nested_folders_are_erased_marker_last(
    tmp_path: Path, memory_store: CredentialStore, layout: str
) -> None:
    base = tmp_path / "calmedi"
    if layout == "windows":  # config = data = state, cache and logs inside
        paths = AppPaths(base, base, base, base / "Cache", base / "Logs")
    else:  # config = data = state; logs elsewhere
        paths = AppPaths(base, base, base, tmp_path / "Caches" / "calmedi", tmp_path / "Logs" / "calmedi")
    for folder in paths.all_dirs():
        write_private(folder / "file.json", b"{}")
    outside = tmp_path / "outside.txt"
    outside.write_text("not CalMedi's")
    (paths.data / "link").symlink_to(outside)
    receipt = Eraser(paths, memory_store, remote_steps=[], keyring_entries=[]).run()
    assert receipt.complete
    assert not any(folder.exists() for folder in paths.all_dirs())
    assert outside.read_text() == "not CalMedi's"  # a link is removed, never followed
