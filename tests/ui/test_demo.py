"""Demo mode: both simulators, the 30-second loop, the Preview week view, and ``main(demo=True)`` itself."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from calmedi_desktop.demo.session import DemoEnvironment
from calmedi_desktop.ui import app as ui_app
from calmedi_desktop.ui.controller import AppController
from calmedi_desktop.ui.single_instance import SingleInstance, server_name
from calmedi_desktop.ui.week_view import events_from_google

pytestmark = pytest.mark.gui


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DemoEnvironment]:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the demo's throwaway home goes in the test's
    with DemoEnvironment(seed=5, latency=0.0, mutation_period=3600) as environment:
        yield environment


@pytest.fixture
def demo_controller(qtbot: Any, demo: DemoEnvironment, dialog_recorder: Any, no_quit: Any) -> Iterator[AppController]:
    controller = ui_app.build(demo.app, demo, first_delay_seconds=0)
    yield controller
    controller.shutdown()
    if controller.settings_window is not None:
        controller.settings_window.close()


def test_demo_syncs_every_thirty_seconds_and_previews_the_simulated_calendar(
    qtbot: Any, demo: DemoEnvironment, demo_controller: AppController
) -> None:
    controller = demo_controller
    assert controller.scheduler.interval_minutes == 0.5
    window = controller.settings_window
    assert window is not None and window.isVisible(), "no tray offscreen: the window opens instead"
    assert window.current_page() == "preview"
    preview = window.pages["preview"]
    qtbot.waitUntil(lambda: controller.last_result is not None, timeout=30000)
    assert controller.last_result.created > 0
    calendar_id = demo.app.get_setting("google.calendar_id")
    zone = ZoneInfo(demo.app.get_setting("sync.timezone"))
    everything = events_from_google(demo.google.events(calendar_id), zone)
    monday = date.today() - timedelta(days=date.today().weekday())
    this_week = [e for e in everything if monday <= e.start.date() < monday + timedelta(days=7)]
    qtbot.waitUntil(lambda: len(preview.view.events) == len(this_week), timeout=5000)
    assert all(event.summary.startswith(("Consultation", "Video consultation")) for event in everything)
    preview.next.click()
    next_week = [e for e in everything if monday + timedelta(days=7) <= e.start.date() < monday + timedelta(days=14)]
    assert len(preview.view.events) == len(next_week)
    assert preview.count_label.text().split()[0] == str(len(next_week))
    preview.today.click()
    assert preview.monday == monday


def test_demo_follows_the_simulator_after_a_cancellation(
    qtbot: Any, demo: DemoEnvironment, demo_controller: AppController
) -> None:
    controller = demo_controller
    qtbot.waitUntil(lambda: controller.last_result is not None, timeout=30000)
    calendar_id = demo.app.get_setting("google.calendar_id")
    live_before = [e for e in demo.google.events(calendar_id) if e.get("status") != "cancelled"]
    booked = next(a for a in demo.doctolib.appointments.values() if a.status not in ("deleted", "canceled"))
    demo.doctolib.cancel(booked.id)
    first = controller.last_result
    with qtbot.waitSignal(controller.bridge.runFinished, timeout=30000):
        qtbot.waitUntil(controller.sync_now, timeout=10000)
    assert controller.last_result is not first
    live_after = [e for e in demo.google.events(calendar_id) if e.get("status") != "cancelled"]
    assert len(live_after) <= len(live_before)
    assert controller.tray_state() in ("idle", "syncing")


def test_open_calendar_in_demo_shows_the_preview(demo_controller: AppController, opened_urls: list[str]) -> None:
    demo_controller.settings_window.show_page("accounts")  # type: ignore[union-attr]
    demo_controller.open_calendar()
    assert opened_urls == []
    assert demo_controller.settings_window.current_page() == "preview"  # type: ignore[union-attr]


def test_a_tray_appears_when_the_desktop_offers_one(
    qtbot: Any, demo: DemoEnvironment, monkeypatch: pytest.MonkeyPatch, dialog_recorder: Any, no_quit: Any
) -> None:
    available = {"tray": False}
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: available["tray"]))
    monkeypatch.setattr(ui_app, "TRAY_POLL_MS", 20)
    controller = ui_app.build(demo.app, demo, first_delay_seconds=3600)
    try:
        assert controller.tray is None and controller.settings_window.isVisible()  # type: ignore[union-attr]
        available["tray"] = True
        qtbot.waitUntil(lambda: controller.tray is not None, timeout=5000)
        assert controller.tray.contextMenu() is controller.tray.menu
    finally:
        controller.shutdown()
        controller.tray.hide() if controller.tray else None
        controller.settings_window.close()  # type: ignore[union-attr]


def test_main_demo_runs_and_a_second_launch_brings_it_forward(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    seen: dict[str, Any] = {}

    def second_launch_then_quit() -> None:
        seen["answered"] = SingleInstance(server_name(demo=True)).ask_running_instance()
        QTimer.singleShot(300, QApplication.quit)

    QTimer.singleShot(300, second_launch_then_quit)
    assert ui_app.main(demo=True) == 0
    assert seen["answered"] is True
    assert list(tmp_path.glob("calmedi-demo-*")) == [], "the demo's throwaway home is deleted on exit"


def test_the_demo_calendar_shows_colours_per_site_and_reminders(
    qtbot: Any, demo: DemoEnvironment, demo_controller: AppController
) -> None:
    """Demo mode presets what the Calendar view can do; the simulated Google holds it and the week view draws it."""
    controller = demo_controller
    qtbot.waitUntil(lambda: controller.last_result is not None, timeout=30000)
    calendar_id = demo.app.get_setting("google.calendar_id")
    live = [e for e in demo.google.events(calendar_id) if e.get("status") != "cancelled"]
    video = [e for e in live if e["summary"].startswith("Video consultation")]
    on_site = [e for e in live if e not in video]
    assert video and on_site
    assert {e["colorId"] for e in video} == {"3"}
    assert {e["colorId"] for e in on_site} == {"2", "6"}, "one colour per practice site"
    assert all(10 in [o["minutes"] for o in e["reminders"]["overrides"]] for e in live)
    assert any(60 in [o["minutes"] for o in e["reminders"]["overrides"]] for e in live), "first of the day"
    drawn = events_from_google(demo.google.events(calendar_id), ZoneInfo(demo.app.get_setting("sync.timezone")))
    assert {e.color for e in drawn} == {"#33b679", "#f4511e", "#8e24aa"}
    assert all(10 in e.reminders for e in drawn)
    names = [m["name"] for m in demo.app.visit_motives()]
    assert names and not any("Mk" in name for name in names), "demo motive names read like a practice's"


def test_demo_puts_a_booking_for_today_in_the_calendar_with_a_run_of_the_coming_days(
    qtbot: Any, demo: DemoEnvironment, demo_controller: AppController
) -> None:
    from calmedi_desktop.demo.session import book_soon
    from calmedi_desktop.sync.eventid import event_id
    from calmedi_desktop.sync.tiers import NEAR

    controller = demo_controller
    # Every 30 s the coming days, the whole calendar every 5 minutes: a booking for today shows within a minute.
    assert (controller.scheduler.interval_minutes, controller.scheduler.full_interval_minutes) == (0.5, 5)
    qtbot.waitUntil(lambda: controller.last_result is not None, timeout=30000)
    assert controller.scheduler.next_tier() == NEAR
    import random

    booked = book_soon(demo.doctolib, random.Random(1))
    demo.doctolib.counts.clear()
    with qtbot.waitSignal(controller.bridge.runFinished, timeout=30000):
        qtbot.waitUntil(lambda: controller.scheduler.sync_now(full=False), timeout=10000)
    assert controller.last_result.tier == NEAR and controller.last_result.created == 1
    calendar_id = demo.app.get_setting("google.calendar_id")
    live = {e["id"] for e in demo.google.events(calendar_id) if e.get("status") != "cancelled"}
    assert event_id("doctolib", booked) in live
    assert set(demo.doctolib.counts) == {"appointments"}, "a near run reads only the coming days' pages"
