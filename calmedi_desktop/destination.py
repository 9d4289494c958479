"""Where the appointments go: one destination at a time, CalMedi's Google calendar or its CalDAV calendar.

``sync.target`` names it. Switching is refused while the chosen one is not connected, and never deletes the
other calendar: the practitioner decides what becomes of it. Connecting a CalDAV account offers to switch
(``offer``): at once when asked, or by itself when the current destination is not connected (a new
installation), otherwise the caller says how.
"""

from __future__ import annotations

import logging
from typing import Any

from calmedi_desktop import credentials
from calmedi_desktop.caldav_link import CONNECT_COMMAND, CalDavLink
from calmedi_desktop.config import Config
from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.errors import InvalidSettingError
from calmedi_desktop.i18n import tr
from calmedi_desktop.settings_schema import TARGETS

log = logging.getLogger(__name__)
GOOGLE_WEB_PAGE = "https://calendar.google.com/calendar/r"


class Destination:
    """Handed the settings, the keyring and the CalDAV link by Accounts."""

    def __init__(self, config: Config, store: CredentialStore, caldav: CalDavLink) -> None:
        self.config = config
        self.store = store
        self.caldav = caldav

    def connected(self, target: str, accounts: dict[str, Any] | None = None) -> bool:
        """Whether ``target`` can take appointments: signed in and, for CalDAV, a calendar to write to.
        ``accounts``: what Accounts.describe() found, when the caller has it (the keyring is not read again)."""
        if accounts is not None:
            signed_in = bool(accounts[target]["connected"])
        elif target == "caldav":
            signed_in = self.caldav.connected()
        else:
            signed_in = self.store.get(credentials.GOOGLE) is not None
        return signed_in and (target != "caldav" or bool(self.config.get("caldav.calendar_url")))

    def check(self, target: str) -> str:
        """``target`` if appointments may go there now; else InvalidSettingError saying how to connect it."""
        if target not in TARGETS:
            raise InvalidSettingError(key="sync.target", reason=", ".join(TARGETS))
        if not self.connected(target):
            command = CONNECT_COMMAND if target == "caldav" else "google"
            reason = tr("destination.connect_first", destination=self.name(target), command=command)
            raise InvalidSettingError(f"sync.target {target}: not connected", key="sync.target", reason=reason)
        return target

    def switch(self, target: str) -> str:
        self.check(target)
        if target != self.config.get("sync.target"):
            self.config.set("sync.target", target)
            self.caldav.forget_listing()  # a later switch back lists the CalDAV calendar afresh
            log.info("destination: %s", target)
        return target

    def offer(self, target: str, use: bool | None, info: dict[str, Any]) -> dict[str, Any]:
        """After connecting ``target``: switch to it if ``use``, or (``use`` None) if the current destination
        is not connected. ``info`` comes back with ``destination`` and whether it ``switched``."""
        current = self.config.get("sync.target")
        switched = current != target and (use is True or (use is None and not self.connected(current)))
        if switched:
            self.switch(target)
        return {**info, "destination": self.config.get("sync.target"), "switched": switched}

    def name(self, target: str | None = None) -> str:
        """How messages and windows name it: "Google Calendar", "Apple iCloud", "Nextcloud"…"""
        if (target or self.config.get("sync.target")) != "caldav":
            return tr("destination.google")
        provider = self.caldav.provider()
        if provider != "other":
            return tr(f"caldav.preset.{provider}")
        server = self.caldav.host()
        return tr("destination.caldav", server=server) if server else tr("destination.caldav_unnamed")

    def describe(self, accounts: dict[str, Any] | None = None) -> dict[str, Any]:
        """The destination in use: which, its name, whether it is connected, the web page that shows it.
        ``accounts``: Accounts.describe(), when the caller has it (a status reads each keyring entry once)."""
        target = self.config.get("sync.target")
        caldav = target == "caldav"
        return {
            "target": target,
            "name": self.name(target),
            "connected": self.connected(target, accounts),
            "provider": self.caldav.provider() if caldav else "google",
            "web_page": self.caldav.web_page() if caldav else GOOGLE_WEB_PAGE,
        }
