from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from calmedi_desktop.config import Config, StateFile
from calmedi_desktop.errors import InvalidSettingError
from calmedi_desktop.i18n import set_language
from calmedi_desktop.paths import write_private
from calmedi_desktop.settings_schema import SETTINGS


def test_defaults_match_the_architecture(tmp_path: Path) -> None:
    config = Config(tmp_path / "settings.json")
    assert config.get("sync.past_days") == 7
    assert config.get("sync.future_days") == 90
    assert config.get("sync.near_interval_seconds") == 40
    assert config.get("sync.near_days") == 7
    assert config.get("sync.full_interval_minutes") == 15
    assert config.get("google.quota_per_minute") == 600
    assert config.get("privacy.level") == "busy"
    assert config.get("privacy.show_reason") is False
    assert not (tmp_path / "settings.json").exists()  # nothing written until something changes


def test_set_validates_saves_atomically_and_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "settings.json"
    config = Config(path)
    assert config.set("sync.full_interval_minutes", "20") == 20
    assert config.set("privacy.show_reason", "yes") is True
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    saved = json.loads(path.read_text())
    assert saved["schema"] == 1 and saved["values"]["sync.full_interval_minutes"] == 20
    assert Config(path).get("privacy.show_reason") is True
    assert list(path.parent.iterdir()) == [path]  # no temp file left behind


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("sync.full_interval_minutes", "4"),
        ("sync.full_interval_minutes", "61"),
        ("sync.near_interval_seconds", "29"),
        ("sync.near_interval_seconds", "five"),
        ("sync.near_days", "32"),
        ("google.quota_per_minute", "0"),
        ("google.quota_per_minute", "10001"),
        ("sync.interval_minutes", "0"),  # the old name, still understood: the error names it as typed
        ("sync.past_days", "-1"),
        ("privacy.level", "everything"),
        ("privacy.show_reason", "maybe"),
        ("sync.timezone", "Mars/Olympus"),
        ("profile.email", "not-an-email"),
        ("profile.phone", "call me"),
        ("no.such.key", "1"),
        ("google.calendar_id", "abc"),  # internal, not user-settable
    ],
)
def test_invalid_values_are_refused_with_the_key_named(tmp_path: Path, key: str, value: str) -> None:
    config = Config(tmp_path / "settings.json")
    with pytest.raises(InvalidSettingError) as info:
        config.set(key, value)
    assert key in info.value.message
    assert not (tmp_path / "settings.json").exists()


def test_error_messages_exist_in_french(tmp_path: Path) -> None:
    set_language("fr")
    with pytest.raises(InvalidSettingError) as info:
        Config(tmp_path / "s.json").set("sync.full_interval_minutes", "0")
    assert "un nombre entre 5 et 60" in info.value.message
    assert info.value.title == "Réglage invalide"


