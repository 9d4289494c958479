"""The events.* and filters.* settings: validated once in settings_schema.py, readable from old settings files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from calmedi_desktop.config import Config
from calmedi_desktop.errors import InvalidSettingError
from calmedi_desktop.i18n import set_language
from calmedi_desktop.palette import EVENT_COLORS, color_id
from calmedi_desktop.paths import write_private
from calmedi_desktop.settings_schema import SETTINGS


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en")


@pytest.mark.parametrize(
    ("key", "typed", "stored"),
    [
        ("events.reminders", "popup", "popup"),
        ("events.reminders", "none", "none"),
        ("events.reminder_minutes", "10", [10]),
        ("events.reminder_minutes", "60, 10", [60, 10]),
        ("events.reminder_minutes", "0,40320", [0, 40320]),
        ("events.first_of_day_minutes", "60", 60),
        ("events.first_of_day_minutes", "none", None),
        ("events.colors.agendas", "4711=9, 4712=Tomate", {"4711": "9", "4712": "11"}),
        ("events.colors.agendas", '{"4711": "flamingo", "0042": 3}', {"4711": "4", "42": "3"}),
        ("events.colors.agendas", "none", {}),
        ("events.colors.agendas", "", {}),
        ("events.color_teleconsultation", "7", "7"),
        ("events.color_teleconsultation", "Flamant rose", "4"),
        ("events.color_new_patient", "none", None),
        ("events.locations", "off", False),
        ("filters.excluded_motives", "12, 15", [12, 15]),
        ("filters.excluded_motives", "none", []),
        ("filters.show_unconfirmed", "non", False),
    ],
)
def test_values_are_normalised_and_saved(tmp_path: Path, key: str, typed: str, stored: Any) -> None:
    path = tmp_path / "settings.json"
    assert Config(path).set(key, typed) == stored
    assert json.loads(path.read_text())["values"][key] == stored
    assert Config(path).get(key) == stored


@pytest.mark.parametrize(
    ("key", "typed", "reason"),
    [
        ("events.reminders", "sometimes", "possible values: none, default, popup"),
        ("events.reminder_minutes", "10,20,30", "one or two numbers of minutes"),
        ("events.reminder_minutes", "10,10", "not the same twice"),
        ("events.reminder_minutes", "40321", "from 0 to 40320"),
        ("events.reminder_minutes", "-5", "one or two numbers of minutes"),
        ("events.reminder_minutes", "", "one or two numbers of minutes"),
        ("events.reminder_minutes", "ten", "numbers separated by commas"),
        ("events.first_of_day_minutes", "1441", "a number from 0 to 1440"),
        ("events.first_of_day_minutes", "an hour", "a whole number"),
        ("events.colors.agendas", "4711", "agenda=colour pairs"),
        ("events.colors.agendas", "4711=purple", "“4711=purple”: a colour number from 1 to 11"),
        ("events.colors.agendas", "Paris=9", "“Paris=9”: the Doctolib agenda number must be a whole number"),
        ("events.colors.agendas", "{not json", "agenda=colour pairs"),
        ("events.colors.agendas", "[1, 2]", "agenda=colour pairs"),
        ("events.color_teleconsultation", "12", "a colour number from 1 to 11 or its name"),
        ("events.color_new_patient", "0", "a colour number from 1 to 11 or its name"),
        ("events.locations", "sometimes", "yes/no"),
        ("filters.excluded_motives", "12,abc", "numbers separated by commas"),
        ("filters.excluded_motives", "12,-1", "numbers of at least 0"),
        ("filters.show_unconfirmed", "perhaps", "yes/no"),
    ],
)
def test_bad_input_is_refused_with_the_key_and_the_reason(tmp_path: Path, key: str, typed: str, reason: str) -> None:
    config = Config(tmp_path / "settings.json")
    with pytest.raises(InvalidSettingError) as info:
        config.set(key, typed)
    assert key in info.value.message and reason in info.value.message, info.value.message
    assert not (tmp_path / "settings.json").exists()


def test_reasons_are_in_french_too(tmp_path: Path) -> None:
    set_language("fr")
    config = Config(tmp_path / "settings.json")
    with pytest.raises(InvalidSettingError) as info:
        config.set("events.colors.agendas", "4711=violet")
    assert "« 4711=violet » : un numéro de couleur de 1 à 11 ou son nom (ex. 11 ou tomate)" in info.value.message
    with pytest.raises(InvalidSettingError) as info:
        config.set("events.reminder_minutes", "5,6,7")
    assert "un ou deux nombres de minutes" in info.value.message


def test_too_many_entries_are_refused(tmp_path: Path) -> None:
    config = Config(tmp_path / "settings.json")
    with pytest.raises(InvalidSettingError) as info:
        config.set("filters.excluded_motives", ",".join(str(n) for n in range(201)))
    assert "at most 200 items" in info.value.message
    with pytest.raises(InvalidSettingError):
        config.set("events.colors.agendas", ",".join(f"{n}=1" for n in range(101)))


def test_a_settings_file_from_before_these_settings_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    write_private(path, json.dumps({"schema": 1, "values": {"privacy.level": "initials"}}).encode())
    config = Config(path)
    assert config.get("privacy.level") == "initials"
    defaults = {key: spec.default for key, spec in SETTINGS.items() if key.startswith(("events.", "filters."))}
    assert {key: config.get(key) for key in defaults} == defaults
    assert defaults["events.reminders"] == "default" and defaults["filters.show_unconfirmed"] is True


def test_an_invalid_stored_value_falls_back_to_its_default_alone(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    values = {
        "events.colors.agendas": {"4711": "99"},
        "events.reminder_minutes": ["10", True],
        "filters.excluded_motives": [12],
    }
    write_private(path, json.dumps({"schema": 1, "values": values}).encode())
    config = Config(path)
    assert config.get("events.colors.agendas") == {}
    assert config.get("events.reminder_minutes") == [10]
    assert config.get("filters.excluded_motives") == [12]


def test_a_caller_changing_a_list_changes_neither_the_default_nor_the_file(tmp_path: Path) -> None:
    config = Config(tmp_path / "settings.json")
    config.get("events.reminder_minutes").append(99)
    config.get("events.colors.agendas")["1"] = "2"
    assert config.get("events.reminder_minutes") == [10] and config.get("events.colors.agendas") == {}
    assert SETTINGS["events.reminder_minutes"].default == [10]


def test_every_palette_colour_is_named_in_both_languages() -> None:
    for number in EVENT_COLORS:
        assert color_id(number) == number and color_id(int(number)) == number
    assert color_id("BASILIC") == color_id("basil") == "10"
    assert color_id("flamant-rose") == "4"
    assert color_id("12") is None and color_id(True) is None and color_id("") is None
