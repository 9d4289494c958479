"""The Doctolib account as a source: one sign-in for the process, the source sync runs read (kept between runs
with its agenda directory), and the agendas and visit motives the settings window shows.

Only the refresh token is kept, in the keyring. Doctolib rotates refresh tokens, so the process holds one
sign-in: two of them refreshing at once (a sync run and the settings window counting a change) would lock the
practitioner out.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from calmedi_desktop.config import Config, StateFile
from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.endpoints import Endpoints
from calmedi_desktop.sync.connections import LiveConnections

log = logging.getLogger(__name__)
ShowUrl = Callable[[str], None]


class DoctolibAccount:
    """Handed what it uses by Accounts (settings, state file, keyring, endpoints, the kept connections)."""

    def __init__(
        self, config: Config, state: StateFile, store: CredentialStore, endpoints: Endpoints, live: LiveConnections
    ) -> None:
        self.config = config
        self.state = state
        self.store = store
        self.endpoints = endpoints
        self.live = live
        self._auth: Any = None
        self._auth_lock = threading.Lock()

    def auth(self) -> Any:
        from calmedi_desktop.sync.sources.doctolib_auth import DoctolibAuth

        with self._auth_lock:
            if self._auth is None:
                self._auth = DoctolibAuth(self.endpoints, self.store)
            return self._auth

    def drop_auth(self) -> None:
        """Close the process's Doctolib sign-in (after a disconnection or an erasure): the next use starts afresh."""
        with self._auth_lock:
            auth, self._auth = self._auth, None
        if auth is not None:
            auth.close()

    def connect(self, *, open_browser: bool, show_url: ShowUrl) -> str | None:
        """Sign in in the browser; returns the practitioner's name as Doctolib gives it (None when unreadable)."""
        self.store.check_secure()
        self.auth().connect(open_browser=open_browser, show_url=show_url)
        try:
            name: str | None = self.source().accounts().practitioner_name
            return name
        except Exception as exc:  # the sign-in worked; the name is only for display
            log.warning("doctolib: could not read the practitioner name (%s)", type(exc).__name__)
            return None

    def revoke(self) -> bool:
        return bool(self.auth().revoke())

    def source(self) -> Any:
        """A source for one look at the agendas (not a sync run: runs use ``run_source``)."""
        from calmedi_desktop.sync.sources.doctolib import DoctolibSource

        return DoctolibSource(self.auth(), self.endpoints, self.config.get("doctolib.agenda_ids"))

    def run_source(self, full: bool) -> Any:
        """The source sync runs read, kept between runs with its sign-in and directory (re-read by full runs)."""
        from calmedi_desktop.sync.sources.doctolib import DoctolibSource

        endpoints, agenda_ids = self.endpoints, self.config.get("doctolib.agenda_ids")
        since = ((self.state.load().get("accounts") or {}).get("doctolib") or {}).get("connected_at")
        agendas = tuple(agenda_ids or ())
        key = (endpoints.doctolib_api, endpoints.doctolib_issuer, endpoints.doctolib_client_id, agendas, since)

        def close(source: Any) -> None:
            source.close()
            if source.auth is not self._auth:  # the process's sign-in outlives the sources using it
                source.auth.close()

        source = self.live.kept(
            "doctolib",
            key,
            lambda: DoctolibSource(self.auth(), endpoints, agenda_ids, keep_directory=True),
            close=close,
        )
        if full:
            source.forget_directory()
        return source

    def agendas(self) -> list[dict[str, Any]]:
        accounts = self.source().accounts()
        return [
            {"id": a.id, "name": a.name, "timezone": a.timezone, "place": a.practice.location if a.practice else None}
            for a in accounts.agendas
            if not getattr(a, "is_template", False)
        ]

    def visit_motives(self) -> list[dict[str, Any]]:
        """The visit motives of the chosen agendas, by name: ``{"id", "name", "agendas": [agenda names]}``.
        What the practice offers, not anything about a patient; shown to choose which ones to hide."""
        source = self.source()
        accounts = source.accounts()
        names = {a.id: a.name for a in accounts.agendas}
        found: dict[int, dict[str, Any]] = {}
        for agenda_id, motives in source.visit_motives(accounts).items():
            for motive_id, name in motives.items():
                entry = found.setdefault(motive_id, {"id": motive_id, "name": name, "agendas": []})
                entry["agendas"].append(names.get(agenda_id, str(agenda_id)))
        return sorted(found.values(), key=lambda m: (m["name"].casefold(), m["id"]))
