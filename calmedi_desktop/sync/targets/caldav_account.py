"""A CalDAV account on its server: discovery from a server address, and CalMedi's own calendar collection (the
presets and what the settings hold are caldav_presets.py's).

Discovery follows RFC 6764 and RFC 4791: ``current-user-principal`` at the address given, else at
``/.well-known/caldav`` (redirects followed, https only but for loopback), then the principal's
``calendar-home-set``. CalMedi creates its calendar there with MKCALENDAR under a fresh random name, keeps its
URL (the caller stores it), and creates a new one when the stored URL answers 404. A server that refuses
MKCALENDAR raises CalDavCreateRefusedError: the user then picks one of ``list_calendars()``, in which CalMedi
touches only the events it tagged. The password is never held here beyond the session, never described.
"""

from __future__ import annotations

import logging
import uuid
from typing import ClassVar
from urllib.parse import urljoin, urlsplit, urlunsplit

from caldav.elements import cdav, dav
from caldav.elements.base import BaseElement, ValuedBaseElement

from calmedi_desktop.endpoints import check_url
from calmedi_desktop.errors import (
    CalDavCalendarGoneError,
    CalDavCreateRefusedError,
    CalDavNoHomeError,
    CalDavNotFoundError,
)
from calmedi_desktop.i18n import tr
from calmedi_desktop.sync.targets.caldav_errors import HttpStatusError, ProtocolError, caldav_errors, http_detail
from calmedi_desktop.sync.targets.caldav_http import (
    CALDAV,
    DAV,
    DavItem,
    DavSession,
    Multistatus,
    parse_multistatus,
    status_error,
    tag,
    xml_body,
)
from calmedi_desktop.sync.targets.caldav_presets import CalDavAccount, CalendarInfo

log = logging.getLogger(__name__)

#: Statuses by which a server says "no CalDAV here" for a discovery step, so the next candidate is tried.
_NOT_HERE = frozenset({400, 403, 404, 405, 501})
#: Statuses by which a server refuses MKCALENDAR itself (RFC 4791 5.3.1; 501 from servers without it).
CREATE_REFUSED = frozenset({403, 405, 501})
_WRITE_PRIVILEGES = {tag(DAV, "write"), tag(DAV, "write-content"), tag(DAV, "all"), tag(DAV, "bind")}


class _CurrentUserPrivilegeSet(BaseElement):
    tag: ClassVar[str] = tag(DAV, "current-user-privilege-set")


class _Remove(BaseElement):
    # caldav.elements.dav has Set but not Remove (RFC 4918 14.23).
    tag: ClassVar[str] = tag(DAV, "remove")


class _CalendarColor(ValuedBaseElement):
    # caldav.elements.ical.CalendarColor builds its namespace from a tuple: written by hand instead.
    tag: ClassVar[str] = "{http://apple.com/ns/ical/}calendar-color"


def _propfind_body(*props: BaseElement) -> bytes:
    return xml_body(dav.Propfind().append(dav.Prop().append(list(props))))


def _first_href(answer: Multistatus, prop: str) -> str | None:
    for item in answer.items:
        for href in item.hrefs(prop):
            return urljoin(answer.url, href)
    return None


def _principal(session: DavSession, url: str) -> str | None:
    body = _propfind_body(dav.CurrentUserPrincipal())
    parts = urlsplit(url)
    origin = urlunsplit((parts.scheme, parts.netloc, "/.well-known/caldav", "", ""))
    for candidate in dict.fromkeys([url, origin]):
        try:
            found = _first_href(session.propfind(candidate, body), tag(DAV, "current-user-principal"))
        except HttpStatusError as exc:
            if exc.status not in _NOT_HERE:
                raise
            log.info("caldav: no principal at a candidate address (HTTP %d)", exc.status)
            continue
        if found:
            return found
    return None


def discover(session: DavSession, user: str) -> CalDavAccount:
    """The account behind ``session.url``: its principal and calendar home (RFC 6764, RFC 4791)."""
    with caldav_errors("discover", session.host):
        principal = _principal(session, session.url)
        if principal is None:
            raise CalDavNotFoundError(
                "discover: no current-user-principal", server=session.host, detail=tr("caldav.detail.no_principal")
            )
        principal = check_url(principal)
        try:
            answer = session.propfind(principal, _propfind_body(cdav.CalendarHomeSet()))
        except HttpStatusError as exc:
            if exc.status not in _NOT_HERE:
                raise
            answer = Multistatus([])
        home = _first_href(answer, tag(CALDAV, "calendar-home-set"))
        if home is None:
            raise CalDavNoHomeError("discover: no calendar-home-set", server=session.host)
        account = CalDavAccount(session.url, user, principal, check_url(home))
    log.info("caldav: discovered the account's calendar home in %d request(s)", session.requests)
    return account


