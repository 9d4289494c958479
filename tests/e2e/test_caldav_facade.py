"""The CalDAV destination through the facade, as the tray app uses it: one session and one listing cache kept
between runs of a process, the destination switch, and the calendar picker."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import requests

from calmedi_desktop.errors import CalDavCalendarGoneError, CalDavCreateRefusedError, InvalidSettingError
from calmedi_desktop.service import CalMedi
from calmedi_desktop.sync.eventid import event_id
from calmedi_desktop.sync.tiers import FULL, NEAR
from tests.caldav.davkit import FAST, Someone, shared_radicale
from tests.e2e.caldav_kit import Dav
from tests.e2e.conftest import Sims, expected_ids


def test_one_session_and_one_listing_serve_every_run_of_the_process(
    doctolib_only: CalMedi, sims: Sims, dav: Dav
) -> None:
    app = doctolib_only
    app.accounts.caldav.policy = FAST
    info = app.connect_caldav(dav.proxy.url, dav.user, dav.password)
    assert info["switched"] is True and app.destination()["connected"] is True
    session = app.accounts.caldav.session()
    first = app.sync_once()
    assert first.created == len(expected_ids(sims.doctolib))
    dav.proxy.clear()
    again = app.sync_once()
    assert (again.created, again.updated, again.deleted) == (0, 0, 0)
    # One sync-collection REPORT: no new sign-in (a 401 and its resend), no calendar check, no full listing.
    assert dav.proxy.methods() == ["REPORT"]
    assert app.accounts.caldav.session() is session and app.accounts.caldav.cache.deltas == 1

    # Disconnected: the session and the listing are dropped with the password.
    app.disconnect("caldav")
    assert app.accounts.caldav.cache.token is None and app.accounts.caldav.cache.entries == {}
    assert app.destination()["connected"] is False
    with pytest.raises(InvalidSettingError) as refused:
        app.set_setting("sync.target", "caldav")
    assert "calmedi connect caldav" in refused.value.message


def test_switching_is_refused_towards_a_destination_that_is_not_connected(doctolib_only: CalMedi, dav: Dav) -> None:
    app = doctolib_only
    app.connect_caldav(dav.proxy.url, dav.user, dav.password)
    with pytest.raises(InvalidSettingError) as refused:
        app.set_setting("sync.target", "google")
    assert (
        "connect Google Calendar first" in refused.value.message and "calmedi connect google" in refused.value.message
    )
    assert app.get_setting("sync.target") == "caldav"


def test_the_picker_after_a_refused_calendar(doctolib_only: CalMedi, sims: Sims) -> None:
    server = shared_radicale()
    user, password = server.add_user("locked")
    server.prepare_calendar(user)
    app = doctolib_only
    with pytest.raises(CalDavCreateRefusedError):
        app.connect_caldav(server.url, user, password)
    status = app.status()
    assert status["accounts"]["caldav"]["connected"] is True and status["accounts"]["caldav"]["calendar_url"] is None
    assert status["destination"]["target"] == "google", "no calendar yet: not a destination"
    calendars = app.caldav_calendars()
    assert [(c["url"].rsplit("/", 2)[-2], c["writable"]) for c in calendars] == [("existing", True)]
    with pytest.raises(InvalidSettingError) as unknown:
        app.choose_caldav_calendar("Holidays")
    assert f"“{calendars[0]['name']}”" in unknown.value.message, "the reason names the calendars there are"
    info = app.choose_caldav_calendar(calendars[0]["url"])
    assert info["switched"] is True and info["calendar_created_by_calmedi"] is False
    assert app.sync_once().created == len(expected_ids(sims.doctolib))
    assert app.erase()["complete"] is True
    assert requests.request("PROPFIND", calendars[0]["url"], auth=(user, password)).status_code == 207
    assert Someone(calendars[0]["url"], user, password).names() == [], "CalMedi's events went, the calendar stays"


def test_a_calendar_deleted_between_two_runs_of_the_process_is_created_again(
    doctolib_only: CalMedi, sims: Sims, dav: Dav
) -> None:
    app = doctolib_only
    app.accounts.caldav.policy = FAST
    app.connect_caldav(dav.proxy.url, dav.user, dav.password)
    wanted = len(expected_ids(sims.doctolib))
    assert app.sync_once().created == wanted
    old = app.get_setting("caldav.calendar_url")
    assert requests.delete(old, auth=(dav.user, dav.password)).status_code in (200, 204)
    again = app.sync_once()  # the kept target finds it gone while listing
    assert again.created == wanted and again.failed == 0
    new = app.get_setting("caldav.calendar_url")
    assert new != old and len(Someone(new, dav.user, dav.password).names()) == wanted


def test_a_picked_calendar_deleted_is_reported_and_not_recreated(doctolib_only: CalMedi, sims: Sims) -> None:
    server = shared_radicale()
    user, password = server.add_user("locked")
    server.prepare_calendar(user)
    app = doctolib_only
    app.accounts.caldav.policy = FAST
    with pytest.raises(CalDavCreateRefusedError):
        app.connect_caldav(server.url, user, password)
    app.choose_caldav_calendar("existing")
    assert app.sync_once().created > 0
    assert server.admin().delete(f"{server.url}{user}/existing/").status_code in (200, 204)
    with pytest.raises(CalDavCalendarGoneError) as gone:
        app.sync_once()
    assert "choose another one" in gone.value.message
    assert app.get_setting("caldav.calendar_url") == f"{server.url}{user}/existing/"


def test_runs_of_the_coming_days_list_a_delta_and_never_check_the_calendar(
    doctolib_only: CalMedi, sims: Sims, dav: Dav
) -> None:
    app = doctolib_only
    app.accounts.caldav.policy = FAST
    app.connect_caldav(dav.proxy.url, dav.user, dav.password)
    assert app.sync_once(tier=FULL).created == len(expected_ids(sims.doctolib))
    booked = sims.doctolib.book(datetime.now(UTC) + timedelta(hours=2), datetime.now(UTC) + timedelta(hours=2.5))
    far = sorted(expected_ids(sims.doctolib) - {booked}, key=lambda i: sims.doctolib.appointments[i].start)[-1]
    appointment = sims.doctolib.appointments[far]  # the last one of the window, months away
    sims.doctolib.move(far, appointment.start + timedelta(hours=1), appointment.end + timedelta(hours=1))
    dav.proxy.clear()

    near = app.sync_once(tier=NEAR)
    assert near.tier == NEAR and (near.created, near.updated, near.deleted) == (1, 0, 0)
    assert dav.proxy.methods() == ["REPORT", "PUT"], "a delta listing and the one write: no calendar check"
    assert (
        event_id("doctolib", booked) in Someone(app.get_setting("caldav.calendar_url"), dav.user, dav.password).bodies()
    )
    dav.proxy.clear()
    assert app.sync_once(tier=NEAR).created == 0 and dav.proxy.methods() == ["REPORT"]

    dav.proxy.clear()
    full = app.sync_once(tier=FULL)
    assert (full.tier, full.updated, full.created, full.deleted) == (FULL, 1, 0, 0), "next months' move, now"
    assert dav.proxy.methods() == ["REPORT", "PUT"], "the past, kept by the near runs, is not read again"
