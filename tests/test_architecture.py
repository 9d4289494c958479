"""The import rule of docs/architecture.md, read from the source (ast): every import counts, at module level,
inside a function or under ``if TYPE_CHECKING:``. No circle between modules of calmedi_desktop/, and no import
that the layers forbid. Each failure names the file, the line and the import."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import calmedi_desktop
from calmedi_desktop import api

PACKAGE_DIR = Path(calmedi_desktop.__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
PKG = "calmedi_desktop"

# Top-level modules by layer; sub-packages take their own name as layer (sync, privacy, licence, demo, ui).
TOP_LEVEL = {
    "foundation": {
        PKG,
        f"{PKG}.errors",
        f"{PKG}.i18n",
        f"{PKG}.paths",
        f"{PKG}.config",
        f"{PKG}.settings_schema",
        f"{PKG}.credentials",
        f"{PKG}.endpoints",
        f"{PKG}.loopback_server",
        f"{PKG}.oauth_loopback",
        f"{PKG}.autostart",
        f"{PKG}.palette",
    },
    "facade": {
        f"{PKG}.service",
        f"{PKG}.accounts",
        f"{PKG}.google_account",
        f"{PKG}.doctolib_account",
        f"{PKG}.ics_feeds",
        f"{PKG}.caldav_link",
        f"{PKG}.calendar_look",
        f"{PKG}.destination",
        f"{PKG}.privacy_actions",
        f"{PKG}.settings_preview",
        f"{PKG}.sync_run",
        f"{PKG}.status_text",
    },
    "api": {f"{PKG}.api"},
    "cli": {f"{PKG}.cli", f"{PKG}.cli_caldav", f"{PKG}.cli_output", f"{PKG}.cli_progress", f"{PKG}.headless"},
    "entry": {f"{PKG}.launcher", f"{PKG}.__main__"},
}
SUB_PACKAGES = ("sync", "privacy", "licence", "demo", "ui")
CORE = {"foundation", "sync", "privacy", "licence", "facade", "demo", "api"}
# Which layers each layer may import (its own always), and single modules allowed across (with the reason).
ALLOWED: dict[str, set[str]] = {
    "foundation": set(),
    "sync": {"foundation"},
    "privacy": {"foundation"},
    "licence": {"foundation"},
    "facade": {"foundation", "sync", "privacy", "licence"},
    "demo": {"foundation", "facade"},
    "api": {"foundation", "sync", "privacy", "licence", "facade", "demo"},
    "ui": {"api"},
    "cli": {"api"},
    "entry": {"cli", "ui"},
}
EXCEPTIONS = {
    ("sync", f"{PKG}.privacy.redaction"),  # the privacy level decides each event body the runner sends
    ("privacy", f"{PKG}.sync.model"),  # redaction turns the sync's Appointment into a DesiredEvent
    ("privacy", f"{PKG}.sync.eventid"),  # ... with the event id and content hash that the sync compares
    ("privacy", f"{PKG}.sync.presentation"),  # ... and the reminders, colour and place the settings ask for
}
QT = {"PySide6", "shiboken6"}


@dataclass(frozen=True)
class Import:
    source: str  # importing module
    target: str  # imported module of calmedi_desktop, or a top-level third-party / stdlib name
    path: Path
    line: int
    text: str

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line} ({self.text})"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE_DIR.rglob("*.py"))}


def layer_of(module: str) -> str | None:
    for layer, names in TOP_LEVEL.items():
        if module in names:
            return layer
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in SUB_PACKAGES else None


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> Iterator[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"

    def resolve(name: str) -> str:
        while name not in modules and "." in name:  # ``calmedi_desktop.errors.CalmediError`` -> the module
            name = name.rsplit(".", 1)[0]
        return name

    for node in ast.walk(tree):  # ast.walk reaches function bodies and ``if TYPE_CHECKING:`` blocks alike
        text = ast.unparse(node) if isinstance(node, ast.Import | ast.ImportFrom) else ""
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = resolve(alias.name) if alias.name.split(".")[0] == PKG else alias.name.split(".")[0]
                yield Import(module, target, path, node.lineno, text)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join([*base, node.module] if node.module else base)
            else:
                origin = node.module or ""
            if origin.split(".")[0] != PKG:
                yield Import(module, origin.split(".")[0], path, node.lineno, text)
                continue
            for alias in node.names:
                candidate = f"{origin}.{alias.name}"
                yield Import(module, candidate if candidate in modules else resolve(origin), path, node.lineno, text)


@pytest.fixture(scope="module")
def graph() -> list[Import]:
    modules = all_modules()
    return [imp for module, path in modules.items() for imp in imports_of(module, path, modules)]


def test_every_module_has_a_layer() -> None:
    unplaced = sorted(m for m in all_modules() if layer_of(m) is None)
    assert not unplaced, (
        f"modules in no layer: {unplaced}. Place each in docs/architecture.md and in TOP_LEVEL of this test."
    )


def test_no_layer_imports_what_the_rule_forbids(graph: list[Import]) -> None:
    stdlib = set(sys.stdlib_module_names)
    refused = []
    for imp in graph:
        source_layer = layer_of(imp.source)
        if imp.target == PKG or imp.target.startswith(PKG + "."):
            target_layer = layer_of(imp.target)
            if source_layer in ("ui", "cli") and imp.target == PKG:
                refused.append(f"{imp.where}: {source_layer} takes the version from calmedi_desktop.api")
            elif (
                target_layer != source_layer
                and target_layer not in ALLOWED[source_layer or ""]
                and (source_layer, imp.target) not in EXCEPTIONS
                and imp.target != PKG
            ):
                rule = "calmedi_desktop.api and its own modules" if source_layer in ("ui", "cli") else None
                allowed = rule or ", ".join(sorted(ALLOWED[source_layer or ""] | {source_layer or ""}))
                refused.append(
                    f"{imp.where}: {source_layer} may not import {imp.target} ({target_layer}); it may import {allowed}"
                )
        elif imp.target == "calmedi_licence_server":
            refused.append(f"{imp.where}: the desktop app never imports the vendor's licence server")
        elif imp.target in QT and source_layer != "ui":
            refused.append(f"{imp.where}: only ui/ imports Qt (the core stays Qt-free)")
        elif source_layer in ("ui", "cli") and imp.target not in stdlib | QT | {"__future__"}:
            refused.append(f"{imp.where}: {source_layer} imports only Qt, the standard library and calmedi_desktop.api")
    assert not refused, "imports the layers forbid (docs/architecture.md):\n" + "\n".join(refused)


def _cycle_through(start: str, edges: dict[str, dict[str, Import]], within: set[str]) -> list[Import]:
    """One shortest circle from ``start`` back to itself inside a strongly connected set (breadth first)."""
    came: dict[str, Import] = {}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target, imp in sorted(edges.get(node, {}).items()):
            if target not in within:
                continue
            if target == start:
                path = [imp]
                while path[0].source != start:
                    path.insert(0, came[path[0].source])
                return path
            if target not in came:
                came[target] = imp
                queue.append(target)
    return []


def test_no_import_circle(graph: list[Import]) -> None:
    edges: dict[str, dict[str, Import]] = {}
    for imp in graph:
        if imp.target.startswith(PKG) and imp.target != imp.source:
            edges.setdefault(imp.source, {}).setdefault(imp.target, imp)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    components: list[set[str]] = []

    def connect(node: str) -> None:  # Tarjan: strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in edges.get(node, {}):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(component)

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(edges):
        if node not in index:
            connect(node)
    circles = []
    for component in components:
        cycle = _cycle_through(min(component), edges, component)
        circles.append(" -> ".join(m.removeprefix(PKG + ".") for m in [cycle[0].source, *(i.target for i in cycle)]))
        circles += [f"    {imp.where}" for imp in cycle]
    assert not circles, "import circles (type-only and function-level imports count):\n" + "\n".join(circles)


def test_the_public_place_exports_what_it_lists() -> None:
    tree = ast.parse((PACKAGE_DIR / "api.py").read_text(encoding="utf-8"))
    typed = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom)
                typed |= {alias.asname or alias.name: (imp.module, alias.name) for alias in imp.names}
    assert typed == api.LAZY, "api.LAZY and api.py's TYPE_CHECKING imports must name the same things"
    for name in api.__all__:
        assert getattr(api, name) is not None, name


def test_the_checker_sees_type_only_and_function_level_imports(tmp_path: Path) -> None:
    """The rule is only as good as its parser: both hidden kinds of import are found, relative ones resolved."""
    package = tmp_path / PKG
    (package / "ui").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "ui" / "__init__.py").write_text("")
    (package / "service.py").write_text("")
    (package / "ui" / "page.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from calmedi_desktop.service import CalMedi\n"
        "def later():\n    from .. import service\n"
    )
    modules = {f"{PKG}", f"{PKG}.ui", f"{PKG}.service", f"{PKG}.ui.page"}
    found = list(imports_of(f"{PKG}.ui.page", package / "ui" / "page.py", dict.fromkeys(modules, Path())))
    assert {(i.target, i.line) for i in found if i.target.startswith(PKG)} == {
        (f"{PKG}.service", 3),
        (f"{PKG}.service", 5),
    }
