"""The windows name the destination the practitioner chose: with Google Calendar they keep Google's wording (the
README's screenshots), with a CalDAV calendar every text that said "Google" names that calendar instead, and a
switch of destination rewrites them at once. Google-only things (its quota) go, or say they concern Google.

A CalDAV account is set up as ``calmedi connect caldav`` leaves it (settings and keyring): switching the
destination only checks that it is connected, so no server is needed here (test_destination.py has Radicale)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QWidget

from calmedi_desktop import credentials
from calmedi_desktop.service import CalMedi
from calmedi_desktop.ui.controller import AppController
from calmedi_desktop.ui.feeds import FeedForm
from calmedi_desktop.ui.wizard import PRIVACY
from tests.ui.conftest import DialogRecorder, connect_both

pytestmark = pytest.mark.gui

ICLOUD = "https://p42-caldav.icloud.com/1234567/"
OWN_SERVER = "https://dav.example.org/"
PAGES = ("sync", "privacy", "calendar", "profile", "about")
# The one text about Google that stays with a CalDAV destination: it says Google's quota does not apply.
ABOUT_GOOGLE = {
    "en": "Google's quota does not apply to a CalDAV calendar.",
    "fr": "Le quota de Google ne s'applique pas à un agenda CalDAV.",
}


def add_caldav(app: CalMedi, url: str = ICLOUD) -> None:
    app.config.set_many(
        {"caldav.url": url, "caldav.user": "dr.martin@icloud.com", "caldav.calendar_url": url + "cal/"},
        internal=True,
    )
    app.store.set(credentials.CALDAV, "abcd-efgh-ijkl-mnop")


def texts(page: QWidget) -> list[str]:
    """What the page shows (labels, check boxes, radios, buttons, group titles) and what a screen reader says."""
    found: list[str] = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            found.append(widget.text())
        elif isinstance(widget, QGroupBox):
            found.append(widget.title())
        found.append(widget.accessibleName())
    return [text for text in found if text]


def google_mentions(page: QWidget, language: str = "en") -> list[str]:
    return [t for t in texts(page) if "Google" in t.replace(ABOUT_GOOGLE[language], "")]


@pytest.fixture
def both(calmedi: CalMedi, make_controller: Callable[..., AppController]) -> Callable[..., AppController]:
    """A controller with Google and a CalDAV account both connected, Google the destination, settings open."""

    def make(url: str = ICLOUD, language: str = "en") -> AppController:
        connect_both(calmedi)
        add_caldav(calmedi, url)
        calmedi.set_setting("ui.language", language)
        controller = make_controller()
        controller.show_settings("privacy")
        return controller

    return make


def page(controller: AppController, key: str) -> Any:
    window = controller.settings_window
    assert window is not None
    return window.pages[key]


def test_with_google_the_pages_keep_google_s_wording(both: Callable[..., AppController]) -> None:
    controller = both()
    privacy, sync, calendar = page(controller, "privacy"), page(controller, "sync"), page(controller, "calendar")
    assert privacy.chooser.caption.text() == "An appointment will look like this in Google Calendar:"
    assert privacy.paused.text() == "Pause all processing (nothing is read from Doctolib or sent to Google)"
    assert privacy.chooser.reason.accessibleName() == "Show the visit reason in Google"
    assert calendar.caption.text() == "A made-up day, as Google will show it:"
    assert calendar.intro.text().startswith("How your appointments look in Google Calendar")
    assert calendar.colour_note.isHidden(), "Google shows every event colour: nothing to warn about"
    assert sync.intro.text().startswith("CalMedi copies your appointments into its own Google calendar.")
    assert sync.calendar_name.accessibleName() == "Google calendar name"
    assert sync.colour.itemText(0) == "Google's default"
    assert sync.quota.isVisibleTo(sync), "Google's quota is Google's to set"
    assert "Google lets an app make 600 calls a minute" in sync.pace.text()
    assert sync.calendar_note.text().startswith("A new name or colour is given to CalMedi's calendar at the next")
    assert "CalMedi leaves your name" in sync.calendar_note.text() and sync.calendar_note.isVisibleTo(sync)
    assert (
        page(controller, "profile")
        .use_note.text()
        .startswith("Used for your licence and for support only. Never sent to Google")
    )


def test_after_a_switch_to_caldav_no_page_says_google_and_a_switch_back_restores_it(
    both: Callable[..., AppController],
) -> None:
    controller = both()
    before = {key: texts(page(controller, key)) for key in PAGES}
    assert all(google_mentions(page(controller, key)) for key in PAGES), "each page names Google to begin with"

    controller.change_setting("sync.target", "caldav")
    assert controller.destination_name() == "Apple iCloud"
    for key in PAGES:
        assert google_mentions(page(controller, key)) == [], f"the {key} page still names Google"
    privacy, sync, calendar = page(controller, "privacy"), page(controller, "sync"), page(controller, "calendar")
    assert privacy.chooser.caption.text() == "An appointment will look like this in Apple iCloud:"
    assert privacy.paused.text() == "Pause all processing (nothing is read from Doctolib or sent to Apple iCloud)"
    assert privacy.chooser.reason.accessibleName() == "Show the visit reason in Apple iCloud"
    assert privacy.intro.text().startswith("Choose what Apple iCloud may show about each appointment.")
    assert calendar.caption.text() == "A made-up day, as CalMedi writes it to Apple iCloud:"
    assert calendar.intro.text().startswith("How your appointments look in Apple iCloud")
    assert sync.intro.text().startswith("CalMedi copies your appointments to Apple iCloud.")
    assert sync.calendar_name.accessibleName() == "Calendar name in Apple iCloud"
    assert sync.colour.accessibleName() == "Calendar colour in Apple iCloud"
    assert sync.colour.itemText(0) == "The server's default"
    assert not sync.quota.isVisibleTo(sync), "Google's quota has nothing to do with a CalDAV calendar"
    assert ABOUT_GOOGLE["en"] in sync.pace.text() and "reach Apple iCloud within a minute" in sync.pace.text()
    assert sync.calendar_note.text().startswith("A new name or colour is given to CalMedi's calendar in Apple iCloud")
    assert sync.calendar_note.isVisibleTo(sync)

    controller.change_setting("sync.target", "google")
    after = {key: texts(page(controller, key)) for key in PAGES}
    assert after == before, "with Google again, the very same words (the screenshots do not change)"


def test_a_calendar_the_practitioner_chose_is_said_to_keep_its_name_and_colour(
    calmedi: CalMedi, both: Callable[..., AppController]
) -> None:
    controller = both(language="fr")
    calmedi.config.set("caldav.calendar_owned", False, internal=True)
    controller.change_setting("sync.target", "caldav")
    note = page(controller, "sync").calendar_note
    assert note.text() == (
        "CalMedi écrit dans un agenda que vous avez choisi dans Apple iCloud : il ne touche ni à son nom ni à sa "
        "couleur."
    )
    assert note.isVisibleTo(page(controller, "sync"))


def test_the_calendar_view_says_what_becomes_of_event_colours_with_caldav(
    qtbot: Any, both: Callable[..., AppController]
) -> None:
    controller = both()
    calendar = page(controller, "calendar")
    with qtbot.waitSignal(calendar.bar.settled, timeout=20000):  # the count (Doctolib is unreachable: unknown)
        calendar.new_patient.setCurrentIndex(calendar.new_patient.findData("4"))
    assert calendar.new_patient_warning.text().startswith("Google will know which bookings")

    controller.change_setting("sync.target", "caldav")
    assert not calendar.colour_note.isHidden()
    assert "Apple Calendar does not show them" in calendar.colour_note.text()
    assert calendar.new_patient_warning.text().startswith("Your calendar's provider (Apple iCloud) will know")
    reminders = calendar.reminders.note.text()
    assert "Google" not in reminders and "In Apple iCloud, the calendar's default reminders" in reminders
    calendar.bar.impact, calendar.bar.state = {"touched": 3, "updates": 3}, "known"
    assert calendar.bar.summary() == "This change touches 3 events in Apple iCloud (3 to update)."
    calendar.bar.impact = {"touched": 0}
    assert calendar.bar.summary() == "This change touches no event in Apple iCloud."
    calendar.bar.applied()
    assert calendar.bar.label.text() == "Applied. It reaches Apple iCloud after the next sync, in a few seconds."

    controller.app.config.set_many({"caldav.url": OWN_SERVER}, internal=True)  # another server, same account
    controller.refresh_accounts()
    note = calendar.colour_note.text()
    assert "With the CalDAV calendar at dav.example.org, these colours are written" in note and "COLOR" in note

    controller.change_setting("sync.target", "google")
    assert calendar.colour_note.isHidden()
    assert calendar.bar.label.text() == "Applied. Google shows it after the next sync, in a few seconds."


def test_choosing_full_names_asks_about_the_caldav_calendar(
    qtbot: Any, both: Callable[..., AppController], dialog_recorder: DialogRecorder
) -> None:
    controller = both(OWN_SERVER)
    controller.change_setting("sync.target", "caldav")
    privacy = page(controller, "privacy")

    def choose_full_and_apply() -> None:
        privacy.chooser.radios["full"].click()
        qtbot.waitUntil(lambda: privacy.bar.state == "unknown", timeout=10000)  # no server here: no count
        privacy.bar.apply.click()

    dialog_recorder.answer = False
    choose_full_and_apply()
    assert dialog_recorder.questions[-1] == (
        "Send patient names to the CalDAV calendar at dav.example.org?: Each patient's full name will show next "
        "to the appointment in the CalDAV calendar at dav.example.org. This is health data, stored by your "
        "calendar's provider. Do you want to continue?"
    )
    assert controller.app.get_setting("privacy.level") == "busy", "a no keeps the level"
    dialog_recorder.answer = True
    choose_full_and_apply()
    privacy.chooser.reason.setChecked(True)
    assert controller.app.get_setting("privacy.level") == "full"
    warning = privacy.chooser.warning.text()
    assert "stored by your calendar's provider (the CalDAV calendar at dav.example.org)" in warning
    assert "health data once sent to the CalDAV calendar at dav.example.org" in warning
    assert "Google" not in warning


def test_the_wizard_s_privacy_step_and_the_feed_form_name_the_caldav_calendar(
    qtbot: Any, calmedi: CalMedi, make_controller: Callable[..., AppController], dialog_recorder: DialogRecorder
) -> None:
    connect_both(calmedi)
    add_caldav(calmedi, OWN_SERVER)
    calmedi.set_setting("sync.target", "caldav")
    controller = make_controller()
    controller.show_wizard()
    wizard = controller.wizard
    assert wizard is not None and wizard.currentId() == PRIVACY
    step = wizard.currentPage()
    assert (
        step.chooser.caption.text() == "An appointment will look like this in the CalDAV calendar at dav.example.org:"
    )
    step.chooser.radios["full"].setChecked(True)
    dialog_recorder.answer = False
    assert not step.validatePage()
    assert dialog_recorder.questions[-1].startswith(
        "Send patient names to the CalDAV calendar at dav.example.org?: The CalDAV calendar at dav.example.org "
        "will show each patient's full name"
    ), "the name starts the sentence with a capital"
    assert "Google" not in " ".join(texts(step))

    form = FeedForm(controller)
    qtbot.addWidget(form)
    assert "so the CalDAV calendar at dav.example.org shows it only at" in form.explanation.text()
    assert "Google" not in form.explanation.text()
    calmedi.set_setting("sync.target", "google")
    controller.refresh_accounts()
    assert "so Google shows it only at" in form.explanation.text(), "the form follows the switch"


def test_closure_erasure_says_the_caldav_calendar_was_kept(
    calmedi: CalMedi, make_controller: Callable[..., AppController], dialog_recorder: DialogRecorder
) -> None:
    connect_both(calmedi)
    add_caldav(calmedi)
    calmedi.set_setting("sync.target", "caldav")
    controller = make_controller()
    controller.upkeep._erased()
    box = dialog_recorder.presented[-1]
    assert box.objectName() == "closureErased"
    assert "CalMedi's calendar in Apple iCloud was kept." in box.text() and "Google" not in box.text()


def test_in_french_the_pages_name_the_caldav_calendar(both: Callable[..., AppController]) -> None:
    controller = both(OWN_SERVER, "fr")
    privacy, sync = page(controller, "privacy"), page(controller, "sync")
    assert privacy.chooser.caption.text() == "Un rendez-vous apparaîtra ainsi dans Google Agenda :"
    assert sync.quota.isVisibleTo(sync)

    controller.change_setting("sync.target", "caldav")
    where = "l'agenda CalDAV de dav.example.org"
    assert controller.destination_name() == where
    assert privacy.chooser.caption.text() == f"Un rendez-vous apparaîtra ainsi dans {where} :"
    assert privacy.paused.text() == f"Suspendre tout traitement (rien n'est lu sur Doctolib ni envoyé à {where})"
    assert sync.intro.text().startswith(f"CalMedi copie vos rendez-vous vers {where}.")
    assert sync.colour.itemText(0) == "Celle du serveur"
    assert not sync.quota.isVisibleTo(sync)
    assert (
        page(controller, "calendar").caption.text() == f"Une journée fictive, telle que CalMedi l'écrit dans {where} :"
    )
    for key in PAGES:
        assert google_mentions(page(controller, key), "fr") == [], f"the {key} page still names Google"
