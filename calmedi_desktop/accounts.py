"""Connected accounts: sign-in, sign-out, and the sources and target each sync run is built from.

Only refresh tokens (and private feed URLs, and the CalDAV password) go to the keyring; the state file records
who is connected and since when, never a secret. One destination at a time (``sync.target``): CalMedi's
Google calendar or its CalDAV calendar (caldav_link.py); switching never deletes the other one. The Google
target, the Doctolib source and each Google account's quota governor are kept between runs
(``sync.connections``), and so are the CalDAV session, target and listing (caldav_link.py), so that a run of
the coming days is cheap.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from calmedi_desktop import credentials
from calmedi_desktop.caldav_link import CalDavLink, server_address
from calmedi_desktop.config import Config, StateFile
from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.destination import Destination
from calmedi_desktop.endpoints import Endpoints
from calmedi_desktop.errors import (
    AuthExpiredError,
    CalDavCreateRefusedError,
    CalmediError,
    GoogleTestingExpiredError,
    InvalidSettingError,
    NotConnectedError,
)
from calmedi_desktop.i18n import tr
from calmedi_desktop.sync.connections import LiveConnections, account_key
from calmedi_desktop.sync.sources.base import Source
from calmedi_desktop.sync.targets.base import Target

log = logging.getLogger(__name__)
ShowUrl = Callable[[str], None]

# Google ends the sign-ins of a client in "Testing" publishing status 7 days after consent. A refusal from this
# age on is explained as such: half a day early for a local clock that was off when the sign-in was recorded,
# and no upper bound, since the refusal shows at the first sync after the expiry (after a weekend off, say).
TESTING_SIGN_IN_LIFETIME = timedelta(days=7)
TESTING_CLOCK_MARGIN = timedelta(hours=12)


class Accounts:
    """Handed what it uses by the facade (settings, state file, keyring, endpoints, clock); never the facade."""

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
        self.endpoints = endpoints
        self.clock = clock
        self._google_client_config = google_client_config
        # One IcsSource per feed for the process lifetime, so that conditional GET works between runs; each
        # holds nothing identifying between runs (see IcsSource.identity_needed).
        self._ics_sources: dict[str, tuple[str, Any]] = {}
        # One Doctolib sign-in for the process: Doctolib rotates refresh tokens, so two of them refreshing at
        # once (a sync run and the settings window counting a change) would lock the practitioner out.
        self._doctolib_auth: Any = None
        self._doctolib_auth_lock = threading.Lock()
        self.caldav = CalDavLink(config, store)
        self.destination = Destination(config, store, self.caldav)
        self.live = LiveConnections()

    # -- Google ----------------------------------------------------------------------------------------------
    def google_client_config(self) -> dict[str, Any]:
        if self._google_client_config is not None:
            return self._google_client_config
        from calmedi_desktop.sync.targets.google_auth import load_client_config

        return load_client_config(self.endpoints, self.config.get("google.client_file"))

    def connect_google(self, *, open_browser: bool, show_url: ShowUrl) -> dict[str, Any]:
        from calmedi_desktop.sync.targets.google_auth import connect_google

        self.store.check_secure()
        token = connect_google(self.google_client_config(), open_browser=open_browser, show_url=show_url)
        self.store.set(credentials.GOOGLE, token)
        self._mark_connected("google")
        return self.describe()["google"]

    def _google_token(self) -> str:
        token = self.store.get(credentials.GOOGLE)
        if not token:
            raise NotConnectedError("no google token", service=tr("service.google"), command="google")
        return token

    def google_credentials(self) -> Any:
        from calmedi_desktop.sync.targets.google_auth import credentials_from_refresh_token

        return credentials_from_refresh_token(self._google_token(), self.google_client_config())

    def google_governor(self, token: str | None = None) -> Any:
        """The quota governor of the connected Google account, shared by every run of this process."""
        from calmedi_desktop.sync.quota import window_from_env

        account = account_key(token or self._google_token())
        window = window_from_env(self.endpoints.google_api)
        return self.live.governor(account, self.config.get("google.quota_per_minute"), window)

    def target(self) -> Target:
        """The destination's target for one run (``sync.target``). The Google target is kept between runs while
        the account, the client and the calendar stay the same; the CalDAV one likewise (CalDavLink.target)."""
        if self.config.get("sync.target") == "caldav":
            config = self.config
            return self.caldav.target(
                config.get("sync.timezone"), config.get("calendar.name"), config.get("calendar.color")
            )
        from calmedi_desktop.sync.targets.google import GoogleTarget, ensure_calendar
        from calmedi_desktop.sync.targets.google_auth import credentials_from_refresh_token

        token = self._google_token()
        client = self.google_client_config()
        config, endpoints = self.config, self.endpoints
        governor = self.google_governor(token)

        def build() -> GoogleTarget:
            creds = credentials_from_refresh_token(token, client)
            name, zone = config.get("calendar.name"), config.get("sync.timezone")

            def ensure(calendar_id: str | None) -> str:
                made = ensure_calendar(creds, endpoints, calendar_id, name, zone, governor=governor)
                return self._keep_calendar_id(made)

            calendar_id = ensure(config.get("google.calendar_id"))
            return GoogleTarget(creds, endpoints, calendar_id, governor=governor, recreate=lambda: ensure(None))

        key = (account_key(token), client["installed"]["client_id"], endpoints.google_api)
        return self.live.kept(
            "google", key, build, still_valid=lambda kept: kept.calendar_id == config.get("google.calendar_id")
        )

    def _keep_calendar_id(self, calendar_id: str) -> str:
        if calendar_id != self.config.get("google.calendar_id"):
            self.config.set("google.calendar_id", calendar_id, internal=True)
        return calendar_id

    def delete_calendar(self) -> bool:
        from calmedi_desktop.sync.targets.google import delete_calendar

        calendar_id = self.config.get("google.calendar_id")
        if not calendar_id:
            return True
        delete_calendar(self.google_credentials(), self.endpoints, calendar_id, governor=self.google_governor())
        self.live.forget("google")
        return True

    def explain_refusal(self, error: CalmediError) -> CalmediError:
        """``error``, or the Testing-mode explanation when Google refused the refresh (``invalid_grant``) of a
        sign-in about 7 days old made with the practitioner's own client (the bundled one is the vendor's,
        published). A sign-in that already worked beyond 7 days cannot be a Testing one: the plain error then."""
        facts = error.params
        if type(error) is not AuthExpiredError or (facts.get("command"), facts.get("reason")) != (
            "google",
            "invalid_grant",
        ):
            return error
        if self._google_client_config is not None or not (
            self.endpoints.google_client_file or self.config.get("google.client_file")
        ):
            return error
        state = self.state.load()
        signed_in = _moment((state.get("accounts") or {}).get("google", {}).get("connected_at"))
        if signed_in is None:
            return error
        age = self.clock() - signed_in
        last_success = _moment(state.get("last_success"))
        outlived = (
            last_success is not None and last_success > signed_in + TESTING_SIGN_IN_LIFETIME + TESTING_CLOCK_MARGIN
        )
        if age < TESTING_SIGN_IN_LIFETIME - TESTING_CLOCK_MARGIN or outlived:
            return error
        log.info(
            "google: sign-in refused after %.1f days on an own OAuth client (Testing status likely)",
            age / timedelta(days=1),
        )
        return GoogleTestingExpiredError(
            f"{error.technical} (own client, signed in {age.days} days ago)",
            service=error.params.get("service"),
            command="google",
            days=age.days,
        )

    def revoke_google(self) -> bool:
        from calmedi_desktop.sync.targets.google_auth import revoke_google_token

        token = self.store.get(credentials.GOOGLE)
        return True if not token else revoke_google_token(token, self.endpoints)

    # -- CalDAV and the choice of destination ----------------------------------------------------------------
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
        name, colour = self.config.get("calendar.name"), self.config.get("calendar.color")
        try:
            info = self.caldav.connect(address, user, password, name=name, colour=colour, calendar=calendar)
        except CalDavCreateRefusedError:
            self._mark_connected("caldav", server=self.caldav.describe().get("server"))  # kept, without a calendar
            raise
        self._mark_connected("caldav", server=info.get("server"))
        return self.destination.offer("caldav", use, info)

    def choose_caldav_calendar(self, calendar: str, *, use: bool | None = None) -> dict[str, Any]:
        return self.destination.offer("caldav", use, self.caldav.choose(calendar))

    # -- Doctolib --------------------------------------------------------------------------------------------
    def doctolib_auth(self) -> Any:
        from calmedi_desktop.sync.sources.doctolib_auth import DoctolibAuth

        with self._doctolib_auth_lock:
            if self._doctolib_auth is None:
                self._doctolib_auth = DoctolibAuth(self.endpoints, self.store)
            return self._doctolib_auth

    def _drop_doctolib_auth(self) -> None:
        """Close the process's Doctolib sign-in (after a disconnection or an erasure): the next use starts afresh."""
        with self._doctolib_auth_lock:
            auth, self._doctolib_auth = self._doctolib_auth, None
        if auth is not None:
            auth.close()

    def connect_doctolib(self, *, open_browser: bool, show_url: ShowUrl) -> dict[str, Any]:
        self.store.check_secure()
        auth = self.doctolib_auth()
        auth.connect(open_browser=open_browser, show_url=show_url)
        practitioner = None
        try:
            practitioner = self._doctolib_source(auth).accounts().practitioner_name
        except Exception as exc:  # the sign-in worked; the name is only for display
            log.warning("doctolib: could not read the practitioner name (%s)", type(exc).__name__)
        self._mark_connected("doctolib", practitioner=practitioner)
        return self.describe()["doctolib"]

    def _doctolib_source(self, auth: Any = None) -> Any:
        from calmedi_desktop.sync.sources.doctolib import DoctolibSource

        return DoctolibSource(auth or self.doctolib_auth(), self.endpoints, self.config.get("doctolib.agenda_ids"))

    def _doctolib_run_source(self, full: bool) -> Any:
        """The source sync runs read, kept between runs with its sign-in and directory (re-read by full runs)."""
        from calmedi_desktop.sync.sources.doctolib import DoctolibSource

        endpoints, agenda_ids = self.endpoints, self.config.get("doctolib.agenda_ids")
        since = ((self.state.load().get("accounts") or {}).get("doctolib") or {}).get("connected_at")
        agendas = tuple(agenda_ids or ())
        key = (endpoints.doctolib_api, endpoints.doctolib_issuer, endpoints.doctolib_client_id, agendas, since)

        def close(source: Any) -> None:
            source.close()
            if source.auth is not self._doctolib_auth:  # the process's sign-in outlives the sources using it
                source.auth.close()

        source = self.live.kept(
            "doctolib",
            key,
            lambda: DoctolibSource(self.doctolib_auth(), endpoints, agenda_ids, keep_directory=True),
            close=close,
        )
        if full:
            source.forget_directory()
        return source

    def doctolib_agendas(self) -> list[dict[str, Any]]:
        accounts = self._doctolib_source().accounts()
        return [
            {"id": a.id, "name": a.name, "timezone": a.timezone, "place": a.practice.location if a.practice else None}
            for a in accounts.agendas
            if not getattr(a, "is_template", False)
        ]

    def visit_motives(self) -> list[dict[str, Any]]:
        """The visit motives of the chosen agendas, by name: ``{"id", "name", "agendas": [agenda names]}``.
        What the practice offers, not anything about a patient; shown to choose which ones to hide."""
        source = self._doctolib_source()
        names = {a.id: a.name for a in source.accounts().agendas}
        found: dict[int, dict[str, Any]] = {}
        for agenda_id, motives in source.visit_motives().items():
            for motive_id, name in motives.items():
                entry = found.setdefault(motive_id, {"id": motive_id, "name": name, "agendas": []})
                entry["agendas"].append(names.get(agenda_id, str(agenda_id)))
        return sorted(found.values(), key=lambda m: (m["name"].casefold(), m["id"]))

    # -- iCalendar feeds -------------------------------------------------------------------------------------
    def ics_feeds(self) -> list[str]:
        return sorted((self.state.load().get("ics_feeds") or {}).keys())

    def connect_ics(self, url: str, name: str = "feed", *, check: bool = True) -> dict[str, Any]:
        from calmedi_desktop.sync.sources.ics import IcsSource, normalise_feed_url

        name = name.strip()
        if not name or len(name) > 40 or not all(c.isalnum() or c in "-_ " for c in name):
            raise InvalidSettingError(key="name", reason=tr("ics.name_rule"))
        url = normalise_feed_url(url.strip())
        self.store.check_secure()
        if check:
            IcsSource(name, url, self.config.get("sync.timezone")).fetch(*self._window())
        self.store.set(credentials.ICS_PREFIX + name, url)
        feeds = dict(self.state.load().get("ics_feeds") or {})
        feeds[name] = {"connected_at": self.clock().isoformat(timespec="seconds")}
        self.state.update(ics_feeds=feeds)
        return {"name": name, "connected": True}

    def _window(self) -> tuple[Any, Any]:
        from calmedi_desktop.sync.runner import window

        config = self.config
        return window(self.clock(), config.get("sync.past_days"), config.get("sync.future_days"))

    def _ics_source(self, name: str, level: str | None = None) -> Any:
        from calmedi_desktop.sync.sources.ics import IcsSource

        url = self.store.get(credentials.ICS_PREFIX + name)
        if not url:
            raise NotConnectedError(
                "ics url missing", service=f"{tr('service.ics')} {name}", command=f"ics URL --name {name}"
            )
        known = self._ics_sources.get(name)
        if known is None or known[0] != url:
            known = self._ics_sources[name] = (url, IcsSource(name, url, self.config.get("sync.timezone")))
        source = known[1]
        source.identity_needed = (level or self.config.get("privacy.level")) != "busy"
        return source

    # -- all -------------------------------------------------------------------------------------------------
    def sources(self, full: bool = True, level: str | None = None) -> list[Source]:
        """What a run reads; ``full`` False for a run of the coming days (Doctolib's directory is reused).
        ``level``: the privacy level they are read for, when not the saved one (a feed keeps its SUMMARY lines,
        a possible name, only for a level that shows it)."""
        found: list[Source] = []
        if self.config.get("doctolib.enabled") and self.store.get(credentials.DOCTOLIB):
            found.append(self._doctolib_run_source(full))
        else:
            self.live.forget("doctolib")
        found += [self._ics_source(name, level) for name in self.ics_feeds()]
        if not found:
            raise NotConnectedError("no source", service=tr("service.doctolib"), command="doctolib")
        return found

    def disconnect(self, service: str, name: str | None = None) -> dict[str, Any]:
        """Revoke remotely (best effort), delete locally (always)."""
        revoked = False
        self.live.forget(service)
        if service == "google":
            revoked = self.revoke_google()
            self.store.delete(credentials.GOOGLE)
        elif service == "doctolib":
            revoked = bool(self.doctolib_auth().revoke())
            self.store.delete(credentials.DOCTOLIB)
            self._drop_doctolib_auth()
        elif service == "caldav":
            self.caldav.disconnect()  # nothing to revoke: a password, forgotten here
            revoked = True
        elif service == "ics":
            names = [name] if name else self.ics_feeds()
            for feed in names:
                self.store.delete(credentials.ICS_PREFIX + feed)
                known = self._ics_sources.pop(feed, None)
                if known is not None:
                    known[1].forget()
            feeds = {k: v for k, v in (self.state.load().get("ics_feeds") or {}).items() if k not in names}
            self.state.update(ics_feeds=feeds)
            return {"service": service, "revoked": True, "removed": names}
        else:
            raise InvalidSettingError(key="service", reason="google, doctolib, caldav, ics")
        accounts = dict(self.state.load().get("accounts") or {})
        accounts.pop(service, None)
        self.state.update(accounts=accounts)
        log.info("%s disconnected (remote revocation %s)", service, "done" if revoked else "not done")
        return {"service": service, "revoked": revoked}

    def forget_kept(self) -> None:
        """Drop what runs keep in memory between them (access tokens, the agendas, the CalDAV session and
        listing): after an erasure."""
        for service in ("google", "doctolib"):
            self.live.forget(service)
        self._drop_doctolib_auth()
        self.caldav.forget()

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
        if caldav["connected"] or self.caldav.configured():
            caldav.update(recorded.get("caldav", {}) if caldav["connected"] else {})
        result["caldav"] = caldav
        result["ics"] = [{"name": name} for name in self.ics_feeds()]
        return result

    def keyring_entries(self) -> list[str]:
        """The keyring entries CalMedi may hold: the fixed ones and one per iCalendar feed."""
        return list(credentials.FIXED_ENTRIES) + [credentials.ICS_PREFIX + name for name in self.ics_feeds()]


def _moment(text: Any) -> datetime | None:
    """A time the state file recorded (ISO 8601; naive means UTC), or None when absent or unreadable."""
    try:
        moment = datetime.fromisoformat(str(text)) if text else None
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment
