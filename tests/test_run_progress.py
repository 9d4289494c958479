"""A run tells its listener how far it has got: phases in order, then writes done out of writes planned."""

from __future__ import annotations

import logging
from datetime import datetime

import pytest

from calmedi_desktop.errors import SourceError
from calmedi_desktop.i18n import set_language
from calmedi_desktop.status_text import progress_line
from calmedi_desktop.sync.model import Appointment
from calmedi_desktop.sync.progress import COMPARING, READING, WRITING, Progress
from calmedi_desktop.sync.runner import RunOptions, run_sync
from calmedi_desktop.sync.targets.memory import MemoryTarget
from tests.google.simkit import WINDOW, appointment


class ListSource:
    name = "doctolib"

    def __init__(self, appointments: list[Appointment], fail: bool = False) -> None:
        self.appointments = appointments
        self.fail = fail

    def fetch(self, start: datetime, end: datetime) -> list[Appointment]:
        if self.fail:
            raise SourceError("bad read", service="Doctolib", detail="test")
        return list(self.appointments)


def test_phases_arrive_in_order_and_the_last_count_is_the_plan() -> None:
    heard: list[Progress] = []
    target = MemoryTarget()
    source = ListSource([appointment(n) for n in range(30)])
    result = run_sync([source], target, *WINDOW, RunOptions(), progress=heard.append)
    assert result.created == 30
    assert [p.phase for p in heard[:3]] == [READING, COMPARING, WRITING]
    assert heard[2] == Progress(WRITING, 0, 30) and heard[2].fraction == 0.0
    assert heard[-1] == Progress(WRITING, 30, 30) and heard[-1].fraction == 1.0
    assert heard[0].fraction is None and heard[1].fraction is None

    heard.clear()
    run_sync([source], target, *WINDOW, RunOptions(), progress=heard.append)
    assert heard[-1] == Progress(WRITING, 0, 0) and heard[-1].fraction == 1.0  # nothing to write: done at once


def test_a_dry_run_and_a_failed_read_never_report_writing() -> None:
    heard: list[Progress] = []
    source = ListSource([appointment(n) for n in range(3)])
    run_sync([source], MemoryTarget(), *WINDOW, RunOptions(dry_run=True), progress=heard.append)
    assert [p.phase for p in heard] == [READING, COMPARING]
    heard.clear()
    with pytest.raises(SourceError):
        run_sync([ListSource([], fail=True)], MemoryTarget(), *WINDOW, RunOptions(), progress=heard.append)
    assert [p.phase for p in heard] == [READING]


def test_a_broken_listener_never_breaks_the_run(caplog: pytest.LogCaptureFixture) -> None:
    def broken(progress: Progress) -> None:
        raise RuntimeError("listener bug")

    target = MemoryTarget()
    with caplog.at_level(logging.WARNING):
        result = run_sync([ListSource([appointment(1)])], target, *WINDOW, RunOptions(), progress=broken)
    assert result.created == 1 and len(target.events) == 1
    assert "progress listener failed: RuntimeError" in caplog.text


@pytest.mark.parametrize(
    ("language", "progress", "destination", "line"),
    [
        ("fr", Progress(READING), "Google Agenda", "Lecture de vos rendez-vous…"),
        ("fr", Progress(WRITING, 50, 120), "Google Agenda", "Écriture dans Google Agenda : 50 sur 120"),
        ("fr", Progress(WRITING, 0, 0), "Apple iCloud", "Rien à changer dans Apple iCloud : déjà à jour."),
        ("fr", Progress(COMPARING), None, "Comparaison avec votre agenda…"),
        ("en", Progress(COMPARING), "Google Calendar", "Comparing with Google Calendar…"),
        ("en", Progress(WRITING, 50, 120), "Nextcloud", "Writing to Nextcloud: 50 of 120"),
        ("en", Progress(WRITING, 3, 9), None, "Writing to your calendar: 3 of 9"),
        (
            "fr",
            Progress(WRITING, 540, 2000, waiting_s=58.0, eta_s=181.0),
            "Google Agenda",
            "Google limite le rythme des écritures : 540 sur 2000, encore environ 4 min",
        ),
        (
            "en",
            Progress(WRITING, 540, 2000, waiting_s=58.0, eta_s=181.0),
            "Google Calendar",
            "Google limits the pace of writes: 540 of 2000, about 4 min left",
        ),
        (
            "en",
            Progress(WRITING, 1080, 2000, eta_s=44.2),
            "Google Calendar",
            "Writing to Google Calendar: 1080 of 2000, about 45 s left",
        ),
        ("fr", Progress(WRITING, 10, 20, eta_s=0.4), "Google Agenda", "Écriture dans Google Agenda : 10 sur 20"),
    ],
)
def test_progress_in_words_in_both_languages(
    language: str, progress: Progress, destination: str | None, line: str
) -> None:
    set_language(language)
    try:
        assert progress_line(progress, destination) == line
    finally:
        set_language(None)
