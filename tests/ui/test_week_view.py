"""The week view draws what Google holds: each event in its colour (the calendar's when it has none), a tentative
one pale and outlined, a bell where the event has its own pop-ups."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QColor, QImage

from calmedi_desktop.ui.week_view import GUTTER, HEADER, WeekEvent, WeekView, events_from_google, minutes_text

pytestmark = pytest.mark.gui
PARIS = ZoneInfo("Europe/Paris")


def item(hour: int, **extra: Any) -> dict[str, Any]:
    return {
        "summary": "Consultation",
        "status": "confirmed",
        "start": {"dateTime": f"2026-01-05T{hour:02d}:00:00+01:00"},
        "end": {"dateTime": f"2026-01-05T{hour:02d}:45:00+01:00"},
        **extra,
    }


def test_google_events_carry_their_colour_reminders_and_place() -> None:
    events = events_from_google(
        [
            item(9, colorId="11", location="12 rue Voltaire", reminders={"useDefault": True}),
            item(10, reminders={"useDefault": False, "overrides": [{"method": "popup", "minutes": 60}]}),
            item(11, status="tentative", reminders={"useDefault": False}),
            item(12, status="cancelled", colorId="2"),
            {"summary": "all day", "start": {"date": "2026-01-05"}, "end": {"date": "2026-01-06"}},
        ],
        PARIS,
    )
    assert [(e.start.hour, e.color, e.reminders, e.location, e.tentative) for e in events] == [
        (9, "#d50000", (), "12 rue Voltaire", False),
        (10, None, (60,), None, False),
        (11, None, (), None, True),
    ]
    assert minutes_text((60, 10)) == "1 h · 10′"
    assert minutes_text((90,)) == "90′"


def pixel(view: WeekView, event: WeekEvent, down: float = 0.5) -> QColor:
    """The colour drawn a little inside the event's box, left of any text."""
    image: QImage = view.grab().toImage()
    _column, hour = view._geometry()
    top = HEADER + (event.start.hour + event.start.minute / 60 - view.first_hour) * hour
    height = (event.end - event.start).total_seconds() / 3600 * hour
    return image.pixelColor(GUTTER + 4, int(top + height * down))


def test_each_event_is_drawn_in_its_colour(qtbot: Any) -> None:
    view = WeekView(days=1, first_hour=8, last_hour=16, calendar_colour="#616161")
    qtbot.addWidget(view)
    view.resize(260, 500)
    at = datetime(2026, 1, 5, tzinfo=PARIS)
    tomato = WeekEvent(at.replace(hour=9), at.replace(hour=10), "A", color="#d50000", reminders=(10,))
    plain = WeekEvent(at.replace(hour=11), at.replace(hour=12), "B")
    maybe = WeekEvent(at.replace(hour=13), at.replace(hour=14), "C", tentative=True, color="#0b8043")
    view.set_week(date(2026, 1, 5), [tomato, plain, maybe])
    assert len(view.events) == 3
    assert pixel(view, tomato).name() == "#d50000"
    assert pixel(view, plain).name() == "#616161", "no colour of its own: the calendar's"
    pale = pixel(view, maybe)
    assert pale.name() != "#0b8043" and pale.green() > pale.red() and pale.lightness() > 200, "tentative: pale"
