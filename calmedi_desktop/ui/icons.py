"""Tray and window icons: one SVG per state, a variant for light panels and one for dark panels.

SVG through Qt's icon engine renders sharply at every device pixel ratio (high-DPI).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPalette

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
STATES = ("idle", "syncing", "paused", "attention", "signed-out")


def dark_panel() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme != Qt.ColorScheme.Unknown:
        return scheme == Qt.ColorScheme.Dark
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def tray_icon_path(state: str, dark: bool | None = None) -> Path:
    if state not in STATES:
        raise ValueError(f"unknown tray state {state!r}")
    variant = "dark" if (dark_panel() if dark is None else dark) else "light"
    return ICON_DIR / f"tray-{state}-{variant}.svg"


def tray_icon(state: str, dark: bool | None = None) -> QIcon:
    return QIcon(str(tray_icon_path(state, dark)))


def app_icon() -> QIcon:
    return QIcon(str(ICON_DIR / "calmedi.svg"))
