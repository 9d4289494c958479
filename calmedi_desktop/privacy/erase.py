"""Right to erasure: remote steps, keyring entries, then every file and folder CalMedi wrote.

Idempotent and resumable. ``run`` first writes an erase marker in the state folder, records each remote
step's outcome in it, and removes it only once the local erasure is complete: a crash or power cut leaves the
marker, ``pending_erase`` sees it at the next start, and a new ``run`` finishes the job (without re-running
the remote steps already done, whose tokens are gone by then). The state folder is emptied around the marker
and removed last, whether it stands alone or shares a folder with the others (macOS, Windows).

Remote steps (delete the Google calendar and the CalDAV one, revoke Google and Doctolib, forget the licence) run
first, while the tokens and the CalDAV password they need are still in the keyring. One that fails (offline,
refused) is listed in the receipt with the manual way to do it; the local erasure completes anyway. The receipt
is returned, never written.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from calmedi_desktop.credentials import SERVICE, CredentialStore
from calmedi_desktop.errors import CalmediError, DiskError, InsecureKeyringError
from calmedi_desktop.i18n import tr
from calmedi_desktop.paths import AppPaths, write_private
from calmedi_desktop.privacy.logs import stop_file_logging

MARKER_VERSION = 1
GOOGLE_PERMISSIONS_URL = "https://myaccount.google.com/permissions"
DOCTOLIB_URL = "https://pro.doctolib.fr"
# Remote steps the lead wires in; their labels and manual instructions are localised here.
KNOWN_STEPS: Mapping[str, str] = {
    "google_calendar": "",
    "caldav_calendar": "",  # CalMedi's own CalDAV calendar
    "caldav_events": "",  # CalMedi's events in a CalDAV calendar the practitioner picked
    "google_revoke": GOOGLE_PERMISSIONS_URL,
    "doctolib_revoke": DOCTOLIB_URL,
    "licence_forget": "",
}
KEYRING_STEP = "keyring"
FILES_STEP = "files"


@dataclass(frozen=True)
class RemoteStep:
    """``run`` returns True when done (or when there was nothing to do), False or raises when not done."""

    name: str
    run: Callable[[], bool]
    manual_instructions: str = ""


@dataclass(frozen=True)
class Outcome:
    """One step of the receipt. ``detail`` holds plain facts (counts, paths, instructions) for the lines."""

    name: str
    done: bool
    detail: Mapping[str, Any] = field(default_factory=dict)

    def label(self, language: str | None = None) -> str:
        if self.name in (KEYRING_STEP, FILES_STEP) or self.name in KNOWN_STEPS:
            return tr(f"erase.step.{self.name}", language, count=self.detail.get("count", 0))
        return self.name

    def manual(self, language: str | None = None) -> str:
        if self.name == KEYRING_STEP:
            return tr("erase.step.keyring.manual", language, service=SERVICE)
        if self.name == FILES_STEP:
            return tr("erase.step.files.manual", language, paths=", ".join(self.detail.get("failed", [])))
        instructions = str(self.detail.get("instructions", ""))
        if self.name in KNOWN_STEPS:
            return tr(f"erase.step.{self.name}.manual", language, url=instructions or KNOWN_STEPS[self.name])
        return instructions


@dataclass(frozen=True)
class ErasePlan:
    remote_steps: list[str]
    keyring_entries: list[str]
    folders: list[Path]
    files: list[Path]

    def lines(self, language: str | None = None) -> list[str]:
        """What will go, one item a line (the caller adds the heading and the confirmation)."""
        lines = [Outcome(name, False).label(language) for name in self.remote_steps]
        lines += [tr("erase.plan.keyring", language, name=name) for name in self.keyring_entries]
        lines += [tr("erase.plan.folder", language, path=str(path)) for path in self.folders]
        lines += [tr("erase.plan.file", language, path=str(path)) for path in self.files]
        if not self.folders and not self.files:
            lines.append(tr("erase.plan.nothing_local", language))
        return lines

    def notes(self, language: str | None = None) -> list[str]:
        return [tr("erase.plan.kept", language)]

    def as_dict(self) -> dict[str, Any]:
        return {
            "remote_steps": list(self.remote_steps),
            "keyring_entries": list(self.keyring_entries),
            "folders": [str(p) for p in self.folders],
            "files": [str(p) for p in self.files],
        }


@dataclass(frozen=True)
class EraseReceipt:
    outcomes: list[Outcome]
    complete: bool  # the local erasure finished and the marker is gone

    @property
    def done(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.done]

    @property
    def not_done(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.done]

    def lines(self, language: str | None = None) -> list[str]:
        head = tr("erase.receipt.complete", language) if self.complete else tr("erase.receipt.incomplete", language)
        lines = [head]
        lines += [tr("erase.receipt.done", language, name=o.label(language)) for o in self.done]
        for o in self.not_done:
            lines.append(tr("erase.receipt.not_done", language, name=o.label(language)))
            lines.append("    " + tr("erase.receipt.manual", language, instructions=o.manual(language)))
        lines.append(tr("erase.receipt.not_kept", language))
        return lines

    def as_dict(self, language: str | None = None) -> dict[str, Any]:
        return {
            "complete": self.complete,
            "done": [{"step": o.name, "label": o.label(language)} for o in self.done],
            "not_done": [
                {"step": o.name, "label": o.label(language), "manual_instructions": o.manual(language)}
                for o in self.not_done
            ],
            "lines": self.lines(language),
        }


def pending_erase(paths: AppPaths) -> bool:
    """True when an erasure was started and not finished: the next start must finish it first."""
    return paths.erase_marker.exists()


class Eraser:
    def __init__(
        self,
        paths: AppPaths,
        store: CredentialStore,
        *,
        remote_steps: Sequence[RemoteStep],
        keyring_entries: Sequence[str],
        extra_files: Sequence[Path] = (),
    ) -> None:
        self.paths = paths
        self.store = store
        self.remote_steps = list(remote_steps)
        self.keyring_entries = list(dict.fromkeys(keyring_entries))
        self.extra_files = list(extra_files)

    def plan(self) -> ErasePlan:
        return ErasePlan(
            remote_steps=[step.name for step in self.remote_steps],
            keyring_entries=self._stored_entries(),
            folders=[d for d in _top_dirs(self.paths) if d.exists()],
            files=[f for f in self.extra_files if f.exists() or f.is_symlink()],
        )

    def run(self) -> EraseReceipt:
        # No log line may recreate the log folder from here on.
        stop_file_logging()
        marker = self._load_marker()
        marker["planned"] += [s.name for s in self.remote_steps if s.name not in marker["planned"]]
        self._save_marker(marker)
        outcomes = self._run_remote(marker)
        marker["phase"] = KEYRING_STEP
        self._save_marker(marker)
        keyring = self._erase_keyring()
        marker["phase"] = FILES_STEP
        self._save_marker(marker)
        files = self._erase_files()
        complete = keyring.done and files.done
        if complete:
            self._remove_marker()
        return EraseReceipt([*outcomes, keyring, files], complete)

    # -- steps -----------------------------------------------------------------------------------------------

    def _run_remote(self, marker: dict[str, Any]) -> list[Outcome]:
        recorded: dict[str, bool] = marker["remote"]
        # Until the keyring phase, the tokens are still there: a step that failed (offline) is worth retrying.
        retry_failed = marker["phase"] == "remote"
        outcomes = []
        for step in self.remote_steps:
            done = recorded.get(step.name)
            if done is None or (not done and retry_failed):
                try:
                    done = bool(step.run())
                except Exception:  # offline, refused, a bug: not done, and the erasure goes on
                    done = False
                recorded[step.name] = done
                self._save_marker(marker)
            outcomes.append(Outcome(step.name, done, {"instructions": step.manual_instructions}))
        # Steps planned by an interrupted run but not offered this time still belong in the receipt: done if
        # they were, otherwise not done, with their manual instructions.
        current = {step.name for step in self.remote_steps}
        earlier = [name for name in marker["planned"] if name not in current]
        outcomes += [Outcome(name, recorded.get(name, False)) for name in earlier]
        return outcomes

    def _stored_entries(self) -> list[str]:
        try:
            return [name for name in self.keyring_entries if self.store.get(name) is not None]
        except CalmediError:
            return list(self.keyring_entries)  # cannot look: show everything that may be there

    def _erase_keyring(self) -> Outcome:
        failed = []
        deleted = 0
        for name in self.keyring_entries:
            try:
                deleted += self.store.delete(name)  # a missing entry counts as deleted
            except InsecureKeyringError:
                break  # CalMedi never stores into an insecure backend: nothing of ours can be there
            except CalmediError:
                failed.append(name)
        return Outcome(KEYRING_STEP, not failed, {"count": deleted, "failed": failed})

    def _erase_files(self) -> Outcome:
        keep = self.paths.erase_marker
        failed: list[str] = []
        removed = 0
        for path in self.extra_files:
            removed += _unlink(path, failed)
        for folder in _top_dirs(self.paths):
            removed += _remove_tree(folder, keep, failed)
        return Outcome(FILES_STEP, not failed, {"count": removed, "failed": failed})

    # -- marker ----------------------------------------------------------------------------------------------

    def _load_marker(self) -> dict[str, Any]:
        marker: dict[str, Any] = {
            "version": MARKER_VERSION,
            "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "phase": "remote",
            "planned": [],
            "remote": {},
        }
        try:
            data = json.loads(self.paths.erase_marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return marker  # absent or torn: start over; every step is safe to repeat
        if isinstance(data, dict):
            if isinstance(data.get("remote"), dict):
                marker["remote"] = {str(k): bool(v) for k, v in data["remote"].items()}
            if isinstance(data.get("planned"), list):
                marker["planned"] = [str(name) for name in data["planned"]]
            if data.get("phase") in ("remote", KEYRING_STEP, FILES_STEP):
                marker["phase"] = data["phase"]
            if isinstance(data.get("started_at"), str):
                marker["started_at"] = data["started_at"]
        return marker

    def _save_marker(self, marker: dict[str, Any]) -> None:
        # The marker only makes the erasure resumable: a full or read-only disk must not stop the erasure.
        with contextlib.suppress(DiskError):
            write_private(self.paths.erase_marker, json.dumps(marker, sort_keys=True).encode("utf-8"))

    def _remove_marker(self) -> None:
        marker = self.paths.erase_marker
        marker.unlink(missing_ok=True)
        roots = _top_dirs(self.paths)
        folder = marker.parent
        # Remove the marker's now-empty folders, up to (and including) the CalMedi folder that held it.
        while any(folder == root or folder.is_relative_to(root) for root in roots):
            try:
                folder.rmdir()
            except FileNotFoundError:
                pass
            except OSError:
                break
            folder = folder.parent


def _top_dirs(paths: AppPaths) -> list[Path]:
    """CalMedi's folders, without those nested in another (Windows puts Cache and Logs inside the data folder)."""
    dirs = paths.all_dirs()
    return [d for d in dirs if not any(d != o and d.is_relative_to(o) for o in dirs)]


def _unlink(path: Path, failed: list[str]) -> int:
    try:
        path.unlink()
        return 1
    except FileNotFoundError:
        return 0
    except OSError:
        failed.append(str(path))
        return 0


def _remove_tree(root: Path, keep: Path, failed: list[str]) -> int:
    """Delete ``root`` and everything in it but ``keep`` (and the folders leading to it); never follow links."""
    if root.is_symlink() or (root.exists() and not root.is_dir()):
        return _unlink(root, failed) if root != keep else 0
    try:
        children = list(root.iterdir())
    except FileNotFoundError:
        return 0
    except OSError:
        failed.append(str(root))
        return 0
    removed = 0
    failures_before = len(failed)
    for child in children:
        if child == keep:
            continue
        if child.is_dir() and not child.is_symlink():
            removed += _remove_tree(child, keep, failed)
        else:
            removed += _unlink(child, failed)
    if keep.is_relative_to(root):
        return removed
    try:
        os.rmdir(root)
        return removed + 1
    except FileNotFoundError:
        return removed
    except OSError:
        if len(failed) == failures_before:  # the folder itself would not go, although all it held did
            failed.append(str(root))
        return removed
