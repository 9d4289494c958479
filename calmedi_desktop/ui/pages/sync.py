"""Synchronisation: how often (the coming days, the whole period), how far back and ahead, what CalMedi's
calendar is called and coloured, and Google's quota (shown only while Google Calendar is the destination)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from calmedi_desktop.ui.destination_text import caldav_name
from calmedi_desktop.ui.pages.common import Notice, apply_setting, hint, page_layout, spin_for, swatch, title

if TYPE_CHECKING:
    from calmedi_desktop.ui.page_api import PageController

# Google Calendar's own calendar colours (hex as Google shows them).
CALENDAR_COLOURS = (
    ("#039be5", QT_TRANSLATE_NOOP("SyncPage", "Peacock")),
    ("#7986cb", QT_TRANSLATE_NOOP("SyncPage", "Lavender")),
    ("#33b679", QT_TRANSLATE_NOOP("SyncPage", "Sage")),
    ("#0b8043", QT_TRANSLATE_NOOP("SyncPage", "Basil")),
    ("#e67c73", QT_TRANSLATE_NOOP("SyncPage", "Flamingo")),
    ("#f6bf26", QT_TRANSLATE_NOOP("SyncPage", "Banana")),
    ("#f4511e", QT_TRANSLATE_NOOP("SyncPage", "Tangerine")),
    ("#8e24aa", QT_TRANSLATE_NOOP("SyncPage", "Grape")),
    ("#616161", QT_TRANSLATE_NOOP("SyncPage", "Graphite")),
    ("#d50000", QT_TRANSLATE_NOOP("SyncPage", "Tomato")),
)
TIMEZONES = (
    "Europe/Paris",
    "Europe/Brussels",
    "Europe/Luxembourg",
    "Europe/Monaco",
    "Europe/Zurich",
    "America/Guadeloupe",
    "America/Martinique",
    "America/Cayenne",
    "Indian/Reunion",
    "Indian/Mayotte",
    "Pacific/Noumea",
    "Pacific/Tahiti",
)


class SyncPage(QWidget):
    def __init__(self, controller: PageController) -> None:
        super().__init__()
        self.controller = controller
        app = controller.app
        layout = page_layout(self)
        layout.addWidget(title(self.tr("Synchronisation")))
        self.intro = hint("")
        layout.addWidget(self.intro)
        self.form = form = QFormLayout()
        self.near_interval = spin_for(
            "sync.near_interval_seconds", self.tr(" s"), self.tr("Seconds between two syncs of the coming days")
        )
        self.near_interval.setValue(app.get_setting("sync.near_interval_seconds"))
        self.near_interval.valueChanged.connect(
            lambda v: apply_setting(controller, "sync.near_interval_seconds", v, self.error)
        )
        form.addRow(self.tr("Sync the coming days every"), self.near_interval)

        self.near_days = spin_for("sync.near_days", self.tr(" days"), self.tr("How many coming days, today included"))
        self.near_days.setValue(app.get_setting("sync.near_days"))
        self.near_days.valueChanged.connect(lambda v: apply_setting(controller, "sync.near_days", v, self.error))
        form.addRow(self.tr("Coming days"), self.near_days)

        self.full_interval = spin_for(
            "sync.full_interval_minutes", self.tr(" min"), self.tr("Minutes between two syncs of the whole period")
        )
        self.full_interval.setValue(app.get_setting("sync.full_interval_minutes"))
        self.full_interval.valueChanged.connect(
            lambda v: apply_setting(controller, "sync.full_interval_minutes", v, self.error)
        )
        form.addRow(self.tr("Sync the whole period every"), self.full_interval)

        self.past_days = spin_for("sync.past_days", self.tr(" days"), self.tr("Days in the past to sync"))
        self.past_days.setValue(app.get_setting("sync.past_days"))
        self.past_days.valueChanged.connect(lambda v: apply_setting(controller, "sync.past_days", v, self.error))
        form.addRow(self.tr("Days in the past"), self.past_days)

        self.future_days = spin_for("sync.future_days", self.tr(" days"), self.tr("Days ahead to sync"))
        self.future_days.setValue(app.get_setting("sync.future_days"))
        self.future_days.valueChanged.connect(lambda v: apply_setting(controller, "sync.future_days", v, self.error))
        form.addRow(self.tr("Days ahead"), self.future_days)

        self.calendar_name = QLineEdit(app.get_setting("google.calendar_name"))
        self.calendar_name.setMaxLength(100)
        self.calendar_name.editingFinished.connect(self._save_name)
        form.addRow(self.tr("Calendar name"), self.calendar_name)

        self.colour = QComboBox()
        self.colour.addItem("", None)  # the destination's default colour, named by name_destination
        for hex_colour, name in CALENDAR_COLOURS:
            self.colour.addItem(swatch(hex_colour), self.tr(name), hex_colour)
        self.colour.setCurrentIndex(max(0, self.colour.findData(app.get_setting("google.calendar_color"))))
        self.colour.currentIndexChanged.connect(
            lambda _i: apply_setting(controller, "google.calendar_color", self.colour.currentData(), self.error)
        )
        form.addRow(self.tr("Calendar colour"), self.colour)
        self.calendar_note = hint("")  # when the name and colour apply, and to which calendar
        self.calendar_note.setObjectName("calendarNote")
        form.addRow(self.calendar_note)

        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.setAccessibleName(self.tr("Time zone of the practice"))
        self.timezone.addItems(TIMEZONES)
        self.timezone.setCurrentText(app.get_setting("sync.timezone"))
        self.timezone.lineEdit().editingFinished.connect(self._save_timezone)
        self.timezone.activated.connect(lambda _i: self._save_timezone())
        form.addRow(self.tr("Time zone"), self.timezone)

        self.quota = spin_for(
            "google.quota_per_minute", self.tr(" calls/min"), self.tr("Google Calendar quota per user, per minute")
        )
        self.quota.setValue(app.get_setting("google.quota_per_minute"))
        self.quota.valueChanged.connect(lambda v: apply_setting(controller, "google.quota_per_minute", v, self.error))
        form.addRow(self.tr("Google quota"), self.quota)
        layout.addLayout(form)
        self.pace = hint("")
        self.pace.setObjectName("paceHint")
        layout.addWidget(self.pace)
        self.error = Notice()
        layout.addWidget(self.error)
        layout.addStretch(1)
        controller.accountsChanged.connect(self.name_destination)  # a switch of destination says so
        self.name_destination()

    def name_destination(self) -> None:
        """Name the destination in use; Google's quota concerns Google alone, so its row goes with CalDAV."""
        caldav = caldav_name(self.controller)
        self.form.setRowVisible(self.quota, caldav is None)
        if caldav is None:
            self.intro.setText(
                self.tr(
                    "CalMedi copies your appointments into its own Google calendar. Changes are saved and "
                    "applied at once."
                )
            )
            self.calendar_name.setAccessibleName(self.tr("Google calendar name"))
            self.colour.setAccessibleName(self.tr("Google calendar colour"))
            self.colour.setItemText(0, self.tr("Google's default"))
            self.calendar_note.setText(
                self.tr(
                    "A new name or colour is given to CalMedi's calendar at the next sync, once: if you rename "
                    "it in Google Calendar later, CalMedi leaves your name. Google's default keeps the "
                    "calendar's current colour."
                )
            )
            self.pace.setText(
                self.tr(
                    "Changes in the coming days reach Google within a minute; the whole period is checked on "
                    "the slower rhythm. Google lets an app make 600 calls a minute for each user unless its "
                    "Cloud project has a higher quota: only change the quota if yours does."
                )
            )
        else:
            self.intro.setText(
                self.tr("CalMedi copies your appointments to %1. Changes are saved and applied at once.").replace(
                    "%1", caldav
                )
            )
            self.calendar_name.setAccessibleName(self.tr("Calendar name in %1").replace("%1", caldav))
            self.colour.setAccessibleName(self.tr("Calendar colour in %1").replace("%1", caldav))
            self.colour.setItemText(0, self.tr("The server's default"))
            if self.controller.app.get_setting("caldav.calendar_owned"):
                note = self.tr(
                    "A new name or colour is given to CalMedi's calendar in %1 at the next sync, once: if you "
                    "rename it in your calendar app later, CalMedi leaves your name."
                )
            else:
                note = self.tr(
                    "CalMedi writes to a calendar you chose in %1: it leaves that calendar's name and colour alone."
                )
            self.calendar_note.setText(note.replace("%1", caldav))
            self.pace.setText(
                self.tr(
                    "Changes in the coming days reach %1 within a minute; the whole period is checked on the "
                    "slower rhythm. Google's quota does not apply to a CalDAV calendar."
                ).replace("%1", caldav)
            )

    def _save_name(self) -> None:
        name = self.calendar_name.text().strip()
        if name != self.controller.app.get_setting("google.calendar_name"):
            apply_setting(self.controller, "google.calendar_name", name, self.error)

    def _save_timezone(self) -> None:
        zone = self.timezone.currentText().strip()
        if zone != self.controller.app.get_setting("sync.timezone"):
            apply_setting(self.controller, "sync.timezone", zone, self.error)
