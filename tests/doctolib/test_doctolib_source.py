"""DoctolibSource against the simulator over real loopback HTTP: the read, the mapping, the contract's rules."""

from __future__ import annotations

import itertools
import logging
import sys
import threading
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest

from calmedi_desktop.demo.doctolib_sim import DoctolibSim
from calmedi_desktop.demo.doctolib_sim_data import ALL_STATUSES, TENTATIVE
from calmedi_desktop.errors import AuthExpiredError, NetworkError, SourceError
from calmedi_desktop.sync.model import Kind
from calmedi_desktop.sync.sources.base import Source
from calmedi_desktop.sync.sources.doctolib import DoctolibSource, wall_chunks

from .conftest import NOW, expected

PARIS = ZoneInfo("Europe/Paris")
WINDOW = (NOW - timedelta(days=7), NOW + timedelta(days=90))
Factory = Callable[..., DoctolibSource]


def test_reads_exactly_what_the_contract_says(sim: DoctolibSim, make_source: Factory) -> None:
    source = make_source()
    assert isinstance(source, Source) and source.name == "doctolib"
    got = source.fetch(*WINDOW)
    want = expected(sim, *WINDOW)
    assert len(want) > 30
    assert sorted(a.source_id for a in got) == sorted(want)
    motives = {m["id"]: m["name"] for ms in sim.motives.values() for m in ms}
    for appointment in got:
        agenda, item = want[appointment.source_id]
        practice = agenda["practice"]
        assert appointment.source == "doctolib"
        assert appointment.start == item.start and appointment.end == item.end
        assert appointment.start.utcoffset() == item.start.astimezone(PARIS).utcoffset()
        assert appointment.timezone == "Europe/Paris"
        assert appointment.tentative == (item.status in TENTATIVE)
        assert appointment.kind == (Kind.TELECONSULTATION if item.telehealth else Kind.CONSULTATION)
        if item.patient is None:
            assert appointment.patient_name is None
        else:
            assert appointment.patient_name == f"{item.patient.first_name} {item.patient.last_name}"
        assert appointment.visit_reason == motives.get(item.visit_motive_id)
        assert appointment.location == (
            f"{practice['name']}, {practice['address']}, {practice['zipcode']} {practice['city']}"
        )
        assert appointment.agenda_id == agenda["id"]
        assert appointment.visit_motive_id == item.visit_motive_id
        assert appointment.new_patient == item.new_patient
        assert appointment.awaiting_confirmation == (item.status in TENTATIVE)


def test_presentation_fields_vary_and_stay_out_of_repr(sim: DoctolibSim, make_source: Factory) -> None:
    newcomer = sim.book(NOW + timedelta(days=1), agenda_ids=[4712], new_patient=True, visit_motive_id=None)
    got = make_source().fetch(*WINDOW)
    booked = next(a for a in got if a.source_id == newcomer)
    assert (booked.new_patient, booked.agenda_id, booked.visit_motive_id) == (True, 4712, None)
    assert {a.agenda_id for a in got} == {4711, 4712}
    assert {a.new_patient for a in got} == {True, False}
    assert len({a.visit_motive_id for a in got}) > 3
    shown = repr(next(a for a in got if a.new_patient and a.visit_motive_id is not None))
    assert "new_patient" not in shown and "visit_motive_id" not in shown and "agenda_id=" in shown


def test_an_unknown_status_is_tentative_but_not_awaiting_confirmation(sim: DoctolibSim, make_source: Factory) -> None:
    booked = sim.book(NOW + timedelta(days=2), status="on_hold_by_robot")
    got = {a.source_id: a for a in make_source().fetch(*WINDOW)}
    assert got[booked].tentative and not got[booked].awaiting_confirmation


def test_visit_motives_of_the_chosen_agendas(sim: DoctolibSim, make_source: Factory) -> None:
    motives = make_source(agenda_ids=[4712]).visit_motives()
    assert motives == {4712: {m["id"]: m["name"] for m in sim.motives[4712]}}
    assert set(make_source().visit_motives()) == {4711, 4712}


def test_sim_data_covers_the_cases_the_contract_names(sim: DoctolibSim) -> None:
    items = sim.appointments.values()
    assert {a.status for a in items} >= set(ALL_STATUSES)
    assert any(a.patient is None for a in items)
    assert any(a.telehealth for a in items)
    assert any(len(a.agenda_ids) == 2 for a in items)
    assert any(4799 in a.agenda_ids for a in items)


