"""The event colours a practitioner can choose from: Google Calendar's event palette, ids "1" to "11".

The ids are what Google's ``colorId`` takes; a later target (CalDAV) maps them to its own colours through the
hex values. Names are the ones Google's own interface shows, in English and French (``color.N`` messages), and
either is accepted wherever a colour is typed.
"""

from __future__ import annotations

import functools
import unicodedata

from calmedi_desktop.i18n import SUPPORTED, tr

# id -> the background Google's web and mobile apps draw today (the API's colors.get still lists older hues).
EVENT_COLORS: dict[str, str] = {
    "1": "#7986cb",  # Lavender
    "2": "#33b679",  # Sage
    "3": "#8e24aa",  # Grape
    "4": "#e67c73",  # Flamingo
    "5": "#f6bf26",  # Banana
    "6": "#f4511e",  # Tangerine
    "7": "#039be5",  # Peacock
    "8": "#616161",  # Graphite
    "9": "#3f51b5",  # Blueberry
    "10": "#0b8043",  # Basil
    "11": "#d50000",  # Tomato
}


def _fold(text: str) -> str:
    """Lower case, accents and extra spaces removed: "Flamant  rose" and "flamant rose" are one name."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(plain.lower().replace("-", " ").split())


@functools.cache
def _by_name() -> dict[str, str]:
    """Every language's name of each colour (read from the catalogues once, on first use)."""
    return {_fold(tr(f"color.{color_id}", language)): color_id for color_id in EVENT_COLORS for language in SUPPORTED}


def color_id(text: object) -> str | None:
    """``"11"``, ``11``, ``"tomato"`` or ``"Tomate"`` → ``"11"``; None when it names no colour of the palette."""
    if isinstance(text, bool):
        return None
    folded = _fold(str(text))
    if folded in EVENT_COLORS:
        return folded
    return _by_name().get(folded)
