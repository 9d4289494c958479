"""What the PyInstaller spec puts in the bundle, and the one source of the version."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

import calmedi_desktop
from calmedi_desktop import cli
from tests.packaging.pkgkit import PACKAGING, ROOT


def test_version_has_one_source(cfg: ModuleType) -> None:
    assert cfg.version() == calmedi_desktop.__version__
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" not in pyproject["project"] and "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "calmedi_desktop.__version__"}
    # No packaging file carries a copy that could drift: they are templates or are told the version at build time.
    copies = [
        str(path.relative_to(ROOT))
        for path in PACKAGING.rglob("*")
        if path.is_file() and path.suffix != ".pyc" and calmedi_desktop.__version__ in path.read_text(errors="ignore")
    ]
    assert not copies


def test_calmedi_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"calmedi {calmedi_desktop.__version__}"


def test_python_m_calmedi_desktop_version_runs_the_cli() -> None:
    """The frozen entry point and ``python -m calmedi_desktop`` both go through launcher.main (which runs cli.main)."""
    proc = subprocess.run(
        [sys.executable, "-m", "calmedi_desktop", "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"calmedi {calmedi_desktop.__version__}"
    entry = (PACKAGING / "pyinstaller" / "entry.py").read_text()
    assert "from calmedi_desktop.launcher import main" in entry and "raise SystemExit(main())" in entry


def test_render_fills_placeholders_and_refuses_unknown_ones(cfg: ModuleType) -> None:
    assert cfg.render("v=@VERSION@ d=@DATE@", date="2025-02-03") == f"v={calmedi_desktop.__version__} d=2025-02-03"
    with pytest.raises(ValueError, match="@VERSOIN@"):
        cfg.render("@VERSOIN@")


def test_spec_references_only_things_that_exist(cfg: ModuleType) -> None:
    spec = cfg.SPEC_FILE.read_text(encoding="utf-8")
    ast.parse(spec)  # valid Python
    names = set(re.findall(r"\bcfg\.([A-Za-z_]+)", spec))
    assert names and not [name for name in names if not hasattr(cfg, name)]
    for path in (cfg.ENTRY_SCRIPT, cfg.SPEC_FILE, cfg.MACOS_INFO_PLIST, cfg.ICON_SVG, cfg.RESOURCES_DIR):
        assert path.exists(), path
    assert cfg.ENTRY_SCRIPT.parent == cfg.SPEC_FILE.parent


def test_build_script_references_files_that_exist(build: ModuleType, cfg: ModuleType) -> None:
    for path in (
        build.LINUX_DIR / f"{cfg.APP_ID}.desktop",
        build.LINUX_DIR / f"{cfg.APP_ID}.metainfo.xml",
        build.LINUX_DIR / "install.sh",
        build.LINUX_DIR / "export_icons.py",
        build.WINDOWS_ISS,
    ):
        assert path.is_file(), path


def test_the_whole_resources_tree_ships(cfg: ModuleType) -> None:
    datas = cfg.resource_datas()
    shipped = {Path(src).relative_to(cfg.RESOURCES_DIR).as_posix() for src, _dest in datas}
    for needed in ("google_client.json", "licence_public_key.pem", "privacy-policy.en.md", "privacy-policy.fr.md",
                   "icons/calmedi.svg"):  # fmt: skip
        assert needed in shipped
    on_disk = {
        p.relative_to(cfg.RESOURCES_DIR).as_posix()
        for p in cfg.RESOURCES_DIR.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")
    }
    assert on_disk <= shipped
    for src, dest in datas:
        assert Path(src).is_file()
        assert dest == Path(src).parent.relative_to(ROOT).as_posix()  # same place as in the source tree


def test_junk_in_resources_is_not_shipped(cfg: ModuleType) -> None:
    for junk in (".DS_Store", "notes.md~", "x.pyc", "__pycache__", ".hidden"):
        assert cfg.is_junk(junk), junk
    assert not cfg.is_junk("privacy-policy.fr.md")


@pytest.mark.parametrize(
    ("module", "kept"),
    [
        ("calmedi_desktop.demo.patients", True),
        ("calmedi_desktop.ui.app", True),
        ("pyparsing.testing", True),  # imported by pyparsing itself at run time
        ("unittest.mock", True),
        ("calmedi_licence_server.app", False),
        ("tests.e2e.test_leaks", False),
        ("icalendar.tests.test_icalendar", False),
        ("foo.test_bar", False),
        ("foo.conftest", False),
        ("_pytest.python", False),
        ("hypothesis.strategies", False),
        ("stripe", False),
        ("radicale.app", False),  # the tests' CalDAV server
        ("caldav.davclient", True),
        ("vobject.icalendar", False),  # only there through Radicale; caldav imports it optionally
        ("pytz", False),  # icalendar's optional provider: CalMedi uses zoneinfo
        ("PySide6.QtQml", False),
        ("PySide6.QtWidgets", True),
    ],
)
def test_module_selection(cfg: ModuleType, module: str, kept: bool) -> None:
    assert cfg.keep_module(module) is kept


def test_no_module_of_the_app_is_mistaken_for_a_test(cfg: ModuleType) -> None:
    package = ROOT / "calmedi_desktop"
    modules = [".".join(p.relative_to(ROOT).with_suffix("").parts) for p in package.rglob("*.py")]
    assert len(modules) > 20
    assert [m for m in modules if not cfg.keep_module(m.removesuffix(".__init__"))] == []


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("googleapiclient/discovery_cache/documents/calendar.v3.json", True),
        ("googleapiclient/discovery_cache/documents/drive.v3.json", False),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqlinuxfb.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/plugins/platforms/qwindows.dll", True),  # Windows wheels have no Qt/ level
        ("PySide6/plugins/platforms/qdirect2d.dll", False),
        ("PySide6/translations/qtbase_de.qm", False),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so", False),
        ("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", False),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/translations/qtbase_fr.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qtwebengine_fr.qm", False),
        ("calmedi_desktop/resources/icons/calmedi.svg", True),
        ("libgtk-3.so.0", True),  # only dropped as an orphan, never by name
    ],
)
def test_file_selection(cfg: ModuleType, dest: str, kept: bool) -> None:
    assert cfg.keep_file(dest) is kept


def test_orphans_are_libraries_only_dropped_files_needed(cfg: ModuleType) -> None:
    closures = {
        "/qt/libqgtk3.so": {"libgtk-3.so.0", "libglib-2.0.so.0", "libQt6Gui.so.6"},
        "/lib/libgtk-3.so.0": {"libglib-2.0.so.0"},
        "/lib/libglib-2.0.so.0": set(),
        "/qt/libQt6Gui.so.6": {"libglib-2.0.so.0"},  # kept, and needs glib: glib stays
        "/qt/libqxcb.so": {"libQt6Gui.so.6"},
    }
    binaries = [
        ("libgtk-3.so.0", "/lib/libgtk-3.so.0", "BINARY"),
        ("libglib-2.0.so.0", "/lib/libglib-2.0.so.0", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/qt/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/qt/libqxcb.so", "BINARY"),
    ]
    assert cfg.orphans(binaries, ["/qt/libqgtk3.so"], closures.__getitem__) == {"libgtk-3.so.0"}


def test_missing_translations_are_the_ts_without_qm(cfg: ModuleType, monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:  # fmt: skip
    (tmp_path / "i18n").mkdir()
    for name in ("calmedi_fr.ts", "calmedi_fr.qm", "calmedi_de.ts"):
        (tmp_path / "i18n" / name).write_text("")
    monkeypatch.setattr(cfg, "RESOURCES_DIR", tmp_path)
    assert [p.name for p in cfg.missing_translations()] == ["calmedi_de.ts"]


def test_windows_executables_do_not_collide_on_a_case_insensitive_disk(cfg: ModuleType) -> None:
    names = [cfg.EXE_NAME, cfg.GUI_EXE_NAME]
    assert len({name.casefold() for name in names}) == len(names)
    spec = cfg.SPEC_FILE.read_text(encoding="utf-8")
    assert "name=cfg.EXE_NAME, console=True" in spec and "name=cfg.GUI_EXE_NAME, console=False" in spec