def test_template_agenda_is_never_read(sim: DoctolibSim, make_source: Factory) -> None:
    template_ids = {a.id for a in sim.appointments.values() if 4799 in a.agenda_ids}
    got = make_source().fetch(*WINDOW)
    assert template_ids and not template_ids & {a.source_id for a in got}
    assert all(query["agenda_ids"] != "4799" for _path, query in sim.request_log)


def test_accounts_lists_agendas_for_the_picker(make_source: Factory) -> None:
    accounts = make_source().accounts()
    assert accounts.practitioner_name == "Dr Marie Martin"
    assert [(a.id, a.is_template, a.timezone) for a in accounts.agendas] == [
        (4711, False, "Europe/Paris"),
        (4712, False, "Europe/Paris"),
        (4799, True, "Europe/Paris"),
    ]
    assert [a.id for a in accounts.syncable] == [4711, 4712]


def test_shared_appointment_is_returned_once(sim: DoctolibSim, make_source: Factory) -> None:
    shared = sim.book(NOW + timedelta(days=2), NOW + timedelta(days=2, minutes=20), agenda_ids=[4712, 4711])
    got = make_source().fetch(*WINDOW)
    ids = [a.source_id for a in got]
    assert ids.count(shared) == 1 and len(ids) == len(set(ids))
    # First agenda in account order wins: its practice is the location.
    assert next(a for a in got if a.source_id == shared).location.startswith("Cabinet Voltaire")


def test_window_split_in_31_day_wall_clock_chunks(sim: DoctolibSim, make_source: Factory) -> None:
    make_source().fetch(*WINDOW)
    ranges: dict[str, list[tuple[datetime, datetime]]] = {}
    for path, query in sim.request_log:
        assert path == "/calendar_display/appointments"
        assert query["include_patients"] == "true" and "," not in query["agenda_ids"]
        wall = (datetime.fromisoformat(query["start_date"]), datetime.fromisoformat(query["end_date"]))
        ranges.setdefault(query["agenda_ids"], []).append(wall)
    assert set(ranges) == {"4711", "4712"}
    for walls in ranges.values():
        walls.sort()
        assert len(walls) == 4  # 97 days
        assert walls[0][0] == WINDOW[0].astimezone(PARIS).replace(tzinfo=None)
        assert walls[-1][1] == WINDOW[1].astimezone(PARIS).replace(tzinfo=None)
        for earlier, later in itertools.pairwise(walls):
            assert earlier[1] == later[0]
        for wall_start, wall_end in walls:
            assert wall_end - wall_start <= timedelta(days=31)
            elapsed = wall_end.replace(tzinfo=PARIS).astimezone(UTC) - wall_start.replace(tzinfo=PARIS).astimezone(UTC)
            assert elapsed <= timedelta(days=31)


def test_chunks_across_the_autumn_change_stay_within_31_elapsed_days() -> None:
    start = datetime(2026, 10, 1, tzinfo=PARIS)
    chunks = wall_chunks(start, start + timedelta(days=60), "Europe/Paris")
    first_start, first_end = chunks[0]
    # 31 wall-clock days across 25 October would be 31 days and 1 hour of elapsed time.
    assert first_end == datetime(2026, 10, 31, 23, 0)
    assert first_start == datetime(2026, 10, 1)
    assert chunks[-1][1] == (start + timedelta(days=60)).astimezone(PARIS).replace(tzinfo=None)


def test_pagination_over_100_per_chunk(source_for: Factory) -> None:
    with DoctolibSim(seed=3, now=NOW, per_agenda=5) as busy:
        base = datetime(2026, 11, 2, 8, 0, tzinfo=PARIS)
        booked = {
            busy.book(base + timedelta(minutes=10 * n), base + timedelta(minutes=10 * n + 10)) for n in range(250)
        }
        busy_source = source_for(busy)
        window = (datetime(2026, 10, 20, tzinfo=UTC), datetime(2026, 11, 15, tzinfo=UTC))
        got = busy_source.fetch(*window)
        assert booked <= {a.source_id for a in got}
        assert sorted(a.source_id for a in got) == sorted(expected(busy, *window))
        pages = sorted(int(q["page"]) for _p, q in busy.request_log if q["agenda_ids"] == "4711")
        assert pages == [1, 2, 3]


