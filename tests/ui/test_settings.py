"""Every setting changed through its widget, then its effect asserted: the file, the scheduler, autostart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem

from calmedi_desktop.autostart import APP_ID
from calmedi_desktop.service import CalMedi
from calmedi_desktop.ui.controller import AppController
from calmedi_desktop.ui.pages.accounts import AccountsPage
from calmedi_desktop.ui.pages.general import GeneralPage
from calmedi_desktop.ui.pages.privacy import PrivacyPage
from calmedi_desktop.ui.pages.sync import SyncPage
from calmedi_desktop.ui.settings_window import SettingsWindow
from tests.ui.conftest import DialogRecorder

pytestmark = pytest.mark.gui


def saved(calmedi: CalMedi) -> dict[str, Any]:
    """What is on disk, read back from the file: proves "saved at once"."""
    return dict(json.loads(calmedi.config.path.read_text(encoding="utf-8"))["values"])


@pytest.fixture
def window(qtbot: Any, connected_controller: AppController) -> SettingsWindow:
    connected_controller.show_settings()
    window = connected_controller.settings_window
    assert window is not None
    qtbot.addWidget(window)
    return window


def page(window: SettingsWindow, key: str) -> Any:
    window.show_page(key)
    return window.pages[key]


# -- Synchronisation -----------------------------------------------------------------------------------------
def test_intervals_are_saved_and_move_the_scheduler_at_once(
    window: SettingsWindow, calmedi: CalMedi, connected_controller: AppController
) -> None:
    connected_controller.start_syncing()
    sync: SyncPage = page(window, "sync")
    assert (sync.near_interval.minimum(), sync.near_interval.maximum()) == (30, 900)
    assert (sync.full_interval.minimum(), sync.full_interval.maximum()) == (5, 60)
    assert connected_controller.scheduler.interval_minutes == pytest.approx(40 / 60)
    assert connected_controller.scheduler.full_interval_minutes == 15
    sync.near_interval.setValue(90)
    assert saved(calmedi)["sync.near_interval_seconds"] == 90
    assert connected_controller.scheduler.interval_minutes == pytest.approx(1.5)
    next_run = connected_controller.scheduler.info.next_run
    assert next_run is not None
    sync.full_interval.setValue(30)
    assert saved(calmedi)["sync.full_interval_minutes"] == 30
    assert connected_controller.scheduler.full_interval_minutes == 30
    sync.near_days.setValue(3)
    sync.quota.setValue(1200)
    assert (saved(calmedi)["sync.near_days"], saved(calmedi)["google.quota_per_minute"]) == (3, 1200)
    assert (sync.quota.minimum(), sync.quota.maximum()) == (1, 10_000)


def test_window_days_name_and_colour_are_saved(window: SettingsWindow, calmedi: CalMedi) -> None:
    sync: SyncPage = page(window, "sync")
    sync.past_days.setValue(30)
    sync.future_days.setValue(180)
    sync.calendar_name.setText("Cabinet")
    sync.calendar_name.editingFinished.emit()
    sync.colour.setCurrentIndex(sync.colour.findData("#0b8043"))
    values = saved(calmedi)
    assert values["sync.past_days"] == 30
    assert values["sync.future_days"] == 180
    assert values["calendar.name"] == "Cabinet"
    assert values["calendar.color"] == "#0b8043"
    assert calmedi.status()["window_days"] == [30, 180]


def test_an_invalid_time_zone_is_explained_inline_and_not_saved(window: SettingsWindow, calmedi: CalMedi) -> None:
    sync: SyncPage = page(window, "sync")
    sync.timezone.setCurrentText("Mars/Olympus")
    sync.timezone.lineEdit().editingFinished.emit()
    assert not sync.error.isHidden()
    assert "time zone" in sync.error.text()
    assert calmedi.get_setting("sync.timezone") == "Europe/Paris"
    sync.timezone.setCurrentText("America/Martinique")
    sync.timezone.lineEdit().editingFinished.emit()
    assert sync.error.isHidden()
    assert saved(calmedi)["sync.timezone"] == "America/Martinique"


def test_changes_that_alter_google_trigger_a_debounced_sync(
    window: SettingsWindow, connected_controller: AppController
) -> None:
    sync: SyncPage = page(window, "sync")
    assert not connected_controller._resync.isActive()
    sync.future_days.setValue(100)
    assert connected_controller._resync.isActive()


# -- Privacy -------------------------------------------------------------------------------------------------
def test_privacy_level_preview_and_warnings_follow_the_radios_and_apply_saves_them(
    qtbot: Any, window: SettingsWindow, calmedi: CalMedi, dialog_recorder: DialogRecorder
) -> None:
    privacy: PrivacyPage = page(window, "privacy")
    chooser = privacy.chooser
    assert chooser.radios["busy"].isChecked()
    assert chooser.preview.text().endswith("Consultation")
    assert chooser.warning.isHidden()
    chooser.radios["initials"].click()
    assert chooser.preview.text().endswith("Consultation – J. D.")
    assert not chooser.warning.isHidden() and "pseudonymised" in chooser.warning.text()
    chooser.reason.click()
    assert "Follow-up" in chooser.preview.text()
    assert "health data" in chooser.warning.text()
    assert privacy.changes() == {"privacy.level": "initials", "privacy.show_reason": True}
    assert calmedi.get_setting("privacy.level") == "busy", "nothing is saved before Apply"
    # This controller reaches no Doctolib: the count is unknown, and Apply says so before it saves.
    qtbot.waitUntil(lambda: privacy.bar.state == "unknown", timeout=10000)
    privacy.bar.apply.click()
    assert dialog_recorder.questions[-1].startswith("Apply without a count?")
    assert (saved(calmedi)["privacy.level"], saved(calmedi)["privacy.show_reason"]) == ("initials", True)
    assert privacy.changes() == {} and privacy.bar.state == "none"


def test_full_names_need_an_explicit_yes(
    qtbot: Any, window: SettingsWindow, calmedi: CalMedi, dialog_recorder: DialogRecorder
) -> None:
    privacy: PrivacyPage = page(window, "privacy")
    chooser = privacy.chooser
    dialog_recorder.answer = False
    chooser.radios["full"].click()
    qtbot.waitUntil(lambda: privacy.bar.state == "unknown", timeout=10000)
    privacy.bar.apply.click()
    assert calmedi.get_setting("privacy.level") == "busy"
    assert chooser.radios["busy"].isChecked(), "declining puts the radio back"
    assert privacy.changes() == {} and privacy.bar.state == "none"
    assert len(dialog_recorder.questions) == 1
    assert dialog_recorder.questions[0].startswith("Send patient names to Google?")
    dialog_recorder.answer = True
    chooser.radios["full"].click()
    qtbot.waitUntil(lambda: privacy.bar.state == "unknown", timeout=10000)
    privacy.bar.apply.click()
    assert saved(calmedi)["privacy.level"] == "full"
    assert "Jean Dupont" in chooser.preview.text()
    assert "health data" in chooser.warning.text()


def test_pause_all_processing_box_pauses_the_scheduler(
    window: SettingsWindow, calmedi: CalMedi, connected_controller: AppController
) -> None:
    connected_controller.start_syncing()
    privacy: PrivacyPage = page(window, "privacy")
    privacy.paused.click()
    assert saved(calmedi)["privacy.processing_paused"] is True
    assert connected_controller.scheduler.state == "paused"
    connected_controller.set_paused(False)  # from the tray: the box follows
    assert not privacy.paused.isChecked()


# -- General -------------------------------------------------------------------------------------------------
def test_start_at_login_creates_and_removes_the_autostart_file(
    window: SettingsWindow, calmedi: CalMedi, isolated_home: Path
) -> None:
    general: GeneralPage = page(window, "general")
    desktop_file = isolated_home / ".config" / "autostart" / f"{APP_ID}.desktop"
    assert not general.autostart.isChecked()
    general.autostart.click()
    assert desktop_file.exists()
    assert "Exec=" in desktop_file.read_text()
    assert oct(desktop_file.stat().st_mode & 0o777) == "0o600"
    assert saved(calmedi)["ui.autostart"] is True
    general.autostart.click()
    assert not desktop_file.exists()
    assert saved(calmedi)["ui.autostart"] is False


def test_notifications_setting_is_saved(window: SettingsWindow, calmedi: CalMedi) -> None:
    general: GeneralPage = page(window, "general")
    general.notifications.setCurrentIndex(general.notifications.findData("all"))
    assert saved(calmedi)["ui.notifications"] == "all"
    assert connected_policy_level(general) == "all"


def connected_policy_level(general: GeneralPage) -> str:
    return str(general.controller.policy._level())


def test_language_switches_the_whole_window_to_french_at_once(
    qtbot: Any, window: SettingsWindow, calmedi: CalMedi, connected_controller: AppController
) -> None:
    general: GeneralPage = page(window, "general")
    assert window.windowTitle() == "CalMedi – Settings"
    general.language.setCurrentIndex(general.language.findData("fr"))
    assert saved(calmedi)["ui.language"] == "fr"
    rebuilt = connected_controller.settings_window
    assert rebuilt is not None and rebuilt is not window
    assert rebuilt.windowTitle() == "CalMedi – Réglages"
    assert rebuilt.current_page() == "general", "the practitioner stays on the page they were on"
    assert rebuilt.nav.item(0).text() == "Comptes"
    assert calmedi.status()["privacy_level"] == "busy"
    from calmedi_desktop.errors import NetworkError

    assert NetworkError("x", service="Doctolib", detail="d").title == "Réseau indisponible", "the core follows"


# -- Accounts ------------------------------------------------------------------------------------------------
def test_agendas_are_listed_and_the_choice_is_saved(
    qtbot: Any, calmedi: CalMedi, connected_controller: AppController, monkeypatch: pytest.MonkeyPatch
) -> None:
    agendas = [{"id": 11, "name": "Cabinet", "timezone": "Europe/Paris"}, {"id": 12, "name": "Clinique"}]
    monkeypatch.setattr(calmedi.accounts.doctolib, "agendas", lambda: agendas)
    accounts = AccountsPage(connected_controller)
    qtbot.addWidget(accounts)
    qtbot.waitUntil(lambda: accounts.agendas.count() == 2, timeout=5000)
    items: list[QListWidgetItem] = [accounts.agendas.item(i) for i in range(2)]
    assert all(item.checkState() == Qt.CheckState.Checked for item in items)
    items[1].setCheckState(Qt.CheckState.Unchecked)
    assert saved(calmedi)["doctolib.agenda_ids"] == [11]
    items[0].setCheckState(Qt.CheckState.Unchecked)
    assert not accounts.error.isHidden(), "at least one agenda"
    assert saved(calmedi)["doctolib.agenda_ids"] == [11]
    items[0].setCheckState(Qt.CheckState.Checked)
    items[1].setCheckState(Qt.CheckState.Checked)
    assert saved(calmedi)["doctolib.agenda_ids"] is None, "all checked means every agenda, future ones too"


def test_connected_identity_is_shown_never_a_token(qtbot: Any, connected_controller: AppController) -> None:
    accounts = AccountsPage(connected_controller)
    qtbot.addWidget(accounts)
    text = accounts.doctolib.state.text()
    assert "Connected since" in text and "Dr Test" in text
    assert "refresh-token" not in text + accounts.google.state.text()
    assert accounts.doctolib.disconnect_button.isEnabled()


def test_own_oauth_client_file_is_chosen_and_cleared(
    qtbot: Any, calmedi: CalMedi, connected_controller: AppController, dialog_recorder: DialogRecorder, tmp_path: Path
) -> None:
    accounts = AccountsPage(connected_controller)
    qtbot.addWidget(accounts)
    client = tmp_path / "client.json"
    client.write_text("{}")
    dialog_recorder.file = client
    accounts._choose_client()
    assert saved(calmedi)["google.client_file"] == str(client)
    assert str(client) in accounts.client_label.text()
    accounts.bundled.click()
    assert saved(calmedi)["google.client_file"] is None


def test_disconnect_asks_then_forgets_the_sign_in(
    qtbot: Any,
    calmedi: CalMedi,
    connected_controller: AppController,
    dialog_recorder: DialogRecorder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(calmedi.accounts.google, "revoke", lambda: False)  # offline: revocation not done
    accounts = AccountsPage(connected_controller)
    qtbot.addWidget(accounts)
    dialog_recorder.answer = False
    accounts.google.disconnect_button.click()
    assert calmedi.accounts.describe()["google"]["connected"] is True
    dialog_recorder.answer = True
    accounts.google.disconnect_button.click()
    qtbot.waitUntil(lambda: accounts.google.state.text() == "Not connected", timeout=10000)
    assert calmedi.accounts.describe()["google"]["connected"] is False
    assert "could not be revoked" in accounts.google.notice.text()
    assert connected_controller.tray_state() == "signed-out"


# -- Journal and About ---------------------------------------------------------------------------------------
def test_journal_shows_recent_technical_lines(
    qtbot: Any, window: SettingsWindow, calmedi: CalMedi, monkeypatch: pytest.MonkeyPatch
) -> None:
    import logging

    from calmedi_desktop.privacy.logs import configure_logging, stop_file_logging

    configure_logging(calmedi.paths, logging.INFO)
    try:
        logging.getLogger("calmedi_desktop.sync.runner").info("sync: source=3 existing=2 created=1")
    finally:
        stop_file_logging()
    journal = page(window, "journal")
    qtbot.waitUntil(lambda: "created=1" in journal.view.toPlainText(), timeout=5000)


def test_about_shows_version_and_the_privacy_policy(window: SettingsWindow) -> None:
    about = page(window, "about")
    assert "support@calmedi.io" in about.policy.toPlainText()


def test_every_control_has_a_name_for_screen_readers(window: SettingsWindow) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QSpinBox

    unnamed = []
    for key, widget in window.pages.items():
        for control in (
            widget.findChildren(QSpinBox)
            + widget.findChildren(QComboBox)
            + widget.findChildren(QLineEdit)
            + widget.findChildren(QPlainTextEdit)
            + widget.findChildren(QAbstractButton)
        ):
            if isinstance(control, QLineEdit) and isinstance(control.parent(), QComboBox | QSpinBox):
                continue
            if not (control.accessibleName() or getattr(control, "text", lambda: "")()):
                unnamed.append(f"{key}:{type(control).__name__}:{control.objectName()}")
    assert unnamed == []
