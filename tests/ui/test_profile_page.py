"""Profile & consent page: identification data saved through the declared settings, refused values explained
beside their field, marketing consent recorded both ways off the GUI thread, and the practitioner's rights."""

from __future__ import annotations

import json
import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QTextBrowser

from calmedi_desktop.errors import DiskError
from calmedi_desktop.service import CalMedi
from calmedi_desktop.ui import dialogs
from calmedi_desktop.ui.controller import AppController
from calmedi_desktop.ui.pages.profile import ProfilePage
from tests.ui.conftest import DialogRecorder

pytestmark = pytest.mark.gui


def saved(calmedi: CalMedi) -> dict[str, Any]:
    if not calmedi.config.path.exists():
        return {}
    return dict(json.loads(calmedi.config.path.read_text(encoding="utf-8"))["values"])


@pytest.fixture
def profile(qtbot: Any, connected_controller: AppController) -> ProfilePage:
    connected_controller.show_settings("profile")
    window = connected_controller.settings_window
    assert window is not None and window.current_page() == "profile"
    qtbot.addWidget(window)
    return window.pages["profile"]  # type: ignore[return-value]


def type_into(page: ProfilePage, key: str, text: str) -> None:
    page.fields[key].setText(text)
    page.fields[key].editingFinished.emit()  # what leaving the field or pressing Enter does


def test_identity_is_saved_when_editing_ends_and_can_be_corrected_or_removed(
    profile: ProfilePage, calmedi: CalMedi
) -> None:
    assert "licence and for support only" in profile.findChild(object, "hint").text()
    type_into(profile, "profile.first_name", "  Claire ")
    type_into(profile, "profile.last_name", "Martin")
    type_into(profile, "profile.email", "dr.martin@cabinet.fr")
    type_into(profile, "profile.phone", "+33 1 23 45 67 89")
    assert calmedi.profile() == {
        "first_name": "Claire",
        "last_name": "Martin",
        "email": "dr.martin@cabinet.fr",
        "phone": "+33 1 23 45 67 89",
    }
    assert saved(calmedi)["profile.first_name"] == "Claire"
    assert profile.fields["profile.first_name"].text() == "Claire", "the field shows what was saved"
    type_into(profile, "profile.last_name", "Martin-Dubois")  # rectification
    type_into(profile, "profile.phone", "")  # and removal
    assert saved(calmedi)["profile.last_name"] == "Martin-Dubois"
    assert saved(calmedi)["profile.phone"] is None


def test_a_refused_email_is_explained_beside_the_field_and_the_text_is_kept(
    profile: ProfilePage, calmedi: CalMedi
) -> None:
    error = profile.errors["profile.email"]
    type_into(profile, "profile.email", "claire@cabinet")
    assert not error.isHidden() and error.text() == "Expected: a valid e-mail address."
    assert profile.fields["profile.email"].text() == "claire@cabinet", "nothing typed is lost"
    assert "profile.email" not in saved(calmedi)
    assert profile.errors["profile.phone"].isHidden(), "only the refused field says so"
    type_into(profile, "profile.phone", "call me")
    assert "a valid phone number" in profile.errors["profile.phone"].text()
    type_into(profile, "profile.email", "claire@cabinet.fr")
    assert error.isHidden()
    assert saved(calmedi)["profile.email"] == "claire@cabinet.fr"
    type_into(profile, "profile.phone", "")  # back to what is saved (nothing): no complaint left
    assert profile.errors["profile.phone"].isHidden()


def test_the_refusal_is_in_french_for_a_french_practitioner(
    qtbot: Any, calmedi: CalMedi, fake_sync: Any, make_controller: Any
) -> None:
    calmedi.set_setting("ui.language", "fr")
    controller = make_controller()
    page = ProfilePage(controller)
    qtbot.addWidget(page)
    type_into(page, "profile.email", "pas-une-adresse")
    assert page.errors["profile.email"].text() == "Attendu : une adresse e-mail valide."
    assert page.consent.text() == "M'envoyer par e-mail des nouvelles et des offres de CalMedi"


