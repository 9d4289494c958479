"""Exports the application icon (calmedi_desktop/resources/icons/calmedi.svg) for desktop integration.

    python packaging/linux/export_icons.py --hicolor DIR [--ico FILE] [--icns FILE]

``--hicolor DIR`` writes the freedesktop hicolor theme tree (``DIR/hicolor/scalable/apps/<app id>.svg`` and a
PNG per size in ``DIR/hicolor/<n>x<n>/apps/``); ``--ico`` and ``--icns`` write the Windows and macOS icons used by
the PyInstaller spec. Rendering goes through Qt's SVG renderer (PySide6 is already a dependency), offscreen.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "io.calmedi.Desktop"
SOURCE_SVG = ROOT / "calmedi_desktop" / "resources" / "icons" / "calmedi.svg"
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _render(size: int) -> QImage:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE_SVG))
    if not renderer.isValid():
        raise SystemExit(f"export_icons: cannot render {SOURCE_SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def _save(image: QImage, path: Path, fmt: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), fmt):
        raise SystemExit(f"export_icons: Qt could not write {path} ({fmt})")


def export_hicolor(dest: Path) -> list[Path]:
    """The hicolor tree under ``dest``; returns the files written."""
    written = []
    scalable = dest / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE_SVG, scalable)
    written.append(scalable)
    for size in HICOLOR_SIZES:
        png = dest / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        _save(_render(size), png, "PNG")
        written.append(png)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hicolor", type=Path, help="folder that receives hicolor/…")
    parser.add_argument("--ico", type=Path, help="Windows icon file to write")
    parser.add_argument("--icns", type=Path, help="macOS icon file to write")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    if args.hicolor:
        export_hicolor(args.hicolor)
    if args.ico:
        _save(_render(256), args.ico, "ICO")
    if args.icns:
        _save(_render(512), args.icns, "ICNS")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
