"""A read-only view of calendar events, a week or a day wide, drawn the way Google Calendar draws them: each
event in its colour (Google's event palette, else the calendar's colour), a tentative one outlined, its place
under the title when there is room, and a small bell with the minutes of its own pop-up reminders.

The demo Preview page draws the simulated Google calendar with it; the Calendar view page draws its made-up
sample day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from calmedi_desktop.api import EVENT_COLORS

FIRST_HOUR, LAST_HOUR = 7, 20
HEADER, GUTTER = 40, 48
MIN_HOUR_PX, MIN_EVENT_PX = 38, 20
EVENT_COLOUR = QColor("#039be5")  # Google's default calendar colour (Peacock)


@dataclass(frozen=True)
class WeekEvent:
    start: datetime
    end: datetime
    summary: str
    tentative: bool = False
    color: str | None = None  # hex; None: the calendar's colour
    reminders: tuple[int, ...] = ()  # the event's own pop-ups, in minutes (none: the calendar's defaults, or none)
    location: str | None = None


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
        reminders = item.get("reminders") or {}
        overrides = [] if reminders.get("useDefault", True) else reminders.get("overrides") or []
        events.append(
            WeekEvent(
                start,
                end,
                str(item.get("summary", "")),
                item.get("status") == "tentative",
                EVENT_COLORS.get(str(item.get("colorId"))),
                tuple(int(o.get("minutes", 0)) for o in overrides if isinstance(o, dict)),
                item.get("location") or None,
            )
        )
    return sorted(events, key=lambda e: e.start)


def bell(size: float) -> QPainterPath:
    """A small bell (no font has one everywhere): dome, rim and clapper, ``size`` pixels tall."""
    path = QPainterPath()
    w = size * 0.8
    path.moveTo(0, size * 0.75)
    path.cubicTo(w * 0.15, size * 0.6, w * 0.12, size * 0.1, w / 2, size * 0.08)
    path.cubicTo(w * 0.88, size * 0.1, w * 0.85, size * 0.6, w, size * 0.75)
    path.closeSubpath()
    path.addEllipse(QPointF(w / 2, size * 0.88), size * 0.12, size * 0.12)
    return path


def minutes_text(minutes: tuple[int, ...]) -> str:
    return " · ".join(f"{m // 60} h" if m >= 60 and m % 60 == 0 else f"{m}′" for m in minutes)


class WeekView(QWidget):
    def __init__(
        self,
        days: int = 7,
        first_hour: int = FIRST_HOUR,
        last_hour: int = LAST_HOUR,
        calendar_colour: str | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("weekView")
        self.days, self.first_hour, self.last_hour = days, first_hour, last_hour
        self.calendar_colour = QColor(calendar_colour) if calendar_colour else EVENT_COLOUR
        self.header_text: str | None = None  # a one-day view may name its day ("Sample day")
        self.setMinimumSize(520 if days > 1 else 220, HEADER + (last_hour - first_hour) * MIN_HOUR_PX)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.monday = date.today() - timedelta(days=date.today().weekday()) if days > 1 else date.today()
        self.events: list[WeekEvent] = []
        self.setAccessibleName(self.tr("Week view of the calendar") if days > 1 else self.tr("Day view"))

    def set_week(self, monday: date, events: list[WeekEvent]) -> None:
        """``monday``: the first day shown (any day, for a one-day view)."""
        self.monday = monday
        end = monday + timedelta(days=self.days)
        self.events = [e for e in events if monday <= e.start.date() < end]
        self.setAccessibleDescription(self.tr("%n appointment(s) this week", "", len(self.events)))
        self.update()

    def set_calendar_colour(self, colour: str | None) -> None:
        self.calendar_colour = QColor(colour) if colour else EVENT_COLOUR
        self.update()

    def _geometry(self) -> tuple[float, float]:
        column = (self.width() - GUTTER) / self.days
        hour = (self.height() - HEADER) / (self.last_hour - self.first_hour)
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
        for day in range(self.days):
            x = GUTTER + day * column
            current = self.monday + timedelta(days=day)
            if current == today and self.header_text is None:
                highlight = QColor(EVENT_COLOUR)
                highlight.setAlpha(25)
                painter.fillRect(QRectF(x, 0, column, self.height()), highlight)
            painter.setPen(QPen(faint))
            painter.drawLine(int(x), 0, int(x), self.height())
            painter.setPen(text)
            name = locale.dayName(current.isoweekday(), QLocale.FormatType.ShortFormat)
            label = self.header_text or f"{name} {current.day}"
            painter.drawText(QRectF(x, 2, column, HEADER - 4), Qt.AlignmentFlag.AlignCenter, label)
        painter.setFont(small)
        for index in range(self.last_hour - self.first_hour + 1):
            y = HEADER + index * hour
            painter.setPen(QPen(faint))
            painter.drawLine(GUTTER, int(y), self.width(), int(y))
            painter.setPen(text)
            label = f"{self.first_hour + index:02d}:00"
            painter.drawText(QRectF(0, y - 8, GUTTER - 6, 16), Qt.AlignmentFlag.AlignRight, label)
        painter.setFont(self.font())

    def _draw_event(self, painter: QPainter, event: WeekEvent, column: float, hour: float) -> None:
        day = (event.start.date() - self.monday).days
        top = event.start.hour + event.start.minute / 60
        bottom = top + max((event.end - event.start).total_seconds() / 3600, 0.25)
        top, bottom = max(top, self.first_hour), min(bottom, self.last_hour)
        if bottom <= top:
            return
        # A short appointment still gets one readable line.
        height = max((bottom - top) * hour - 2, MIN_EVENT_PX)
        rect = QRectF(GUTTER + day * column + 2, HEADER + (top - self.first_hour) * hour + 1, column - 4, height)
        colour = QColor(event.color) if event.color else QColor(self.calendar_colour)
        if event.tentative:
            # Like Google's tentative events: a pale fill, the colour as outline and text.
            fill = QColor(colour)
            fill.setAlpha(45)
            painter.setPen(QPen(colour, 1.2))
            painter.setBrush(fill)
            ink = colour.darker(130)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            ink = QColor("white")
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.8))
        painter.setFont(font)
        metrics = painter.fontMetrics()
        inner = rect.adjusted(4, 2, -3, -1)
        taken = self._draw_reminders(painter, event.reminders, inner, ink) if event.reminders else 0.0
        lines = max(1, int(inner.height() // metrics.height()))
        title = f"{event.start:%H:%M} {event.summary}"
        painter.setPen(ink)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        if lines == 1 or not event.location:
            box = inner.adjusted(0, 0, -taken, 0)
            if lines == 1:
                title = metrics.elidedText(title, Qt.TextElideMode.ElideRight, int(box.width()))
            painter.drawText(box, flags | Qt.TextFlag.TextWordWrap, title)
        else:
            first = QRectF(inner.left(), inner.top(), inner.width() - taken, metrics.height())
            painter.drawText(first, flags, metrics.elidedText(title, Qt.TextElideMode.ElideRight, int(first.width())))
            rest = inner.adjusted(0, metrics.height(), 0, 0)
            place = metrics.elidedText(event.location, Qt.TextElideMode.ElideRight, int(rest.width() * (lines - 1)))
            painter.drawText(rest, flags | Qt.TextFlag.TextWordWrap, place)
        painter.setFont(self.font())

    def _draw_reminders(self, painter: QPainter, minutes: tuple[int, ...], inner: QRectF, ink: QColor) -> float:
        """A bell and the minutes at the top right, faded (a hint, not the news); returns the width taken."""
        metrics = painter.fontMetrics()
        text = minutes_text(minutes)
        size = metrics.ascent() * 0.9
        width = size + 2 + metrics.horizontalAdvance(text) + 2  # the prime's ink runs past its advance
        if width > inner.width() / 3:
            text, width = "", size  # a narrow column keeps the bell alone
        left = inner.right() - width
        faded = QColor(ink)
        faded.setAlpha(210)
        painter.save()
        painter.translate(left, inner.top() + (metrics.height() - size) / 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(faded)
        painter.drawPath(bell(size))
        painter.restore()
        if text:
            painter.setPen(faded)
            box = QRectF(left + size + 2, inner.top(), width - size - 2, metrics.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)
        return width + 4