def test_reads_run_concurrently_and_bounded(source_for: Factory) -> None:
    latency = 0.15
    with DoctolibSim(seed=5, now=NOW, latency=latency) as slow:
        source = source_for(slow, max_workers=4)
        got = source.fetch(*WINDOW)
        assert got
        # accounts, then 2 motives + 8 first pages on 4 workers: never more than 4 at once, each asked once.
        # (The time it saves is measured by bench/sync_bench.py, not asserted here.)
        requests = slow.counts["appointments"] + slow.counts["visit_motives"] + slow.counts["accounts"]
        assert requests == 11
        assert slow.max_in_flight == 4


def test_dst_offsets_on_both_changes(sim: DoctolibSim, make_source: Factory) -> None:
    autumn = sim.book(datetime(2026, 10, 26, 9, 0), datetime(2026, 10, 26, 9, 20))  # naive: Paris wall clock
    before = sim.book(datetime(2026, 10, 24, 9, 0), datetime(2026, 10, 24, 9, 20))
    spring = sim.book(datetime(2027, 3, 29, 9, 0), datetime(2027, 3, 29, 9, 20))
    got = {a.source_id: a for a in make_source().fetch(NOW, datetime(2027, 4, 5, tzinfo=UTC))}
    for key, offset in ((autumn, 1), (before, 2), (spring, 2)):
        start = got[key].start
        assert start.utcoffset() == timedelta(hours=offset)
        assert (start.hour, start.minute) == (9, 0)
        assert got[key].end - start == timedelta(minutes=20)


def test_statuses_table(sim: DoctolibSim, make_source: Factory, caplog: pytest.LogCaptureFixture) -> None:
    day = datetime(2026, 11, 3, 8, 0, tzinfo=PARIS)
    booked = {}
    for n, status in enumerate([*ALL_STATUSES, "teleported", "teleported", "Très-Bizarre Mk1abcdef"]):
        booked[sim.book(day + timedelta(hours=n), day + timedelta(hours=n, minutes=15), status=status)] = status
    caplog.set_level(logging.DEBUG)
    got = {a.source_id: a for a in make_source().fetch(day, day + timedelta(days=1))}
    assert set(got) == {
        i for i, s in booked.items() if s not in ("deleted", "canceled", "cancelled", "rescheduled", "suspended")
    }
    for key, appointment in got.items():
        status = booked[key]
        confirmed = status in ("confirmed", "waiting", "in_progress", "done", "no_show", "no_show_but_ok")
        assert appointment.tentative is not confirmed, status
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2
    assert any("teleported on 2 appointment" in w for w in warnings)
    assert any("<non-standard>" in w for w in warnings)  # a status that looks like data is not logged as is
    assert not any("Mk1abcdef" in r.getMessage() for r in caplog.records)


def test_patient_null_has_no_name(sim: DoctolibSim, make_source: Factory) -> None:
    key = sim.book(datetime(2026, 11, 4, 10, 0), datetime(2026, 11, 4, 10, 15), patient=None, visit_motive_id=None)
    got = {a.source_id: a for a in make_source().fetch(*WINDOW)}
    assert got[key].patient_name is None and got[key].visit_reason is None


def test_agenda_filter(sim: DoctolibSim, make_source: Factory) -> None:
    got = make_source(agenda_ids=[4712]).fetch(*WINDOW)
    assert sorted(a.source_id for a in got) == sorted(expected(sim, *WINDOW, agenda_ids=[4712]))
    assert {q["agenda_ids"] for _p, q in sim.request_log} == {"4712"}


def test_a_chosen_agenda_that_vanished_is_an_error(make_source: Factory) -> None:
    with pytest.raises(SourceError, match="agenda"):
        make_source(agenda_ids=[4711, 9999]).fetch(*WINDOW)


def test_401_refreshes_once_then_retries(sim: DoctolibSim, make_source: Factory) -> None:
    fired = threading.Event()

    def expire_on_first_page(request: httpx.Request) -> None:
        # Expire while the concurrent page reads start: several workers meet the 401 together.
        if request.url.path == "/calendar_display/appointments" and not fired.is_set():
            fired.set()
            sim.expire_access_tokens()

    with httpx.Client(event_hooks={"request": [expire_on_first_page]}) as http:
        got = make_source(http=http).fetch(*WINDOW)
    assert sorted(a.source_id for a in got) == sorted(expected(sim, *WINDOW))
    assert sim.counts["unauthorised"] >= 1
    assert sim.counts["token"] == 2  # the first access token, then exactly one refresh


