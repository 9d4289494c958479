"""What is shown, end to end: excluded visit motives and unconfirmed appointments come and go through the plan
and the mass-deletion guard; and the `calmedi config` command for these settings."""

from __future__ import annotations

from collections import Counter

import pytest

from calmedi_desktop.service import CalMedi
from tests.cli_run import run
from tests.e2e.conftest import Sims
from tests.e2e.presentation_kit import held_by_google, run_window, shown


def sync(capsys: pytest.CaptureFixture[str], *extra: str, expect: int = 0) -> dict[str, int]:
    code, summary, err = run(capsys, "sync", "--once", "--json", *extra)
    assert code == expect, err
    return dict(summary)


def test_an_excluded_motive_is_removed_then_comes_back(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    wanted = shown(sims.doctolib, *run_window())
    sync(capsys)
    calendar_id = app.config.get("google.calendar_id")
    per_motive = Counter(entry.item.visit_motive_id for entry in wanted.values())
    motive, count = next((m, n) for m, n in per_motive.most_common() if 2 <= n < len(wanted) / 2)
    hidden = {eid for eid, entry in wanted.items() if entry.item.visit_motive_id == motive}

    assert run(capsys, "config", "set", "filters.excluded_motives", str(motive))[0] == 0
    summary = sync(capsys)
    assert (summary["deleted"], summary["created"], summary["updated"], summary["held_deletes"]) == (count, 0, 0, 0)
    assert held_by_google(sims.google, calendar_id).keys() == wanted.keys() - hidden

    assert run(capsys, "config", "set", "filters.excluded_motives", "none")[0] == 0
    summary = sync(capsys)
    assert (summary["updated"], summary["created"], summary["deleted"]) == (count, 0, 0)  # restored, same ids
    assert held_by_google(sims.google, calendar_id).keys() == wanted.keys()


def test_excluding_most_motives_is_held_by_the_guard_until_confirmed(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    wanted = shown(sims.doctolib, *run_window())
    sync(capsys)
    calendar_id = app.config.get("google.calendar_id")
    every_motive = sorted({m["id"] for motives in sims.doctolib.motives.values() for m in motives})
    assert run(capsys, "config", "set", "filters.excluded_motives", ",".join(map(str, every_motive)))[0] == 0
    summary = sync(capsys, expect=3)
    assert summary["held_deletes"] == len(wanted) and summary["deleted"] == 0
    assert held_by_google(sims.google, calendar_id).keys() == wanted.keys()
    summary = sync(capsys, "--allow-mass-delete")
    assert summary["deleted"] == len(wanted)
    assert held_by_google(sims.google, calendar_id) == {}


def test_unconfirmed_appointments_are_tentative_or_hidden(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    wanted = shown(sims.doctolib, *run_window())
    awaiting = {eid for eid, entry in wanted.items() if entry.awaiting}
    assert 0 < len(awaiting) < len(wanted) / 2
    sync(capsys)
    calendar_id = app.config.get("google.calendar_id")
    events = held_by_google(sims.google, calendar_id)
    assert {eid for eid, e in events.items() if e["status"] == "tentative"} == awaiting

    assert run(capsys, "config", "set", "filters.show_unconfirmed", "no")[0] == 0
    assert sync(capsys)["deleted"] == len(awaiting)
    events = held_by_google(sims.google, calendar_id)
    assert events.keys() == wanted.keys() - awaiting
    assert {e["status"] for e in events.values()} == {"confirmed"}

    assert run(capsys, "config", "set", "filters.show_unconfirmed", "yes")[0] == 0
    assert sync(capsys)["updated"] == len(awaiting)
    events = held_by_google(sims.google, calendar_id)
    assert {eid for eid, e in events.items() if e["status"] == "tentative"} == awaiting


def test_config_reads_back_what_it_takes(app: CalMedi, capsys: pytest.CaptureFixture[str]) -> None:
    code, text, _ = run(capsys, "config", "set", "events.colors.agendas", "4711=tomato, 4712=2")
    assert code == 0 and text.strip() == "events.colors.agendas = 4711=11,4712=2"
    assert run(capsys, "config", "get", "events.colors.agendas")[1].strip() == "4711=11,4712=2"
    assert run(capsys, "config", "get", "events.colors.agendas", "--json")[1] == {
        "events.colors.agendas": {"4711": "11", "4712": "2"}
    }
    assert run(capsys, "config", "set", "events.reminder_minutes", "60,10")[0] == 0
    assert run(capsys, "config", "get", "events.reminder_minutes")[1].strip() == "60,10"
    listed = run(capsys, "config", "list")[1]
    assert "events.reminder_minutes: 60,10\n" in listed and "filters.excluded_motives: \n" in listed
    assert run(capsys, "config", "list", "--json")[1]["filters.show_unconfirmed"] is True
    assert "filters.show_unconfirmed: on\n" in listed and "privacy.show_reason: off\n" in listed
    code, text, _ = run(capsys, "config", "set", "events.locations", "non")
    assert code == 0 and text.strip() == "events.locations = off"


def test_every_setting_as_printed_sets_back_to_the_same_value(app: CalMedi, capsys: pytest.CaptureFixture[str]) -> None:
    """What `config list` prints for each setting is what `config set` takes: a user can copy a line back."""
    from calmedi_desktop.settings_schema import SETTINGS

    changed = {
        "events.colors.agendas": "4711=tomato,4712=2",
        "events.reminder_minutes": "60,10",
        "events.first_of_day_minutes": "45",
        "filters.show_unconfirmed": "off",
        "privacy.show_reason": "on",
        "calendar.color": "#7986cb",
    }
    for key, value in changed.items():
        assert run(capsys, "config", "set", key, value)[0] == 0, key
    before = run(capsys, "config", "list", "--json")[1]
    lines = run(capsys, "config", "list")[1].splitlines()
    settable = {key for key, declared in SETTINGS.items() if declared.user_settable}
    tried = set()
    for line in lines:
        key, _, printed = line.partition(": ")
        if key not in settable:
            continue
        code, _, err = run(capsys, "config", "set", key, printed)
        assert code == 0, f"{line!r}: {err}"
        tried.add(key)
    assert run(capsys, "config", "list", "--json")[1] == before
    assert {"privacy.show_reason", "events.colors.agendas", "events.first_of_day_minutes"} <= tried


@pytest.mark.parametrize(
    ("key", "value", "english", "french"),
    [
        ("events.reminders", "always", "possible values: none, default, popup", "valeurs possibles"),
        ("events.reminder_minutes", "5,10,15", "one or two numbers of minutes", "un ou deux nombres de minutes"),
        ("events.colors.agendas", "4711=violet", "a colour number from 1 to 11", "un numéro de couleur de 1 à 11"),
        ("events.color_new_patient", "rouge", "a colour number from 1 to 11", "un numéro de couleur de 1 à 11"),
        ("filters.excluded_motives", "consultation", "numbers separated by commas", "des numéros séparés"),
        ("events.first_of_day_minutes", "3000", "a number from 0 to 1440", "un nombre entre 0 et 1440"),
    ],
)
def test_bad_input_gets_one_clear_line_in_the_users_language(
    app: CalMedi,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    key: str,
    value: str,
    english: str,
    french: str,
) -> None:
    code, _, err = run(capsys, "config", "set", key, value)
    assert code == 1 and err.count("\n") == 1 and key in err and english in err, err
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    from calmedi_desktop.i18n import set_language

    set_language(None)
    code, _, err = run(capsys, "config", "set", key, value)
    assert code == 1 and err.startswith("calmedi: Réglage invalide") and french in err, err
    assert run(capsys, "config", "get", key, "--json")[1] == {key: app.config.get(key)}
