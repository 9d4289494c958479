"""What goes into the CalMedi bundle: shared by the PyInstaller spec, the build script and the release check.

Plain Python with no PyInstaller import, so that the fast tests can check it without building anything.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_DIR = ROOT / "calmedi_desktop"
RESOURCES_DIR = PACKAGE_DIR / "resources"
ENTRY_SCRIPT = Path(__file__).resolve().with_name("entry.py")
SPEC_FILE = Path(__file__).resolve().with_name("calmedi.spec")

APP_ID = "io.calmedi.Desktop"
APP_NAME = "CalMedi"
EXE_NAME = "calmedi"  # the command (console on Windows); the folder in dist/ has the same name
# Windows only: the same program without a console window (Start menu, autostart). Not "CalMedi": Windows file
# names ignore case, so it would be calmedi.exe itself.
GUI_EXE_NAME = "calmedi-tray"
MACOS_INFO_PLIST = ROOT / "packaging" / "macos" / "Info.plist"
ICON_SVG = RESOURCES_DIR / "icons" / "calmedi.svg"
# Platform icons rendered from ICON_SVG by packaging/build.py before PyInstaller runs (not kept in git).
BUILD_ICON_DIR = ROOT / "build" / "icons"
WINDOWS_ICON = BUILD_ICON_DIR / "calmedi.ico"
MACOS_ICON = BUILD_ICON_DIR / "calmedi.icns"

# Never in a bundle: the vendor's licence server and everything that only tests or builds use.
EXCLUDED_MODULES = [
    "calmedi_licence_server",
    "tests",
    "conftest",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "localstripe",
    "radicale",  # the CalDAV server the tests start; the app only ever talks to one
    # Radicale's dependencies, found in the build environment through optional imports the app never makes
    # (caldav's vobject_instance, icalendar's pytz time-zone provider): 600 files of pytz's zone data.
    "vobject",
    "pytz",
    "stripe",
    "starlette",
    "uvicorn",
    "jsonschema",
    "PyInstaller",
    "setuptools",
    "pip",
    "tkinter",
    "_tkinter",
    "idlelib",
    "lib2to3",
    "pydoc_data",
    "ensurepip",
    "venv",
]
# Qt modules the tray app does not use (it needs QtCore, QtGui, QtWidgets, QtNetwork; SVG icons go through the
# image-format and icon-engine plugins, which bring the QtSvg library by themselves).
EXCLUDED_QT_MODULES = [
    f"PySide6.{name}"
    for name in (
        "Qt3DCore",
        "QtBluetooth",
        "QtCharts",
        "QtConcurrent",
        "QtDataVisualization",
        "QtDBus",
        "QtDesigner",
        "QtHelp",
        "QtLabsStyleKit",
        "QtMultimedia",
        "QtNetworkAuth",
        "QtOpenGL",
        "QtOpenGLWidgets",
        "QtPdf",
        "QtPositioning",
        "QtPrintSupport",
        "QtQml",
        "QtQmlFeatures",
        "QtQuick",
        "QtQuick3D",
        "QtQuickControls2",
        "QtQuickTest",
        "QtQuickWidgets",
        "QtRemoteObjects",
        "QtSerialPort",
        "QtSql",
        "QtSvgWidgets",
        "QtTest",
        "QtUiTools",
        "QtWebEngineCore",
        "QtWebEngineWidgets",
        "QtWebSockets",
        "QtXml",
    )
]

# Qt platform plugins worth shipping: desktop sessions (X11, Wayland, macOS, Windows) and the headless ones.
_KEPT_PLATFORMS = re.compile(
    r"(libqxcb|libqwayland[-\w]*|libqoffscreen|libqminimal|libqcocoa|qwindows|qoffscreen|qminimal)\."
)
# Embedded-device integrations (framebuffer, KMS, VNC): never used on a practitioner's desktop.
_EMBEDDED_QT = re.compile(
    r"(EglFS|EglFs|eglfs|linuxfb|vnc|vkkhrdisplay|minimalegl|egldeviceintegrations)", re.IGNORECASE
)
# Qt's GTK 3 theme would drag the whole GTK stack of the build machine into the bundle (about 20 MB, and a
# classic source of clashes with the user's own GTK); the XDG desktop portal theme gives native dialogs instead.
_DROPPED_THEMES = re.compile(r"^(lib)?qgtk3\.")
# Calendar v3 is the only Google API CalMedi builds a client for (static discovery, no network); the library
# otherwise ships some 500 discovery documents (about 100 MB).
_DISCOVERY_DIR = "googleapiclient/discovery_cache/documents/"
KEPT_DISCOVERY_DOCUMENTS = {"calendar.v3.json"}
# Qt's own translations: only the languages CalMedi speaks.
_KEPT_QT_TRANSLATION = re.compile(r"^qt(base)?_(fr|en)(_[A-Za-z]+)?\.qm$")

# Resource files that are never shipped even if they sit in resources/ (editor and OS droppings, caches).
_JUNK_NAMES = re.compile(r"(^\.|~$|\.pyc$|\.orig$|\.rej$|\.swp$|^Thumbs\.db$|^__pycache__$)")

# A dotted module name or a file path belongs to tests if one of its parts is named like a test suite. Not
# "testing": libraries import such helpers at run time (pyparsing/__init__ imports pyparsing.testing).
_TEST_PART = re.compile(r"^(tests?|conftest|test_.+|.+_tests?)(\.py[cdo]?)?$")


def version() -> str:
    """``calmedi_desktop.__version__``, read without importing the package (the one source of the version)."""
    tree = ast.parse((PACKAGE_DIR / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__version__" for t in node.targets):
            value = ast.literal_eval(node.value)
            if isinstance(value, str):
                return value
    raise RuntimeError("calmedi_desktop/__init__.py defines no __version__")


def is_test_part(name: str) -> bool:
    return bool(_TEST_PART.match(name))


def is_test_module(dotted: str) -> bool:
    return any(is_test_part(part) for part in dotted.split("."))


def is_junk(name: str) -> bool:
    return bool(_JUNK_NAMES.search(name))


def resource_files() -> list[Path]:
    """Every file of ``calmedi_desktop/resources`` that ships (the whole tree, minus junk)."""
    files = []
    for path in sorted(RESOURCES_DIR.rglob("*")):
        rel = path.relative_to(RESOURCES_DIR)
        if path.is_file() and not any(is_junk(part) for part in rel.parts):
            files.append(path)
    return files


def resource_datas() -> list[tuple[str, str]]:
    """PyInstaller ``datas`` entries: (source file, destination folder inside the bundle)."""
    return [(str(path), str(PurePosixPath(path.parent.relative_to(ROOT).as_posix()))) for path in resource_files()]


def missing_translations() -> list[Path]:
    """The ``.ts`` sources of resources/i18n that have no compiled ``.qm`` beside them (compiled at build time)."""
    i18n = RESOURCES_DIR / "i18n"
    return [ts for ts in sorted(i18n.glob("*.ts")) if not ts.with_suffix(".qm").exists()] if i18n.is_dir() else []


def _qt_rel_path(dest: str) -> str | None:
    """The part of a bundle destination below Qt's prefix (``plugins/…``), or None when it is not a Qt file."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if len(parts) >= 2 and parts[0] == "PySide6" and parts[1] == "Qt":  # Linux and macOS wheels
        return "/".join(parts[2:])
    if len(parts) >= 2 and parts[0] == "PySide6" and parts[1] in ("plugins", "translations"):  # Windows wheels
        return "/".join(parts[1:])
    return None


