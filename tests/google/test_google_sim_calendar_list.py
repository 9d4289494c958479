"""The simulator renames and colours a calendar as Google does (raw HTTP): the title is the calendar's own
(calendars.patch), the colour the user's entry in their calendar list (calendarList.patch), RGB colours only
with colorRgbFormat=true, and each patch costs three quota units."""

from __future__ import annotations

import pytest

from calmedi_desktop.demo.google_sim import GoogleSim
from tests.google.test_google_sim import Api, reason


@pytest.fixture
def api(sim: GoogleSim) -> Api:
    return Api(sim)


def entry_path(api: Api) -> str:
    return f"users/me/calendarList/{api.calendar['id']}"


def test_a_new_calendar_has_a_palette_colour_in_the_users_list(api: Api) -> None:
    entry = api.http.get(entry_path(api)).json()
    assert entry["kind"] == "calendar#calendarListEntry" and entry["id"] == api.calendar["id"]
    assert entry["summary"] == "CalMedi" and entry["accessRole"] == "owner"
    assert entry["colorId"] and entry["backgroundColor"].startswith("#") and entry["foregroundColor"].startswith("#")
    assert reason(api.http.get("users/me/calendarList/nope@group.calendar.google.com")) == (404, "notFound")


def test_rgb_colours_need_color_rgb_format(api: Api) -> None:
    colours = {"backgroundColor": "#0b8043", "foregroundColor": "#ffffff"}
    before = api.http.get(entry_path(api)).json()
    assert reason(api.http.patch(entry_path(api), json=colours)) == (400, "invalid")
    assert reason(api.http.patch(entry_path(api), params={"colorRgbFormat": "false"}, json=colours))[0] == 400
    assert api.http.get(entry_path(api)).json() == before, "a refused patch changes nothing"
    bad = {"backgroundColor": "green", "foregroundColor": "#ffffff"}
    assert reason(api.http.patch(entry_path(api), params={"colorRgbFormat": "true"}, json=bad)) == (400, "invalid")
    done = api.http.patch(entry_path(api), params={"colorRgbFormat": "true"}, json=colours)
    assert done.status_code == 200, done.text
    entry = done.json()
    assert (entry["backgroundColor"], entry["foregroundColor"]) == ("#0b8043", "#ffffff")
    assert entry["colorId"] == "8", "colorId follows: the palette's closest colour"
    assert api.http.get(entry_path(api)).json() == entry


def test_a_palette_colour_by_id_and_an_unknown_id(api: Api) -> None:
    entry = api.http.patch(entry_path(api), json={"colorId": "11"}).json()
    assert entry["colorId"] == "11" and entry["backgroundColor"] == "#fbe983"
    assert reason(api.http.patch(entry_path(api), json={"colorId": "99"})) == (400, "invalid")


def test_calendars_patch_renames_and_the_list_shows_it(api: Api) -> None:
    calendar = f"calendars/{api.calendar['id']}"
    renamed = api.http.patch(calendar, json={"summary": "Cabinet Martin"})
    assert renamed.status_code == 200 and renamed.json()["summary"] == "Cabinet Martin"
    assert renamed.json()["timeZone"] == "Europe/Paris", "what is not sent stays"
    assert api.http.get(calendar).json()["summary"] == "Cabinet Martin"
    assert api.http.get(entry_path(api)).json()["summary"] == "Cabinet Martin"
    assert reason(api.http.patch(calendar, json={"summary": " "})) == (400, "required")
    assert reason(api.http.patch("calendars/nope@group.calendar.google.com", json={"summary": "x"}))[0] == 404


def test_patches_are_counted_and_cost_three_quota_units(sim: GoogleSim, api: Api) -> None:
    sim.reset_counts()
    sim.set_quota(4, window_s=60)
    assert api.http.patch(f"calendars/{api.calendar['id']}", json={"summary": "A"}).status_code == 200
    assert api.http.get(entry_path(api)).status_code == 200
    refused = api.http.patch(entry_path(api), json={"colorId": "3"})
    assert refused.status_code in (403, 429), "3 + 1 units spent: the next call is over a quota of 4"
    counted = (sim.counts["calendars.patch"], sim.counts["calendarList.get"], sim.counts["calendarList.patch"])
    assert counted == (1, 1, 1)
    assert sim.api_calls == 3


def test_a_fault_can_be_injected_on_a_calendar_list_patch(sim: GoogleSim, api: Api) -> None:
    sim.inject(403, "forbidden", kind="calendarList.patch")
    assert reason(api.http.patch(entry_path(api), json={"colorId": "3"})) == (403, "forbidden")
    assert api.http.patch(entry_path(api), json={"colorId": "3"}).status_code == 200