def test_unreadable_settings_are_kept_aside_not_lost(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    write_private(path, b"{not json")
    config = Config(path)
    assert config.get("sync.full_interval_minutes") == 15
    kept = list(tmp_path.glob("settings.json.unreadable-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"{not json"


def test_invalid_stored_value_falls_back_to_default(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    write_private(path, json.dumps({"schema": 1, "values": {"sync.near_days": 999}}).encode())
    assert Config(path).get("sync.near_days") == 7


@pytest.mark.parametrize(("old", "new"), [(5, 5), (2, 5), (30, 30), (999, 15)])
def test_the_old_interval_setting_becomes_the_full_interval(tmp_path: Path, old: int, new: int) -> None:
    # Before tiered sync, sync.interval_minutes (1-60) said how often the whole window was read.
    path = tmp_path / "settings.json"
    write_private(path, json.dumps({"schema": 1, "values": {"sync.interval_minutes": old}}).encode())
    config = Config(path)
    assert config.get("sync.full_interval_minutes") == new
    assert config.get("sync.interval_minutes") == new, "the old name still reads it"
    config.set("sync.interval_minutes", 45)
    saved = json.loads(path.read_text())["values"]
    assert saved == {"sync.full_interval_minutes": 45}, "saved under its new name only"
    assert "sync.interval_minutes" not in config.as_dict()


def test_every_setting_default_is_valid() -> None:
    for spec in SETTINGS.values():
        if spec.default is not None:
            assert spec.parse(spec.default) == spec.default


def test_state_file_updates_and_removes_keys(tmp_path: Path) -> None:
    state = StateFile(tmp_path / "state" / "state.json")
    state.update(last_run={"ok": True}, other=1)
    state.update(other=None)
    assert state.load() == {"last_run": {"ok": True}}
    assert stat.S_IMODE((tmp_path / "state" / "state.json").stat().st_mode) == 0o600


def test_changes_by_another_process_are_picked_up(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    tray, cli = Config(path), Config(path)
    assert tray.get("privacy.level") == "busy"
    cli.set("privacy.level", "initials")
    assert tray.get("privacy.level") == "initials"
    tray.set("sync.full_interval_minutes", 10)
    assert cli.get("privacy.level") == "initials" and cli.get("sync.full_interval_minutes") == 10


def test_none_is_a_choice_where_null_is_not_allowed(tmp_path: Path) -> None:
    config = Config(tmp_path / "settings.json")
    assert config.set("ui.notifications", "none") == "none"
    assert config.set("google.calendar_color", "none") is None


def test_the_calendar_name_and_colour_keep_their_old_google_keys(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    # A settings file written before the keys became target-neutral.
    path.write_text(
        json.dumps({"schema": 1, "values": {"google.calendar_name": "Cabinet", "google.calendar_color": "#0b8043"}})
    )
    config = Config(path)
    assert config.get("calendar.name") == config.get("google.calendar_name") == "Cabinet"
    assert config.get("calendar.color") == "#0b8043"
    assert config.set("google.calendar_name", "Cabinet Martin") == "Cabinet Martin"
    assert config.get("calendar.name") == "Cabinet Martin"
    stored = json.loads(path.read_text())["values"]
    assert stored["calendar.name"] == "Cabinet Martin" and "google.calendar_name" not in stored
    assert "google.calendar_name" not in config.as_dict() and config.as_dict()["calendar.color"] == "#0b8043"
    config.set_many({"google.calendar_color": "none", "calendar.name": "X"})
    assert (config.get("calendar.color"), config.get("google.calendar_name")) == (None, "X")


def test_the_calendar_colour_is_a_hex_colour_as_google_and_caldav_take_it(tmp_path: Path) -> None:
    config = Config(tmp_path / "settings.json")
    assert config.set("calendar.color", " #0B8043 ") == "#0b8043"
    for wrong in ("green", "#0b804", "0b8043", "#0b8043ff", "#gg8043"):
        with pytest.raises(InvalidSettingError) as refused:
            config.set("calendar.color", wrong)
        assert "#rrggbb" in str(refused.value.message)
    assert config.get("calendar.color") == "#0b8043", "a refused value changes nothing"


def test_the_destination_is_google_or_caldav_and_the_caldav_account_is_not_typed_in(tmp_path: Path) -> None:
    config = Config(tmp_path / "settings.json")
    assert config.get("sync.target") == "google"
    with pytest.raises(InvalidSettingError) as refused:
        config.set("sync.target", "outlook")
    assert "google, caldav" in refused.value.message
    for key in ("caldav.url", "caldav.user", "caldav.calendar_url", "caldav.calendar_owned"):
        with pytest.raises(InvalidSettingError):
            config.set(key, "x")  # set by `calmedi connect caldav`, after discovery
    config.set_many({"caldav.url": "https://caldav.icloud.com/", "caldav.calendar_owned": False}, internal=True)
    assert config.get("caldav.url") == "https://caldav.icloud.com/" and config.get("caldav.calendar_owned") is False
