"""What the Doctolib side must never do with patient data: log it, write it, or copy contact details."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from calmedi_desktop.demo.doctolib_sim import DoctolibSim
from calmedi_desktop.demo.patients import MARKER_RE, markers_of
from calmedi_desktop.errors import CalmediError
from calmedi_desktop.sync.sources.doctolib import DoctolibSource
from calmedi_desktop.sync.sources.doctolib_auth import DoctolibAuth

from .conftest import NOW
from .test_doctolib_auth import run_connect

WINDOW = (NOW - timedelta(days=10), NOW + timedelta(days=120))


def contact_markers(sim: DoctolibSim) -> set[str]:
    """Markers of fields that must never leave the parser: phone, e-mail, birth date, patient address."""
    out: set[str] = set()
    for item in sim.appointments.values():
        if item.patient is not None:
            p = item.patient
            for text in (p.phone_number, p.email, p.birthdate, p.address, p.zipcode, p.city):
                out.update(MARKER_RE.findall(text))
    return out


def test_no_contact_detail_reaches_an_appointment(sim: DoctolibSim, make_source: Callable[..., DoctolibSource]) -> None:
    got = make_source().fetch(*WINDOW)
    forbidden = contact_markers(sim)
    assert len(forbidden) > 100
    for appointment in got:
        values = " ".join(str(getattr(appointment, f.name)) for f in dataclasses.fields(appointment))
        assert not set(MARKER_RE.findall(values)) & forbidden
        assert not MARKER_RE.search(repr(appointment))
    # Names and reasons do reach memory (the privacy level decides what goes further).
    assert any(a.patient_name and MARKER_RE.search(a.patient_name) for a in got)


def test_logs_hold_no_patient_data_and_no_token(
    sim: DoctolibSim,
    make_auth: Callable[..., DoctolibAuth],
    make_source: Callable[..., DoctolibSource],
    caplog: pytest.LogCaptureFixture,
    isolated_home: Path,
) -> None:
    auth = make_auth()
    errors, _ = run_connect(auth)  # before capture: the test's own "browser" logs the redirect it follows
    assert errors == []
    caplog.set_level(logging.DEBUG)  # every logger, httpx and httpcore included
    sim.expire_access_tokens()
    sim.set_status(next(iter(sim.appointments)), "Mk1zzzzzz-status")
    sim.inject(429, retry_after=1, path="/calendar_display/appointments")
    source = make_source(auth=auth)
    assert source.fetch(*WINDOW)
    sim.inject(200, path="/calendar_display/appointments", body=b'{"data": [{"id": "Mk2yyyyyy"}]}')
    with pytest.raises(CalmediError) as info:
        source.fetch(*WINDOW)
    tokens = sim.oauth.rotated | sim.oauth.live_refresh_tokens() | set(sim.oauth._access)
    auth.revoke()
    text = "\n".join(r.getMessage() for r in caplog.records) + str(info.value) + info.value.technical
    assert caplog.records
    assert not MARKER_RE.search(text)
    assert not set(MARKER_RE.findall(text)) & markers_of(sim)
    assert len(tokens) >= 4 and not any(token in text for token in tokens)
    # Nothing was written anywhere under the (isolated) home.
    assert [p for p in isolated_home.rglob("*") if p.is_file()] == []


def test_markers_cover_every_sensitive_string(sim: DoctolibSim) -> None:
    markers = markers_of(sim)
    strings = [item.id for item in sim.appointments.values()]
    strings += [m["name"] for ms in sim.motives.values() for m in ms]
    for item in sim.appointments.values():
        if item.patient is not None:
            strings += item.patient.strings()
    found = [MARKER_RE.findall(text) for text in strings]
    assert all(len(f) == 1 for f in found)  # one marker each ...
    assert len({f[0] for f in found}) == len(strings)  # ... and unique
    assert {f[0] for f in found} == markers
    # Practice data is the practitioner's and may go to Google: it carries no marker.
    assert not MARKER_RE.search(str(sim.agendas) + str(sim.practitioner))


def test_markers_are_deterministic_and_remember_renames() -> None:
    with DoctolibSim(seed=42, now=NOW) as a, DoctolibSim(seed=42, now=NOW) as b, DoctolibSim(seed=43, now=NOW) as c:
        assert markers_of(a) == markers_of(b) and markers_of(a) != markers_of(c)
        before = markers_of(a)
        key = next(i for i, item in a.appointments.items() if item.patient is not None)
        old_last = a.appointments[key].patient.last_name  # type: ignore[union-attr]
        a.rename(key, "Jean", "Nouveau")
        assert a.appointments[key].patient.last_name == "Nouveau"  # type: ignore[union-attr]
        assert MARKER_RE.findall(old_last)[0] in markers_of(a)
        assert markers_of(a) == before
