"""The tray: one icon per state, a menu rebuilt when shown, and every menu action wired to the facade."""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from calmedi_desktop.destination import GOOGLE_WEB_PAGE as GOOGLE_CALENDAR_URL
from calmedi_desktop.errors import AuthExpiredError, DiskError, ExportExistsError, NetworkError
from calmedi_desktop.service import CalMedi
from calmedi_desktop.sync.model import SyncResult
from calmedi_desktop.sync.progress import WRITING, Progress
from calmedi_desktop.ui.controller import AppController
from calmedi_desktop.ui.icons import tray_icon_path
from calmedi_desktop.ui.notify import Notice
from calmedi_desktop.ui.tray import Tray
from tests.ui.conftest import DialogRecorder, FakeSync

pytestmark = pytest.mark.gui


def menu_texts(tray: Tray) -> list[str]:
    tray.menu.aboutToShow.emit()  # what Qt does right before showing it
    return [action.text() for action in tray.menu.actions() if not action.isSeparator()]


def run_sync_now(qtbot: Any, controller: AppController, *, fails: bool = False) -> None:
    signal = controller.bridge.runFailed if fails else controller.bridge.runFinished
    with qtbot.waitSignal(signal, timeout=10000):
        assert controller.sync_now()
    qtbot.waitUntil(lambda: controller.scheduler.state != "syncing", timeout=5000)


def test_signed_out_state_and_menu(make_controller: Callable[..., AppController]) -> None:
    controller = make_controller()
    tray = Tray(controller)
    assert controller.tray_state() == "signed-out"
    assert tray.state == "signed-out"
    texts = menu_texts(tray)
    assert texts[0].startswith("Not connected")
    assert not tray.actions["sync"].isEnabled()
    for label in (
        "Sync now",
        "Pause syncing",
        "Open Google Calendar",
        "Settings…",
        "Export my data…",
        "Erase my data…",
        "Quit CalMedi",
    ):
        assert label in texts


def test_sync_now_shows_what_changed_and_the_icon_follows_the_state(
    qtbot: Any, connected_controller: AppController, fake_sync: FakeSync
) -> None:
    controller = connected_controller
    tray = Tray(controller)
    controller.start_syncing()
    assert tray.state == "idle"
    assert "Not synced yet" in menu_texts(tray)
    states: list[str] = []
    controller.statusChanged.connect(lambda: states.append(controller.tray_state()))
    run_sync_now(qtbot, controller)
    assert len(fake_sync.calls) == 1
    assert "syncing" in states
    texts = menu_texts(tray)
    assert any(t.startswith("Last sync:") for t in texts)
    assert "2 created · 1 updated · 0 deleted" in texts
    assert tray.state == "idle"
    assert tray.icon().name() == "" or not tray.icon().isNull()
    assert tray_icon_path("idle").name in {"tray-idle-light.svg", "tray-idle-dark.svg"}


def test_a_run_under_way_shows_its_progress_in_the_tooltip_and_the_menu(
    qtbot: Any, connected_controller: AppController, fake_sync: FakeSync
) -> None:
    controller = connected_controller
    tray = Tray(controller)
    controller.start_syncing()
    release = threading.Event()
    fake_sync.gate = lambda: release.wait(10)  # the run reports 1 of 3 writes, then waits here
    try:
        assert controller.sync_now()
        qtbot.waitUntil(lambda: controller.progress is not None and controller.progress.done == 1, timeout=5000)
        qtbot.waitUntil(lambda: controller.tray_state() == "syncing", timeout=5000)
        assert tray.toolTip() == "CalMedi – Writing to Google Calendar: 1 of 3"
        assert menu_texts(tray)[0] == "Writing to Google Calendar: 1 of 3"
    finally:
        release.set()
    qtbot.waitUntil(lambda: controller.tray_state() == "idle", timeout=5000)
    assert controller.progress is None, "forgotten once the run is over"
    assert not tray.toolTip().startswith("CalMedi – Writing")
    assert fake_sync.tiers == ["full"], "sync now reads the whole window"


def test_a_wait_for_googles_quota_is_said_in_the_tooltip(
    qtbot: Any, connected_controller: AppController, fake_sync: FakeSync
) -> None:
    controller = connected_controller
    tray = Tray(controller)
    controller.bridge.run_progress(Progress(WRITING, 540, 2000, waiting_s=58.2, eta_s=181.0))
    qtbot.waitUntil(lambda: controller.progress is not None, timeout=5000)
    assert tray.toolTip() == "CalMedi – Google limits the pace of writes: 540 of 2000, about 4 min left"


