"""Builds the CalMedi bundle for the platform it runs on (``make bundle``).

    python packaging/build.py [--no-archive]

Linux: ``dist/calmedi/`` (the one-folder bundle, with ``share/`` desktop integration and ``install.sh``) and
``dist/calmedi-<version>-linux-<arch>.tar.gz``. macOS: ``dist/CalMedi.app``. Windows: ``dist/calmedi/`` and,
when Inno Setup's ``iscc`` is on PATH, ``dist/CalMedi-<version>-setup.exe``. Writes ``dist/bundle-info.json``
(version, build time, sizes) for the release check.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "pyinstaller"))
import bundle_config as cfg

LINUX_DIR = cfg.ROOT / "packaging" / "linux"
WINDOWS_ISS = cfg.ROOT / "packaging" / "windows" / "calmedi.iss"
DIST = cfg.ROOT / "dist"
WORK = cfg.ROOT / "build" / "pyinstaller"


def tree_size(path: Path) -> tuple[int, int]:
    """(bytes, files) of a folder, symlinks not followed."""
    size = count = 0
    for entry in path.rglob("*"):
        if entry.is_file() and not entry.is_symlink():
            size += entry.stat().st_size
            count += 1
    return size, count


def _run(command: list[str], **kwargs: object) -> None:
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=cfg.ROOT, **kwargs)  # type: ignore[arg-type]


def _export_icons(*args: str) -> None:
    _run([sys.executable, str(LINUX_DIR / "export_icons.py"), *args])


def run_pyinstaller() -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit(
            "build: PyInstaller is not installed in this environment; install the bundle extra:\n"
            f"  {sys.executable} -m pip install -e '.[bundle]'"
        ) from None
    if sys.platform == "win32":
        _export_icons("--ico", str(cfg.WINDOWS_ICON))
    elif sys.platform == "darwin":
        _export_icons("--icns", str(cfg.MACOS_ICON))
    _run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
            str(cfg.SPEC_FILE),
        ]
    )


def stage_linux(bundle: Path) -> None:
    """Desktop integration inside the bundle: share/{applications,metainfo,icons} and install.sh."""
    share = bundle / "share"
    shutil.rmtree(share, ignore_errors=True)
    (share / "applications").mkdir(parents=True)
    (share / "metainfo").mkdir(parents=True)
    shutil.copyfile(LINUX_DIR / f"{cfg.APP_ID}.desktop", share / "applications" / f"{cfg.APP_ID}.desktop")
    metainfo = (LINUX_DIR / f"{cfg.APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    (share / "metainfo" / f"{cfg.APP_ID}.metainfo.xml").write_text(cfg.render(metainfo), encoding="utf-8")
    _export_icons("--hicolor", str(share / "icons"))
    installer = bundle / "install.sh"
    shutil.copyfile(LINUX_DIR / "install.sh", installer)
    installer.chmod(0o755)


def archive_linux(bundle: Path) -> Path:
    machine = platform.machine().lower() or "unknown"
    target = DIST / f"calmedi-{cfg.version()}-linux-{machine}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname="calmedi")
    return target


def windows_installer(bundle: Path) -> Path | None:
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if iscc is None:
        print("build: Inno Setup (iscc) not on PATH: no installer, the folder dist/calmedi is the bundle")
        return None
    _run([iscc, f"/DAppVersion={cfg.version()}", f"/DSourceDir={bundle}", f"/O{DIST}", str(WINDOWS_ISS)])
    return DIST / f"CalMedi-{cfg.version()}-setup.exe"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-archive", action="store_true", help="Linux: skip the .tar.gz")
    args = parser.parse_args(argv)
    os.chdir(cfg.ROOT)
    started = time.monotonic()
    run_pyinstaller()
    bundle = DIST / (f"{cfg.APP_NAME}.app" if sys.platform == "darwin" else cfg.EXE_NAME)
    package: Path | None = None
    if sys.platform.startswith("linux"):
        stage_linux(bundle)
        if not args.no_archive:
            package = archive_linux(bundle)
    elif sys.platform == "win32":
        package = windows_installer(bundle)
    build_s = time.monotonic() - started
    size, files = tree_size(bundle)
    info = {
        "version": cfg.version(),
        "platform": sys.platform,
        "bundle": str(bundle.relative_to(cfg.ROOT)),
        "bundle_bytes": size,
        "bundle_files": files,
        "package": str(package.relative_to(cfg.ROOT)) if package else None,
        "package_bytes": package.stat().st_size if package else None,
        "build_seconds": round(build_s, 1),
    }
    (DIST / "bundle-info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    print(f"build: {bundle.relative_to(cfg.ROOT)}: {size / 2**20:.1f} MiB in {files} files, built in {build_s:.0f} s")
    if package:
        print(f"build: {package.relative_to(cfg.ROOT)}: {package.stat().st_size / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
