"""The Privacy page counts what a new level rewrites before it is applied, as the Calendar view does: a level
change retitles every event, and the practitioner sees how many before saying yes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from calmedi_desktop.ui.controller import AppController
from calmedi_desktop.ui.pages.privacy import PrivacyPage
from calmedi_desktop.ui.translation import Translations
from tests.ui.conftest import DialogRecorder, Practice

pytestmark = pytest.mark.gui


@pytest.fixture
def opened(qtbot: Any, practice: Practice, dialog_recorder: DialogRecorder, no_quit: Any) -> Iterator[PrivacyPage]:
    translations = Translations()
    translations.apply("en")
    controller = AppController(practice.app, translations=translations, first_delay_seconds=3600)
    controller.show_settings("privacy")
    window = controller.settings_window
    qtbot.addWidget(window)
    page = window.pages["privacy"]
    assert isinstance(page, PrivacyPage)
    yield page
    controller.shutdown()


def saved(practice: Practice) -> dict[str, Any]:
    path = practice.app.config.path
    return dict(json.loads(path.read_text(encoding="utf-8"))["values"]) if path.exists() else {}


def known(qtbot: Any, page: PrivacyPage) -> dict[str, Any]:
    qtbot.waitUntil(lambda: page.bar.state in ("known", "unknown"), timeout=20000)
    assert page.bar.state == "known", page.bar.label.text()
    return dict(page.bar.impact or {})


def test_a_new_level_is_counted_then_applied_and_the_next_run_writes_the_count(
    qtbot: Any, opened: PrivacyPage, practice: Practice, dialog_recorder: DialogRecorder
) -> None:
    first = practice.app.sync_once()
    assert first.created > 20
    opened.chooser.radios["initials"].click()
    assert opened.bar.state == "counting" and not opened.bar.apply.isEnabled()
    impact = known(qtbot, opened)
    # Every event with a patient is retitled (one booked without patient details keeps "Consultation").
    assert 20 < impact["updates"] <= first.created and impact["inserts"] == impact["deletes"] == 0
    assert f"touches {impact['updates']} events in Google" in opened.bar.label.text()
    assert "privacy.level" not in saved(practice), "counting saves nothing"
    opened.bar.apply.click()
    assert dialog_recorder.questions[-1].startswith("Apply this change?")
    assert f"{impact['updates']} to update" in dialog_recorder.questions[-1]
    assert saved(practice)["privacy.level"] == "initials"
    second = practice.app.sync_once()
    assert (second.updated, second.created, second.deleted) == (impact["updates"], 0, 0)


def test_names_ask_with_the_count_and_no_keeps_what_was_saved(
    qtbot: Any, opened: PrivacyPage, practice: Practice, dialog_recorder: DialogRecorder
) -> None:
    practice.app.sync_once()
    opened.chooser.radios["full"].click()
    touched = known(qtbot, opened)["touched"]
    dialog_recorder.answer = False
    opened.bar.apply.click()
    question = dialog_recorder.questions[-1]
    assert question.startswith("Send patient names to Google?") and "full name" in question
    assert f"touches {touched} events in Google" in question, "the count comes with the warning"
    assert opened.chooser.radios["busy"].isChecked() and opened.changes() == {}
    assert "privacy.level" not in saved(practice)
    assert practice.app.sync_once().updated == 0, "nothing changed in Google"


def test_revert_puts_back_what_is_saved_and_a_reduction_is_counted_too(
    qtbot: Any, opened: PrivacyPage, practice: Practice, dialog_recorder: DialogRecorder
) -> None:
    practice.app.set_setting("privacy.show_reason", True)
    opened.revert()  # the page was opened before: it reads what is saved
    first = practice.app.sync_once()
    assert opened.chooser.reason.isChecked()
    opened.chooser.reason.click()
    opened.chooser.radios["initials"].click()
    assert opened.changes() == {"privacy.level": "initials", "privacy.show_reason": False}
    opened.bar.revert.click()
    assert opened.chooser.radios["busy"].isChecked() and opened.chooser.reason.isChecked()
    assert opened.changes() == {} and opened.bar.state == "none"
    opened.chooser.reason.click()  # showing less rewrites the titles too: counted, then applied
    updates = known(qtbot, opened)["updates"]
    assert 20 < updates <= first.created
    opened.bar.apply.click()
    assert saved(practice)["privacy.show_reason"] is False
    assert practice.app.sync_once().updated == updates
