"""The repository stands alone: no code, test, script or build file reaches above the repository's root.

A clone with nothing beside it must pass its own tests (the iCalendar corpus and the published policy live
under tests/). Python files are read as syntax trees: every path built from ``__file__`` (``parents[k]``,
``.parent``, ``os.path.dirname``, ``/ ".."``, ``os.path.join``) and every relative path literal given to
``Path()``/``open()`` is followed folder by folder, relative paths from the root (the tests and scripts run
there). Shell scripts are read for ``$(dirname "$0")/..`` and for paths starting with ``../``. The check
itself is tested on the two climbs that once made a lone clone fail.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path, PurePosixPath

import pytest
import setuptools

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("calmedi_desktop", "calmedi_licence_server", "tests", "bench", "scripts", "packaging", "docs", ".ci")
ROOT_FILES = ("Makefile", "pyproject.toml")
DATA = (ROOT / "tests" / "ics" / "corpus",)  # third-party data, not the project's code
SKIPPED_PARTS = {"__pycache__", ".venv", "build", "dist"}
PATH_CALLS = {"Path", "PurePath", "PurePosixPath", "open", "abspath", "realpath", "normpath", "fspath"}
JOIN_CALLS = {"join", "joinpath"}
SHELL_DIRNAME = re.compile(r'\$\(dirname "?\$(?:0|\{BASH_SOURCE\[0\]\})"?\)((?:/\.\.)+)(?=[/"\s)]|$)')
SHELL_RELATIVE = re.compile(r'(?<![\w./$})])((?:\.\./)+|\.\.(?=["\s;)]|$))')


class _Place:
    """Where a path points: ``level`` folders below the root (negative: above it); ``is_file`` for __file__."""

    def __init__(self, level: int, is_file: bool = False, lowest: int | None = None) -> None:
        self.level, self.is_file = level, is_file
        self.lowest = level if lowest is None else min(lowest, level)

    def up(self, folders: int) -> _Place:
        # The parent of a file is its own folder: one level fewer to climb.
        level = self.level - folders + (1 if self.is_file else 0)
        return _Place(level, False, self.lowest if not self.is_file else min(self.lowest, level))

    def join(self, text: str) -> _Place:
        place = self if not self.is_file else _Place(self.level, False, self.lowest)
        for segment in PurePosixPath(text).parts if not text.startswith("/") else ():
            if segment == "..":
                place = _Place(place.level - 1, False, place.lowest)
            elif segment != ".":
                place = _Place(place.level + 1, False, place.lowest)
        return place


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


class _Climbs(ast.NodeVisitor):
    """Evaluates the path expressions of one module; ``found`` holds the lines that reach above the root."""

    def __init__(self, depth: int) -> None:
        self.depth = depth  # folders between the root and the module
        self.names: dict[str, _Place] = {}
        self.found: set[int] = set()

    def place(self, node: ast.AST, literal: bool = False) -> _Place | None:
        """``literal``: the node is used as a path, so a relative string is one (from the root, where tests
        and scripts run); elsewhere a string is a value (``".." in name`` checks a name, it opens nothing)."""
        if isinstance(node, ast.Name):
            return _Place(self.depth, True) if node.id == "__file__" else self.names.get(node.id)
        if literal and isinstance(node, ast.Constant) and isinstance(node.value, str):
            return _Place(0).join(node.value) if node.value.startswith("..") else None
        if isinstance(node, ast.Attribute) and node.attr == "parent":
            inner = self.place(node.value)
            return inner.up(1) if inner else None
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) and node.value.attr == "parents":
            inner = self.place(node.value.value)
            index = node.slice
            if inner and isinstance(index, ast.Constant) and isinstance(index.value, int):
                return inner.up(index.value + 1)
            return None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            left = self.place(node.left, literal=True)
            right = node.right
            if left and isinstance(right, ast.Constant) and isinstance(right.value, str):
                return left.join(right.value)
            return left
        if isinstance(node, ast.Call):
            return self._call(node)
        return None

    def _call(self, node: ast.Call) -> _Place | None:
        name = _call_name(node)
        func = node.func
        if name in ("resolve", "absolute") and isinstance(func, ast.Attribute):
            return self.place(func.value)
        if name == "dirname" and node.args:
            inner = self.place(node.args[0])
            return inner.up(1) if inner else None
        if name in PATH_CALLS and node.args:
            return self.place(node.args[0], literal=True)
        if name in JOIN_CALLS:
            base = func.value if name == "joinpath" and isinstance(func, ast.Attribute) else None
            args = list(node.args) if base is None else [base, *node.args]
            place = self.place(args[0], literal=True) if args else None
            for arg in args[1:]:
                if place and isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    place = place.join(arg.value)
            return place
        return None

    def visit_Assign(self, node: ast.Assign) -> None:
        place = self.place(node.value)
        if place is not None:
            for target in node.targets:
                if isinstance(target, ast.Name):
                    self.names[target.id] = place
        self.generic_visit(node)

    def generic_visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.expr):
            place = self.place(node)
            if place is not None and place.lowest < 0:
                self.found.add(node.lineno)
        super().generic_visit(node)


def python_climbs(source: str, relative: PurePosixPath) -> list[int]:
    visitor = _Climbs(len(relative.parts) - 1)
    visitor.visit(ast.parse(source))
    return sorted(visitor.found)


def shell_climbs(text: str, relative: PurePosixPath) -> list[int]:
    depth = len(relative.parts) - 1
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        code = line.split("#", 1)[0] if not line.lstrip().startswith("#!") else ""
        climbs = [match.group(1).count("..") - depth for match in SHELL_DIRNAME.finditer(code)]
        rest = SHELL_DIRNAME.sub("", code)
        climbs += [match.group(1).count("..") for match in SHELL_RELATIVE.finditer(rest)]  # from the root
        if any(climb > 0 for climb in climbs):
            found.append(number)
    return found


def _project_files() -> list[Path]:
    files = [ROOT / name for name in ROOT_FILES]
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*")):
            if not path.is_file() or SKIPPED_PARTS & set(path.relative_to(ROOT).parts):
                continue
            if any(path.is_relative_to(data) for data in DATA):
                continue
            files.append(path)
    return files


def _is_shell(path: Path, text: str) -> bool:
    return path.suffix == ".sh" or path.name == "Makefile" or text.startswith("#!/usr/bin/env bash")


def test_nothing_in_the_project_reaches_above_its_root() -> None:
    checked = {"python": 0, "shell": 0}
    problems = []
    for path in _project_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # images, compiled translations
        relative = PurePosixPath(path.relative_to(ROOT).as_posix())
        if path.suffix == ".py" or path.suffix == ".spec":
            lines, kind = python_climbs(text, relative), "python"
        elif _is_shell(path, text):
            lines, kind = shell_climbs(text, relative), "shell"
        else:
            continue
        checked[kind] += 1
        problems += [f"{relative}:{line}" for line in lines]
    assert problems == []
    assert checked["python"] > 150 and checked["shell"] >= 7  # the scan saw the project, not an empty folder


@pytest.mark.parametrize(
    ("relative", "source"),
    [
        ("tests/ics/ics_helpers.py", 'CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "ics-corpus"'),
        ("tests/privacy/test_x.py", 'POLICY = Path(__file__).resolve().parents[3] / "shared" / "privacy-policy.md"'),
        ("tests/x.py", 'ROOT = Path(__file__).parent.parent.parent\nDATA = ROOT / "shared"'),
        ("tests/x.py", 'DATA = os.path.join(os.path.dirname(__file__), "..", "..", "shared")'),
        ("bench/x.py", 'text = open("../shared/doctolib-api.md").read()'),
        ("bench/x.py", 'text = Path("..").joinpath("shared", "STYLE.md").read_text()'),
    ],
)
def test_the_check_sees_a_climb_above_the_root(relative: str, source: str) -> None:
    assert python_climbs(source, PurePosixPath(relative)) != []


@pytest.mark.parametrize(
    ("relative", "source"),
    [
        ("tests/ics/ics_helpers.py", 'CORPUS = Path(__file__).resolve().parent / "corpus"'),
        ("tests/packaging/pkgkit.py", "ROOT = Path(__file__).resolve().parents[2]"),
        ("calmedi_desktop/ui/icons.py", 'ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"'),
        ("tests/x.py", 'ROOT = Path(__file__).resolve().parents[1]\nDOCS = ROOT / "docs" / ".." / "README.md"'),
        ("calmedi_desktop/x.py", 'unsafe = ".." in name'),  # a check on a value, not a path
    ],
)
def test_the_check_accepts_paths_inside_the_root(relative: str, source: str) -> None:
    assert python_climbs(source, PurePosixPath(relative)) == []


def test_the_shell_check() -> None:
    assert shell_climbs('cd "$(dirname "$0")/.."', PurePosixPath("scripts/test")) == []
    assert shell_climbs('cd "$(dirname "$0")/../.."', PurePosixPath("scripts/test")) == [1]
    assert shell_climbs("set -e\ncat ../shared/PITFALLS.md", PurePosixPath("scripts/x")) == [2]
    assert shell_climbs("# see ../shared/ for the notes", PurePosixPath("scripts/x")) == []  # a comment


def test_test_data_stays_out_of_the_wheel() -> None:
    """The wheel holds the packages pyproject.toml finds, and their resources: tests/ (the corpus, the published
    policy) is not one of them. The bundle's own scan refuses anything under a ``tests`` folder."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    packages = setuptools.find_namespace_packages(where=str(ROOT), include=config["packages"]["find"]["include"])
    assert "calmedi_desktop.sync.sources" in packages and "calmedi_licence_server" in packages
    assert {name.split(".")[0] for name in packages} == {"calmedi_desktop", "calmedi_licence_server"}
    assert config["package-data"] == {"calmedi_desktop": ["resources/**/*"]}
