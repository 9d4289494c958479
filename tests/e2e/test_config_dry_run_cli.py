"""`calmedi config set --dry-run KEY VALUE`: how many events a change would touch, counted against both
simulators, with nothing changed; and `calmedi motives`, the visit motives by name."""

from __future__ import annotations

import json

import pytest

from calmedi_desktop.service import CalMedi
from tests.cli_run import run
from tests.e2e.conftest import Sims
from tests.e2e.presentation_kit import run_window, shown


def sync(capsys: pytest.CaptureFixture[str], *extra: str, expect: int = 0) -> dict[str, int]:
    code, summary, err = run(capsys, "sync", "--once", "--json", *extra)
    assert code == expect, err
    return dict(summary)


def test_a_dry_run_changes_nothing_and_counts_what_the_next_run_writes(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    sync(capsys)
    settings_file = app.config.path.read_bytes()
    sims.google.reset_counts()
    code, counted, err = run(capsys, "config", "set", "--dry-run", "events.colors.agendas", "4712=tomate", "--json")
    assert code == 0, err
    wanted = shown(sims.doctolib, *run_window())
    in_4712 = sum(1 for entry in wanted.values() if entry.agenda_id == 4712)
    assert counted == {
        "key": "events.colors.agendas",
        "value": {"4712": "11"},
        "dry_run": True,
        "inserts": 0,
        "updates": in_4712,
        "deletes": 0,
        "touched": in_4712,
        "held": False,
    }
    assert app.config.path.read_bytes() == settings_file, "nothing saved"
    assert sum(sims.google.counts.values()) == 0, "Google neither listed nor written"

    assert run(capsys, "config", "set", "events.colors.agendas", "4712=tomate")[0] == 0
    summary = sync(capsys)
    assert (summary["created"], summary["updated"], summary["deleted"]) == (0, in_4712, 0)


def test_the_dry_run_in_english_and_in_french(app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]) -> None:
    created = sync(capsys)["created"]
    code, text, err = run(capsys, "config", "set", "--dry-run", "events.reminders", "popup")
    assert code == 0, err
    assert text.splitlines() == [
        f"events.reminders = popup would touch {created} events in Google Calendar: 0 added, {created} updated, "
        "0 removed. Nothing was changed.",
        "To apply it: calmedi config set events.reminders popup",
    ]
    assert run(capsys, "config", "set", "ui.language", "fr")[0] == 0
    code, text, _ = run(capsys, "config", "set", "--dry-run", "events.first_of_day_minutes", "60")
    assert code == 0
    assert f"events.first_of_day_minutes = 60 toucherait {text.split()[4]} événements dans Google Agenda" in text
    assert "Rien n'a été changé." in text
    assert "Pour l'appliquer : calmedi config set events.first_of_day_minutes 60" in text
    code, text, _ = run(capsys, "config", "set", "--dry-run", "events.locations", "on")
    assert text.splitlines()[0] == (
        "events.locations = on ne changerait aucun événement dans Google Agenda. Rien n'a été changé."
    )
    assert app.config.get("events.reminders") == "default"


def test_a_dry_run_says_when_the_guard_would_hold_the_removals(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    wanted = shown(sims.doctolib, *run_window())
    sync(capsys)
    every_motive = ",".join(str(m["id"]) for motives in sims.doctolib.motives.values() for m in motives)
    code, text, _ = run(capsys, "config", "set", "--dry-run", "filters.excluded_motives", every_motive)
    assert code == 0
    assert f"{len(wanted)} removed" in text
    assert "the safety guard would hold them back until you confirm them" in text
    assert "calmedi sync --once --allow-mass-delete" in text
    code, counted, _ = run(capsys, "config", "set", "--dry-run", "filters.excluded_motives", every_motive, "--json")
    assert (counted["deletes"], counted["held"]) == (len(wanted), True)
    assert app.config.get("filters.excluded_motives") == []


def test_a_dry_run_of_a_setting_it_cannot_count_is_refused_with_the_way_to_see_it(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "config", "set", "--dry-run", "sync.past_days", "3")
    assert code == 1 and out is None
    assert "sync.past_days" in err and "calmedi sync --once --dry-run" in err
    assert app.config.get("sync.past_days") == 7
    code, _, err = run(capsys, "config", "set", "--dry-run", "events.color_new_patient", "chartreuse")
    assert code == 1 and "a colour number from 1 to 11" in err
    assert sims.doctolib.counts["appointments"] == 0
    app.pause_processing()
    code, _, err = run(capsys, "config", "set", "--dry-run", "events.locations", "off")
    assert code == 1 and "calmedi resume" in err


def test_motives_by_name_and_which_are_hidden(app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str]) -> None:
    first = sims.doctolib.motives[4711][0]
    assert run(capsys, "config", "set", "filters.excluded_motives", str(first["id"]))[0] == 0
    code, listed, err = run(capsys, "motives", "--json")
    assert code == 0, err
    offered = {m["id"] for agenda in (4711, 4712) for m in sims.doctolib.motives[agenda]}
    assert {m["id"] for m in listed} == offered
    assert [m["id"] for m in listed if m["hidden"]] == [first["id"]]
    assert next(m for m in listed if m["id"] == first["id"])["agendas"] == ["Cabinet Paris 11"]
    code, text, _ = run(capsys, "motives")
    line = next(line for line in text.splitlines() if first["name"] in line)
    assert line.split()[0] == str(first["id"])
    assert line.endswith("(Cabinet Paris 11)  — hidden (filters.excluded_motives)")
    assert json.dumps(listed, ensure_ascii=False).count("hidden") == len(listed)


@pytest.mark.parametrize(("key", "value"), [("privacy.level", "initials"), ("privacy.show_reason", "on")])
def test_a_privacy_change_is_counted_like_a_presentation_change(
    app: CalMedi, sims: Sims, capsys: pytest.CaptureFixture[str], key: str, value: str
) -> None:
    created = sync(capsys)["created"]
    code, counted, err = run(capsys, "config", "set", "--dry-run", key, value, "--json")
    assert code == 0, err
    assert 0 < counted["updates"] <= created and counted["inserts"] == counted["deletes"] == 0
    assert app.get_setting(key) in ("busy", False), "nothing saved"
    assert run(capsys, "config", "set", key, value)[0] == 0
    summary = sync(capsys)
    assert (summary["created"], summary["updated"], summary["deleted"]) == (0, counted["updates"], 0)
