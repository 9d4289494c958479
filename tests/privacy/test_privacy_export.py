"""Right of access and portability: the export ZIP, its manifest, its schemas, and what it must never hold."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from calmedi_desktop.errors import DiskError, ExportExistsError, ExportRefusedError
from calmedi_desktop.paths import AppPaths
from calmedi_desktop.privacy.consent import ConsentLog
from calmedi_desktop.privacy.export import build_export
from calmedi_desktop.privacy.logs import configure_logging, log_records_since
from calmedi_desktop.privacy.retention import log_cutoff

SCHEMAS = Path(__file__).resolve().parents[2] / "docs" / "export-schema"
FILES = {
    "manifest.json",
    "profile.json",
    "accounts.json",
    "settings.json",
    "consents.json",
    "licence.json",
    "logs.jsonl",
    "README.txt",
}
MARKER = "Zéphyrin Marqueurtest"
log = logging.getLogger("calmedi_desktop.tests.export")


def _inputs(paths: AppPaths, now: datetime) -> dict[str, Any]:
    consents = ConsentLog(paths.data / "consents.json")
    consents.grant("1.0", now - timedelta(days=30))
    consents.withdraw("1.0", now - timedelta(days=2))
    return {
        "profile": {"first_name": "Marie", "last_name": "Martin", "email": "dr.martin@cabinet.fr", "phone": None},
        "accounts": {
            "google": {"connected": True, "connected_at": "2026-01-05T08:00:00+00:00"},
            "doctolib": {"connected": True, "connected_at": "2026-01-05T08:02:00+00:00", "practitioner": "Dr Martin"},
            "ics": [{"name": "Cabinet"}],
        },
        "settings": {"sync.past_days": 7, "privacy.level": "busy", "doctolib.agenda_ids": [4711], "ui.language": None},
        "consents": consents.history(),
        "licence": {"state": "active", "plan": "monthly", "expires_at": now + timedelta(days=20), "refreshed_at": None},
        "log_lines": log_records_since(paths, log_cutoff(now)),
        "app_version": "0.1.0",
        "now": now,
    }


def _read(archive: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _schema(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture
def exported(paths: AppPaths, tmp_path: Path) -> Path:
    configure_logging(paths, logging.DEBUG)
    log.info("sync: created=%d", 4)
    try:
        raise ValueError(f"bad appointment for {MARKER}")
    except ValueError:
        log.exception("sync failed")
    now = datetime.now(UTC)
    return build_export(tmp_path / "export.zip", **_inputs(paths, now))


def test_export_holds_every_file_owner_only(exported: Path) -> None:
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    with zipfile.ZipFile(exported) as zf:
        assert set(zf.namelist()) == FILES
        assert zf.testzip() is None
        assert {stat.S_IMODE(info.external_attr >> 16) for info in zf.infolist()} == {0o600}
    assert sorted(p.name for p in exported.parent.iterdir()) == ["export.zip"]  # no temporary file left


def test_manifest_lists_every_file_with_its_hash(exported: Path) -> None:
    files = _read(exported)
    manifest = json.loads(files["manifest.json"])
    assert manifest["schema_version"] == 1 and manifest["app_version"] == "0.1.0"
    listed = {entry["name"]: entry for entry in manifest["files"]}
    assert set(listed) == FILES - {"manifest.json"}
    for name, entry in listed.items():
        assert entry["sha256"] == hashlib.sha256(files[name]).hexdigest()
        assert entry["size"] == len(files[name])


def test_export_validates_against_the_published_schemas(exported: Path) -> None:
    files = _read(exported)
    for name in FILES - {"logs.jsonl", "README.txt"}:
        _schema(name.removesuffix(".json")).validate(json.loads(files[name]))
    lines = [json.loads(line) for line in files["logs.jsonl"].decode().splitlines()]
    assert {line["msg"] for line in lines} >= {"sync: created=4", "sync failed"}
    for line in lines:
        _schema("logs-line").validate(line)


def test_schemas_reject_what_the_export_must_not_hold() -> None:
    assert not _schema("profile").is_valid({"first_name": "A", "last_name": "B", "email": None, "phone": None, "x": 1})
    account = {"connected": True, "refresh_token": "x"}
    assert not _schema("accounts").is_valid({"google": account, "doctolib": {"connected": False}})
    caldav = {"connected": True, "user": "dr.martin@icloud.com", "calendar_url": None}
    assert _schema("accounts").is_valid(
        {"google": {"connected": False}, "doctolib": {"connected": True}, "caldav": caldav}
    )
    assert not _schema("accounts").is_valid(
        {"google": {"connected": False}, "doctolib": {"connected": False}, "caldav": caldav | {"password": "x"}}
    )
    assert not _schema("licence").is_valid({"state": "active", "licence_key": "x"})
    assert not _schema("settings").is_valid({"google.client_secret": "x"})
    line = {"ts": "2026-01-01T00:00:00+00:00", "level": "INFO", "logger": "x", "msg": "m"}
    assert _schema("logs-line").is_valid(line)
    assert not _schema("logs-line").is_valid({**line, "traceback": "File x, line 1"})
    assert not _schema("logs-line").is_valid({**line, "ts": "yesterday"})
    bad_hash = {"name": "README.txt", "size": 1, "sha256": "abc"}
    manifest = {"schema_version": 1, "app": "CalMedi Desktop", "app_version": "1", "created_at": line["ts"]}
    assert not _schema("manifest").is_valid({**manifest, "files": [bad_hash] * 7})


def test_contents_are_the_practitioners_and_nothing_else(exported: Path) -> None:
    files = _read(exported)
    assert json.loads(files["profile.json"])["email"] == "dr.martin@cabinet.fr"
    consents = json.loads(files["consents.json"])
    assert consents["current"] is False
    assert [e["action"] for e in consents["history"]] == ["grant", "withdraw"]
    assert json.loads(files["licence.json"])["state"] == "active"
    readme = files["README.txt"].decode()
    assert readme.index("FRANÇAIS") < readme.index("ENGLISH")
    for name in FILES:
        assert readme.count(name) >= 2, name  # explained in both languages
    everything = b"".join(files.values()).decode()
    assert MARKER not in everything and "Marqueurtest" not in everything


def test_logs_older_than_twelve_months_are_left_out(paths: AppPaths, tmp_path: Path, write_log_file) -> None:
    now = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    write_log_file("2025-11", [datetime(2025, 11, 20, tzinfo=UTC), datetime(2025, 11, 28, tzinfo=UTC)])
    write_log_file("2024-05", [datetime(2024, 5, 1, tzinfo=UTC)])
    inputs = _inputs(paths, now)
    old = {"ts": "2020-01-01T00:00:00+00:00", "level": "INFO", "logger": "x", "msg": "old"}
    inputs["log_lines"] = [*inputs["log_lines"], old]
    archive = build_export(tmp_path / "e.zip", **inputs)
    stamps = [json.loads(line)["ts"][:10] for line in _read(archive)["logs.jsonl"].decode().splitlines()]
    assert stamps == ["2025-11-28"]


def test_never_overwrites_silently(paths: AppPaths, tmp_path: Path) -> None:
    now = datetime.now(UTC)
    dest = tmp_path / "export.zip"
    dest.write_bytes(b"the practitioner's own file")
    with pytest.raises(ExportExistsError) as raised:
        build_export(dest, **_inputs(paths, now))
    assert str(dest) in raised.value.message
    assert dest.read_bytes() == b"the practitioner's own file"
    assert [p.name for p in tmp_path.iterdir()] == ["export.zip"]
    build_export(dest, **_inputs(paths, now), overwrite=True)
    assert zipfile.is_zipfile(dest)
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600


def test_a_folder_destination_gets_a_dated_name_and_keeps_its_mode(paths: AppPaths, tmp_path: Path) -> None:
    folder = tmp_path / "Documents"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    now = datetime(2026, 11, 27, 14, 5, 9, tzinfo=UTC)
    archive = build_export(folder, **_inputs(paths, now))
    assert archive == folder / "calmedi-export-20261127-140509.zip"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755  # the practitioner's folder is not ours to tighten
    with pytest.raises(ExportExistsError):
        build_export(folder, **_inputs(paths, now))
    assert [p.name for p in folder.iterdir()] == [archive.name]


def test_a_missing_folder_is_a_disk_error(paths: AppPaths, tmp_path: Path) -> None:
    with pytest.raises(DiskError):
        build_export(tmp_path / "nowhere" / "e.zip", **_inputs(paths, datetime.now(UTC)))


@pytest.mark.parametrize(
    ("document", "value"),
    [
        ("accounts", {"google": {"connected": True, "refresh_token": "x"}, "doctolib": {"connected": False}}),
        ("accounts", {"google": {"connected": True, "accessToken": "x"}, "doctolib": {"connected": False}}),
        ("licence", {"state": "active", "licenceKey": "CM-1234"}),
        ("licence", {"state": "active", "key": "CM-1234"}),
        ("licence", {"state": "active", "details": [{"password": "x"}]}),
        ("settings", {"google.client_secret": "x"}),
        ("settings", {"sync.refresh": 5}),
        ("licence", {"state": "active", "token": "opaque"}),
        ("profile", {"first_name": "ya29.a0AfH6SMBx3kQ9zYxxxxxxxx", "last_name": None, "email": None, "phone": None}),
        ("accounts", {"google": {"connected": True, "note": "1//0gAbCdEfGhIjKlMnOpQrStUv"}, "doctolib": {}}),
        ("licence", {"state": "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJjdXMifQ.c2lnbmF0dXJl"}),
        ("licence", {"state": "active", "customer": "sk_live_4eC39HqLyjWDarjtT1zdp7dc"}),
        ("licence", {"state": "Xb7kQ2mN9pR4sT6vW8yZ1aC3dE5fG7hJ9kL2mN4pQ6"}),
    ],
)
def test_refuses_anything_that_looks_like_a_secret(
    paths: AppPaths, tmp_path: Path, document: str, value: dict[str, Any]
) -> None:
    dest = tmp_path / "out"
    dest.mkdir()
    inputs = {**_inputs(paths, datetime.now(UTC)), document: value}
    with pytest.raises(ExportRefusedError) as raised:
        build_export(dest / "e.zip", **inputs)
    assert f"{document}.json" in raised.value.message
    assert list(dest.iterdir()) == []  # refused before anything was written


def test_a_secret_in_an_old_log_line_is_masked_not_exported(paths: AppPaths, tmp_path: Path) -> None:
    now = datetime.now(UTC)
    jwt = "eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.sig"
    line = {"ts": now.isoformat(), "level": "INFO", "logger": "x", "msg": f"t {jwt} p@x.fr", "extra": "dropped"}
    archive = build_export(tmp_path / "e.zip", **{**_inputs(paths, now), "log_lines": [line, "not a line"]})
    logs = _read(archive)["logs.jsonl"].decode()
    assert json.loads(logs) == {"ts": line["ts"], "level": "INFO", "logger": "x", "msg": "t <redacted> <email>"}


def test_descriptive_names_and_yes_no_flags_are_allowed(paths: AppPaths, tmp_path: Path) -> None:
    now = datetime.now(UTC)
    inputs = _inputs(paths, now)
    inputs["licence"] = {"state": "active", "refreshed_at": now, "keyring_backend": "SecretService", "key_id": "k1"}
    inputs["accounts"]["google"]["calendar"] = "c_" + "0123456789abcdef" * 4 + "@group.calendar.google.com"
    with pytest.raises(ExportRefusedError):  # "key_id" is named "key" and holds a string: refused, as documented
        build_export(tmp_path / "a.zip", **inputs)
    inputs["licence"].update(key_id=None, key_stored=True, token_expires_at=now, last_refresh_at=None)
    inputs["accounts"]["google"]["refresh_token"] = False
    archive = build_export(tmp_path / "b.zip", **inputs)
    files = _read(archive)
    licence = json.loads(files["licence.json"])
    assert licence["key_stored"] is True and licence["token_expires_at"].startswith(f"{now:%Y-%m-%d}")
    _schema("licence").validate(json.loads(files["licence.json"]))
    _schema("accounts").validate(json.loads(files["accounts.json"]))


def test_a_real_export_of_every_presentation_setting_validates(paths: AppPaths, tmp_path: Path) -> None:
    """The settings as the facade holds them (a map for the agenda colours, lists for reminders and motives)
    fit the published schema, and the README names them."""
    from calmedi_desktop.credentials import CredentialStore
    from calmedi_desktop.demo.memory_keyring import MemoryKeyring
    from calmedi_desktop.service import CalMedi

    app = CalMedi(paths, store=CredentialStore(MemoryKeyring()))
    app.set_settings(
        {
            "events.reminders": "popup",
            "events.reminder_minutes": "60,10",
            "events.first_of_day_minutes": "45",
            "events.colors.agendas": "4711=9,4712=tomato",
            "events.color_teleconsultation": "grape",
            "events.color_new_patient": "4",
            "events.locations": "off",
            "filters.excluded_motives": "12,15",
            "filters.show_unconfirmed": "no",
        }
    )
    files = _read(app.export(tmp_path / "real.zip"))
    settings = json.loads(files["settings.json"])
    _schema("settings").validate(settings)
    assert settings["events.colors.agendas"] == {"4711": "9", "4712": "11"}
    in_profile = {key for key in app.settings() if key.startswith("profile.")}  # profile.json holds them
    assert settings == {key: value for key, value in app.settings().items() if key not in in_profile}
    readme = files["README.txt"].decode("utf-8")
    assert "reminders, colours, filters of what is shown" in readme
    assert "rappels, couleurs,\n                  filtres des rendez-vous affichés" in readme
