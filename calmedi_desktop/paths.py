"""Where CalMedi keeps its files, and the only way it writes them (owner-only, atomic).

Everything CalMedi writes goes through ``write_private`` or ``private_dir`` so that invariant 4 (0600 files,
0700 folders) holds by construction. Paths come from platformdirs; on Linux they follow the XDG variables.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from calmedi_desktop.errors import DiskError

APP = "calmedi"
FILE_MODE = 0o600
DIR_MODE = 0o700


@dataclass(frozen=True)
class AppPaths:
    config: Path
    data: Path
    state: Path
    cache: Path
    log: Path

    @classmethod
    def default(cls) -> AppPaths:
        return cls(
            config=Path(platformdirs.user_config_dir(APP, appauthor=False)),
            data=Path(platformdirs.user_data_dir(APP, appauthor=False)),
            state=Path(platformdirs.user_state_dir(APP, appauthor=False)),
            cache=Path(platformdirs.user_cache_dir(APP, appauthor=False)),
            log=Path(platformdirs.user_log_dir(APP, appauthor=False)),
        )

    def all_dirs(self) -> list[Path]:
        # dict.fromkeys keeps order and drops duplicates (on some platforms two roles share a folder).
        return list(dict.fromkeys([self.config, self.data, self.state, self.cache, self.log]))

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def state_file(self) -> Path:
        return self.state / "state.json"

    @property
    def erase_marker(self) -> Path:
        return self.state / "erase-in-progress.json"


def private_dir(path: Path, *, tighten_existing: bool = True) -> Path:
    """Create ``path`` (and missing parents) with 0700; tighten it if it exists and is ours alone.

    ``tighten_existing=False`` is for shared folders such as ``~/.config/autostart``: created 0700 if
    missing, left as the desktop made them otherwise.
    """
    try:
        existed = path.is_dir()
        missing = []
        parent = path.parent
        while not parent.exists() and parent != parent.parent:
            missing.append(parent)
            parent = parent.parent
        for folder in reversed(missing):
            # mkdir(parents=True) would create these with the umask's mode (0755): on Linux the log folder is
            # state/calmedi/log, so state/calmedi itself would not be owner-only. XDG asks 0700 for them too.
            folder.mkdir(mode=DIR_MODE, exist_ok=True)
            os.chmod(folder, DIR_MODE)
        path.mkdir(mode=DIR_MODE, exist_ok=True)
        if tighten_existing or not existed:
            os.chmod(path, DIR_MODE)
    except OSError as exc:
        raise DiskError(type(exc).__name__, path=str(path), detail=exc.strerror or str(exc)) from exc
    return path


def write_private(path: Path, data: bytes, *, tighten_parent: bool = True) -> None:
    """Atomically replace ``path`` with ``data``, owner-only; the old file survives any failure."""
    private_dir(path.parent, tighten_existing=tighten_parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        detail = "disk full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        raise DiskError(type(exc).__name__, path=str(path), detail=detail) from exc


def open_private_append(path: Path):  # type: ignore[no-untyped-def]
    """Open ``path`` for appending text, creating it 0600 if needed."""
    private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
    os.fchmod(fd, FILE_MODE)
    return os.fdopen(fd, "a", encoding="utf-8")
