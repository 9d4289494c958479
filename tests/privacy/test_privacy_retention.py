"""Retention dates: 12 months of logs, closure erasure at 12 months with a notice 30 days before."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from calmedi_desktop.paths import AppPaths
from calmedi_desktop.privacy.logs import run_retention
from calmedi_desktop.privacy.retention import (
    closure_due,
    closure_erase_at,
    log_cutoff,
    purge_due,
    shift_months,
)

CLOSED = datetime(2025, 11, 27, 10, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime(2026, 1, 31, 12, 0), 1, datetime(2026, 2, 28, 12, 0)),
        (datetime(2024, 2, 29), 12, datetime(2025, 2, 28)),
        (datetime(2024, 2, 29), -12, datetime(2023, 2, 28)),
        (datetime(2026, 1, 15), -1, datetime(2025, 12, 15)),
        (datetime(2026, 12, 31), 2, datetime(2027, 2, 28)),
        (datetime(2026, 3, 31), -1, datetime(2026, 2, 28)),
        (datetime(2026, 5, 9), 0, datetime(2026, 5, 9)),
    ],
)
def test_shift_months_is_calendar_arithmetic(moment: datetime, months: int, expected: datetime) -> None:
    assert shift_months(moment, months) == expected


def test_closure_timeline() -> None:
    erase_at = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    notify_at = erase_at - timedelta(days=30)
    assert closure_erase_at(CLOSED) == erase_at
    assert closure_due(None, erase_at) == "none"
    assert closure_due(CLOSED, CLOSED) == "none"
    assert closure_due(CLOSED, notify_at - SECOND) == "none"
    assert closure_due(CLOSED, notify_at) == "notify"
    assert closure_due(CLOSED, erase_at - SECOND) == "notify"
    assert closure_due(CLOSED, erase_at) == "erase"
    assert closure_due(CLOSED, erase_at + timedelta(days=400)) == "erase"


def test_closure_compares_instants_across_time_zones_and_naive_means_utc() -> None:
    paris = timezone(timedelta(hours=1))
    erase_at_paris = datetime(2026, 11, 27, 11, 0, tzinfo=paris)  # the same instant as 10:00 UTC
    assert closure_due(CLOSED, erase_at_paris - SECOND) == "notify"
    assert closure_due(CLOSED, erase_at_paris) == "erase"
    assert closure_due(CLOSED.replace(tzinfo=None), datetime(2026, 11, 27, 10, 0)) == "erase"


def test_purge_due_daily() -> None:
    last = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
    assert purge_due(None, last) is True
    assert purge_due(last, last + timedelta(hours=23, minutes=59)) is False
    assert purge_due(last, last + timedelta(days=1)) is True
    assert purge_due(last, last - timedelta(hours=1)) is True  # the clock went back: do not wait a day more
    assert purge_due(last, last + timedelta(hours=2), every=timedelta(hours=1)) is True


def test_log_cutoff_is_twelve_months_back() -> None:
    assert log_cutoff(datetime(2026, 11, 27, 10, 0, tzinfo=UTC)) == CLOSED
    assert log_cutoff(datetime(2028, 2, 29, tzinfo=UTC), 12) == datetime(2027, 2, 28, tzinfo=UTC)


def test_run_retention_purges_old_logs(paths: AppPaths, write_log_file) -> None:
    now = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    old = write_log_file("2025-06", [datetime(2025, 6, 1, tzinfo=UTC)] * 2)
    recent = write_log_file("2026-11", [datetime(2026, 11, 1, tzinfo=UTC)])
    report = run_retention(paths, now)
    assert report == {
        "ran_at": "2026-11-27T10:00:00+00:00",
        "log_records_removed": 2,
        "logs_kept_since": "2025-11-27T10:00:00+00:00",
    }
    assert not old.exists() and recent.exists()
    assert run_retention(paths, now)["log_records_removed"] == 0
