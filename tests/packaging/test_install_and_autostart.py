"""The Linux install script on a fake bundle, the icon export, and autostart's command in a frozen build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from calmedi_desktop import autostart
from tests.packaging.pkgkit import PACKAGING

APP_ID = autostart.APP_ID


def fake_bundle(root: Path) -> Path:
    """What `make bundle` lays out on Linux, with a shell script standing in for the frozen executable."""
    bundle = root / "unpacked" / "calmedi"
    (bundle / "_internal").mkdir(parents=True)
    exe = bundle / "calmedi"
    exe.write_text("#!/bin/sh\necho 'calmedi 9.9.9'\n")
    exe.chmod(0o755)
    share = bundle / "share"
    (share / "applications").mkdir(parents=True)
    (share / "metainfo").mkdir()
    (share / "icons" / "hicolor" / "scalable" / "apps").mkdir(parents=True)
    shutil.copy(PACKAGING / "linux" / f"{APP_ID}.desktop", share / "applications")
    shutil.copy(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml", share / "metainfo")
    (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").write_text("<svg/>")
    shutil.copy(PACKAGING / "linux" / "install.sh", bundle / "install.sh")
    return bundle


def run(command: list[str], prefix: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PREFIX": str(prefix)}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, check=False)


def test_install_then_uninstall_leaves_only_the_users_data(tmp_path: Path, isolated_home: Path) -> None:
    bundle = fake_bundle(tmp_path)
    prefix = tmp_path / "prefix"
    data = isolated_home / ".config" / "calmedi" / "settings.json"
    data.parent.mkdir(parents=True)
    data.write_text("{}")

    proc = run([str(bundle / "install.sh")], prefix)
    assert proc.returncode == 0, proc.stderr
    installed = prefix / "lib" / "calmedi" / "calmedi"
    assert installed.is_file() and (prefix / "bin" / "calmedi").resolve() == installed
    entry = (prefix / "share" / "applications" / f"{APP_ID}.desktop").read_text()
    assert f'Exec="{installed}"' in entry.splitlines()  # absolute: the menu does not depend on PATH
    assert (prefix / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (prefix / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert "9.9.9" in proc.stdout

    autostart_file = isolated_home / ".config" / "autostart" / f"{APP_ID}.desktop"
    autostart_file.parent.mkdir(parents=True)
    autostart_file.write_text("[Desktop Entry]\n")
    proc = run([str(prefix / "lib" / "calmedi" / "install.sh"), "--uninstall"], prefix)
    assert proc.returncode == 0, proc.stderr
    left = [p for p in prefix.rglob("*") if p.is_file() or p.is_symlink()]
    left = [p for p in left if p.name not in {"mimeinfo.cache", "icon-theme.cache"}]
    assert left == [] and not autostart_file.exists()
    assert data.read_text() == "{}"  # uninstall removes the program only
    assert "calmedi erase --yes" in proc.stdout


def test_install_refuses_to_overwrite_a_folder_that_is_not_calmedi(tmp_path: Path) -> None:
    bundle = fake_bundle(tmp_path)
    prefix = tmp_path / "prefix"
    precious = prefix / "lib" / "calmedi" / "precious.txt"
    precious.parent.mkdir(parents=True)
    precious.write_text("keep me")
    proc = run([str(bundle / "install.sh")], prefix)
    assert proc.returncode == 1 and "not a CalMedi bundle" in proc.stderr
    assert precious.read_text() == "keep me"
    proc = run([str(bundle / "install.sh"), "--uninstall"], prefix)
    assert precious.read_text() == "keep me"


def test_export_icons_writes_the_hicolor_tree(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    script = PACKAGING / "linux" / "export_icons.py"
    proc = subprocess.run(
        [sys.executable, str(script), "--hicolor", str(tmp_path)], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    for size in (16, 48, 128, 512):
        png = tmp_path / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        header = png.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(header[16:20], "big") == size  # IHDR width
    assert (tmp_path / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").read_text().startswith("<svg")


# Autostart in a frozen bundle: the bundle's own command, never Python.


def test_unfrozen_autostart_runs_python(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.delenv("FLATPAK_ID", raising=False)
    assert autostart.start_command() == [sys.executable, "-m", "calmedi_desktop"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG autostart")
def test_frozen_autostart_file_starts_the_bundle(monkeypatch: pytest.MonkeyPatch, isolated_home: Path) -> None:
    exe = "/opt/CalMedi bundle/calmedi"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", exe)
    monkeypatch.delenv("FLATPAK_ID", raising=False)
    assert autostart.start_command() == [exe]
    autostart.Autostart().enable()
    entry = (isolated_home / ".config" / "autostart" / f"{APP_ID}.desktop").read_text().splitlines()
    assert f'Exec="{exe}"' in entry  # double quotes: the Desktop Entry spec has no single quotes
    assert f"Icon={APP_ID}" in entry  # the icon the bundle installs
    assert autostart.Autostart().enabled
    autostart.Autostart().disable()
    assert not autostart.Autostart().enabled


def test_frozen_windows_autostart_uses_the_windowed_twin(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                        cfg: ModuleType) -> None:  # fmt: skip
    console = tmp_path / f"{cfg.EXE_NAME}.exe"
    windowed = tmp_path / f"{cfg.GUI_EXE_NAME}.exe"
    console.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(console))
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delenv("FLATPAK_ID", raising=False)
    assert autostart.start_command() == [str(console)]  # no twin (a console-only build): still the bundle
    windowed.write_bytes(b"")
    assert autostart.start_command() == [str(windowed)]  # no console window at login
    assert windowed.name == autostart.GUI_EXE


def test_flatpak_autostart_asks_the_host_to_run_the_app(monkeypatch: pytest.MonkeyPatch, isolated_home: Path) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/app/lib/calmedi/calmedi")
    monkeypatch.setenv("FLATPAK_ID", APP_ID)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(isolated_home / ".var" / "app" / APP_ID / "config"))
    assert autostart.start_command() == ["flatpak", "run", APP_ID]
    if sys.platform.startswith("linux"):
        autostart.Autostart().enable()
        host_file = isolated_home / ".config" / "autostart" / f"{APP_ID}.desktop"  # shared by the manifest
        assert f"Exec=flatpak run {APP_ID}" in host_file.read_text().splitlines()
