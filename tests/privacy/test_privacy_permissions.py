"""Invariant 4 for the privacy modules: every file they write is 0600, every folder 0700, whatever the umask."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from calmedi_desktop.paths import AppPaths
from calmedi_desktop.privacy.consent import ConsentLog
from calmedi_desktop.privacy.export import build_export
from calmedi_desktop.privacy.logs import configure_logging, log_records_since, purge_old_logs
from calmedi_desktop.privacy.retention import log_cutoff
from tests.privacy.privacy_helpers import assert_owner_only


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    """With umask 0 a file would be 0666 and a folder 0777 unless the code sets the modes itself."""
    previous = os.umask(0)
    yield
    os.umask(previous)


@pytest.mark.usefixtures("permissive_umask")
def test_log_consent_purge_and_export_writes_are_owner_only(paths: AppPaths, tmp_path: Path, write_log_file) -> None:
    configure_logging(paths, logging.DEBUG)
    logging.getLogger("calmedi_desktop.tests").info("a line")
    consents = ConsentLog(paths.data / "consents.json")
    now = datetime.now(UTC).replace(microsecond=0)  # log lines keep milliseconds
    consents.grant("1.0", now)
    consents.withdraw("1.0", now)
    old = log_cutoff(now)
    straddling = write_log_file(f"{old:%Y-%m}", [old - timedelta(seconds=1), old])
    assert purge_old_logs(paths, now) == 1  # rewrote the month the cutoff falls in
    archive = build_export(
        tmp_path,
        profile={"first_name": None, "last_name": None, "email": None, "phone": None},
        accounts={"google": {"connected": False}, "doctolib": {"connected": False}},
        settings={"privacy.level": "busy"},
        consents=consents.history(),
        licence={"state": "none"},
        log_lines=log_records_since(paths, old),
        app_version="0.1.0",
        now=now,
    )

    assert (paths.data / "consents.json").exists() and straddling.exists()
    assert len(list(paths.log.glob("*.jsonl"))) == 2
    for folder in paths.all_dirs():
        if folder.exists():
            assert_owner_only(folder)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
