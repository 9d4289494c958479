"""Release check of a built Linux bundle (``make release-check``; CI runs it after the tests).

    python packaging/release_check.py [dist/calmedi] [--max-size-mib N] [--max-start-s S]

Checks, each reported, the run failing if any fails:

1. contents: every file and every archive member (bundle_scan.py): no test files, no caches outside
   PyInstaller's archives, no licence server, no simulator marker patient;
2. completeness: the whole resources tree, compiled translations (Qt .qm and gettext .mo), the tray and demo
   modules, the Qt platform plugins; every shared library resolves (``ldd``);
3. it runs: ``calmedi --version`` prints the package's version (start time measured); ``calmedi --help``
   speaks French under a French locale and English otherwise (the bundled gettext catalogues); the headless demo
   self-test ``calmedi demo --headless --cycles 1 --interval 0`` exits 0 (loopback simulators, one sync); the tray
   app starts in demo mode (under Xvfb when available) and does not crash; nothing either run printed or left
   behind holds a marker, and the bundle folder is unchanged afterwards;
4. desktop integration: the staged .desktop and metainfo validate, install.sh installs into a scratch prefix
   and uninstalls cleanly (keeping the user's data).

Prints a summary (size, start time, build time) and writes it to ``dist/release-check.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE / "pyinstaller"), str(HERE)]
sys.path.append(str(HERE.parent))  # calmedi_desktop, when the environment does not have it installed
import bundle_config as cfg  # noqa: E402
import bundle_scan  # noqa: E402

REQUIRED_MODULES = (
    "calmedi_desktop.launcher",
    "calmedi_desktop.cli",
    "calmedi_desktop.ui.app",
    "calmedi_desktop.ui.tray",
    "calmedi_desktop.demo.session",
)
REQUIRED_FILES = (
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "googleapiclient/discovery_cache/documents/calendar.v3.json",
)
# Plugins a practitioner's desktop can do without: a missing system library there is a warning, not a failure.
OPTIONAL_LIBS = re.compile(
    r"PySide6/Qt/plugins/(?!platforms/libq(xcb|offscreen)\.so$|iconengines/|imageformats/libqsvg\.so$)"
)
CRASH_SIGNS = ("Traceback (most recent call last)", "Could not load the Qt platform plugin", "[PYI-")
TRAY_SECONDS = 10.0


class Report:
    def __init__(self) -> None:
        self.passed = 0
        self.failures: list[str] = []
        self.warnings: list[str] = []
        self.facts: dict[str, object] = {}

    def check(self, ok: bool, what: str, detail: str = "") -> bool:
        print(f"{'ok  ' if ok else 'FAIL'} {what}{f': {detail}' if detail and not ok else ''}", flush=True)
        if ok:
            self.passed += 1
        else:
            self.failures.append(f"{what}: {detail}" if detail else what)
        return ok

    def warn(self, message: str) -> None:
        print(f"warn {message}", flush=True)
        self.warnings.append(message)


def isolated_env(scratch: Path, **extra: str) -> dict[str, str]:
    """A throwaway home and no display, keyring session or CalMedi/Qt/Python setting from the caller."""
    dropped = ("CALMEDI_", "QT_", "PYTHON", "XDG_", "LD_", "VIRTUAL_ENV", "DBUS_", "DISPLAY", "WAYLAND_", "LC_")
    env = {key: value for key, value in os.environ.items() if not key.startswith(dropped)}
    home = scratch / "home"
    for sub in (".config", ".local/share", ".local/state", ".cache", "run", "tmp"):
        (home / sub).mkdir(parents=True, exist_ok=True, mode=0o700)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_STATE_HOME=str(home / ".local/state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_RUNTIME_DIR=str(home / "run"),
        TMPDIR=str(home / "tmp"),
        LANG="C.UTF-8",
    )
    env.update(extra)
    return env


def snapshot(bundle: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(bundle).as_posix(): (p.lstat().st_size, p.lstat().st_mtime_ns) for p in bundle.rglob("*")}


def scan_leftovers(report: Report, scratch: Path, what: str) -> None:
    """Whatever a run left in its scratch home must hold no marker."""
    leaks = [
        f"{path.relative_to(scratch)} ({', '.join(sorted(found))})"
        for path in scratch.rglob("*")
        if path.is_file() and not path.is_symlink() and (found := bundle_scan.text_markers(path.read_bytes()))
    ]
    report.check(not leaks, f"{what}: no marker in the files it left", "; ".join(leaks[:5]))


def check_contents(report: Report, bundle: Path) -> None:
    started = time.monotonic()
    findings, counts = bundle_scan.scan(bundle)
    report.facts["scan"] = {**counts, "seconds": round(time.monotonic() - started, 1)}
    for rule, title in (
        ("test", "no test files or test tools"),
        ("cache", "no caches outside PyInstaller's archives"),
        ("licence-server", "no licence server"),
        ("marker", "no simulator marker patient in any file or archive member"),
    ):
        hits = [f"{f.where} ({f.detail})" for f in findings if f.rule == rule]
        report.check(not hits, title, "; ".join(hits[:8]) + (f" … and {len(hits) - 8} more" if len(hits) > 8 else ""))
    report.check(counts["modules"] > 0, "PyInstaller archive read", "no PYZ module found in the executable")


def check_complete(report: Report, bundle: Path) -> None:
    internal = bundle / "_internal"
    modules = bundle_scan.pyz_modules(bundle)
    missing = [m for m in REQUIRED_MODULES if m not in modules]
    report.check(not missing, "tray, CLI and demo modules bundled", ", ".join(missing))
    shipped = internal / "calmedi_desktop" / "resources"
    absent = [
        str(p.relative_to(cfg.RESOURCES_DIR))
        for p in cfg.resource_files()
        if not (shipped / p.relative_to(cfg.RESOURCES_DIR)).is_file()
    ]
    report.check(not absent, "the whole resources tree", ", ".join(absent))
    ts = sorted((cfg.RESOURCES_DIR / "i18n").glob("*.ts")) if (cfg.RESOURCES_DIR / "i18n").is_dir() else []
    no_qm = [t.stem for t in ts if not (shipped / "i18n" / f"{t.stem}.qm").is_file()]
    report.check(not no_qm, f"compiled translations ({len(ts)} .ts)", ", ".join(no_qm))
    po = sorted((cfg.RESOURCES_DIR / "locale").glob("*/LC_MESSAGES/*.po"))
    no_mo = [
        str(p.relative_to(cfg.RESOURCES_DIR))
        for p in po
        if not (shipped / p.relative_to(cfg.RESOURCES_DIR)).with_suffix(".mo").is_file()
    ]
    report.check(bool(po) and not no_mo, f"compiled core catalogues ({len(po)} .po)", ", ".join(no_mo) or "none found")
    lacking = [f for f in REQUIRED_FILES if not (internal / f).is_file()]
    report.check(not lacking, "Qt platform plugins, SVG support, Calendar discovery document", ", ".join(lacking))
    if shutil.which("ldd"):
        broken, optional = [], []
        for path, missing_libs in unresolved_libraries(bundle):
            rel = path.relative_to(internal).as_posix() if path.is_relative_to(internal) else path.name
            (optional if OPTIONAL_LIBS.match(rel) else broken).append(f"{rel} needs {', '.join(missing_libs)}")
        report.check(not broken, "every shared library resolves", "; ".join(broken[:5]))
        for line in optional:
            report.warn(f"optional Qt plugin will not load on a machine like this one: {line}")


def unresolved_libraries(bundle: Path) -> Iterator[tuple[Path, list[str]]]:
    internal = bundle / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"}
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.open("rb").read(4) == b"\x7fELF":
            out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env, check=False).stdout
            missing = [line.split()[0] for line in out.splitlines() if "not found" in line]
            if missing:
                yield path, missing


def check_version(report: Report, exe: Path, scratch: Path, runs: int = 5) -> None:
    env = isolated_env(scratch)
    times, outputs = [], []
    for _ in range(runs + 1):
        started = time.perf_counter()
        proc = subprocess.run([str(exe), "--version"], capture_output=True, text=True, env=env, timeout=60, check=False)
        times.append(time.perf_counter() - started)
        outputs.append((proc.returncode, proc.stdout.strip(), proc.stderr.strip()))
    expected = f"calmedi {cfg.version()}"
    bad = [o for o in outputs if o[:2] != (0, expected)]
    report.check(not bad, f"`calmedi --version` prints {expected!r}", repr(bad[:1]))
    report.facts["start_seconds"] = {"first": round(times[0], 3), "median": round(statistics.median(times[1:]), 3)}


def check_languages(report: Report, exe: Path, scratch: Path) -> None:
    """The bundled gettext catalogues speak: ``calmedi --help`` in French for a French locale, else English."""
    from calmedi_desktop.i18n import tr

    for lang, language in (("fr_FR.UTF-8", "fr"), ("en_GB.UTF-8", "en"), ("C.UTF-8", "en")):
        env = isolated_env(scratch, LANG=lang)
        proc = subprocess.run([str(exe), "--help"], capture_output=True, text=True, env=env, timeout=60, check=False)
        expected = " ".join(tr("cli.description", language).split())
        report.check(
            proc.returncode == 0 and expected in " ".join(proc.stdout.split()),
            f"`calmedi --help` under LANG={lang} speaks {language}",
            f"exit {proc.returncode}: {proc.stdout[:160]!r}",
        )


def check_demo(report: Report, exe: Path, scratch: Path) -> None:
    env = isolated_env(scratch)
    command = [str(exe), "demo", "--headless", "--cycles", "1", "--interval", "0"]
    started = time.perf_counter()
    try:
        proc = subprocess.run(command, capture_output=True, text=True, env=env, timeout=180, check=False)
    except subprocess.TimeoutExpired:
        report.check(False, "headless demo self-test", "no exit within 180 s")
        return
    report.facts["demo_seconds"] = round(time.perf_counter() - started, 2)
    tail = " | ".join(line for line in proc.stderr.strip().splitlines()[-4:] if "[PYI-" not in line)
    report.check(
        proc.returncode == 0 and bool(proc.stdout.strip()),
        "headless demo self-test (one sync, exit 0)",
        f"exit {proc.returncode}: {tail}",
    )
    report.facts["demo_output"] = proc.stdout.strip().splitlines()[-1:] or []
    leaked = bundle_scan.text_markers(proc.stdout + proc.stderr)
    report.check(not leaked, "headless demo printed no marker", ", ".join(sorted(leaked)))
    scan_leftovers(report, scratch, "headless demo")


def check_tray(report: Report, exe: Path, scratch: Path) -> None:
    """The tray app in demo mode must come up and keep running (the GUI half of the bundle: Qt and its plugins)."""
    xvfb = shutil.which("xvfb-run")
    if xvfb:
        platform = "xcb"
        env = isolated_env(scratch, QT_QPA_PLATFORM=platform, QT_DEBUG_PLUGINS="1")
        command = [xvfb, "-a", "-s", "-screen 0 1280x800x24", str(exe), "--demo"]
    else:  # offscreen Qt; the demo picks the tray only when it believes a display exists
        platform = "offscreen"
        env = isolated_env(scratch, QT_QPA_PLATFORM=platform, QT_DEBUG_PLUGINS="1", WAYLAND_DISPLAY="release-check")
        command = [str(exe), "--demo"]
    log = scratch / "tray.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        try:
            code = proc.wait(timeout=TRAY_SECONDS)
        except subprocess.TimeoutExpired:
            code = None
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    text = log.read_text(encoding="utf-8", errors="replace")
    crashed = [sign for sign in CRASH_SIGNS if sign in text]
    alive = code is None or code == 0
    report.check(
        alive and not crashed,
        f"tray app runs in demo mode for {TRAY_SECONDS:.0f} s ({platform})",
        f"exit {code}; {crashed}; {text.strip().splitlines()[-3:]}",
    )
    # Qt's plugin log proves the app got as far as a QApplication and an SVG icon, with the bundle's own plugins.
    plugins = exe.parent / "_internal" / "PySide6" / "Qt" / "plugins"
    wanted = [plugins / "platforms" / f"libq{platform}.so", plugins / "iconengines" / "libqsvgicon.so"]
    unloaded = [p.name for p in wanted if f'"{p}" loaded library' not in text]
    report.check(not unloaded, "tray app loaded its platform and SVG icon plugins from the bundle", ", ".join(unloaded))
    leaked = bundle_scan.text_markers(text)
    report.check(not leaked, "tray demo printed no marker", ", ".join(sorted(leaked)))
    log.unlink()
    scan_leftovers(report, scratch, "tray demo")


def check_desktop_files(report: Report, bundle: Path) -> None:
    share = bundle / "share"
    desktop = share / "applications" / f"{cfg.APP_ID}.desktop"
    metainfo = share / "metainfo" / f"{cfg.APP_ID}.metainfo.xml"
    icon = share / "icons" / "hicolor" / "scalable" / "apps" / f"{cfg.APP_ID}.svg"
    report.check(desktop.is_file() and metainfo.is_file() and icon.is_file(), "desktop integration staged in share/")
    if not metainfo.is_file():
        return
    releases = [r.get("version") for r in ET.parse(metainfo).getroot().iter("release")]
    report.check(releases[:1] == [cfg.version()], "metainfo release is calmedi_desktop.__version__", repr(releases))
    for tool, args, path in (
        ("desktop-file-validate", [], desktop),
        ("appstreamcli", ["validate", "--no-net"], metainfo),
    ):
        if shutil.which(tool) is None:
            report.warn(f"{tool} is not installed: {path.name} not validated (scripts/bootstrap installs it)")
            continue
        proc = subprocess.run([tool, *args, str(path)], capture_output=True, text=True, check=False)
        report.check(proc.returncode == 0, f"{tool} accepts {path.name}", (proc.stdout + proc.stderr).strip())


def check_install_script(report: Report, bundle: Path, scratch: Path) -> None:
    prefix = scratch / "prefix"
    env = isolated_env(scratch, PREFIX=str(prefix))
    home = Path(env["HOME"])
    data = home / ".config" / "calmedi" / "settings.json"  # stands for the user's data, which must survive
    data.parent.mkdir(parents=True)
    data.write_text("{}")
    proc = subprocess.run([str(bundle / "install.sh")], capture_output=True, text=True, env=env, check=False)
    installed = prefix / "lib" / "calmedi" / "calmedi"
    entry = prefix / "share" / "applications" / f"{cfg.APP_ID}.desktop"
    exec_ok = entry.is_file() and f'Exec="{installed}"' in entry.read_text().splitlines()
    report.check(
        proc.returncode == 0 and installed.is_file() and exec_ok,
        "install.sh installs into a prefix",
        (proc.stdout + proc.stderr).strip(),
    )
    linked = subprocess.run(
        [str(prefix / "bin" / "calmedi"), "--version"], capture_output=True, text=True, env=env, check=False, timeout=60
    )
    report.check(linked.stdout.strip() == f"calmedi {cfg.version()}", "installed `calmedi` runs through its link")
    autostart = home / ".config" / "autostart" / f"{cfg.APP_ID}.desktop"
    autostart.parent.mkdir(parents=True, exist_ok=True)
    autostart.write_text("[Desktop Entry]\n")
    proc = subprocess.run(
        [str(prefix / "lib" / "calmedi" / "install.sh"), "--uninstall"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    shared_caches = {"mimeinfo.cache", "icon-theme.cache"}  # the desktop's own indexes, shared by every app
    left = [
        p.relative_to(scratch).as_posix()
        for p in (*prefix.rglob("*"), autostart)
        if (p.is_file() or p.is_symlink()) and p.name not in shared_caches
    ]
    report.check(
        proc.returncode == 0 and not left,
        "install.sh --uninstall removes the program and its autostart",
        f"exit {proc.returncode}; left: {left[:5]}",
    )
    report.check(data.is_file(), "uninstall keeps the user's data (erase is a separate, explicit step)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path, default=cfg.ROOT / "dist" / cfg.EXE_NAME)
    parser.add_argument("--max-size-mib", type=float, default=250.0, help="fail above this bundle size")
    parser.add_argument("--max-start-s", type=float, default=3.0, help="fail above this median `--version` time")
    parser.add_argument("--no-tray", action="store_true", help="skip the tray start (a machine without Qt's libraries)")
    args = parser.parse_args(argv)
    bundle: Path = args.bundle.resolve()
    exe = bundle / cfg.EXE_NAME
    if not exe.is_file():
        print(f"release-check: no bundle at {bundle} (run `make bundle` first)", file=sys.stderr)
        return 1
    report = Report()
    info_file = bundle.parent / "bundle-info.json"
    info = json.loads(info_file.read_text()) if info_file.is_file() else {}
    before = snapshot(bundle)
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    report.facts.update(
        version=cfg.version(),
        bundle=str(bundle),
        bundle_mib=round(size / 2**20, 1),
        bundle_files=sum(1 for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()),
        build_seconds=info.get("build_seconds"),
        package=info.get("package"),
        package_mib=round(info["package_bytes"] / 2**20, 1) if info.get("package_bytes") else None,
    )
    check_contents(report, bundle)
    check_complete(report, bundle)
    check_desktop_files(report, bundle)
    with tempfile.TemporaryDirectory(prefix="calmedi-release-") as tmp:
        scratch = Path(tmp)
        check_version(report, exe, scratch / "version")
        check_languages(report, exe, scratch / "languages")
        check_demo(report, exe, scratch / "demo")
        if not args.no_tray:
            check_tray(report, exe, scratch / "tray")
        check_install_script(report, bundle, scratch / "install")
    changed = sorted(set(before.items()) ^ set(snapshot(bundle).items()))
    report.check(not changed, "the bundle folder is unchanged after running", repr(changed[:5]))
    report.check(
        size <= args.max_size_mib * 2**20, f"bundle size within {args.max_size_mib:.0f} MiB", f"{size / 2**20:.1f} MiB"
    )
    start = report.facts.get("start_seconds", {})
    median = start.get("median", 0.0) if isinstance(start, dict) else 0.0
    report.check(median <= args.max_start_s, f"start time within {args.max_start_s} s", f"{median} s")
    report.facts.update(failures=report.failures, warnings=report.warnings)
    (bundle.parent / "release-check.json").write_text(json.dumps(report.facts, indent=2) + "\n", encoding="utf-8")
    print_summary(report)
    return 1 if report.failures else 0


def print_summary(report: Report) -> None:
    f = report.facts
    start = f.get("start_seconds") or {}
    print("\nrelease-check summary")
    print(f"  version        {f.get('version')}")
    print(f"  bundle         {f.get('bundle_mib')} MiB, {f.get('bundle_files')} files ({f.get('bundle')})")
    if f.get("package"):
        print(f"  package        {f.get('package_mib')} MiB ({f.get('package')})")
    print(f"  build time     {f.get('build_seconds')} s")
    if isinstance(start, dict) and start:
        print(
            f"  start time     {start.get('median')} s median of `calmedi --version` (first run {start.get('first')} s)"
        )
    print(f"  demo self-test {f.get('demo_seconds')} s: {' '.join(f.get('demo_output') or [])}")  # type: ignore[arg-type]
    print(f"  scanned        {f.get('scan')}")
    for failure in report.failures:
        print(f"  FAILED         {failure}")
    # The plain closing line CI logs understand: one per check, warnings (validators not installed…) as skipped.
    print(f"release-check: {report.passed} passed, {len(report.failures)} failed, {len(report.warnings)} skipped")


if __name__ == "__main__":
    raise SystemExit(main())
