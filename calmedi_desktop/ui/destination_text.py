"""How the windows name where the appointments go, in the sentences that mention it.

Google Calendar keeps the sentences written for it (the README's screenshots show them); for a CalDAV calendar a
window writes the destination's name instead (``destination_name()``: "Apple iCloud", "Nextcloud", "the CalDAV
calendar at host"…). Pages call ``caldav_name`` again whenever ``accountsChanged`` fires, which switching the
destination does, so their text follows the switch at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from calmedi_desktop.ui.page_api import PageController

# Providers whose own calendar apps show every event in its calendar's colour: the COLOR an event carries is
# kept by the server but not shown (Apple Calendar has no per-event colour).
NO_EVENT_COLOURS = frozenset({"icloud"})


def target(controller: PageController) -> str:
    """``google`` or ``caldav``; the setting when the destination could not be described (a locked keyring)."""
    return str(controller.destination.get("target") or controller.app.get_setting("sync.target"))


def caldav_name(controller: PageController) -> str | None:
    """None while Google Calendar is the destination (its own wording applies), else the CalDAV calendar's name."""
    return controller.destination_name() if target(controller) == "caldav" else None


def provider(controller: PageController) -> str:
    """``google``, or the CalDAV provider (``icloud``, ``fastmail``, ``nextcloud``, ``other``)."""
    return str(controller.destination.get("provider") or target(controller))


def capitalised(name: str) -> str:
    """A name at the start of a sentence: "the CalDAV calendar at …" → "The CalDAV calendar at …"."""
    return name[:1].upper() + name[1:]
