"""Desktop integration files: they validate, and agree with each other and with the code on names and version."""

from __future__ import annotations

import configparser
import json
import plistlib
import re
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

import calmedi_desktop
from calmedi_desktop import autostart
from tests.packaging.pkgkit import PACKAGING, ROOT

LINUX = PACKAGING / "linux"
DESKTOP = LINUX / "io.calmedi.Desktop.desktop"
METAINFO = LINUX / "io.calmedi.Desktop.metainfo.xml"
FLATPAK = LINUX / "io.calmedi.Desktop.json"
PLIST = PACKAGING / "macos" / "Info.plist"
ISS = PACKAGING / "windows" / "calmedi.iss"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_one_application_id_everywhere(cfg: ModuleType) -> None:
    assert cfg.APP_ID == autostart.APP_ID == "io.calmedi.Desktop"
    assert DESKTOP.name == f"{cfg.APP_ID}.desktop"
    assert METAINFO.name == f"{cfg.APP_ID}.metainfo.xml"
    assert json.loads(FLATPAK.read_text())["id"] == cfg.APP_ID
    assert plistlib.loads(PLIST.read_bytes())["CFBundleIdentifier"] == cfg.APP_ID


def test_desktop_entry_starts_the_console_script_with_the_app_icon(cfg: ModuleType) -> None:
    entry = desktop_entry()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert entry["Type"] == "Application"
    assert entry["Exec"] == cfg.EXE_NAME and cfg.EXE_NAME in scripts
    assert entry["Icon"] == cfg.APP_ID
    assert entry["Terminal"] == "false"
    assert "Comment[fr]" in entry and "Name" in entry


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_file_validates() -> None:
    proc = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not proc.stdout.strip(), proc.stdout  # not even a hint


def rendered_metainfo(cfg: ModuleType, tmp_path: Path) -> Path:
    target = tmp_path / METAINFO.name
    target.write_text(cfg.render(METAINFO.read_text(encoding="utf-8"), date="2025-01-31"), encoding="utf-8")
    return target


def test_metainfo_has_the_required_appstream_fields(cfg: ModuleType, tmp_path: Path) -> None:
    root = ET.parse(rendered_metainfo(cfg, tmp_path)).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    for tag in ("id", "metadata_license", "project_license", "name", "summary", "description"):
        element = root.find(tag)
        assert element is not None and ((element.text or "").strip() or len(element)), f"metainfo lacks <{tag}>"
    rating = root.find("content_rating")
    assert rating is not None and rating.get("type", "").startswith("oars-")
    assert root.findtext("id") == cfg.APP_ID
    assert root.findtext("metadata_license") in {"CC0-1.0", "FSFAP", "MIT"}  # AppStream's permissive set
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name and DESKTOP.is_file()
    assert root.findtext("provides/binary") == cfg.EXE_NAME
    assert [r.get("version") for r in root.iter("release")] == [calmedi_desktop.__version__]
    assert {c.text for c in root.iter("category")} == set(desktop_entry()["Categories"].strip(";").split(";"))


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_metainfo_validates_with_appstreamcli(cfg: ModuleType, tmp_path: Path) -> None:
    path = rendered_metainfo(cfg, tmp_path)
    proc = subprocess.run(["appstreamcli", "validate", "--no-net", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_info_plist_is_a_tray_only_app_without_its_own_version(cfg: ModuleType) -> None:
    info = plistlib.loads(PLIST.read_bytes())
    assert info["LSUIElement"] is True  # no Dock icon: a menu-bar (tray) app
    assert info["CFBundleExecutable"] == cfg.EXE_NAME
    assert info["CFBundlePackageType"] == "APPL"
    assert info["CFBundleIconFile"] == cfg.MACOS_ICON.name
    # The spec adds the version from calmedi_desktop.__version__; a copy here could only drift.
    assert not {"CFBundleShortVersionString", "CFBundleVersion"} & info.keys()


def test_flatpak_manifest_is_complete_and_asks_only_what_the_app_needs(cfg: ModuleType) -> None:
    manifest = json.loads(FLATPAK.read_text())
    assert manifest["command"] == cfg.EXE_NAME
    assert manifest["runtime"] and manifest["sdk"] and manifest["runtime-version"]
    args = set(manifest["finish-args"])
    assert {
        "--share=network",
        "--talk-name=org.freedesktop.secrets",
        "--talk-name=org.kde.StatusNotifierWatcher",
    } <= args
    assert "--filesystem=xdg-config/autostart:create" in args  # autostart.py writes there inside Flatpak
    assert not {a for a in args if a.startswith("--filesystem=") and a.split("=")[1] in {"home", "host", "host-os"}}
    (module,) = manifest["modules"]
    (source,) = module["sources"]
    assert source["type"] == "dir"
    assert (FLATPAK.parent / source["path"]).resolve() == ROOT / "dist" / cfg.EXE_NAME  # what `make bundle` builds
    commands = "\n".join(module["build-commands"])
    for needed in ("/app/bin/calmedi", "share/applications", "share/metainfo", "share/icons"):
        assert needed in commands


def test_inno_setup_script_takes_its_version_from_the_build(cfg: ModuleType) -> None:
    text = ISS.read_text(encoding="utf-8")
    assert re.search(r"^#ifndef AppVersion\s*\n\s*#error", text, re.MULTILINE)
    assert "AppVersion={#AppVersion}" in text
    assert re.search(r'^Name: "\{group\}\\\{#AppName\}"; Filename: "\{app\}\\\{#GuiExe\}"', text, re.MULTILINE)
    assert f'#define GuiExe "{cfg.GUI_EXE_NAME}.exe"' in text
    assert re.search(r'^Name: "autostart";.*Flags: unchecked', text, re.MULTILINE)  # optional, off by default


def test_installer_and_app_use_the_same_start_at_login_value(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inno's autostart task and the app's own switch write one Run value, so either can remove it."""
    written: dict[str, str] = {}

    class FakeKey:
        def __enter__(self) -> FakeKey:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

    fake = ModuleType("winreg")
    fake.HKEY_CURRENT_USER = 1  # type: ignore[attr-defined]
    fake.KEY_SET_VALUE = 2  # type: ignore[attr-defined]
    fake.REG_SZ = 1  # type: ignore[attr-defined]
    fake.OpenKey = lambda *args: FakeKey()  # type: ignore[attr-defined]
    fake.SetValueEx = lambda key, name, reserved, kind, value: written.__setitem__(name, value)  # type: ignore[attr-defined]
    monkeypatch.setitem(__import__("sys").modules, "winreg", fake)
    autostart.Autostart()._win_set('"C:\\CalMedi\\calmedi-tray.exe"')
    (name,) = written
    iss = ISS.read_text(encoding="utf-8")
    run_entry = re.search(r'^Root: HKCU; Subkey: "\{#RunKey\}";.*ValueName: "\{#AppName\}"', iss, re.MULTILINE)
    assert run_entry and '#define AppName "CalMedi"' in iss
    assert name == "CalMedi"
    assert "RegDeleteValue(HKEY_CURRENT_USER, '{#RunKey}', '{#AppName}')" in iss  # removed on uninstall too
