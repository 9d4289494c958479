"""restyle_calendar against a real Radicale: one PROPPATCH sets displayname and Apple's calendar-color, or
removes the colour; a PROPPATCH the server answers with a refused property (a 207 whose propstat is not 2xx,
RFC 4918 9.2: then nothing changed) or with an error status is a CalmediError, never a silent success."""

from __future__ import annotations

import pytest

from calmedi_desktop.errors import CalmediError
from calmedi_desktop.sync.targets.caldav_account import list_calendars, restyle_calendar
from tests.caldav.davkit import Calendar
from tests.caldav.davkit import calendar_look as look

REFUSED_207 = (
    b'<?xml version="1.0" encoding="utf-8"?><D:multistatus xmlns:D="DAV:"><D:response><D:href>/x/</D:href>'
    b"<D:propstat><D:prop><D:displayname/></D:prop><D:status>HTTP/1.1 403 Forbidden</D:status></D:propstat>"
    b"</D:response></D:multistatus>"
)


def test_one_proppatch_renames_and_recolours_then_removes_the_colour(calendar: Calendar) -> None:
    restyle_calendar(calendar.session, calendar.url, name="Cabinet Martin", colour="#0b8043")
    assert look(calendar.url, calendar.user, calendar.password) == ("Cabinet Martin", "#0b8043")
    found = {c.url: c for c in list_calendars(calendar.session, calendar.account.home_url)}
    assert found[calendar.url].name == "Cabinet Martin"
    restyle_calendar(calendar.session, calendar.url, clear_colour=True)
    assert look(calendar.url, calendar.user, calendar.password) == ("Cabinet Martin", None)
    assert calendar.proxy.methods().count("PROPPATCH") == 2, "one request each time"
    restyle_calendar(calendar.session, calendar.url)
    assert calendar.proxy.methods().count("PROPPATCH") == 2, "nothing to change: no request"


@pytest.mark.parametrize(("status", "body"), [(207, REFUSED_207), (403, b""), (405, b"")])
def test_a_refused_proppatch_is_an_error(calendar: Calendar, status: int, body: bytes) -> None:
    calendar.proxy.inject(method="PROPPATCH", status=status, body=body, headers={"Content-Type": "application/xml"})
    with pytest.raises(CalmediError):
        restyle_calendar(calendar.session, calendar.url, name="Cabinet")
    assert look(calendar.url, calendar.user, calendar.password)[0] == "CalMedi"