def test_marketing_consent_is_off_by_default_recorded_both_ways_and_never_on_the_gui_thread(
    qtbot: Any, profile: ProfilePage, calmedi: CalMedi, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[bool] = []
    real = calmedi.set_consent

    def set_consent(granted: bool) -> dict[str, Any]:
        threads.append(threading.current_thread() is threading.main_thread())
        return real(granted)

    monkeypatch.setattr(calmedi, "set_consent", set_consent)
    consents = calmedi.privacy.consents
    assert not profile.consent.isChecked()
    assert "No choice recorded yet" in profile.consent_state.text()
    profile.consent.click()
    qtbot.waitUntil(lambda: profile.consent.isEnabled(), timeout=5000)
    assert consents.current() is True
    assert "consent given" in profile.consent_state.text() and "privacy policy 1.0" in profile.consent_state.text()
    profile.consent.click()  # withdrawn in one click
    qtbot.waitUntil(lambda: len(consents.history()) == 2 and profile.consent.isEnabled(), timeout=5000)
    assert consents.current() is False
    assert [event["action"] for event in consents.history()] == ["grant", "withdraw"]
    assert all(event["policy_version"] == "1.0" for event in consents.history())
    assert "consent withdrawn" in profile.consent_state.text()
    assert threads == [False, False]


def test_the_consent_box_shows_what_is_recorded(
    qtbot: Any, calmedi: CalMedi, connected_controller: AppController
) -> None:
    calmedi.set_consent(True)
    page = ProfilePage(connected_controller)
    qtbot.addWidget(page)
    assert page.consent.isChecked()
    assert "consent given" in page.consent_state.text()


def test_a_consent_that_could_not_be_recorded_puts_the_box_back(
    qtbot: Any, profile: ProfilePage, calmedi: CalMedi, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(_granted: bool) -> dict[str, Any]:
        raise DiskError("EROFS", path="consents.json", detail="read-only file system")

    monkeypatch.setattr(calmedi, "set_consent", fail)
    profile.consent.click()
    qtbot.waitUntil(lambda: not profile.consent_error.isHidden(), timeout=5000)
    assert "read-only file system" in profile.consent_error.text()
    assert not profile.consent.isChecked() and profile.consent.isEnabled()


def test_export_and_erase_buttons_run_the_privacy_flows(
    qtbot: Any, profile: ProfilePage, calmedi: CalMedi, dialog_recorder: DialogRecorder, tmp_path: Path
) -> None:
    type_into(profile, "profile.last_name", "Martin")
    dialog_recorder.directory = tmp_path
    profile.export_button.click()
    qtbot.waitUntil(lambda: bool(dialog_recorder.informed or dialog_recorder.presented), timeout=20000)
    [written] = list(tmp_path.glob("calmedi-export-*.zip"))
    assert json.loads(zipfile.ZipFile(written).read("profile.json"))["last_name"] == "Martin"
    dialog_recorder.erase_answer = (False, False)
    profile.erase_button.click()
    assert dialog_recorder.erase_plans, "the erase confirmation listed what would go"
    assert calmedi.config.path.exists(), "declined: nothing erased"


def test_the_privacy_policy_is_shown_read_only_without_the_developers_heading(
    profile: ProfilePage, dialog_recorder: DialogRecorder
) -> None:
    profile.policy_button.click()
    dialog = dialog_recorder.presented[-1]
    assert dialog.objectName() == "policyDialog"
    view = dialog.findChild(QTextBrowser, "policyText")
    assert view.isReadOnly()
    text = view.toPlainText()
    assert "Data controller" in text and "support@calmedi.io" in text
    assert "the published text" not in text
    html = view.toHtml()
    assert "<h3" in html and "Data controller</h3>" in html.replace("</span>", ""), "sections read as headings"
    assert html.count("<li") >= 10, "the policy's bullets read as a list"


def test_readable_policy_drops_only_the_known_heading_and_keeps_real_markdown() -> None:
    french = "# Politique de confidentialité de CalMedi (le texte publié que…)\n\nContact\n\n  • Écrivez-nous.\n"
    assert dialogs.readable_policy(french) == "### Contact\n\n- Écrivez-nous.\n"
    markdown = "# Privacy\n\nSome text.\n\n- a point\n"
    assert dialogs.readable_policy(markdown) == markdown
