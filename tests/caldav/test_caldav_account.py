"""Discovery, sign-in errors and CalMedi's own calendar collection, against the real Radicale.

The proxy is used to count requests and, where a real Radicale cannot be made to misbehave, to inject the
misbehaviour (a principal without calendar home, a full account)."""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import requests

from calmedi_desktop.errors import (
    CalDavAuthError,
    CalDavCalendarGoneError,
    CalDavCreateRefusedError,
    CalDavNoHomeError,
    CalDavNotFoundError,
    CalDavQuotaError,
    InsecureURLError,
    InvalidSettingError,
    NetworkError,
)
from calmedi_desktop.i18n import set_language
from calmedi_desktop.sync.engine import plan
from calmedi_desktop.sync.targets.caldav_account import (
    calendar_exists,
    create_calendar,
    delete_calendar,
    discover,
    ensure_calendar,
    list_calendars,
)
from calmedi_desktop.sync.targets.caldav_http import DavSession
from calmedi_desktop.sync.targets.caldav_presets import PRESETS, normalise_server_url, preset
from calmedi_desktop.sync.targets.caldav_target import CalDavTarget
from tests.caldav.dav_proxy import DavProxy
from tests.caldav.davkit import Calendar, Someone, dav_session
from tests.caldav.radicale_server import RadicaleServer
from tests.google.simkit import BASE, TZ, WINDOW, desired, foreign_body


def test_discovery_from_the_server_root(radicale: RadicaleServer, proxy: DavProxy) -> None:
    user, password = radicale.add_user()
    account = discover(dav_session(proxy.url, user, password), user)
    assert account.principal_url == f"{proxy.url}{user}/"
    assert account.home_url == f"{proxy.url}{user}/"
    assert proxy.methods() == ["PROPFIND", "PROPFIND", "PROPFIND"]  # 401 challenge, principal, home


def test_discovery_through_the_well_known_address(radicale: RadicaleServer, proxy: DavProxy) -> None:
    user, password = radicale.add_user()
    # A web page's address, not a DAV one: Radicale answers 404 there, then /.well-known/caldav redirects.
    account = discover(dav_session(proxy.url + "some/page/", user, password), user)
    assert account.home_url == f"{proxy.url}{user}/"
    paths = [path for _, path in proxy.log]
    assert paths[:3] == ["/some/page/", "/some/page/", "/.well-known/caldav"] and "/" in paths[3:]


def test_wrong_password_is_a_typed_error_and_nothing_is_written(radicale: RadicaleServer, proxy: DavProxy) -> None:
    user, _ = radicale.add_user()
    with pytest.raises(CalDavAuthError) as raised:
        discover(dav_session(proxy.url, user, "wrong"), user)
    assert raised.value.params["server"] == "127.0.0.1"
    assert "app-specific password" in raised.value.message
    set_language("fr")
    assert "mot de passe d'application" in raised.value.message
    assert proxy.writes() == []
    assert "wrong" not in raised.value.technical


def test_a_server_that_is_not_caldav(radicale: RadicaleServer, proxy: DavProxy) -> None:
    user, password = radicale.add_user()
    proxy.inject(method="PROPFIND", status=404, count=10, body=b"<html>Not here</html>")
    with pytest.raises(CalDavNotFoundError) as raised:
        discover(dav_session(proxy.url, user, password), user)
    assert "current-user-principal" in raised.value.message
    assert [p for _, p in proxy.log] == ["/", "/.well-known/caldav"]


def test_a_principal_without_calendar_home(radicale: RadicaleServer, proxy: DavProxy) -> None:
    user, password = radicale.add_user()
    no_home = (
        b'<?xml version="1.0"?><multistatus xmlns="DAV:"><response><href>/' + user.encode() + b"/</href><propstat>"
        b'<prop><calendar-home-set xmlns="urn:ietf:params:xml:ns:caldav"/></prop>'
        b"<status>HTTP/1.1 404 Not Found</status></propstat></response></multistatus>"
    )
    proxy.inject(
        method="PROPFIND", body_contains=b"calendar-home-set", status=207, body=no_home,
        headers={"Content-Type": "application/xml"},
    )  # fmt: skip
    with pytest.raises(CalDavNoHomeError):
        discover(dav_session(proxy.url, user, password), user)
    assert proxy.writes() == []


def test_plain_http_is_refused_but_for_loopback() -> None:
    with pytest.raises(InsecureURLError):
        DavSession("http://caldav.example.org/", "u", "p")
    assert normalise_server_url("caldav.icloud.com") == "https://caldav.icloud.com/"
    assert (
        normalise_server_url(" https://cloud.example.org/remote.php/dav ") == "https://cloud.example.org/remote.php/dav"
    )
    assert normalise_server_url("http://127.0.0.1:5232") == "http://127.0.0.1:5232/"
    with pytest.raises(InsecureURLError):
        normalise_server_url("http://cloud.example.org/remote.php/dav/")
    with pytest.raises(InvalidSettingError):
        normalise_server_url("https://me:secret@cloud.example.org/")  # the password would end up in the settings


def test_a_redirect_to_plain_http_elsewhere_is_not_followed(radicale: RadicaleServer, proxy: DavProxy) -> None:
    user, password = radicale.add_user()
    proxy.inject(method="PROPFIND", status=301, headers={"Location": "http://caldav.example.org/"}, count=5)
    with pytest.raises(InsecureURLError):
        discover(dav_session(proxy.url, user, password), user)


