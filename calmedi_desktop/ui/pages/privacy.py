"""Privacy: what an event in the destination calendar shows, with a live preview of one made-up appointment and
plain warnings that name where the appointments go (Google Calendar or the CalDAV calendar).

A new level rewrites the title of every event, so the page, like the Calendar view, counts the events a change
touches (off the GUI thread) and applies it only when the practitioner presses Apply; showing full names still
asks first. The wizard's chooser, before any event exists, saves at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QCheckBox, QFrame, QLabel, QRadioButton, QVBoxLayout, QWidget

from calmedi_desktop.ui.destination_text import caldav_name
from calmedi_desktop.ui.pages.common import Notice, apply_setting, hint, page_layout, separator, title
from calmedi_desktop.ui.pages.looks_widgets import ImpactBar

if TYPE_CHECKING:
    from calmedi_desktop.ui.page_api import PageController

LEVELS = ("busy", "initials", "full")


class PrivacyChooser(QWidget):
    """The level radios, the visit-reason toggle, the preview and the warnings (also used by the wizard)."""

    levelChosen = Signal(str)
    reasonChosen = Signal(bool)

    def __init__(
        self, level: str, show_reason: bool, language: str, title_preview: Callable[[str, bool, str], str]
    ) -> None:
        super().__init__()
        self.language = language
        self._title_preview = title_preview  # the facade's: the core decides what a title looks like
        self.destination: str | None = None  # the CalDAV calendar's name; None: Google Calendar
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        labels = {
            "busy": self.tr("Type of visit only (recommended) — “Consultation”"),
            "initials": self.tr("Type of visit and the patient's initials — “Consultation – J. D.”"),
            "full": self.tr("Type of visit and the patient's full name — “Consultation – Jean Dupont”"),
        }
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        for index, name in enumerate(LEVELS):
            radio = QRadioButton(labels[name])
            radio.setObjectName(f"level-{name}")
            radio.setAccessibleName(labels[name])
            self.group.addButton(radio, index)
            self.radios[name] = radio
            layout.addWidget(radio)
        self.radios[level if level in LEVELS else "busy"].setChecked(True)
        self.reason = QCheckBox(self.tr("Also show the visit reason (e.g. “Follow-up”)"))
        self.reason.setChecked(show_reason)
        layout.addWidget(self.reason)

        self.caption = QLabel()
        self.caption.setObjectName("privacyCaption")
        layout.addWidget(self.caption)
        self.preview = QLabel()
        self.preview.setObjectName("privacyPreview")
        self.preview.setFrameShape(QFrame.Shape.NoFrame)
        self.preview.setStyleSheet(
            "QLabel#privacyPreview { background:#039be5; color:white; border-radius:6px; padding:8px 12px; "
            "font-weight:600; }"
        )
        self.preview.setAccessibleDescription(self.tr("Preview of an example appointment"))
        layout.addWidget(self.preview)
        self.warning = Notice("warning")
        layout.addWidget(self.warning)
        self.group.idToggled.connect(self._level_toggled)
        self.reason.toggled.connect(self._reason_toggled)
        self.set_destination(None)

    def set_destination(self, caldav: str | None) -> None:
        """Name where the appointments go: None for Google Calendar, else the CalDAV calendar's name."""
        self.destination = caldav
        if caldav is None:
            self.reason.setAccessibleName(self.tr("Show the visit reason in Google"))
            self.caption.setText(self.tr("An appointment will look like this in Google Calendar:"))
        else:
            self.reason.setAccessibleName(self.tr("Show the visit reason in %1").replace("%1", caldav))
            self.caption.setText(self.tr("An appointment will look like this in %1:").replace("%1", caldav))
        self.refresh()

    def level(self) -> str:
        return LEVELS[max(0, self.group.checkedId())]

    def set_level(self, level: str) -> None:
        self.group.blockSignals(True)  # the group, not the radio, emits idToggled
        self.radios[level].setChecked(True)
        self.group.blockSignals(False)
        self.refresh()

    def set_reason(self, on: bool) -> None:
        self.reason.blockSignals(True)
        self.reason.setChecked(on)
        self.reason.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        level, reason = self.level(), self.reason.isChecked()
        self.preview.setText(f"09:00 – 09:20   {self._title_preview(level, reason, self.language)}")
        self.preview.setAccessibleName(self.preview.text())
        warnings = []
        if level == "initials":
            warnings.append(
                self.tr(
                    "Initials are pseudonymised, not anonymous: together with the date and time they may let "
                    "someone who sees your calendar recognise a patient."
                )
            )
        caldav = self.destination
        if level == "full" and caldav is None:
            warnings.append(
                self.tr(
                    "Patient names next to medical appointments are health data. With this level they are "
                    "stored at Google, under your responsibility as data controller."
                )
            )
        elif level == "full":
            warnings.append(
                self.tr(
                    "Patient names next to medical appointments are health data. With this level they are "
                    "stored by your calendar's provider (%1), under your responsibility as data controller."
                ).replace("%1", caldav)
            )
        if reason and caldav is None:
            warnings.append(
                self.tr("The visit reason can reveal a patient's condition: it is health data once sent to Google.")
            )
        elif reason:
            warnings.append(
                self.tr(
                    "The visit reason can reveal a patient's condition: it is health data once sent to %1."
                ).replace("%1", caldav)
            )
        self.warning.show_text("\n\n".join(warnings), "warning")

    def _level_toggled(self, button_id: int, checked: bool) -> None:
        if checked:
            self.refresh()
            self.levelChosen.emit(LEVELS[button_id])

    def _reason_toggled(self, checked: bool) -> None:
        self.refresh()
        self.reasonChosen.emit(checked)


