"""Doctolib politeness and cheap near-term reads: one pause for every worker, the directory read once."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

import pytest

from calmedi_desktop.demo.doctolib_sim import DoctolibSim
from calmedi_desktop.errors import SourceError
from calmedi_desktop.sync.sources.doctolib import DoctolibSource
from calmedi_desktop.sync.sources.host_gate import HostGate

from .conftest import NOW, expected

WINDOW = (NOW - timedelta(days=7), NOW + timedelta(days=90))
NEAR = (NOW, NOW + timedelta(days=7))
APPOINTMENTS = "/calendar_display/appointments"
Factory = Callable[..., DoctolibSource]


def test_a_retry_after_pauses_every_worker_to_the_host(source_for: Factory) -> None:
    # A busy agenda (dozens of pages) read by four workers, each request taking 50 ms: without a shared pause
    # the three other workers would send about forty requests during the two seconds Doctolib asked for.
    pause = 2.0
    with DoctolibSim(seed=5, now=NOW, latency=0.05, per_agenda=3000) as busy:
        source = source_for(busy, max_workers=4, sleep=time.sleep)
        busy.inject(429, count=1, retry_after=int(pause), path=APPOINTMENTS)
        got = source.fetch(*WINDOW)
        assert sorted(a.source_id for a in got) == sorted(expected(busy, *WINDOW))
        [(told, status)] = busy.faults_served
        assert status == 429
        # A worker that had passed the gate just before it closed may still send its request (on a loaded
        # machine, a little late): at most one each for the three others. Then nothing until the pause is over.
        during = [at for at, path in busy.arrivals if told + 0.2 < at < told + pause - 0.1]
        after = [at for at, path in busy.arrivals if at >= told + pause - 0.1]
        assert len(during) <= 3
        assert len(after) > 20, "the read went on, on every worker, once the pause was over"
        assert source.gate.holds == 1


def test_a_token_refresh_waits_at_the_same_gate(sim: DoctolibSim, make_source: Factory, sleeps: list[float]) -> None:
    source = make_source()
    assert source.fetch(*NEAR)
    source.gate.hold(5.0)  # as if a worker had just been told to wait five seconds
    sim.expire_access_tokens()
    sleeps.clear()
    assert source.fetch(*NEAR)
    assert sleeps and 4.0 < sleeps[0] <= 5.0, "the first request after the pause waited it out"


def test_gate_waiters_sleep_once_per_hold() -> None:
    now = [100.0]
    gate = HostGate(clock=lambda: now[0])
    slept: list[float] = []
    gate.wait(slept.append)
    assert slept == []
    gate.hold(3.0)
    gate.wait(slept.append)  # the holder sleeps the pause itself: the gate does not make it wait twice
    assert slept == []
    import threading

    other = threading.Thread(target=lambda: (gate.wait(slept.append), gate.wait(slept.append)))
    other.start()
    other.join(5)
    assert slept == [3.0], "another worker waits what is left of the pause, once"


def test_kept_directory_makes_a_near_read_cost_only_its_pages(sim: DoctolibSim, make_source: Factory) -> None:
    source = make_source(keep_directory=True)
    first = source.fetch(*WINDOW)
    assert (sim.counts["accounts"], sim.counts["visit_motives"]) == (1, 2)
    pages_before = sim.counts["appointments"]
    near = source.fetch(*NEAR)
    assert (sim.counts["accounts"], sim.counts["visit_motives"]) == (1, 2), "agendas and motives reused"
    assert sim.counts["appointments"] - pages_before == 2, "one page per agenda for a week"
    assert {a.source_id for a in near} == set(expected(sim, *NEAR)) and {a.source_id for a in near} <= {
        a.source_id for a in first
    }
    reasons = {a.visit_reason for a in near}
    assert reasons - {None}, "visit reasons still come from the kept motives"
    source.forget_directory()
    source.fetch(*NEAR)
    assert (sim.counts["accounts"], sim.counts["visit_motives"]) == (2, 4)


def test_without_keep_directory_every_read_asks_again(sim: DoctolibSim, make_source: Factory) -> None:
    source = make_source()
    source.fetch(*NEAR)
    source.fetch(*NEAR)
    assert (sim.counts["accounts"], sim.counts["visit_motives"]) == (2, 4)


def test_cancellations_in_the_window_are_reported_once(sim: DoctolibSim, make_source: Factory) -> None:
    from calmedi_desktop.demo.doctolib_sim_data import ABSENT

    source = make_source()
    got = {a.source_id for a in source.fetch(*WINDOW)}
    cancelled = source.take_cancelled()
    in_window = {a.id for a in sim.appointments.values() if a.status in ABSENT and WINDOW[0] <= a.start < WINDOW[1]}
    real = {a["id"] for a in sim.agendas if not a["is_template"]}
    in_window = {i for i in in_window if set(sim.appointments[i].agenda_ids) & real}
    assert cancelled == in_window and cancelled and not cancelled & got
    assert source.take_cancelled() == set(), "handed over once, then forgotten"


def test_a_new_read_forgets_the_cancellations_of_an_earlier_one_even_when_it_fails(
    sim: DoctolibSim, make_source: Factory
) -> None:
    # The runner takes the cancellations after its read only: the source must not hand over an older read's.
    source = make_source()
    source.fetch(*WINDOW)
    assert source.take_cancelled(), "the window holds cancellations"
    source.fetch(*WINDOW)  # found them again, not taken
    sim.inject(404, path="/")  # the next read fails at its first request
    with pytest.raises(SourceError):
        source.fetch(*WINDOW)
    assert source.take_cancelled() == set()
