"""Helpers for the CalDAV tests: one Radicale for the whole test run, a fresh account per test, a proxy, and a
"someone else" client that edits the calendar the way Apple Calendar or Thunderbird would."""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urljoin
from xml.etree import ElementTree

import requests

from calmedi_desktop.sync.retry import RetryPolicy
from calmedi_desktop.sync.targets.caldav_account import create_calendar, discover
from calmedi_desktop.sync.targets.caldav_http import DavSession
from calmedi_desktop.sync.targets.caldav_ical import body_to_ical, parse_resource
from calmedi_desktop.sync.targets.caldav_listing import ListingCache
from calmedi_desktop.sync.targets.caldav_presets import CalDavAccount
from calmedi_desktop.sync.targets.caldav_target import CalDavTarget
from tests.caldav.dav_proxy import DavProxy
from tests.caldav.radicale_server import RadicaleServer
from tests.google.simkit import TZ, Sleeps

FAST = RetryPolicy(attempts=4, base=0.01, cap=0.05, max_retry_after=0.2)

_server: RadicaleServer | None = None
_server_lock = threading.Lock()


def shared_radicale() -> RadicaleServer:
    """One Radicale for the whole test run (started at first use, ~1 s): each test gets its own user."""
    global _server
    with _server_lock:
        if _server is None:
            folder = Path(tempfile.mkdtemp(prefix="calmedi-radicale-"))
            _server = RadicaleServer(folder).start()

            def stop(server: RadicaleServer = _server) -> None:
                server.stop()
                shutil.rmtree(server.folder, ignore_errors=True)

            atexit.register(stop)
        return _server


def dav_session(url: str, user: str, password: str, **kwargs: Any) -> DavSession:
    kwargs.setdefault("policy", FAST)
    kwargs.setdefault("sleep", Sleeps())
    kwargs.setdefault("timeout", 10.0)
    return DavSession(url, user, password, **kwargs)


class Someone:
    """Someone else at the same account (a phone, a colleague): plain requests, no CalMedi code."""

    def __init__(self, calendar_url: str, user: str, password: str) -> None:
        self.calendar_url = calendar_url
        self.http = requests.Session()
        self.http.auth = (user, password)

    def put(self, name: str, data: bytes, **headers: str) -> requests.Response:
        answer = self.http.put(
            urljoin(self.calendar_url, name), data=data, headers={"Content-Type": "text/calendar", **headers}
        )
        assert answer.status_code in (201, 204), answer.status_code
        return answer

    def put_body(self, name: str, body: dict[str, Any]) -> requests.Response:
        return self.put(name, body_to_ical(body))

    def get(self, name: str) -> requests.Response:
        return self.http.get(urljoin(self.calendar_url, name))

    def delete(self, name: str) -> None:
        assert self.http.delete(urljoin(self.calendar_url, name)).status_code in (200, 204)

    def names(self) -> list[str]:
        query = b'<propfind xmlns="DAV:"><prop><getetag/></prop></propfind>'
        answer = self.http.request("PROPFIND", self.calendar_url, headers={"Depth": "1"}, data=query)
        hrefs = re.findall(r"<(?:\w+:)?href>([^<]+)</(?:\w+:)?href>", answer.text)
        return sorted(h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs if h.endswith(".ics"))

    def resources(self) -> dict[str, tuple[str, bytes]]:
        """name -> (ETag, raw bytes) of every resource: what is stored, byte for byte."""
        found = {}
        for name in self.names():
            answer = self.get(name)
            found[name] = (answer.headers["ETag"], answer.content)
        return found

    def bodies(self) -> dict[str, dict[str, Any]]:
        """uid -> Google-shaped body of every resource (as parse_resource reads it)."""
        found = {}
        for _, data in self.resources().values():
            parsed = parse_resource(data, TZ)
            assert parsed is not None and parsed.uid
            found[parsed.uid] = {**parsed.body, "status": parsed.status}
        return found


class Calendar:
    """A fresh account with a fresh CalMedi calendar, reached through a counting proxy."""

    def __init__(self, server: RadicaleServer, proxy: DavProxy, prefix: str = "user") -> None:
        self.server = server
        self.proxy = proxy
        self.user, self.password = server.add_user(prefix)
        self.session = dav_session(proxy.url, self.user, self.password)
        self.account: CalDavAccount = discover(self.session, self.user)
        self.url = create_calendar(self.session, self.account.home_url, "CalMedi")
        self.someone = Someone(self.url, self.user, self.password)
        proxy.clear()

    def target(self, cache: ListingCache | None = None, **kwargs: Any) -> CalDavTarget:
        return CalDavTarget(self.session, self.url, timezone=TZ, cache=cache, **kwargs)


_LOOK_PROPS = (
    b'<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:" xmlns:A="http://apple.com/ns/ical/">'
    b"<D:prop><D:displayname/><A:calendar-color/></D:prop></D:propfind>"
)


def calendar_look(url: str, user: str, password: str) -> tuple[str | None, str | None]:
    """(displayname, calendar-color) of a calendar collection, None for a property it lacks."""
    answer = requests.request("PROPFIND", url, data=_LOOK_PROPS, headers={"Depth": "0"}, auth=(user, password))
    assert answer.status_code == 207, answer.text
    found: dict[str, str | None] = {"displayname": None, "calendar-color": None}
    for propstat in ElementTree.fromstring(answer.content).iter("{DAV:}propstat"):
        if " 200 " not in (propstat.findtext("{DAV:}status") or ""):
            continue
        for prop in propstat.iter("{DAV:}prop"):
            for child in prop:
                found[child.tag.rsplit("}", 1)[-1]] = child.text or None
    return found["displayname"], found["calendar-color"]
