"""The simulator checks and returns colorId and reminders like Google (raw HTTP, no client library)."""

from __future__ import annotations

from typing import Any

import pytest

from calmedi_desktop.demo.google_sim import GoogleSim
from tests.google.simkit import BASE, foreign_body
from tests.google.test_google_sim import Api, reason

POPUP_10 = {"method": "popup", "minutes": 10}


@pytest.fixture
def api(sim: GoogleSim) -> Api:
    return Api(sim)


def test_an_event_without_reminders_has_the_calendars_default(api: Api) -> None:
    created = api.insert("looks00001").json()
    assert created["reminders"] == {"useDefault": True} and "colorId" not in created
    assert api.http.get(f"{api.events}/looks00001").json()["reminders"] == {"useDefault": True}


@pytest.mark.parametrize("color", [str(n) for n in range(1, 12)])
def test_every_palette_colour_is_accepted_and_returned(api: Api, color: str) -> None:
    created = api.insert("looks00002", colorId=color).json()
    assert created["colorId"] == color
    assert api.list()["items"][0]["colorId"] == color


@pytest.mark.parametrize("color", ["0", "12", "tomato", 5, "", "#d50000"])
def test_a_colour_outside_the_palette_is_a_400(api: Api, color: Any) -> None:
    assert reason(api.insert("looks00003", colorId=color)) == (400, "invalid")
    assert api.list()["items"] == []


@pytest.mark.parametrize(
    "reminders",
    [
        {"useDefault": False},
        {"useDefault": False, "overrides": [POPUP_10]},
        {"useDefault": False, "overrides": [{"method": "popup", "minutes": 60}, POPUP_10]},
        {"useDefault": False, "overrides": [{"method": "email", "minutes": m} for m in (0, 1, 2, 3, 40320)]},
    ],
)
def test_valid_reminders_are_kept_as_sent(api: Api, reminders: dict[str, Any]) -> None:
    created = api.insert("looks00004", reminders=reminders).json()
    assert created["reminders"] == reminders
    assert api.list()["items"][0]["reminders"] == reminders


@pytest.mark.parametrize(
    ("reminders", "expected_reason"),
    [
        ({"useDefault": True, "overrides": [POPUP_10]}, "cannotUseDefaultRemindersAndSpecifyOverride"),
        ({"useDefault": False, "overrides": [{"method": "popup", "minutes": m} for m in range(6)]}, "tooManyReminders"),
        ({"useDefault": False, "overrides": [{"method": "popup", "minutes": 40321}]}, "invalid"),
        ({"useDefault": False, "overrides": [{"method": "popup", "minutes": -1}]}, "invalid"),
        ({"useDefault": False, "overrides": [{"method": "popup", "minutes": "10"}]}, "invalid"),
        ({"useDefault": False, "overrides": [{"method": "sms", "minutes": 10}]}, "required"),
        ({"useDefault": False, "overrides": POPUP_10}, "invalid"),
        ({"overrides": [POPUP_10]}, "required"),
        ("popup", "required"),
    ],
)
def test_reminders_google_refuses_are_a_400(api: Api, reminders: Any, expected_reason: str) -> None:
    assert reason(api.insert("looks00005", reminders=reminders)) == (400, expected_reason)
    assert api.list()["items"] == []


def test_an_update_without_them_gives_back_the_defaults(api: Api) -> None:
    api.insert("looks00006", colorId="11", reminders={"useDefault": False, "overrides": [POPUP_10]})
    replaced = api.http.put(f"{api.events}/looks00006", json=foreign_body("looks00006", BASE)).json()
    assert "colorId" not in replaced and replaced["reminders"] == {"useDefault": True}


def test_a_refused_update_leaves_the_event_as_it_was(api: Api) -> None:
    api.insert("looks00007", colorId="3")
    bad = api.http.put(f"{api.events}/looks00007", json=foreign_body("looks00007", BASE, colorId="99"))
    assert reason(bad) == (400, "invalid")
    assert api.http.get(f"{api.events}/looks00007").json()["colorId"] == "3"
