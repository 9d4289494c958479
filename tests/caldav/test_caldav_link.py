"""CalDavLink against a real Radicale: each failure leaves one technical log line (the CalDAV boundary's), and a
session replaced by a new password is closed, not leaked."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from calmedi_desktop import credentials
from calmedi_desktop.caldav_link import CalDavLink
from calmedi_desktop.config import Config, StateFile
from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.errors import CalDavError, CalDavQuotaError, InvalidSettingError
from calmedi_desktop.sync.targets.caldav_http import DavSession
from tests.caldav.dav_proxy import DavProxy
from tests.caldav.davkit import FAST
from tests.caldav.radicale_server import RadicaleServer


def connected_link(tmp_path: Path, store: CredentialStore, radicale: RadicaleServer, proxy: DavProxy) -> CalDavLink:
    link = CalDavLink(Config(tmp_path / "settings.json"), store, StateFile(tmp_path / "state.json"))
    link.policy = FAST
    user, password = radicale.add_user()
    link.connect(proxy.url, user, password)
    proxy.clear()
    return link


def failure_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("calmedi_desktop") and "failed" in r.msg]


def test_a_listing_refused_through_the_link_is_logged_once(
    tmp_path: Path,
    memory_store: CredentialStore,
    radicale: RadicaleServer,
    proxy: DavProxy,
    caplog: pytest.LogCaptureFixture,
) -> None:
    link = connected_link(tmp_path, memory_store, radicale, proxy)
    proxy.inject(method="PROPFIND", header=("Depth", "1"), status=403, count=2)
    caplog.set_level(logging.INFO)
    with pytest.raises(CalDavError):
        link.calendars()
    with pytest.raises(CalDavError):
        link.choose("CalMedi")
    lines = failure_lines(caplog)
    assert len(lines) == 2 and all(line.startswith("caldav: list calendars failed: CalDavError") for line in lines)


def test_a_calendar_name_mistyped_is_not_logged_as_a_server_failure(
    tmp_path: Path,
    memory_store: CredentialStore,
    radicale: RadicaleServer,
    proxy: DavProxy,
    caplog: pytest.LogCaptureFixture,
) -> None:
    link = connected_link(tmp_path, memory_store, radicale, proxy)
    caplog.set_level(logging.INFO)
    with pytest.raises(InvalidSettingError):
        link.choose("Holidays")
    assert failure_lines(caplog) == []


def test_a_deleted_calendar_that_cannot_be_made_again_is_logged_once(
    tmp_path: Path,
    memory_store: CredentialStore,
    radicale: RadicaleServer,
    proxy: DavProxy,
    caplog: pytest.LogCaptureFixture,
) -> None:
    link = connected_link(tmp_path, memory_store, radicale, proxy)
    target = link.target("Europe/Paris")
    user, password = link.config.get("caldav.user"), memory_store.get(credentials.CALDAV)
    assert requests.delete(target.calendar_url, auth=(user, password)).status_code in (200, 204)
    proxy.inject(method="MKCALENDAR", status=507)
    caplog.set_level(logging.INFO)
    now = datetime.now(UTC)
    with pytest.raises(CalDavQuotaError):
        target.list_events(now, now + timedelta(days=7))
    lines = failure_lines(caplog)
    assert len(lines) == 1 and lines[0].startswith("caldav: create calendar failed: CalDavQuotaError")


def open_pools(session: DavSession) -> int:
    """How many connection pools the session's HTTP client holds (closing it empties them)."""
    return sum(len(adapter.poolmanager.pools) for adapter in session.client.session.adapters.values())


def test_a_session_replaced_is_closed(
    tmp_path: Path, memory_store: CredentialStore, radicale: RadicaleServer, proxy: DavProxy
) -> None:
    link = connected_link(tmp_path, memory_store, radicale, proxy)
    user, password = link.config.get("caldav.user"), memory_store.get(credentials.CALDAV)
    first = link.session()
    assert link.calendars() and open_pools(first) == 1
    link.connect(proxy.url, user, password)  # connecting again adopts a new one
    second = link.session()
    assert second is not first and open_pools(first) == 0, "the session connect replaced is closed"
    assert link.calendars() and open_pools(second) == 1
    memory_store.set(credentials.CALDAV, "a-new-app-password")  # the password changed: a new session
    third = link.session()
    assert third is not second and open_pools(second) == 0, "the session of the old password is closed"
