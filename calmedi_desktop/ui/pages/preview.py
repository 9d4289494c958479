"""Demo Preview: the simulated Google calendar as a week view (colours, places, reminders), refreshed after every
sync."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from calmedi_desktop.ui.pages.common import hint, page_layout, title
from calmedi_desktop.ui.week_view import WeekView, events_from_google

if TYPE_CHECKING:
    from calmedi_desktop.ui.page_api import PageController


class PreviewPage(QWidget):
    def __init__(self, controller: PageController) -> None:
        super().__init__()
        self.controller = controller
        layout = page_layout(self)
        layout.addWidget(title(self.tr("Demo calendar")))
        layout.addWidget(
            hint(
                self.tr(
                    "This is the simulated Google calendar CalMedi writes to in demo mode. The simulated "
                    "Doctolib keeps inventing bookings, moves and cancellations; CalMedi syncs every 30 seconds."
                )
            )
        )
        nav = QHBoxLayout()
        self.previous = QPushButton(self.tr("◀ Previous week"))
        self.today = QPushButton(self.tr("Today"))
        self.next = QPushButton(self.tr("Next week ▶"))
        self.week_label = QLabel()
        self.week_label.setObjectName("weekLabel")
        self.count_label = QLabel()
        for button, shift in ((self.previous, -7), (self.today, 0), (self.next, 7)):
            button.clicked.connect(lambda _c=False, s=shift: self.shift_week(s))
            nav.addWidget(button)
        nav.addSpacing(12)
        nav.addWidget(self.week_label)
        nav.addStretch(1)
        nav.addWidget(self.count_label)
        layout.addLayout(nav)
        self.view = WeekView()
        layout.addWidget(self.view, 1)
        self.monday = date.today() - timedelta(days=date.today().weekday())
        controller.bridge.runFinished.connect(self._after_run)  # bound: dropped when the page is destroyed
        self.refresh()

    def _after_run(self, _result: object = None) -> None:
        self.refresh()

    def shift_week(self, days: int) -> None:
        """0: back to this week; otherwise that many days earlier or later (QWidget.move stays untouched)."""
        if days == 0:
            self.monday = date.today() - timedelta(days=date.today().weekday())
        else:
            self.monday += timedelta(days=days)
        self.refresh()

    def google_items(self) -> list[dict[str, Any]]:
        demo = self.controller.demo
        calendar_id = self.controller.app.get_setting("google.calendar_id")
        if demo is None or not calendar_id or calendar_id not in demo.google.calendars:
            return []
        return list(demo.google.events(calendar_id))

    def refresh(self) -> None:
        zone = ZoneInfo(self.controller.app.get_setting("sync.timezone"))
        self.view.set_calendar_colour(self.controller.app.get_setting("calendar.color"))
        self.view.set_week(self.monday, events_from_google(self.google_items(), zone))
        sunday = self.monday + timedelta(days=6)
        self.week_label.setText(f"{self.monday:%d/%m} – {sunday:%d/%m/%Y}")
        self.count_label.setText(self.tr("%n appointment(s)", "", len(self.view.events)))