class PrivacyPage(QWidget):
    def __init__(self, controller: PageController) -> None:
        super().__init__()
        self.controller = controller
        app = controller.app
        layout = page_layout(self)
        layout.addWidget(title(self.tr("Privacy")))
        self.intro = hint("")
        layout.addWidget(self.intro)
        self.chooser = PrivacyChooser(
            app.get_setting("privacy.level"),
            app.get_setting("privacy.show_reason"),
            controller.translations.language,
            app.title_preview,
        )
        self.chooser.levelChosen.connect(self._edited)
        self.chooser.reasonChosen.connect(self._edited)
        layout.addWidget(self.chooser)
        self.bar = ImpactBar(app.settings_change_impact)
        self.bar.applyClicked.connect(self.apply)
        self.bar.revertClicked.connect(self.revert)
        layout.addWidget(self.bar)
        layout.addWidget(separator())
        self.paused = QCheckBox()
        self.paused.setAccessibleName(self.tr("Pause all processing"))
        self.paused.setChecked(app.get_setting("privacy.processing_paused"))
        self.paused.toggled.connect(lambda on: apply_setting(controller, "privacy.processing_paused", on, self.error))
        controller.statusChanged.connect(self._sync_paused_box)
        layout.addWidget(self.paused)
        self.error = Notice()
        layout.addWidget(self.error)
        layout.addStretch(1)
        controller.accountsChanged.connect(self.name_destination)  # a switch of destination says so
        self.name_destination()

    def name_destination(self) -> None:
        caldav = caldav_name(self.controller)
        self.chooser.set_destination(caldav)
        self.bar.set_destination(caldav)
        if caldav is None:
            intro = self.tr(
                "Choose what Google Calendar may show about each appointment. Phone numbers, e-mail "
                "addresses, birth dates, addresses and notes are never sent, whatever you choose."
            )
            paused = self.tr("Pause all processing (nothing is read from Doctolib or sent to Google)")
        else:
            intro = self.tr(
                "Choose what %1 may show about each appointment. Phone numbers, e-mail addresses, birth dates, "
                "addresses and notes are never sent, whatever you choose."
            ).replace("%1", caldav)
            paused = self.tr("Pause all processing (nothing is read from Doctolib or sent to %1)").replace("%1", caldav)
        self.intro.setText(intro)
        self.paused.setText(paused)

    def _saved(self) -> dict[str, Any]:
        app = self.controller.app
        return {
            "privacy.level": app.get_setting("privacy.level"),
            "privacy.show_reason": app.get_setting("privacy.show_reason"),
        }

    def changes(self) -> dict[str, Any]:
        """What the radios and the box propose that is not saved yet."""
        proposed = {"privacy.level": self.chooser.level(), "privacy.show_reason": self.chooser.reason.isChecked()}
        saved = self._saved()
        return {key: value for key, value in proposed.items() if value != saved[key]}

    def _edited(self, *_: object) -> None:
        self.error.clear_text()
        self.bar.set_changes(self.changes())

    def apply(self) -> None:
        changes = self.changes()
        warning = self._names_question() if changes.get("privacy.level") == "full" else None
        if not changes:
            return
        if not self.bar.confirm(self, warning):
            if warning is not None:
                self.revert()  # no to names: the page shows what is saved again, not a pending "full"
            return
        self.bar.save(self.controller, changes, self.error)

    def revert(self) -> None:
        saved = self._saved()
        self.chooser.set_level(saved["privacy.level"])
        self.chooser.set_reason(bool(saved["privacy.show_reason"]))
        self.error.clear_text()
        self.bar.set_changes({})

    def _names_question(self) -> tuple[str, str]:
        caldav = caldav_name(self.controller)
        if caldav is None:
            question = self.tr(
                "Google Calendar will show each patient's full name next to the appointment. This is health "
                "data stored at Google. Do you want to continue?"
            )
            return self.tr("Send patient names to Google?"), question
        question = self.tr(
            "Each patient's full name will show next to the appointment in %1. This is health data, "
            "stored by your calendar's provider. Do you want to continue?"
        ).replace("%1", caldav)
        return self.tr("Send patient names to %1?").replace("%1", caldav), question

    def _sync_paused_box(self) -> None:
        paused = bool(self.controller.app.get_setting("privacy.processing_paused"))
        if self.paused.isChecked() != paused:
            self.paused.blockSignals(True)
            self.paused.setChecked(paused)
            self.paused.blockSignals(False)