def keep_file(dest: str) -> bool:
    """Whether a collected file (binary or data, by its destination in the bundle) belongs in the bundle."""
    posix = dest.replace("\\", "/")
    name = PurePosixPath(posix).name
    if posix.startswith(_DISCOVERY_DIR):
        return name in KEPT_DISCOVERY_DOCUMENTS
    rel = _qt_rel_path(posix)
    if rel is None:  # Windows keeps the Qt DLLs beside the bindings
        return not (name.startswith(("libQt6", "Qt6")) and _EMBEDDED_QT.search(name))
    if rel.startswith("plugins/platforms/"):
        return bool(_KEPT_PLATFORMS.match(name))
    if rel.startswith("plugins/platformthemes/"):
        return not _DROPPED_THEMES.match(name)
    if rel.startswith("translations/"):
        return bool(_KEPT_QT_TRANSLATION.match(name))
    return not _EMBEDDED_QT.search(rel)


def orphans(
    binaries: Iterable[tuple[str, str, str]],
    dropped_sources: Iterable[str],
    closure: Callable[[str], set[str]],
) -> set[str]:
    """Shared libraries (by destination) that only dropped files needed.

    ``closure(source)`` gives the file names of the libraries a binary loads (``ldd`` gives them all, direct or
    not; direct ones are enough, the walk below follows them). A library is an orphan when a dropped file needs
    it, directly or through other libraries, and no kept binary does.
    """
    kept = [(dest, source) for dest, source, _kind in binaries]
    source_of = {_name(dest): source for dest, source in kept}

    def reach(start: Iterable[str]) -> set[str]:
        found: set[str] = set()
        frontier, seen = list(start), set()
        while frontier:
            source = frontier.pop()
            if source in seen:
                continue
            seen.add(source)
            for lib in closure(source) - found:
                found.add(lib)
                if lib in source_of:
                    frontier.append(source_of[lib])
        return found

    suspects = reach(dropped_sources)
    needed = reach(source for dest, source in kept if _name(dest) not in suspects)
    return {dest for dest, _source in kept if _name(dest) in suspects - needed}


def _name(dest: str) -> str:
    return PurePosixPath(dest.replace("\\", "/")).name


def keep_module(dotted: str) -> bool:
    top = dotted.split(".")[0]
    if top in EXCLUDED_MODULES or dotted in EXCLUDED_QT_MODULES:
        return False
    return not is_test_module(dotted)


def filter_toc(entries: Iterable[tuple[str, str, str]], keep: Callable[[str], bool]) -> Iterator[tuple[str, str, str]]:
    """Yield the (dest, source, kind) entries for which ``keep(dest)`` holds."""
    for entry in entries:
        if keep(entry[0]):
            yield entry


def build_date() -> str:
    """The release date written into the metadata: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today."""
    import datetime as dt
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.date().isoformat()


def render(text: str, version_text: str | None = None, date: str | None = None) -> str:
    """Fill the ``@VERSION@`` and ``@DATE@`` placeholders of a packaging template."""
    rendered = text.replace("@VERSION@", version_text or version()).replace("@DATE@", date or build_date())
    leftover = re.findall(r"@[A-Z_]+@", rendered)
    if leftover:
        raise ValueError(f"unknown template placeholders: {sorted(set(leftover))}")
    return rendered