def list_calendars(session: DavSession, home_url: str) -> list[CalendarInfo]:
    """The calendars in the account's home that hold events, for the user to pick one."""
    body = _propfind_body(
        dav.ResourceType(), dav.DisplayName(), cdav.SupportedCalendarComponentSet(), _CurrentUserPrivilegeSet()
    )
    calendars = []
    with caldav_errors("list calendars", session.host):  # reading the answer too: the callers add no boundary
        answer = session.propfind(home_url, body, depth="1")
        for item in answer.items:
            if not _is_calendar(item):
                continue
            components = item.props.get(tag(CALDAV, "supported-calendar-component-set"))
            names = {c.get("name", "").upper() for c in components} if components is not None else {"VEVENT"}
            privileges = item.props.get(tag(DAV, "current-user-privilege-set"))
            writable = None
            if privileges is not None:
                writable = any(p.tag in _WRITE_PRIVILEGES for privilege in privileges for p in privilege)
            url = urljoin(answer.url, item.href)
            name = (item.text(tag(DAV, "displayname")) or "").strip() or url.rstrip("/").rsplit("/", 1)[-1]
            calendars.append(CalendarInfo(url, name, writable, "VEVENT" in names))
    return [c for c in calendars if c.events]


def calendar_exists(session: DavSession, calendar_url: str) -> bool:
    """True if ``calendar_url`` is a calendar collection, False if it answers 404/410."""
    with caldav_errors("check calendar", session.host):
        try:
            answer = session.propfind(calendar_url, _propfind_body(dav.ResourceType()))
        except HttpStatusError as exc:
            if exc.status in (404, 410):
                return False
            raise
    return any(_is_calendar(item) for item in answer.items)


def _is_calendar(item: DavItem) -> bool:
    kind = item.props.get(tag(DAV, "resourcetype"))
    return kind is not None and kind.find(tag(CALDAV, "calendar")) is not None


def create_calendar(session: DavSession, home_url: str, name: str, colour: str | None = None) -> str:
    """MKCALENDAR under a fresh random name; the new collection's URL. Not retried after a transport error
    (the answer lost may hide a success: one empty calendar would be left behind)."""
    url = urljoin(home_url if home_url.endswith("/") else home_url + "/", f"calmedi-{uuid.uuid4().hex[:16]}/")
    events_only = cdav.SupportedCalendarComponentSet().append(cdav.Comp("VEVENT"))
    props: list[BaseElement] = [dav.DisplayName(name), events_only]
    if colour:
        props.append(_CalendarColor(colour))
    body = xml_body(cdav.Mkcalendar().append(dav.Set().append(dav.Prop().append(props))))
    with caldav_errors("create calendar", session.host):
        headers = {"Content-Type": "application/xml; charset=utf-8"}
        response = session.send("MKCALENDAR", url, body, headers, retry_transport=False)
        if not 200 <= response.status_code < 300:
            error = status_error("MKCALENDAR", response)
            if error.status in CREATE_REFUSED and not error.quota:
                raise CalDavCreateRefusedError(
                    f"MKCALENDAR: HTTP {error.status}", server=session.host, detail=http_detail(error.status)
                )
            raise error
    log.info("caldav: created the app calendar")
    return url


def ensure_calendar(
    session: DavSession,
    home_url: str,
    calendar_url: str | None,
    name: str,
    *,
    owned: bool = True,
    colour: str | None = None,
) -> str:
    """The URL of CalMedi's calendar: ``calendar_url`` if it still exists, else a new one. A calendar the user
    picked (``owned`` False) is never recreated: its loss is reported instead."""
    if calendar_url and calendar_exists(session, calendar_url):
        return calendar_url
    if calendar_url:
        log.warning("caldav: the stored calendar is gone")
        if not owned:
            raise CalDavCalendarGoneError("picked calendar gone", server=session.host)
    return create_calendar(session, home_url, name, colour)


def restyle_calendar(
    session: DavSession,
    calendar_url: str,
    *,
    name: str | None = None,
    colour: str | None = None,
    clear_colour: bool = False,
) -> None:
    """One PROPPATCH of CalMedi's calendar: its ``displayname`` and Apple's ``calendar-color`` (removed when
    ``clear_colour``). A PROPPATCH is all or nothing (RFC 4918 9.2): a property refused in the 207 means none
    changed, and the whole is an error."""
    props: list[BaseElement] = []
    if name is not None:
        props.append(dav.DisplayName(name))
    if colour is not None:
        props.append(_CalendarColor(colour))
    updates: list[BaseElement] = [dav.Set().append(dav.Prop().append(props))] if props else []
    if clear_colour:
        updates.append(_Remove().append(dav.Prop().append(_CalendarColor())))
    if not updates:
        return
    wanted = {p.tag for p in props} | ({_CalendarColor.tag} if clear_colour else set())
    body = xml_body(dav.PropertyUpdate().append(updates))
    with caldav_errors("rename or recolour the calendar (tried again at the next run)", session.host):
        response = session.send("PROPPATCH", calendar_url, body, {"Content-Type": "application/xml; charset=utf-8"})
        if response.status_code == 207:
            answer = parse_multistatus(response.content)
            done = {name for item in answer.items for name in item.props}
            if not wanted <= done:
                raise ProtocolError("PROPPATCH: a property was refused")
        elif not 200 <= response.status_code < 300:
            raise status_error("PROPPATCH", response)
    log.info("caldav: renamed or recoloured the app calendar")


def delete_calendar(session: DavSession, calendar_url: str) -> bool:
    """Delete CalMedi's calendar (erase); True if deleted now, False if it was already gone."""
    with caldav_errors("delete calendar", session.host):
        response = session.send("DELETE", calendar_url)
        if response.status_code in (404, 410):
            return False
        if not 200 <= response.status_code < 300:
            raise status_error("DELETE", response)
    log.info("caldav: deleted the app calendar")
    return True
