"""Retention through the facade: daily log purge and the 12-month closure rule, on a controlled clock."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.paths import AppPaths, open_private_append
from calmedi_desktop.service import CalMedi


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


T0 = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)


def make_app(app_paths: AppPaths, memory_store: CredentialStore, clock: Clock) -> CalMedi:
    app = CalMedi(app_paths, store=memory_store, clock=clock)
    app.set_setting("profile.last_name", "Martin")
    return app


def test_old_log_lines_are_purged_once_a_day(app_paths: AppPaths, memory_store: CredentialStore) -> None:
    clock = Clock(T0)
    app = make_app(app_paths, memory_store, clock)
    old = {"ts": (T0 - timedelta(days=400)).isoformat(), "level": "INFO", "logger": "x", "msg": "old"}
    recent = {"ts": (T0 - timedelta(days=10)).isoformat(), "level": "INFO", "logger": "x", "msg": "recent"}
    for name, line in (("calmedi-2024-12.jsonl", old), ("calmedi-2025-12.jsonl", recent)):
        with open_private_append(app_paths.log / name) as fh:
            fh.write(json.dumps(line) + "\n")
    first = app.maintenance()
    assert first["purged"]["log_records_removed"] == 1
    assert app.maintenance()["purged"] is None  # not due again the same day
    clock.now = T0 + timedelta(days=1, minutes=1)
    assert app.maintenance()["purged"] is not None
    kept = [json.loads(line)["msg"] for f in app_paths.log.glob("*.jsonl") for line in f.read_text().splitlines()]
    assert "old" not in kept and "recent" in kept


def test_account_data_is_erased_twelve_months_after_the_licence_lapsed(
    app_paths: AppPaths, memory_store: CredentialStore
) -> None:
    clock = Clock(T0)
    app = make_app(app_paths, memory_store, clock)
    assert app.licence_status()["state"] == "trial"
    assert app.maintenance()["closure"] == "none"

    clock.now = T0 + timedelta(days=20)  # the 14-day trial is over: the licence is closed from now on
    assert app.licence_status()["state"] == "expired"
    lapsed = app.maintenance()
    assert lapsed["closure"] == "none" and lapsed["erase_at"].startswith("2027-01-30")

    clock.now = T0 + timedelta(days=20 + 340)  # within 30 days of the erasure
    assert app.maintenance()["closure"] == "notify"
    assert app.settings()["profile.last_name"] == "Martin"  # export and erase still possible until then

    clock.now = T0 + timedelta(days=20 + 366)
    assert app.maintenance()["closure"] == "erase"
    assert not any(folder.exists() and any(folder.iterdir()) for folder in app_paths.all_dirs())


def test_a_renewed_licence_cancels_the_closure_clock(app_paths: AppPaths, memory_store: CredentialStore) -> None:
    clock = Clock(T0 + timedelta(days=20))
    app = make_app(app_paths, memory_store, clock)
    app.state.update(licence_trial_started_at=T0.isoformat())
    assert app.licence_status()["state"] == "expired"
    app.maintenance()
    assert app.state.load()["licence_closed_at"]

    class Active:
        state = "active"

    app.licence.status = lambda: Active()  # type: ignore[method-assign]
    assert app.maintenance()["closure"] == "none"
    assert "licence_closed_at" not in app.state.load()
