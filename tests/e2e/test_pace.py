"""Through `calmedi`, with Google's per-user quota on (its window scaled to seconds): a first sync of 2,000
appointments converges in one run, nearest first, and says why it takes a while."""

from __future__ import annotations

import io
import json
import math
import re
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from calmedi_desktop import credentials
from calmedi_desktop.demo.doctolib_sim import DoctolibSim
from calmedi_desktop.demo.google_sim import GoogleSim
from calmedi_desktop.paths import write_private
from calmedi_desktop.service import CalMedi
from calmedi_desktop.sync.quota import WINDOW_ENV
from calmedi_desktop.sync.tiers import day_start, nearness
from tests.cli_run import run
from tests.e2e.conftest import Sims, expected_ids

WINDOW_S = 3.0  # Google's 60-second window, scaled: every figure below scales with it
QUOTA = 600


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def paced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Sims]:
    with (
        GoogleSim(quota_per_minute=QUOTA, quota_window_s=WINDOW_S) as google,
        DoctolibSim(seed=11, per_agenda=1450) as doctolib,
    ):
        client_file = tmp_path / "client" / "google-client.json"
        write_private(client_file, json.dumps(google.client_config()).encode())
        env = {
            "CALMEDI_GOOGLE_API_URL": google.url,
            "CALMEDI_GOOGLE_REVOKE_URL": google.revoke_url,
            "CALMEDI_GOOGLE_CLIENT_FILE": str(client_file),
            "CALMEDI_DOCTOLIB_URL": doctolib.url,
            "CALMEDI_DOCTOLIB_ISSUER": doctolib.url,
            "CALMEDI_LICENCE_URL": "http://127.0.0.1:9",
            WINDOW_ENV: str(WINDOW_S),
        }
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        app = CalMedi()
        app.store.set(credentials.GOOGLE, google.issue_refresh_token())
        app.store.set(credentials.DOCTOLIB, doctolib.issue_refresh_token())
        yield Sims(google, doctolib, env)


def test_two_thousand_appointments_converge_in_one_run_nearest_first_within_the_quota(
    paced: Sims, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    wanted = len(expected_ids(paced.doctolib))
    assert wanted >= 2000
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    began = datetime.now(UTC)
    code, summary, _ = run(capsys, "sync", "--once", "--json")

    # One run converges: every appointment written, none failed, and Google hardly had to refuse.
    assert code == 0 and summary["failed"] == 0 and summary["created"] == wanted
    assert paced.google.quota_refused <= wanted / 5
    assert paced.google.quota_refused == 0, "paced within the window, the simulator never refused"

    # It waited for the quota no more than the floor allows (60 s × (⌈calls/600⌉ − 1), scaled) plus half:
    # the journal says how many waits and how many seconds.
    app = CalMedi()
    [line] = [line for line in app.journal_lines() if "google: quota: waited" in line]
    waits, waited = re.search(r"waited (\d+) time\(s\), ([\d.]+)s in all", line).groups()  # type: ignore[union-attr]
    calls = paced.google.api_calls
    floor = WINDOW_S * (math.ceil(calls / QUOTA) - 1)
    assert int(waits) >= 1 and float(waited) <= 1.5 * floor

    # Nearest first, as Google saw the writes: today, then the coming days in order, then the past.
    calendar_id = app.get_setting("google.calendar_id")
    starts = {e["id"]: datetime.fromisoformat(e["start"]["dateTime"]) for e in paced.google.events(calendar_id)}
    today = day_start(began, app.get_setting("sync.timezone"))
    written = [event_id for _, _, event_id in sorted(paced.google.write_log)]
    assert len(written) == wanted
    keys = [nearness(starts[event_id], today) for event_id in written]
    assert keys == sorted(keys)

    # While Google made it wait, the terminal said so, with the time left.
    frames = [frame.rstrip() for frame in terminal.getvalue().split("\r") if frame.strip()]
    waiting = [f for f in frames if f.startswith("Google limits the pace of writes:")]
    assert waiting and re.fullmatch(r"Google limits the pace of writes: \d+ of \d+, about \d+ s left", waiting[0])


def test_a_permanently_refusing_google_ends_the_run_with_a_clear_error(
    paced: Sims, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(WINDOW_ENV, "0.2")
    paced.google.set_quota(None)
    paced.google.inject(429, count=1_000_000, kind="events.insert")
    code, summary, err = run(capsys, "sync", "--once", "--json")
    assert code == 1 and summary["failed"] == summary["created"] + summary["failed"] > 2000
    assert "could not be written" in err
    assert any("failed with QuotaError" in line for line in CalMedi().journal_lines())
