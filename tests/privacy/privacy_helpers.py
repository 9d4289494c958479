"""Helpers shared by the privacy tests (import as tests.privacy.privacy_helpers)."""

from __future__ import annotations

import stat
from pathlib import Path


def modes_under(folder: Path) -> dict[Path, int]:
    """Permission bits of ``folder`` and everything in it."""
    found = {folder: stat.S_IMODE(folder.lstat().st_mode)}
    for path in folder.rglob("*"):
        found[path] = stat.S_IMODE(path.lstat().st_mode)
    return found


def assert_owner_only(folder: Path) -> None:
    for path, mode in modes_under(folder).items():
        expected = 0o700 if path.is_dir() else 0o600
        assert mode == expected, f"{path} is {oct(mode)}, expected {oct(expected)}"
