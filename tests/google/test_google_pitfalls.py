"""The library and Google behaviours CalMedi relies on, pinned (see PITFALLS.md)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest

from calmedi_desktop.demo.google_sim import GoogleSim
from calmedi_desktop.sync.engine import plan
from calmedi_desktop.sync.eventid import HASH_KEY, SCHEMA_KEY, TAG_KEY
from calmedi_desktop.sync.model import Plan
from calmedi_desktop.sync.targets.google import GoogleTarget, build_service
from tests.google.simkit import BASE, WINDOW, desired, foreign_body, sim_credentials, sim_endpoints, sim_target


def test_library_default_batch_ignores_the_configured_endpoint(sim: GoogleSim) -> None:
    service = build_service(sim_credentials(sim), sim_endpoints(sim))
    # This is why CalMedi builds BatchHttpRequest(batch_uri=...) itself.
    assert service.new_batch_http_request()._batch_uri == "https://www.googleapis.com/batch/calendar/v3"


def test_library_list_next_breaks_on_repeated_extended_property_filters(sim: GoogleSim, calendar_id: str) -> None:
    service = build_service(sim_credentials(sim), sim_endpoints(sim))
    request = service.events().list(calendarId=calendar_id, privateExtendedProperty=["calmedi=1", "calmedi_schema=1"])
    with pytest.raises(ValueError):
        service.events().list_next(request, {"nextPageToken": "x"})


def test_service_is_built_offline_on_the_configured_root(sim: GoogleSim, calendar_id: str) -> None:
    service = build_service(sim_credentials(sim), sim_endpoints(sim))
    request = service.events().list(calendarId=calendar_id)
    assert request.uri.startswith(sim.url + "calendar/v3/calendars/")
    assert sim.http_requests == 0  # the bundled discovery document was used: nothing was fetched


def test_batches_go_to_the_configured_batch_uri(sim: GoogleSim, target: GoogleTarget) -> None:
    result = target.apply(Plan(inserts=[desired(1), desired(2)]))
    assert result.created == 2
    assert sim.counts["batch"] == 1 and sim.counts["batch.parts"] == 2
    batch_paths = {path for method, path in sim.request_log if "batch" in path}
    assert batch_paths == {"/batch/calendar/v3"}
    assert sim.counts["unknown"] == 0


def test_120_inserts_take_three_batch_requests(sim: GoogleSim, target: GoogleTarget, calendar_id: str) -> None:
    wanted = [desired(n) for n in range(120)]
    result = target.apply(Plan(inserts=wanted))
    assert (result.created, result.failures) == (120, {})
    assert sim.counts["batch"] == 3
    assert sim.counts["batch.parts"] == sim.counts["events.insert"] == 120
    assert len(sim.events(calendar_id)) == 120


def test_more_than_50_parts_are_refused_by_google(sim: GoogleSim, calendar_id: str) -> None:
    service = build_service(sim_credentials(sim), sim_endpoints(sim))
    batch = BatchHttpRequest(batch_uri=sim.url + "batch/calendar/v3")
    for n in range(51):
        batch.add(service.events().get(calendarId=calendar_id, eventId=f"event{n:03d}"), request_id=str(n))
    with pytest.raises(HttpError) as caught:
        batch.execute()
    assert caught.value.resp.status == 400 and sim.counts["batch.parts"] == 0


def test_listing_follows_every_page() -> None:
    with GoogleSim(page_size_cap=7) as small_pages:
        cid = small_pages.create_calendar()
        target = sim_target(small_pages, cid)
        wanted = [desired(n) for n in range(30)]
        target.apply(Plan(inserts=wanted))
        listed = target.list_events(*WINDOW)
        assert {e.id for e in listed} == {w.id for w in wanted}
        assert small_pages.counts["events.list"] == 5  # ceil(30 / 7)


def test_insert_of_a_cancelled_id_is_restored_by_update(sim: GoogleSim, target: GoogleTarget, calendar_id: str) -> None:
    event = desired(5)
    # Cancelled, untagged and outside the listed window: the planner cannot see it and plans an insert.
    sim.add_foreign_event(calendar_id, foreign_body(event.id, BASE - timedelta(days=400), status="cancelled"))
    the_plan = plan([event], target.list_events(*WINDOW))
    assert [i.id for i in the_plan.inserts] == [event.id]
    result = target.apply(the_plan)
    assert (result.created, result.failures) == (1, {})
    assert sim.counts["events.insert"] == 1 and sim.counts["events.get"] == 1 and sim.counts["events.update"] == 1
    (stored,) = sim.events(calendar_id)
    assert stored["status"] == "confirmed"
    assert stored["extendedProperties"]["private"][HASH_KEY] == event.content_hash


def test_a_live_foreign_event_with_our_id_is_never_overwritten(
    sim: GoogleSim, target: GoogleTarget, calendar_id: str
) -> None:
    event = desired(6)
    sim.add_foreign_event(calendar_id, foreign_body(event.id, BASE - timedelta(days=400)))
    result = target.apply(Plan(inserts=[event]))
    assert result.failures == {event.id: "Conflict"}
    (stored,) = sim.events(calendar_id)
    assert stored["summary"] == "Dentist (personal)" and sim.counts["events.update"] == 0


def test_extended_property_limits_are_applied_silently(sim: GoogleSim, calendar_id: str) -> None:
    body = foreign_body(
        "limits0001",
        BASE,
        extendedProperties={"private": {"k" * 44: "kept", "k" * 45: "dropped", "long": "v" * 2000}},
    )
    stored = sim.add_foreign_event(calendar_id, body)["extendedProperties"]["private"]
    assert stored == {"k" * 44: "kept", "long": "v" * 1024}


def test_calmedi_tags_fit_googles_limits(sim: GoogleSim, target: GoogleTarget, calendar_id: str) -> None:
    event = desired(7)
    target.apply(Plan(inserts=[event]))
    (stored,) = sim.events(calendar_id)
    assert stored["extendedProperties"] == event.body["extendedProperties"]
    tags = stored["extendedProperties"]["private"]
    assert set(tags) == {TAG_KEY, HASH_KEY, SCHEMA_KEY}
    assert all(len(k) <= 44 and len(v) <= 1024 for k, v in tags.items())
