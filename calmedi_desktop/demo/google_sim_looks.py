"""How Google checks and fills an event's ``colorId`` and ``reminders`` (Calendar v3 Events resource).

- ``colorId`` is a key of the event palette (``colors.get``): "1" to "11"; anything else is a 400.
- ``reminders`` is ``{"useDefault": bool, "overrides": [{"method": "email"|"popup", "minutes": 0..40320}]}``
  with at most 5 overrides, and overrides only when ``useDefault`` is false. An event stored without
  ``reminders`` is returned with ``{"useDefault": true}``, as Google does.
Written from Google's reference on purpose, without importing CalMedi's own rules.
"""

from __future__ import annotations

from typing import Any


class Refused(ValueError):
    """A 400 answer: the store turns it into Google's error shape."""

    def __init__(self, message: str, reason: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason


EVENT_COLOR_IDS = frozenset(str(n) for n in range(1, 12))
REMINDER_METHODS = ("email", "popup")
MAX_OVERRIDES = 5
MAX_MINUTES = 40320


def check_looks(event: dict[str, Any]) -> None:
    """Validate ``event`` in place and give it Google's default reminders when it has none."""
    if "colorId" in event:
        color = event["colorId"]
        if color is None:
            del event["colorId"]
        elif not isinstance(color, str) or color not in EVENT_COLOR_IDS:
            raise Refused("Invalid value for: colorId")
    reminders = event.get("reminders")
    if reminders is None:
        event["reminders"] = {"useDefault": True}
        return
    if not isinstance(reminders, dict) or not isinstance(reminders.get("useDefault"), bool):
        raise Refused("Missing or invalid reminders.useDefault", "required")
    overrides = reminders.get("overrides", [])
    if not isinstance(overrides, list):
        raise Refused("Invalid value for: reminders.overrides")
    if reminders["useDefault"] and overrides:
        raise Refused(
            "Cannot specify both default reminders and overrides at the same time.",
            "cannotUseDefaultRemindersAndSpecifyOverride",
        )
    if len(overrides) > MAX_OVERRIDES:
        raise Refused(f"Too many reminders (max {MAX_OVERRIDES}).", "tooManyReminders")
    for override in overrides:
        if not isinstance(override, dict) or override.get("method") not in REMINDER_METHODS:
            raise Refused("Invalid value for: reminders.overrides.method", "required")
        minutes = override.get("minutes")
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 <= minutes <= MAX_MINUTES:
            raise Refused("Invalid value for: reminders.overrides.minutes")
    if not overrides:
        reminders.pop("overrides", None)  # Google answers without an empty list
