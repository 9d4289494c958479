"""A read-only week view of Google Calendar events (the demo Preview page draws the simulated calendar)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

FIRST_HOUR, LAST_HOUR = 7, 20
HEADER, GUTTER = 40, 48
MIN_HOUR_PX, MIN_EVENT_PX = 38, 20
EVENT_COLOUR = QColor("#039be5")


@dataclass(frozen=True)
class WeekEvent:
    start: datetime
    end: datetime
    summary: str
    tentative: bool = False


def events_from_google(items: list[dict[str, Any]], zone: ZoneInfo) -> list[WeekEvent]:
    """Timed, not-cancelled events in ``zone``; all-day and malformed entries are left out."""
    events = []
    for item in items:
        if item.get("status") == "cancelled":
            continue
        try:
            start = datetime.fromisoformat(item["start"]["dateTime"]).astimezone(zone)
            end = datetime.fromisoformat(item["end"]["dateTime"]).astimezone(zone)
        except (KeyError, TypeError, ValueError):
            continue
        events.append(WeekEvent(start, end, str(item.get("summary", "")), item.get("status") == "tentative"))
    return sorted(events, key=lambda e: e.start)


class WeekView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("weekView")
        self.setMinimumSize(520, HEADER + (LAST_HOUR - FIRST_HOUR) * MIN_HOUR_PX)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.monday = date.today() - timedelta(days=date.today().weekday())
        self.events: list[WeekEvent] = []
        self.setAccessibleName(self.tr("Week view of the calendar"))

    def set_week(self, monday: date, events: list[WeekEvent]) -> None:
        self.monday = monday
        end = monday + timedelta(days=7)
        self.events = [e for e in events if monday <= e.start.date() < end]
        self.setAccessibleDescription(self.tr("%n appointment(s) this week", "", len(self.events)))
        self.update()

    def _geometry(self) -> tuple[float, float]:
        column = (self.width() - GUTTER) / 7
        hour = (self.height() - HEADER) / (LAST_HOUR - FIRST_HOUR)
        return column, hour

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        column, hour = self._geometry()
        self._draw_grid(painter, column, hour, palette)
        for event in self.events:
            self._draw_event(painter, event, column, hour)
        painter.end()

    def _draw_grid(self, painter: QPainter, column: float, hour: float, palette: QPalette) -> None:
        text = palette.color(QPalette.ColorRole.Text)
        faint = QColor(text)
        faint.setAlpha(40)
        locale = QLocale()
        today = date.today()
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.85))
        for day in range(7):
            x = GUTTER + day * column
            current = self.monday + timedelta(days=day)
            if current == today:
                highlight = QColor(EVENT_COLOUR)
                highlight.setAlpha(25)
                painter.fillRect(QRectF(x, 0, column, self.height()), highlight)
            painter.setPen(QPen(faint))
            painter.drawLine(int(x), 0, int(x), self.height())
            painter.setPen(text)
            name = locale.dayName(current.isoweekday(), QLocale.FormatType.ShortFormat)
            painter.drawText(QRectF(x, 2, column, HEADER - 4), Qt.AlignmentFlag.AlignCenter, f"{name} {current.day}")
        painter.setFont(small)
        for index in range(LAST_HOUR - FIRST_HOUR + 1):
            y = HEADER + index * hour
            painter.setPen(QPen(faint))
            painter.drawLine(GUTTER, int(y), self.width(), int(y))
            painter.setPen(text)
            label = f"{FIRST_HOUR + index:02d}:00"
            painter.drawText(QRectF(0, y - 8, GUTTER - 6, 16), Qt.AlignmentFlag.AlignRight, label)
        painter.setFont(self.font())

    def _draw_event(self, painter: QPainter, event: WeekEvent, column: float, hour: float) -> None:
        day = (event.start.date() - self.monday).days
        top = event.start.hour + event.start.minute / 60
        bottom = top + max((event.end - event.start).total_seconds() / 3600, 0.25)
        top, bottom = max(top, FIRST_HOUR), min(bottom, LAST_HOUR)
        if bottom <= top:
            return
        # A short appointment still gets one readable line.
        height = max((bottom - top) * hour - 2, MIN_EVENT_PX)
        rect = QRectF(GUTTER + day * column + 2, HEADER + (top - FIRST_HOUR) * hour + 1, column - 4, height)
        fill = QColor(EVENT_COLOUR)
        if event.tentative:
            fill.setAlpha(120)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(QColor("white"))
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.8))
        painter.setFont(font)
        text = f"{event.start:%H:%M} {event.summary}"
        inner = rect.adjusted(4, 2, -3, -1)
        if inner.height() < 2 * painter.fontMetrics().height():
            text = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(inner.width()))
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(inner, flags, text)
        painter.setFont(self.font())
