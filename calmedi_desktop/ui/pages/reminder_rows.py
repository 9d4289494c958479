"""The reminder rows of the Calendar view page: none, the calendar's defaults, or one or two pop-ups; and a
pop-up before the first appointment of the day."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QSpinBox, QVBoxLayout, QWidget

from calmedi_desktop.api import MAX_REMINDER_MINUTES, SETTINGS
from calmedi_desktop.ui.pages.common import hint

FIRST_OF_DAY_DEFAULT = 60
SECOND_DEFAULT = 60


class ReminderRows(QWidget):
    """``values()`` gives ``events.reminders``, ``events.reminder_minutes`` and ``events.first_of_day_minutes``
    as the widgets hold them; ``changed`` fires on every edit (not on ``show``)."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # French labels are longer
        self.mode = QComboBox()
        self.mode.setAccessibleName(self.tr("Reminders"))
        names = (self.tr("None"), self.tr("The calendar's default reminders"), self.tr("Pop-ups, as below"))
        for mode, text in zip(SETTINGS["events.reminders"].choices or (), names, strict=True):
            self.mode.addItem(text, mode)
        self.mode.setMaximumWidth(260)
        form.addRow(self.tr("Reminders"), self.mode)
        self.first_popup = self._spin(self.tr("First pop-up, minutes before each appointment"))
        self.second_on = QCheckBox(self.tr("and"))
        self.second_on.setAccessibleName(self.tr("A second pop-up"))
        self.second_popup = self._spin(self.tr("Second pop-up, minutes before each appointment"))
        row = QHBoxLayout()
        for widget in (self.first_popup, self.second_on, self.second_popup):
            row.addWidget(widget)
        row.addStretch(1)
        form.addRow(self.tr("Pop-ups before"), row)
        self.first_of_day_on = QCheckBox(self.tr("First of the day"))
        self.first_of_day_on.setAccessibleName(self.tr("A reminder before the first appointment of the day"))
        spec = SETTINGS["events.first_of_day_minutes"]
        self.first_of_day = self._spin(self.tr("Minutes before the first appointment of the day"), spec.maximum)
        day_row = QHBoxLayout()
        day_row.addWidget(self.first_of_day_on)
        day_row.addWidget(self.first_of_day)
        day_row.addStretch(1)
        form.addRow(day_row)
        column.addLayout(form)
        self.note = hint("")
        self.note.setObjectName("reminderNote")
        column.addWidget(self.note)
        self.set_destination(None)
        self.mode.currentIndexChanged.connect(self._edited)
        for spin in (self.first_popup, self.second_popup, self.first_of_day):
            spin.valueChanged.connect(self._edited)
        for box in (self.second_on, self.first_of_day_on):
            box.toggled.connect(self._edited)

    def set_destination(self, caldav: str | None) -> None:
        """None for Google Calendar; else the CalDAV calendar's name (its "default reminders" are the apps')."""
        if caldav is None:
            text = self.tr(
                "The first appointment of each day (every site together) rings earlier too. Google cannot add "
                "to the calendar's default reminders: with them, that appointment rings for this one alone."
            )
        else:
            text = self.tr(
                "The first appointment of each day (every site together) rings earlier too. In %1, the "
                "calendar's default reminders are those each calendar app sets (CalMedi writes no alarm): with "
                "them, that appointment rings for this one alone."
            ).replace("%1", caldav)
        self.note.setText(text)

    def _spin(self, name: str, maximum: int | None = MAX_REMINDER_MINUTES) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, maximum or MAX_REMINDER_MINUTES)
        spin.setSuffix(self.tr(" min"))
        spin.setAccessibleName(name)
        spin.setKeyboardTracking(False)  # typing "15" must not count "1" first
        spin.setMaximumWidth(110)
        return spin

    def values(self) -> dict[str, Any]:
        minutes = [self.first_popup.value()]
        if self.second_on.isChecked():
            minutes.append(self.second_popup.value())
        return {
            "events.reminders": self.mode.currentData(),
            "events.reminder_minutes": minutes,
            "events.first_of_day_minutes": self.first_of_day.value() if self.first_of_day_on.isChecked() else None,
        }

    def show_values(self, values: dict[str, Any]) -> None:
        widgets = (self.mode, self.first_popup, self.second_on, self.second_popup, self.first_of_day_on)
        for widget in (*widgets, self.first_of_day):
            widget.blockSignals(True)
        self.mode.setCurrentIndex(max(0, self.mode.findData(values["events.reminders"])))
        minutes = list(values["events.reminder_minutes"]) or [10]
        self.first_popup.setValue(minutes[0])
        self.second_on.setChecked(len(minutes) > 1)
        self.second_popup.setValue(minutes[1] if len(minutes) > 1 else SECOND_DEFAULT)
        first = values["events.first_of_day_minutes"]
        self.first_of_day_on.setChecked(first is not None)
        self.first_of_day.setValue(first if first is not None else FIRST_OF_DAY_DEFAULT)
        for widget in (*widgets, self.first_of_day):
            widget.blockSignals(False)
        self._enable()

    def _edited(self, *_args: Any) -> None:
        self._enable()
        self.changed.emit()

    def _enable(self) -> None:
        popup = self.mode.currentData() == "popup"
        self.first_popup.setEnabled(popup)
        self.second_on.setEnabled(popup)
        self.second_popup.setEnabled(popup and self.second_on.isChecked())
        self.first_of_day.setEnabled(self.first_of_day_on.isChecked())
