"""The Calendar view page against both simulators: every widget changes its setting and the sample day; the
count shown before Apply is what the next run writes; an unreadable source says "unknown" and still lets the
change apply; French and English."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from calmedi_desktop.service import CalMedi
from calmedi_desktop.ui.controller import AppController
from calmedi_desktop.ui.pages.calendar_look import CalendarLookPage
from calmedi_desktop.ui.tasks import BackgroundTask
from calmedi_desktop.ui.translation import Translations
from tests.ui.conftest import DialogRecorder, Practice

pytestmark = pytest.mark.gui


def open_page(qtbot: Any, app: CalMedi, language: str = "en") -> tuple[AppController, CalendarLookPage]:
    translations = Translations()
    translations.apply(language)
    controller = AppController(app, translations=translations, first_delay_seconds=3600)
    controller.show_settings("calendar")
    window = controller.settings_window
    qtbot.addWidget(window)
    page = window.pages["calendar"]
    assert isinstance(page, CalendarLookPage)
    return controller, page


@pytest.fixture
def opened(
    qtbot: Any, practice: Practice, dialog_recorder: DialogRecorder, no_quit: Any
) -> Iterator[tuple[AppController, CalendarLookPage]]:
    controller, page = open_page(qtbot, practice.app)
    qtbot.waitUntil(lambda: page.agendas is not None and page.motives is not None, timeout=20000)
    yield controller, page
    controller.shutdown()
    controller.translations.apply("en")


def settled(qtbot: Any, page: CalendarLookPage) -> str:
    qtbot.waitUntil(lambda: page.bar.state in ("known", "unknown"), timeout=20000)
    return page.bar.state


def saved(app: CalMedi) -> dict[str, Any]:
    return dict(json.loads(app.config.path.read_text(encoding="utf-8"))["values"])


def by_time(page: CalendarLookPage) -> dict[str, Any]:
    return {f"{e.start:%H:%M}": e for e in page.preview.events}


def test_every_widget_changes_its_setting_and_the_sample_day(
    qtbot: Any, opened: tuple[AppController, CalendarLookPage], practice: Practice, dialog_recorder: DialogRecorder
) -> None:
    controller, page = opened
    assert set(page.agenda_combos) == {"4711", "4712"}
    assert {e.color for e in page.preview.events} == {None}, "the calendar's colour until one is chosen"
    rows = page.reminders
    rows.mode.setCurrentIndex(rows.mode.findData("popup"))
    assert page.changes() == {"events.reminders": "popup"}
    assert all(e.reminders == (10,) for e in page.preview.events)
    rows.second_on.setChecked(True)
    rows.second_popup.setValue(60)
    assert page.draft["events.reminder_minutes"] == [10, 60]
    rows.first_of_day_on.setChecked(True)
    rows.first_of_day.setValue(45)
    assert page.draft["events.first_of_day_minutes"] == 45
    assert by_time(page)["08:30"].reminders == (60, 45, 10) and by_time(page)["09:00"].reminders == (60, 10)

    page.agenda_combos["4711"].setCurrentIndex(page.agenda_combos["4711"].findData("9"))
    page.teleconsultation.setCurrentIndex(page.teleconsultation.findData("3"))
    assert page.new_patient_warning.isHidden()
    page.new_patient.setCurrentIndex(page.new_patient.findData("4"))
    assert not page.new_patient_warning.isHidden() and "first visit" in page.new_patient_warning.text()
    day = by_time(page)
    assert (day["08:30"].color, day["10:00"].color, day["09:00"].color) == ("#3f51b5", "#8e24aa", "#e67c73")
    assert day["14:00"].color is None, "the second site keeps the calendar's colour"
    assert day["08:30"].location == "Cabinet Voltaire, 12 rue Voltaire, 75011 Paris"

    page.locations.setChecked(False)
    assert {e.location for e in page.preview.events} == {None}
    assert any(e.tentative for e in page.preview.events)
    page.unconfirmed.setChecked(False)
    assert not any(e.tentative for e in page.preview.events) and len(page.preview.events) == 5
    first_motive = page.motive_list.item(0)
    first_motive.setCheckState(Qt.CheckState.Checked)
    hidden_id = first_motive.data(Qt.ItemDataRole.UserRole)
    assert page.draft["filters.excluded_motives"] == [hidden_id]

    expected = {
        "events.reminders": "popup",
        "events.reminder_minutes": [10, 60],
        "events.first_of_day_minutes": 45,
        "events.colors.agendas": {"4711": "9"},
        "events.color_teleconsultation": "3",
        "events.color_new_patient": "4",
        "events.locations": False,
        "filters.show_unconfirmed": False,
        "filters.excluded_motives": [hidden_id],
    }
    assert page.changes() == expected
    assert "events.reminders" not in (saved(practice.app) if practice.app.config.path.exists() else {})
    settled(qtbot, page)
    page.bar.apply.click()
    assert dialog_recorder.questions, "a change that touches events asks first"
    assert {key: saved(practice.app)[key] for key in expected} == expected, "saved together"
    assert page.changes() == {} and page.bar.state == "none"
    assert controller._resync.isActive(), "applied at the next run, soon"


def test_the_count_shown_before_applying_is_what_the_next_run_writes(
    qtbot: Any, opened: tuple[AppController, CalendarLookPage], practice: Practice, dialog_recorder: DialogRecorder
) -> None:
    _controller, page = opened
    first = practice.app.sync_once()
    assert first.created > 20
    combo = page.agenda_combos["4712"]
    combo.setCurrentIndex(combo.findData("11"))
    page.unconfirmed.setChecked(False)
    assert page.bar.state == "counting", "counted off the GUI thread, not during the click"
    assert settled(qtbot, page) == "known"
    impact = page.bar.impact
    assert impact is not None and impact["updates"] > 0 and impact["deletes"] > 0
    touched = impact["touched"]
    assert page.bar.label.text().startswith(f"This change touches {touched} events in Google (")
    assert f"{impact['updates']} to update" in page.bar.label.text()
    assert f"{impact['deletes']} to remove" in page.bar.label.text()

    practice.google.reset_counts()
    page.bar.apply.click()
    assert dialog_recorder.questions[-1].startswith("Apply this change?: This change touches")
    result = practice.app.sync_once()
    assert (result.created, result.updated, result.deleted) == (impact["inserts"], impact["updates"], impact["deletes"])
    assert practice.google.counts["events.update"] == impact["updates"]
    assert practice.google.counts["events.delete"] == impact["deletes"]


def test_declining_keeps_the_change_pending_and_revert_puts_the_widgets_back(
    qtbot: Any, opened: tuple[AppController, CalendarLookPage], practice: Practice, dialog_recorder: DialogRecorder
) -> None:
    _controller, page = opened
    practice.app.sync_once()
    page.locations.setChecked(False)
    assert settled(qtbot, page) == "known" and page.bar.impact["updates"] > 0  # type: ignore[index]
    dialog_recorder.answer = False
    page.bar.apply.click()
    assert practice.app.get_setting("events.locations") is True
    assert page.changes() == {"events.locations": False} and page.bar.state == "known"
    page.bar.revert.click()
    assert page.locations.isChecked() and page.changes() == {} and page.bar.state == "none"
    assert not page.bar.apply.isEnabled()


def test_a_change_that_touches_nothing_applies_without_a_question(
    qtbot: Any, opened: tuple[AppController, CalendarLookPage], practice: Practice, dialog_recorder: DialogRecorder
) -> None:
    _controller, page = opened  # nothing synced yet, and no appointment is a new patient's on a video visit...
    page.new_patient.setCurrentIndex(page.new_patient.findData("4"))
    page.new_patient.setCurrentIndex(0)  # ...and back: no change at all
    assert page.bar.state == "none" and not page.bar.apply.isEnabled()
    rows = page.reminders
    rows.first_popup.setValue(15)  # pop-up minutes while pop-ups are off: no event changes
    assert page.changes() == {"events.reminder_minutes": [15]}
    assert settled(qtbot, page) == "known" and page.bar.label.text() == "This change touches no event in Google."
    page.bar.apply.click()
    assert dialog_recorder.questions == []
    assert saved(practice.app)["events.reminder_minutes"] == [15]


def test_an_unreadable_source_says_the_count_is_unknown_and_still_lets_it_apply(
    qtbot: Any, opened: tuple[AppController, CalendarLookPage], practice: Practice, dialog_recorder: DialogRecorder
) -> None:
    _controller, page = opened
    practice.doctolib.inject(400, count=1000, path="/calendar_display/appointments")
    page.locations.setChecked(False)
    assert settled(qtbot, page) == "unknown"
    text = page.bar.label.text()
    assert text.startswith("The number of events this change touches is unknown: ") and "Doctolib" in text
    assert text.endswith("You can still apply it.")
    assert page.bar.apply.isEnabled()
    page.bar.apply.click()
    assert dialog_recorder.questions[-1].startswith("Apply without a count?: CalMedi could not count")
    assert saved(practice.app)["events.locations"] is False

    practice.app.pause_processing()
    page.unconfirmed.setChecked(False)
    assert settled(qtbot, page) == "unknown" and "paused" in page.bar.label.text()


def test_only_the_latest_change_is_counted_and_shown(
    qtbot: Any, opened: tuple[AppController, CalendarLookPage], practice: Practice
) -> None:
    _controller, page = opened
    practice.app.sync_once()
    practice.doctolib.latency = 0.05  # each count reads for a while: the next edits arrive during it
    page.locations.setChecked(False)
    qtbot.waitUntil(lambda: BackgroundTask.running_count() > 0, timeout=5000)
    page.unconfirmed.setChecked(False)
    page.teleconsultation.setCurrentIndex(page.teleconsultation.findData("3"))
    assert settled(qtbot, page) == "known"
    practice.doctolib.latency = 0.0
    assert page.bar.impact is not None
    shown = {key: page.bar.impact[key] for key in ("inserts", "updates", "deletes", "held")}
    direct = practice.app.settings_change_impact(page.changes())
    assert shown == {key: direct[key] for key in shown}


def test_the_agendas_and_motives_are_read_once_not_at_every_show(
    qtbot: Any, opened: tuple[AppController, CalendarLookPage], practice: Practice
) -> None:
    controller, page = opened
    counts = practice.doctolib.counts
    read = dict(counts)

    def show_again() -> None:
        controller.show_settings("sync")
        assert not page.isVisible()
        controller.show_settings("calendar")
        assert page.isVisible()

    show_again()
    assert not page._loading, "nothing read again"
    assert (counts["accounts"], counts["visit_motives"]) == (read["accounts"], read["visit_motives"])

    practice.app.set_setting("doctolib.agenda_ids", "4712")  # another choice of agendas: other motives
    show_again()
    qtbot.waitUntil(lambda: not page._loading, timeout=20000)
    assert counts["visit_motives"] == read["visit_motives"] + 1, "the motives of the one agenda chosen"
    assert page.motives and {name for m in page.motives for name in m["agendas"]} == {
        a["name"] for a in page.agendas or () if a["id"] == 4712
    }

    # An account signed in again (the Accounts page reads its agendas too): read again, at once as it is shown.
    controller.refresh_accounts()
    qtbot.waitUntil(lambda: counts["visit_motives"] == read["visit_motives"] + 2, timeout=20000)


def test_french(qtbot: Any, practice: Practice, dialog_recorder: DialogRecorder, no_quit: Any) -> None:
    practice.app.set_setting("ui.language", "fr")
    practice.app.sync_once()
    controller, page = open_page(qtbot, practice.app, "fr")
    try:
        window = controller.settings_window
        assert window.nav.item(list(window.pages).index("calendar")).text() == "Affichage de l'agenda"
        assert page.reminders.mode.itemText(2) == "Notifications, ci-dessous"
        assert page.teleconsultation.itemText(page.teleconsultation.findData("3")) == "Raisin"
        assert page.teleconsultation.itemText(0) == "Celle de l'agenda"
        assert page.preview.header_text == "Journée exemple"
        assert any(e.location == "Téléconsultation" for e in page.preview.events)
        page.locations.setChecked(False)
        assert settled(qtbot, page) == "known"
        count = page.bar.impact["updates"]  # type: ignore[index]
        assert page.bar.label.text() == f"Ce changement touche {count} événements dans Google ({count} à modifier)."
    finally:
        controller.shutdown()
        controller.translations.apply("en")


def test_without_doctolib_the_page_says_how_to_get_agendas_and_motives(
    qtbot: Any, calmedi: CalMedi, make_controller: Any
) -> None:
    calmedi.set_setting("filters.excluded_motives", "15")
    calmedi.set_setting("events.colors.agendas", "4711=9")
    controller = make_controller()
    controller.show_settings("calendar")
    page = controller.settings_window.pages["calendar"]
    assert page.agenda_status.text() == "Connect Doctolib to give each practice site its colour."
    assert list(page.agenda_combos) == ["4711"], "a saved colour stays visible, to be changed or removed"
    texts = [page.motive_list.item(i).text() for i in range(page.motive_list.count())]
    assert texts == ["Motive 15 (no longer offered)", "Connect Doctolib to choose visit motives."]
    page.motive_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert page.changes() == {"filters.excluded_motives": []}


def test_ticking_a_motive_off_and_on_again_leaves_no_change_whatever_order_it_was_typed_in(
    qtbot: Any, calmedi: CalMedi, make_controller: Any
) -> None:
    calmedi.set_setting("filters.excluded_motives", "15,12")  # kept as typed: [15, 12]
    controller = make_controller()
    controller.show_settings("calendar")
    page = controller.settings_window.pages["calendar"]
    item = page.motive_list.item(0)
    item.setCheckState(Qt.CheckState.Unchecked)
    assert page.changes() == {"filters.excluded_motives": [12]}
    item.setCheckState(Qt.CheckState.Checked)
    assert page.changes() == {}
    assert page.bar.state == "none" and not page.bar.apply.isEnabled()


def test_settings_of_the_calendar_view_sync_soon(connected_controller: AppController) -> None:
    assert not connected_controller._resync.isActive()
    connected_controller.change_setting("events.locations", False)
    assert connected_controller._resync.isActive()
    connected_controller._resync.stop()
    connected_controller.change_settings({"filters.show_unconfirmed": False, "events.reminders": "none"})
    assert connected_controller._resync.isActive()


def test_every_setting_that_changes_the_calendar_syncs_soon(connected_controller: AppController) -> None:
    """The keys come from the core's lists (IMPACT_KEYS, READ_KEYS): a new presentation setting cannot be forgotten
    here. Each is set alone, to a valid value other than its current one."""
    from calmedi_desktop.api import IMPACT_KEYS, LOOK_KEYS, READ_KEYS, SETTINGS

    different = {
        "privacy.level": "initials",
        "privacy.show_reason": True,
        "events.reminders": "none",
        "events.reminder_minutes": [5],
        "events.first_of_day_minutes": 45,
        "events.colors.agendas": {"4711": "3"},
        "events.color_teleconsultation": "7",
        "events.color_new_patient": "2",
        "events.locations": False,
        "filters.excluded_motives": [15],
        "filters.show_unconfirmed": False,
        "sync.past_days": 3,
        "sync.future_days": 30,
        "sync.timezone": "Europe/Brussels",
        "doctolib.agenda_ids": [4711],
        "doctolib.enabled": False,
    }
    assert set(LOOK_KEYS) < IMPACT_KEYS
    assert set(different) == IMPACT_KEYS | READ_KEYS, "each key of the core's lists is tried below"
    for key, value in different.items():
        assert key in SETTINGS
        assert connected_controller.app.get_setting(key) != value
        connected_controller._resync.stop()
        connected_controller.change_setting(key, value)
        assert connected_controller._resync.isActive(), key
