"""Connected accounts: sign-in, sign-out, and the sources and target each sync run is built from.

Only refresh tokens (and private feed URLs, and the CalDAV password) go to the keyring; the state file records
who is connected and since when, never a secret. One destination at a time (``sync.target``): CalMedi's
Google calendar (google_account.py) or its CalDAV calendar (caldav_link.py); switching never deletes the other
one. The sources are Doctolib (doctolib_account.py) and the iCalendar feeds (ics_feeds.py). The Google target,
the Doctolib source and each Google account's quota governor are kept between runs (``sync.connections``), and
so are the CalDAV session, target and listing (caldav_link.py), so that a run of the coming days is cheap.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from calmedi_desktop import credentials
from calmedi_desktop.caldav_link import CalDavLink
from calmedi_desktop.config import Config, StateFile
from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.destination import Destination
from calmedi_desktop.doctolib_account import DoctolibAccount
from calmedi_desktop.endpoints import Endpoints
from calmedi_desktop.errors import CalDavCreateRefusedError, InvalidSettingError, NotConnectedError
from calmedi_desktop.google_account import GoogleAccount
from calmedi_desktop.i18n import tr
from calmedi_desktop.ics_feeds import IcsFeeds
from calmedi_desktop.sync.connections import LiveConnections
from calmedi_desktop.sync.sources.base import Source
from calmedi_desktop.sync.targets.base import Target
from calmedi_desktop.sync.targets.caldav_presets import server_address

log = logging.getLogger(__name__)
ShowUrl = Callable[[str], None]


class Accounts:
    """Handed what it uses by the facade (settings, state file, keyring, endpoints, clock); never the facade.
    Builds one part per kind of account and hands each what it uses in turn."""

    def __init__(
        self,
        config: Config,
        state: StateFile,
        store: CredentialStore,
        endpoints: Endpoints,
        clock: Callable[[], datetime],
        google_client_config: dict[str, Any] | None = None,
    ) -> None:
        self.config = config
        self.state = state
        self.store = store
        self.clock = clock
        self.live = LiveConnections()
        self.google = GoogleAccount(config, state, store, endpoints, clock, self.live, google_client_config)
        self.doctolib = DoctolibAccount(config, state, store, endpoints, self.live)
        self.ics = IcsFeeds(config, state, store, clock)
        self.caldav = CalDavLink(config, store, state)
        self.destination = Destination(config, store, self.caldav)

    # -- signing in --------------------------------------------------------------------------------------------
    def connect_google(self, *, open_browser: bool, show_url: ShowUrl) -> dict[str, Any]:
        self.google.connect(open_browser=open_browser, show_url=show_url)
        self._mark_connected("google")
        return self.describe()["google"]

    def connect_doctolib(self, *, open_browser: bool, show_url: ShowUrl) -> dict[str, Any]:
        practitioner = self.doctolib.connect(open_browser=open_browser, show_url=show_url)
        self._mark_connected("doctolib", practitioner=practitioner)
        return self.describe()["doctolib"]

    def connect_caldav(
        self,
        url: str,
        user: str,
        password: str,
        *,
        preset: str | None = None,
        calendar: str | None = None,
        use: bool | None = None,
    ) -> dict[str, Any]:
        """Connect a CalDAV account (see CalDavLink.connect). ``use``: make it the destination (True), leave the
        destination alone (False), or (None) make it the destination only if the current one is not connected."""
        address = server_address(url, preset)
        try:
            info = self.caldav.connect(address, user, password, calendar=calendar)
        except CalDavCreateRefusedError:
            self._mark_connected("caldav", server=self.caldav.host())  # kept, without a calendar
            raise
        self._mark_connected("caldav", server=info.get("server"))
        return self.destination.offer("caldav", use, info)

    def choose_caldav_calendar(self, calendar: str, *, use: bool | None = None) -> dict[str, Any]:
        return self.destination.offer("caldav", use, self.caldav.choose(calendar))

    # -- what a run reads and writes -------------------------------------------------------------------------
    def target(self, *, restyle: bool = False) -> Target:
        """The destination's target for one run (``sync.target``), kept between runs (GoogleAccount.target,
        CalDavLink.target). ``restyle``: give CalMedi's calendar the name and colour of the settings first if
        they changed (not for a dry run); this never fails the run."""
        if self.config.get("sync.target") == "caldav":
            caldav = self.caldav.target(self.config.get("sync.timezone"))
            if restyle:
                self.caldav.restyle(caldav)
            return caldav
        google = self.google.target()
        if restyle:
            self.google.restyle(google)
        return google

    def sources(self, full: bool = True, level: str | None = None) -> list[Source]:
        """What a run reads; ``full`` False for a run of the coming days (Doctolib's directory is reused).
        ``level``: the privacy level they are read for, when not the saved one (a feed keeps its SUMMARY lines,
        a possible name, only for a level that shows it)."""
        found: list[Source] = []
        if self.config.get("doctolib.enabled") and self.store.get(credentials.DOCTOLIB):
            found.append(self.doctolib.run_source(full))
        else:
            self.live.forget("doctolib")
        found += [self.ics.source(name, level) for name in self.ics.names()]
        if not found:
            raise NotConnectedError("no source", service=tr("service.doctolib"), command="doctolib")
        return found

    # -- signing out -----------------------------------------------------------------------------------------
    def disconnect(self, service: str, name: str | None = None) -> dict[str, Any]:
        """Revoke remotely (best effort), delete locally (always)."""
        revoked = False
        self.live.forget(service)
        if service == "google":
            revoked = self.google.revoke()
            self.store.delete(credentials.GOOGLE)
        elif service == "doctolib":
            revoked = self.doctolib.revoke()
            self.store.delete(credentials.DOCTOLIB)
            self.doctolib.drop_auth()
        elif service == "caldav":
            self.caldav.disconnect()  # nothing to revoke: a password, forgotten here
            revoked = True
        elif service == "ics":
            return {"service": service, "revoked": True, "removed": self.ics.remove(name)}
        else:
            raise InvalidSettingError(key="service", reason="google, doctolib, caldav, ics")
        accounts = dict(self.state.load().get("accounts") or {})
        accounts.pop(service, None)
        self.state.update(accounts=accounts)
        log.info("%s disconnected (remote revocation %s)", service, "done" if revoked else "not done")
        return {"service": service, "revoked": revoked}

    def forget_kept(self) -> None:
        """Drop what runs keep in memory between them (access tokens, the agendas, the CalDAV session and
        listing, the feeds' sources and their addresses): after an erasure."""
        for service in ("google", "doctolib"):
            self.live.forget(service)
        self.doctolib.drop_auth()
        self.caldav.forget()
        self.ics.forget()

    # -- who is connected ------------------------------------------------------------------------------------
    def _mark_connected(self, service: str, **facts: Any) -> None:
        accounts = dict(self.state.load().get("accounts") or {})
        entry = {"connected_at": self.clock().isoformat(timespec="seconds")}
        entry.update({k: v for k, v in facts.items() if v})
        accounts[service] = entry
        self.state.update(accounts=accounts)
        log.info("%s connected", service)

    def describe(self) -> dict[str, Any]:
        """Who is connected and since when (no secret), checked against the keyring."""
        recorded = self.state.load().get("accounts") or {}
        result: dict[str, Any] = {}
        for service, entry_name in (("google", credentials.GOOGLE), ("doctolib", credentials.DOCTOLIB)):
            has_token = self.store.get(entry_name) is not None
            facts = recorded.get(service, {}) if has_token else {}
            result[service] = {"connected": has_token, **facts}
        caldav = self.caldav.describe()
        if caldav["connected"]:
            caldav.update(recorded.get("caldav", {}))
        result["caldav"] = caldav
        result["ics"] = [{"name": name} for name in self.ics.names()]
        return result

    def keyring_entries(self) -> list[str]:
        """The keyring entries CalMedi may hold: the fixed ones and one per iCalendar feed."""
        return list(credentials.FIXED_ENTRIES) + self.ics.keyring_entries()