def test_pause_and_resume_from_the_menu_persist_and_drive_the_scheduler(
    calmedi: CalMedi, connected_controller: AppController
) -> None:
    controller = connected_controller
    tray = Tray(controller)
    controller.start_syncing()
    menu_texts(tray)
    tray.actions["pause"].trigger()
    assert calmedi.config.path.exists()
    assert CalMedi(calmedi.paths, store=calmedi.store).get_setting("privacy.processing_paused") is True
    assert controller.scheduler.state == "paused"
    assert tray.state == "paused"
    texts = menu_texts(tray)
    assert "Resume syncing" in texts and "Processing paused by you – nothing is read or sent" in texts
    assert not tray.actions["sync"].isEnabled()
    tray.actions["pause"].trigger()
    assert calmedi.get_setting("privacy.processing_paused") is False
    assert controller.scheduler.state in ("idle", "syncing")
    assert "Pause syncing" in menu_texts(tray)


def test_paused_at_start_stays_paused(calmedi: CalMedi, connected_controller: AppController) -> None:
    calmedi.pause_processing()
    connected_controller.start_syncing()
    assert connected_controller.scheduler.state == "paused"
    assert connected_controller.tray_state() == "paused"


def test_expired_sign_in_needs_attention_and_notifies_once(
    qtbot: Any, connected_controller: AppController, fake_sync: FakeSync
) -> None:
    controller = connected_controller
    tray = Tray(controller)
    controller.start_syncing()
    notices: list[Notice] = []
    controller.notified.connect(notices.append)
    fake_sync.error = AuthExpiredError("test", service="Google Calendar", command="google")
    run_sync_now(qtbot, controller, fails=True)
    assert tray.state == "attention"
    assert menu_texts(tray)[0].startswith("Last attempt failed: Sign-in expired")
    assert [n.kind for n in notices] == ["act:AuthExpiredError"]
    run_sync_now(qtbot, controller, fails=True)
    assert len(notices) == 1, "the same problem is not notified twice"


def test_network_errors_notify_only_when_repeated_and_never_with_none(
    qtbot: Any, calmedi: CalMedi, connected_controller: AppController, fake_sync: FakeSync
) -> None:
    controller = connected_controller
    controller.start_syncing()
    notices: list[Notice] = []
    controller.notified.connect(notices.append)
    fake_sync.error = NetworkError("offline", service="Doctolib", detail="offline")
    for _ in range(2):
        run_sync_now(qtbot, controller, fails=True)
    assert notices == [] and controller.tray_state() == "idle"
    run_sync_now(qtbot, controller, fails=True)
    assert [n.kind for n in notices] == ["repeated"]
    assert controller.tray_state() == "attention"
    fake_sync.error = None
    run_sync_now(qtbot, controller)
    assert controller.tray_state() == "idle", "recovered by itself"


def test_notifications_set_to_none_stay_silent(
    qtbot: Any, connected_controller: AppController, fake_sync: FakeSync
) -> None:
    controller = connected_controller
    controller.change_setting("ui.notifications", "none")
    controller.start_syncing()
    notices: list[Notice] = []
    controller.notified.connect(notices.append)
    fake_sync.error = AuthExpiredError("x", service="Google", command="google")
    run_sync_now(qtbot, controller, fails=True)
    assert notices == []


def test_all_notifications_report_changes(qtbot: Any, connected_controller: AppController, fake_sync: FakeSync) -> None:
    controller = connected_controller
    controller.change_setting("ui.notifications", "all")
    controller.start_syncing()
    notices: list[Notice] = []
    controller.notified.connect(notices.append)
    run_sync_now(qtbot, controller)
    assert [n.kind for n in notices] == ["synced"]
    assert "2 created" in notices[0].message


def test_held_deletions_are_shown_and_confirmed_through_the_facade(
    qtbot: Any, connected_controller: AppController, fake_sync: FakeSync, dialog_recorder: DialogRecorder
) -> None:
    controller = connected_controller
    tray = Tray(controller)
    controller.start_syncing()
    notices: list[Notice] = []
    controller.notified.connect(notices.append)
    fake_sync.result = SyncResult(unchanged=3, held_deletes=12, source_count=0, existing_count=15)
    run_sync_now(qtbot, controller)
    assert tray.state == "attention"
    assert [n.kind for n in notices] == ["held"]
    texts = menu_texts(tray)
    assert "12 deletions held back" in texts
    fake_sync.result = SyncResult(deleted=12)
    with qtbot.waitSignal(controller.statusChanged, timeout=10000):
        tray.actions["held"].trigger()
    qtbot.waitUntil(lambda: len(fake_sync.calls) == 2, timeout=5000)
    qtbot.waitUntil(lambda: controller.held_deletes() == 0, timeout=5000)
    assert fake_sync.calls[-1] == {"dry_run": False, "allow_mass_delete": True}
    assert dialog_recorder.questions and "12" in dialog_recorder.questions[0]
    assert "Review held deletions…" not in menu_texts(tray)


def test_open_calendar_and_settings(connected_controller: AppController, opened_urls: list[str]) -> None:
    tray = Tray(connected_controller)
    menu_texts(tray)
    tray.actions["calendar"].trigger()
    assert opened_urls == [GOOGLE_CALENDAR_URL]
    tray.actions["settings"].trigger()
    assert connected_controller.settings_window is not None and connected_controller.settings_window.isVisible()


