"""Start at login, per platform, behind enable()/disable()/enabled (aware of frozen builds).

Linux: an XDG autostart ``.desktop`` file; macOS: a LaunchAgent plist; Windows: the Run registry key.
"""

from __future__ import annotations

import contextlib
import os
import plistlib
import sys
from pathlib import Path

from calmedi_desktop.paths import write_private

APP_ID = "io.calmedi.Desktop"


GUI_EXE = "calmedi-tray.exe"  # Windows bundle: the windowed twin of calmedi.exe (packaging/pyinstaller/calmedi.spec)


def start_command() -> list[str]:
    """The command that starts the tray app: the bundle itself when frozen (PyInstaller), else Python.

    Inside Flatpak the bundle's path exists only in the sandbox, so the host's session is told to run the app id.
    """
    flatpak_id = os.environ.get("FLATPAK_ID")
    if flatpak_id:
        return ["flatpak", "run", flatpak_id]
    if getattr(sys, "frozen", False):
        executable = Path(sys.executable)
        windowed = executable.with_name(GUI_EXE)
        if sys.platform.startswith("win") and windowed.exists():
            return [str(windowed)]
        return [str(executable)]
    return [sys.executable, "-m", "calmedi_desktop"]


def _xdg_autostart_dir() -> Path:
    # Flatpak points XDG_CONFIG_HOME into the sandbox; the session reads the host's ~/.config/autostart, which the
    # manifest shares (--filesystem=xdg-config/autostart:create).
    base = None if os.environ.get("FLATPAK_ID") else os.environ.get("XDG_CONFIG_HOME")
    return Path(base or str(Path.home() / ".config")) / "autostart"


def _linux_file() -> Path:
    return _xdg_autostart_dir() / f"{APP_ID}.desktop"


def _mac_file() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{APP_ID}.plist"


def autostart_files() -> list[Path]:
    """Every file autostart may have written (for erase)."""
    if sys.platform == "darwin":
        return [_mac_file()]
    if sys.platform.startswith("win"):
        return []
    return [_linux_file()]


class Autostart:
    @property
    def enabled(self) -> bool:
        if sys.platform.startswith("win"):
            return self._win_value() is not None
        return any(path.exists() for path in autostart_files())

    def enable(self) -> None:
        command = start_command()
        if sys.platform == "darwin":
            plist = {"Label": APP_ID, "ProgramArguments": command, "RunAtLoad": True}
            write_private(_mac_file(), plistlib.dumps(plist), tighten_parent=False)
        elif sys.platform.startswith("win"):
            self._win_set(subprocess_line(command))
        else:
            desktop = (
                "[Desktop Entry]\nType=Application\nName=CalMedi\n"
                f"Exec={desktop_exec(command)}\nIcon={APP_ID}\nX-GNOME-Autostart-enabled=true\nNoDisplay=true\n"
            )
            write_private(_linux_file(), desktop.encode("utf-8"), tighten_parent=False)

    def disable(self) -> None:
        if sys.platform.startswith("win"):
            self._win_set(None)
            return
        for path in autostart_files():
            path.unlink(missing_ok=True)

    # Windows registry, kept apart so the rest stays importable everywhere.
    _RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"

    def _win_value(self) -> str | None:  # pragma: no cover - Windows only
        import winreg  # type: ignore[import-not-found]

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, self._RUN_KEY) as key:
                return str(winreg.QueryValueEx(key, "CalMedi")[0])
        except OSError:
            return None

    def _win_set(self, value: str | None) -> None:  # pragma: no cover - Windows only
        import winreg  # type: ignore[import-not-found]

        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, self._RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
            if value is None:
                with contextlib.suppress(OSError):
                    winreg.DeleteValue(key, "CalMedi")
            else:
                winreg.SetValueEx(key, "CalMedi", 0, winreg.REG_SZ, value)


def desktop_exec(command: list[str]) -> str:
    """An Exec= value per the Desktop Entry spec: arguments with reserved characters in double quotes, with
    ``"``, `````, ``$`` and ``\\`` escaped (single quotes are not recognised there), and ``%`` doubled."""
    reserved = set(" \t\n\"'\\><~|&;$*?#()`")
    parts = []
    for arg in command:
        arg = arg.replace("%", "%%")
        if any(c in reserved for c in arg):
            escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
            arg = f'"{escaped}"'
        parts.append(arg)
    # The general string escape of desktop files applies on top of the quoting rule.
    return " ".join(parts).replace("\\", "\\\\")


def subprocess_line(command: list[str]) -> str:
    import subprocess

    return subprocess.list2cmdline(command)
