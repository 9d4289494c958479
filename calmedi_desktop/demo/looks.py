"""What demo mode's calendar looks like: a colour per practice site and one for video visits, a pop-up before
each appointment and one before the first of the day, so that the demo shows what the Calendar view can do.

The new-patient colour stays off, as it is by default: it tells Google something about a booking.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

SITE_COLOURS = ("2", "6", "7", "10")  # Sage, Tangerine, Peacock, Basil: told apart at a glance
VIDEO_COLOUR = "3"  # Grape
REMINDER_MINUTES = [10]
FIRST_OF_DAY_MINUTES = 60


def demo_looks(agenda_ids: Sequence[int]) -> dict[str, Any]:
    colours = {str(agenda_id): SITE_COLOURS[n % len(SITE_COLOURS)] for n, agenda_id in enumerate(agenda_ids)}
    return {
        "events.colors.agendas": colours,
        "events.color_teleconsultation": VIDEO_COLOUR,
        "events.reminders": "popup",
        "events.reminder_minutes": REMINDER_MINUTES,
        "events.first_of_day_minutes": FIRST_OF_DAY_MINUTES,
    }
