from __future__ import annotations

from collections.abc import Iterator

import pytest

from calmedi_desktop.demo.google_sim import GoogleSim
from calmedi_desktop.sync.targets.google import GoogleTarget
from tests.google.simkit import Sleeps, sim_target


@pytest.fixture
def sim() -> Iterator[GoogleSim]:
    with GoogleSim(seed=7) as running:
        yield running


@pytest.fixture
def calendar_id(sim: GoogleSim) -> str:
    return sim.create_calendar("CalMedi", "Europe/Paris")


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def target(sim: GoogleSim, calendar_id: str, sleeps: Sleeps) -> GoogleTarget:
    return sim_target(sim, calendar_id, sleeps)
