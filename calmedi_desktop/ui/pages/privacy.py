"""Privacy: what an event in the destination calendar shows, with a live preview of one made-up appointment and
plain warnings that name where the appointments go (Google Calendar or the CalDAV calendar)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QCheckBox, QFrame, QLabel, QRadioButton, QVBoxLayout, QWidget

from calmedi_desktop.ui import dialogs
from calmedi_desktop.ui.destination_text import caldav_name
from calmedi_desktop.ui.pages.common import Notice, apply_setting, hint, page_layout, separator, title

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
        self.chooser.levelChosen.connect(self._level_chosen)
        self.chooser.reasonChosen.connect(lambda on: apply_setting(controller, "privacy.show_reason", on, self.error))
        layout.addWidget(self.chooser)
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

    def _level_chosen(self, level: str) -> None:
        previous = self.controller.app.get_setting("privacy.level")
        if level == "full" and previous != "full":
            caldav = caldav_name(self.controller)
            if caldav is None:
                title = self.tr("Send patient names to Google?")
                question = self.tr(
                    "Google Calendar will show each patient's full name next to the appointment. This is health "
                    "data stored at Google. Do you want to continue?"
                )
            else:
                title = self.tr("Send patient names to %1?").replace("%1", caldav)
                question = self.tr(
                    "Each patient's full name will show next to the appointment in %1. This is health data, "
                    "stored by your calendar's provider. Do you want to continue?"
                ).replace("%1", caldav)
            if not dialogs.ask(self, title, question, danger=True):
                self.chooser.set_level(previous)
                return
        apply_setting(self.controller, "privacy.level", level, self.error)

    def _sync_paused_box(self) -> None:
        paused = bool(self.controller.app.get_setting("privacy.processing_paused"))
        if self.paused.isChecked() != paused:
            self.paused.blockSignals(True)
            self.paused.setChecked(paused)
            self.paused.blockSignals(False)
