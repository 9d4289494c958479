"""Privacy tests: the shared throwaway home (tests/conftest.py), plus logging restored after each test."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from calmedi_desktop.paths import AppPaths, private_dir

LogWriter = Callable[..., Path]


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """configure_logging touches the root logger: leave it as the test found it."""
    root = logging.getLogger()
    app = logging.getLogger("calmedi_desktop")
    handlers, level = list(root.handlers), app.level
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    app.setLevel(level)


@pytest.fixture
def paths(app_paths: AppPaths, isolated_home: Path) -> AppPaths:
    assert all(folder.is_relative_to(isolated_home) for folder in app_paths.all_dirs())
    return app_paths


@pytest.fixture
def write_log_file(paths: AppPaths) -> LogWriter:
    """Write a log file by hand, one line per timestamp, as the handler would have."""

    def write(month: str, stamps: list[datetime], *, part: int = 0, extra: tuple[str, ...] = ()) -> Path:
        private_dir(paths.log)
        name = f"calmedi-{month}.jsonl" if part == 0 else f"calmedi-{month}.{part}.jsonl"
        path = paths.log / name
        lines = [
            json.dumps(
                {
                    "ts": ts.isoformat(timespec="milliseconds"),
                    "level": "INFO",
                    "logger": "calmedi_desktop.t",
                    "msg": f"line {i}",
                }
            )
            for i, ts in enumerate(stamps)
        ]
        path.write_text("".join(line + "\n" for line in [*lines, *extra]), encoding="utf-8")
        os.chmod(path, 0o600)
        return path

    return write