def test_export_runs_the_facade_into_the_chosen_folder_and_asks_before_replacing(
    qtbot: Any,
    calmedi: CalMedi,
    connected_controller: AppController,
    dialog_recorder: DialogRecorder,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[Path, bool]] = []

    def export(destination: Path, *, overwrite: bool = False) -> Path:
        calls.append((destination, overwrite))
        target = destination / "calmedi-export.zip"
        if target.exists() and not overwrite:
            raise ExportExistsError("exists", path=str(target))
        with zipfile.ZipFile(target, "w") as archive:
            archive.writestr("settings.json", "{}")
        return target

    monkeypatch.setattr(calmedi, "export", export)
    tray = Tray(connected_controller)
    dialog_recorder.directory = tmp_path / "exports"
    dialog_recorder.directory.mkdir()
    menu_texts(tray)
    tray.actions["export"].trigger()
    qtbot.waitUntil(lambda: len(dialog_recorder.informed) == 1, timeout=10000)
    written = dialog_recorder.directory / "calmedi-export.zip"
    assert written.exists() and str(written) in dialog_recorder.informed[0][1]
    assert calls == [(dialog_recorder.directory, False)]

    tray.actions["export"].trigger()  # the same folder again: asked, then replaced
    qtbot.waitUntil(lambda: len(dialog_recorder.informed) == 2, timeout=10000)
    assert calls[1:] == [(dialog_recorder.directory, False), (dialog_recorder.directory, True)]
    assert dialog_recorder.questions


def test_export_through_the_real_facade_writes_the_zip(
    qtbot: Any, connected_controller: AppController, dialog_recorder: DialogRecorder, tmp_path: Path
) -> None:
    dialog_recorder.directory = tmp_path
    connected_controller.export_data()
    qtbot.waitUntil(lambda: bool(dialog_recorder.informed or dialog_recorder.presented), timeout=20000)
    assert dialog_recorder.presented == [], "no error dialog"
    [written] = list(tmp_path.glob("calmedi-export-*.zip"))
    assert str(written) in dialog_recorder.informed[0][1]
    assert "settings.json" in zipfile.ZipFile(written).namelist()


def test_a_failed_export_shows_its_typed_error(
    qtbot: Any,
    calmedi: CalMedi,
    connected_controller: AppController,
    dialog_recorder: DialogRecorder,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def export(destination: Path, *, overwrite: bool = False) -> Path:
        raise DiskError("ENOSPC", path=str(destination), detail="disk full")

    monkeypatch.setattr(calmedi, "export", export)
    dialog_recorder.directory = tmp_path
    connected_controller.export_data()
    qtbot.waitUntil(lambda: bool(dialog_recorder.presented), timeout=10000)
    assert dialog_recorder.presented[0].objectName() == "errorBox-error"
    assert "disk full" in dialog_recorder.presented[0].informativeText()


def test_export_cancelled_writes_nothing(connected_controller: AppController, dialog_recorder: DialogRecorder) -> None:
    dialog_recorder.directory = None
    connected_controller.export_data()
    assert dialog_recorder.informed == []


def test_erase_stops_syncing_erases_and_closes(
    qtbot: Any,
    calmedi: CalMedi,
    connected_controller: AppController,
    dialog_recorder: DialogRecorder,
    no_quit: list[bool],
) -> None:
    controller = connected_controller
    tray = Tray(controller)
    controller.start_syncing()
    controller.change_setting("sync.past_days", 3)
    assert calmedi.config.path.exists()
    menu_texts(tray)
    tray.actions["erase"].trigger()
    assert dialog_recorder.erase_plans and dialog_recorder.erase_plans[0]
    qtbot.waitUntil(lambda: bool(dialog_recorder.presented), timeout=20000)
    receipt = dialog_recorder.presented[-1]
    assert isinstance(receipt, QMessageBox) and receipt.objectName() == "eraseReceipt"
    assert controller.scheduler.state == "paused"
    assert not calmedi.config.path.exists()
    assert calmedi.accounts.describe()["google"]["connected"] is False
    receipt.done(0)
    assert no_quit == [True]


def test_erase_declined_changes_nothing(
    calmedi: CalMedi, connected_controller: AppController, dialog_recorder: DialogRecorder
) -> None:
    connected_controller.change_setting("sync.past_days", 3)
    dialog_recorder.erase_answer = (False, False)
    connected_controller.erase_data()
    assert calmedi.config.path.exists()
    assert dialog_recorder.presented == []


def test_quit_stops_the_scheduler(connected_controller: AppController, no_quit: list[bool]) -> None:
    tray = Tray(connected_controller)
    connected_controller.start_syncing()
    menu_texts(tray)
    tray.actions["quit"].trigger()
    assert no_quit == [True]
    assert connected_controller.scheduler.state == "stopped"