def test_an_unreachable_server_is_a_network_error(radicale: RadicaleServer) -> None:
    with DavProxy(radicale.url) as gone:
        url = gone.url
    with pytest.raises(NetworkError) as raised:
        discover(dav_session(url, "u", "p"), "u")
    assert raised.value.params["service"] == "127.0.0.1"


def test_presets_give_the_address_and_where_to_make_an_app_password() -> None:
    assert preset("icloud").address() == "https://caldav.icloud.com/"
    assert preset("fastmail").address() == "https://caldav.fastmail.com/dav/"
    assert preset("nextcloud").address("cloud.example.org") == "https://cloud.example.org/remote.php/dav/"
    with pytest.raises(InvalidSettingError):
        preset("nextcloud").address("")
    assert {p.id for p in PRESETS} == {"icloud", "fastmail", "nextcloud", "other"}
    for each in PRESETS:
        assert each.name and each.password_help
        assert each.password_page is None or each.password_page.startswith("https://")
        if each.url and not each.needs_host:
            assert normalise_server_url(each.url) == each.url
    assert "appleid.apple.com" in preset("icloud").password_help
    set_language("fr")
    assert "Mots de passe pour app" in preset("icloud").password_help


def test_the_account_description_holds_no_password(calendar: Calendar) -> None:
    described = calendar.account.describe(calendar.url, calendar_owned=True)
    assert described["user"] == calendar.user and described["server"] == "127.0.0.1"
    assert described["calendar_url"] == calendar.url
    assert calendar.password not in json.dumps(described)


# -- CalMedi's calendar ------------------------------------------------------------------------------------


def test_calmedi_creates_its_own_calendar_named_by_the_setting(calendar: Calendar) -> None:
    url = create_calendar(calendar.session, calendar.account.home_url, "Mes rendez-vous", colour="#1E88E5FF")
    assert urlsplit(url).path.startswith(f"/{calendar.user}/calmedi-")
    found = {c.url: c for c in list_calendars(calendar.session, calendar.account.home_url)}
    assert found[url].name == "Mes rendez-vous" and found[url].writable and found[url].events
    assert calendar.proxy.methods().count("MKCALENDAR") == 1


def test_a_stored_calendar_is_kept_and_a_deleted_one_recreated(calendar: Calendar) -> None:
    home = calendar.account.home_url
    assert ensure_calendar(calendar.session, home, calendar.url, "CalMedi") == calendar.url
    assert calendar.proxy.methods().count("MKCALENDAR") == 0
    requests.delete(calendar.url, auth=(calendar.user, calendar.password)).raise_for_status()  # deleted by hand
    assert not calendar_exists(calendar.session, calendar.url)
    with pytest.raises(CalDavCalendarGoneError):
        calendar.target().list_events(*WINDOW)
    recreated = ensure_calendar(calendar.session, home, calendar.url, "CalMedi")
    assert recreated != calendar.url and calendar_exists(calendar.session, recreated)
    assert calendar.proxy.methods().count("MKCALENDAR") == 1


def test_a_picked_calendar_that_is_gone_is_reported_not_recreated(calendar: Calendar) -> None:
    requests.delete(calendar.url, auth=(calendar.user, calendar.password)).raise_for_status()
    with pytest.raises(CalDavCalendarGoneError):
        ensure_calendar(calendar.session, calendar.account.home_url, calendar.url, "CalMedi", owned=False)
    assert calendar.proxy.methods().count("MKCALENDAR") == 0


def test_delete_calendar_for_erase(calendar: Calendar) -> None:
    assert delete_calendar(calendar.session, calendar.url) is True
    assert not calendar_exists(calendar.session, calendar.url)
    assert delete_calendar(calendar.session, calendar.url) is False  # idempotent


def test_a_full_account_refuses_the_calendar_with_a_quota_error(calendar: Calendar) -> None:
    calendar.proxy.inject(method="MKCALENDAR", status=507)
    with pytest.raises(CalDavQuotaError) as raised:
        create_calendar(calendar.session, calendar.account.home_url, "CalMedi")
    assert "507" in raised.value.message


def test_a_server_that_refuses_mkcalendar_offers_existing_calendars(radicale: RadicaleServer, proxy: DavProxy) -> None:
    # A real refusal: Radicale's rights file lets "locked-" users write events but not create calendars.
    user, password = radicale.add_user("locked")
    radicale.prepare_calendar(user)  # what the user may not create: the principal, and one calendar
    session = dav_session(proxy.url, user, password)
    account = discover(session, user)
    with pytest.raises(CalDavCreateRefusedError) as raised:
        create_calendar(session, account.home_url, "CalMedi")
    assert raised.value.message.startswith("127.0.0.1 does not let CalMedi create a calendar of its own")
    picked = list_calendars(session, account.home_url)
    assert [c.url for c in picked] == [f"{proxy.url}{user}/existing/"]
    assert ensure_calendar(session, account.home_url, picked[0].url, "CalMedi", owned=False) == picked[0].url
    # In the chosen calendar, CalMedi writes and removes its own events only.
    someone = Someone(picked[0].url, user, password)
    someone.put_body("birthday.ics", foreign_body("birthday-1", BASE + timedelta(days=1)))
    before = someone.resources()
    target = CalDavTarget(session, picked[0].url, timezone=TZ)
    wanted = [desired(1), desired(2)]
    result = target.apply(plan(wanted, target.list_events(*WINDOW)))
    assert (result.created, result.failures) == (2, {})
    result = target.apply(plan([], target.list_events(*WINDOW), allow_mass_delete=True))
    assert (result.deleted, result.failures) == (2, {})
    assert someone.resources() == before
