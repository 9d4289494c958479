"""The user's calendar list for the simulator: where Google keeps a calendar's colour (CalendarList resource).

A calendar's colour is not a property of the calendar but of each user's entry for it in their calendar list
(``users/me/calendarList/{calendarId}``). Written from Google's reference:
- an entry has an index-based ``colorId`` (a key of the calendar palette of ``colors.get``) and the
  ``backgroundColor``/``foregroundColor`` it stands for, in the hexadecimal form "#0088aa";
- ``backgroundColor`` and ``foregroundColor`` supersede ``colorId``, and "to set or change this property, you
  need to specify colorRgbFormat=true" in the parameters of insert, update and patch: without it, a write of
  either is refused (400); with it, ``colorId`` is "set to the best matching option automatically";
- ``summary`` is the calendar's own title (read only here, renamed by ``calendars.patch``); ``summaryOverride``
  is the user's private name for it.
A new calendar gets a palette colour of Google's choosing (here always DEFAULT_COLOR_ID).
"""

from __future__ import annotations

import copy
import re
from typing import Any

# colors.get's calendar palette: id -> (background, foreground).
CALENDAR_PALETTE: dict[str, tuple[str, str]] = {
    "1": ("#ac725e", "#1d1d1d"),
    "2": ("#d06b64", "#1d1d1d"),
    "3": ("#f83a22", "#1d1d1d"),
    "4": ("#fa573c", "#1d1d1d"),
    "5": ("#ff7537", "#1d1d1d"),
    "6": ("#ffad46", "#1d1d1d"),
    "7": ("#42d692", "#1d1d1d"),
    "8": ("#16a765", "#1d1d1d"),
    "9": ("#7bd148", "#1d1d1d"),
    "10": ("#b3dc6c", "#1d1d1d"),
    "11": ("#fbe983", "#1d1d1d"),
    "12": ("#fad165", "#1d1d1d"),
    "13": ("#92e1c0", "#1d1d1d"),
    "14": ("#9fe1e7", "#1d1d1d"),
    "15": ("#9fc6e7", "#1d1d1d"),
    "16": ("#4986e7", "#1d1d1d"),
    "17": ("#9a9cff", "#1d1d1d"),
    "18": ("#b99aff", "#1d1d1d"),
    "19": ("#c2c2c2", "#1d1d1d"),
    "20": ("#cabdbf", "#1d1d1d"),
    "21": ("#cca6ac", "#1d1d1d"),
    "22": ("#f691b2", "#1d1d1d"),
    "23": ("#cd74e6", "#1d1d1d"),
    "24": ("#a47ae2", "#1d1d1d"),
}
DEFAULT_COLOR_ID = "14"
HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
RGB_FIELDS = ("backgroundColor", "foregroundColor")


class Refused(ValueError):
    """A 400 answer: the store turns it into Google's error shape."""

    def __init__(self, message: str, reason: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def nearest_color_id(hex_colour: str) -> str:
    """The palette entry closest to ``hex_colour`` (Google's "best matching option")."""
    wanted = _rgb(hex_colour)

    def distance(color_id: str) -> int:
        return sum((a - b) ** 2 for a, b in zip(_rgb(CALENDAR_PALETTE[color_id][0]), wanted, strict=True))

    return min(CALENDAR_PALETTE, key=distance)


def new_entry() -> dict[str, Any]:
    """The user's entry for a calendar they just created."""
    background, foreground = CALENDAR_PALETTE[DEFAULT_COLOR_ID]
    return {
        "colorId": DEFAULT_COLOR_ID,
        "backgroundColor": background,
        "foregroundColor": foreground,
        "accessRole": "owner",
    }


def patched_entry(entry: dict[str, Any], rgb_format: bool, body: dict[str, Any]) -> dict[str, Any]:
    """``entry`` with ``body`` applied by patch semantics; raises Refused as Google answers 400."""
    result = copy.deepcopy(entry)
    sent_rgb = [name for name in RGB_FIELDS if body.get(name) is not None]
    if sent_rgb and not rgb_format:
        raise Refused("colorRgbFormat must be true to set backgroundColor or foregroundColor.")
    for name in sent_rgb:
        if not isinstance(body[name], str) or not HEX_COLOR.match(body[name]):
            raise Refused(f"Invalid value for: {name}")
    if body.get("colorId") is not None:
        color_id = body["colorId"]
        if not isinstance(color_id, str) or color_id not in CALENDAR_PALETTE:
            raise Refused("Invalid value for: colorId")
        result["colorId"] = color_id
        result["backgroundColor"], result["foregroundColor"] = CALENDAR_PALETTE[color_id]
    for name in sent_rgb:
        result[name] = body[name].lower()
    if "backgroundColor" in sent_rgb:
        result["colorId"] = nearest_color_id(body["backgroundColor"])
    if "summaryOverride" in body:
        override = body["summaryOverride"]
        if override:
            result["summaryOverride"] = str(override)
        else:
            result.pop("summaryOverride", None)
    return result