def test_still_401_after_refresh_is_auth_expired(sim: DoctolibSim, make_source: Factory) -> None:
    source = make_source()
    source.accounts()
    sim.inject(401, count=2, path="/api/accounts")
    with pytest.raises(AuthExpiredError) as info:
        source.fetch(*WINDOW)
    assert info.value.params == {"service": "Doctolib", "command": "doctolib"}
    assert sim.counts["accounts"] == 3 and sim.counts["appointments"] == 0


def test_retry_after_is_honoured(sim: DoctolibSim, make_source: Factory, sleeps: list[float]) -> None:
    sim.inject(429, count=1, retry_after=7, path="/calendar_display/appointments")
    sim.inject(503, count=1, retry_after=3, path="/api/accounts")
    got = make_source().fetch(*WINDOW)
    assert sorted(a.source_id for a in got) == sorted(expected(sim, *WINDOW))
    assert 3.0 in sleeps and 7.0 in sleeps
    # Every other sleep is a worker waiting at the host's gate for what was left of one of those pauses.
    others = list(sleeps)
    others.remove(3.0)
    others.remove(7.0)
    assert all(0 < pause < 7.0 for pause in others)


def test_backoff_without_retry_after_grows_then_gives_up(
    sim: DoctolibSim, make_source: Factory, sleeps: list[float]
) -> None:
    sim.inject(503, count=50, path="/calendar_display/appointments")
    with pytest.raises(NetworkError, match="HTTP 503"):
        make_source(max_workers=1).fetch(*WINDOW)
    assert len(sleeps) == 3 and sleeps == sorted(sleeps) and max(sleeps) <= 0.05


def _workers() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name.startswith("calmedi-doctolib")}


def _wait_until_ended(threads: set[threading.Thread], seconds: float = 30) -> None:
    for thread in threads:
        thread.join(seconds)
        assert not thread.is_alive(), "".join(traceback.format_stack(sys._current_frames()[thread.ident]))


def test_a_failed_read_reports_the_real_error_and_stops_the_other_workers(
    sim: DoctolibSim, make_source: Factory, sleeps: list[float]
) -> None:
    # Four workers, every page request failing: whichever worker gives up first, the caller sees the HTTP
    # error (never the internal "aborted" signal of the others), and no new request starts after it.
    before = _workers()  # other tests' stragglers (a request still in flight) are not this test's business
    for _ in range(10):
        sim.inject(503, count=1000, path="/calendar_display/appointments")
        sim.request_log.clear()
        with pytest.raises(NetworkError, match="HTTP 503"):
            make_source(max_workers=4).fetch(*WINDOW)
        _wait_until_ended(_workers() - before)  # the read returns at once; its workers end before counting
        pages = [query for path, query in sim.request_log if path.endswith("/appointments")]
        assert len(pages) <= 4 * 4  # at most the four requests already running, each with its 4 attempts
        sim.clear_faults()


def test_other_4xx_is_not_retried(sim: DoctolibSim, make_source: Factory, sleeps: list[float]) -> None:
    sim.inject(403, path="/configuration/visit_motives.json")
    with pytest.raises(SourceError, match="HTTP 403"):
        make_source().fetch(*WINDOW)
    assert sleeps == []


def test_network_errors_are_retried_then_network_error(make_source: Factory, sleeps: list[float]) -> None:
    from .conftest import endpoints_for

    with DoctolibSim() as gone:
        dead = endpoints_for(gone.url)
    with pytest.raises(NetworkError):
        make_source(endpoints=dead).accounts()
    assert len(sleeps) == 3


def test_a_failed_read_wakes_workers_waiting_on_retry_after(sim: DoctolibSim, make_source: Factory) -> None:
    workers = _workers
    before = workers()  # other tests' stragglers are not this test's business
    # Pages answer "come back in 30 s" while the visit motives fail for good; the latency puts the first
    # requests in flight together, so the failure arrives while the other workers wait out the pause.
    sim.latency = 0.3
    sim.inject(429, count=100, retry_after=30, path="/calendar_display/appointments")
    sim.inject(403, path="/configuration/visit_motives.json")
    began = time.monotonic()
    with pytest.raises(SourceError, match="HTTP 403"):
        make_source(sleep=time.sleep).fetch(*WINDOW)
    assert time.monotonic() - began < 5
    deadline = time.monotonic() + 5
    while workers() - before and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not workers() - before
