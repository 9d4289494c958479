"""Invariant 3 on the CalDAV path: what lands on the server is what the privacy level allows, nothing more.

The Doctolib simulator's patients carry a unique marker in every sensitive string (names, phone, e-mail, birth
date, address, visit motive, raw appointment id). A real sync reads them through the Doctolib source and
writes to Radicale; then every byte Radicale stored for the account (its files on disk, caches included) and
every log line at DEBUG are searched for markers.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from calmedi_desktop import credentials
from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.demo.doctolib_sim import DoctolibSim
from calmedi_desktop.demo.patients import MARKER_RE, markers_of
from calmedi_desktop.sync.runner import RunOptions, run_sync
from calmedi_desktop.sync.sources.doctolib import DoctolibSource
from calmedi_desktop.sync.sources.doctolib_auth import DoctolibAuth
from tests.caldav.dav_proxy import DavProxy
from tests.caldav.davkit import FAST, Calendar
from tests.caldav.radicale_server import RadicaleServer
from tests.doctolib.conftest import NOW, endpoints_for

START, END = NOW - timedelta(days=10), NOW + timedelta(days=120)  # every appointment the simulator has


def stored_markers(radicale: RadicaleServer, user: str) -> set[str]:
    found: set[str] = set()
    for path in (radicale.folder / "store").rglob("*"):
        if path.is_file() and user in str(path):
            found.update(MARKER_RE.findall(path.read_bytes().decode("utf-8", "replace")))
    return found


def user_files(radicale: RadicaleServer, user: str) -> list[Path]:
    """The account's event files (Radicale keeps a cache of each beside them, which stored_markers reads too)."""
    return [p for p in (radicale.folder / "store").rglob("*.ics") if user in str(p) and ".Radicale" not in str(p)]


@pytest.mark.parametrize(
    ("level", "show_reason"), [("busy", False), ("initials", False), ("full", False), ("full", True)]
)
def test_the_server_holds_only_what_the_level_allows(
    radicale: RadicaleServer,
    proxy: DavProxy,
    memory_store: CredentialStore,
    caplog: pytest.LogCaptureFixture,
    level: str,
    show_reason: bool,
) -> None:
    with DoctolibSim(seed=11, now=NOW, per_agenda=12) as sim:
        memory_store.set(credentials.DOCTOLIB, sim.issue_refresh_token())
        endpoints = endpoints_for(sim.url)
        auth = DoctolibAuth(endpoints, memory_store, policy=FAST, sleep=lambda _: None)
        source = DoctolibSource(auth, endpoints, policy=FAST, sleep=lambda _: None)
        calendar = Calendar(radicale, proxy)
        caplog.set_level(logging.DEBUG)
        try:
            result = run_sync([source], calendar.target(), START, END, RunOptions(level=level, show_reason=show_reason))
        finally:
            source.close()
            auth.close()
        everything = markers_of(sim)
        patients = [a.patient for a in sim.appointments.values() if a.patient is not None]
        names = {m for p in patients for text in (p.first_name, p.last_name) for m in MARKER_RE.findall(text)}
        ids = {m for a in sim.appointments.values() for m in MARKER_RE.findall(a.id)}
        contact = {
            m
            for p in patients
            for text in (p.phone_number, p.email, p.birthdate, p.address, p.zipcode, p.city)
            for m in MARKER_RE.findall(text)
        }

    assert result.created >= 10 and result.failed == 0
    assert len(user_files(radicale, calendar.user)) == result.created
    on_server = stored_markers(radicale, calendar.user)
    assert not on_server & (contact | ids)  # never, at any level
    if level == "full":
        assert on_server & names  # the test can see names when they are sent
        reasons = everything - names - contact - ids
        assert bool(on_server & reasons) == show_reason
        assert on_server <= names | reasons
    else:
        assert on_server == set()  # busy and initials: no name, no reason (initials hold no marker)
    assert not MARKER_RE.search(caplog.text)  # nor in any log line, CalDAV library's included


def test_the_caldav_librarys_debug_switches_cannot_dump_appointments() -> None:
    # caldav writes every request and answer to temp files when PYTHON_CALDAV_COMMDUMP is set, and logs them at
    # DEBUG (or drops into pdb) under PYTHON_CALDAV_DEBUGMODE: CalMedi switches both off whatever the environment.
    probe = (
        "import logging, caldav.lib.error as e\n"
        "import calmedi_desktop.sync.targets.caldav_http\n"
        "print(bool(e.debug_dump_communication), e.debugmode, logging.getLogger('caldav').level)\n"
    )
    env = {**os.environ, "PYTHON_CALDAV_COMMDUMP": "1", "PYTHON_CALDAV_DEBUGMODE": "DEBUG_PDB"}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "PRODUCTION", str(logging.ERROR)]
