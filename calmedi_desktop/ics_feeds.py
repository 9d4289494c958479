"""The iCalendar feeds as sources: each one's private address in the keyring (the path and query are the secret),
its name and the day it was added in the state file, and one source per feed for the process's lifetime.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from calmedi_desktop import credentials
from calmedi_desktop.config import Config, StateFile
from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.errors import InvalidSettingError, NotConnectedError
from calmedi_desktop.i18n import tr

NAME_MAX = 40


class IcsFeeds:
    """Handed what it uses by Accounts (settings, state file, keyring, clock)."""

    def __init__(self, config: Config, state: StateFile, store: CredentialStore, clock: Callable[[], datetime]) -> None:
        self.config = config
        self.state = state
        self.store = store
        self.clock = clock
        # One IcsSource per feed for the process lifetime, so that conditional GET works between runs; each
        # holds nothing identifying between runs (see IcsSource.identity_needed).
        self._sources: dict[str, tuple[str, Any]] = {}

    def names(self) -> list[str]:
        return sorted((self.state.load().get("ics_feeds") or {}).keys())

    def connect(self, url: str, name: str = "feed", *, check: bool = True) -> dict[str, Any]:
        from calmedi_desktop.sync.sources.ics import IcsSource, normalise_feed_url

        name = name.strip()
        if not name or len(name) > NAME_MAX or not all(c.isalnum() or c in "-_ " for c in name):
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

    def source(self, name: str, level: str | None = None) -> Any:
        """The feed's source for one run; ``level`` as in Accounts.sources."""
        from calmedi_desktop.sync.sources.ics import IcsSource

        url = self.store.get(credentials.ICS_PREFIX + name)
        if not url:
            raise NotConnectedError(
                "ics url missing", service=f"{tr('service.ics')} {name}", command=f"ics URL --name {name}"
            )
        known = self._sources.get(name)
        if known is None or known[0] != url:
            known = self._sources[name] = (url, IcsSource(name, url, self.config.get("sync.timezone")))
        source = known[1]
        source.identity_needed = (level or self.config.get("privacy.level")) != "busy"
        return source

    def remove(self, name: str | None = None) -> list[str]:
        """Forget the feed ``name`` (every feed when None): its address, its source and its entry. Returns the
        names removed."""
        names = [name] if name else self.names()
        for feed in names:
            self.store.delete(credentials.ICS_PREFIX + feed)
        self.forget(names)
        feeds = {k: v for k, v in (self.state.load().get("ics_feeds") or {}).items() if k not in names}
        self.state.update(ics_feeds=feeds)
        return names

    def forget(self, names: list[str] | None = None) -> None:
        """Drop the sources kept between runs (each holds its feed's private address): those of ``names``, or
        all of them."""
        for feed in list(self._sources) if names is None else names:
            known = self._sources.pop(feed, None)
            if known is not None:
                known[1].forget()

    def listing(self) -> list[dict[str, str]]:
        """Each connected feed: its name, the address as it may be shown (scheme and host: the path and query
        are the secret) and when it was added. The full URL never leaves the keyring through here."""
        from calmedi_desktop.sync.sources.ics import redact_url

        recorded = self.state.load().get("ics_feeds") or {}
        feeds = []
        for name in self.names():
            url = self.store.get(credentials.ICS_PREFIX + name)
            address = redact_url(url) if url else ""
            when = str((recorded.get(name) or {}).get("connected_at", ""))
            feeds.append({"name": name, "address": address, "connected_at": when})
        return feeds

    def keyring_entries(self) -> list[str]:
        return [credentials.ICS_PREFIX + name for name in self.names()]
