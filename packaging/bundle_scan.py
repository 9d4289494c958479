"""Looks at every byte of a built bundle: files on disk, and the members of the archives inside them.

Used by ``release_check.py``. Archives opened: zip files (PyInstaller's ``base_library.zip``) and PyInstaller's
own PKG/PYZ archive appended to the executables (read with PyInstaller's reader, so only when it is installed).

Rules (see packaging/README.md, "What a release bundle must not contain"):

- no test code or test data: no file or module named like a test (``tests/``, ``test_*.py``, ``conftest``…),
  no test tool (pytest, hypothesis, localstripe…), not the vendor's licence server;
- no cache outside PyInstaller's archives: no ``__pycache__``, ``.pyc``/``.pyo`` on disk, no tool caches;
- no simulator marker patient: the marker pattern of ``calmedi_desktop.demo.patients`` (``MARKER_RE``) matches
  nowhere, in no file and no archive member, with one exception: the compiled module
  ``calmedi_desktop.demo.patients`` may contain the markers quoted in its own module docstring (the documented
  example of the format). The demo invents its patients at run time from a seed; a marker anywhere else means
  fake patient data (a test fixture, an export, a log) was swept into the build.
"""

from __future__ import annotations

import ast
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import bundle_config as cfg

from calmedi_desktop.demo.patients import MARKER_RE

MARKER_BYTES = re.compile(MARKER_RE.pattern.encode("ascii"))
GENERATOR_MODULE = "calmedi_desktop.demo.patients"
GENERATOR_SOURCE = cfg.PACKAGE_DIR / "demo" / "patients.py"
CACHE_DIRS = {"__pycache__", ".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache"}
CACHE_SUFFIXES = {".pyc", ".pyo"}
# Distributions whose metadata must not be in the bundle (test tools, the licence server's dependencies).
FORBIDDEN_DISTRIBUTIONS = re.compile(
    r"^(pytest|pytest_qt|pytest_timeout|hypothesis|localstripe|radicale|stripe|starlette|uvicorn|calmedi_licence_server)"
    r"-[^/]*\.(dist|egg)-info$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Member:
    """One thing in the bundle: a file on disk (``archive`` None) or a member of an archive."""

    where: str  # human-readable location
    name: str  # path relative to the bundle, or the member's name (a dotted module name in a PYZ)
    archive: str | None  # None, "zip", "pkg" or "pyz"
    read: Callable[[], bytes]


@dataclass(frozen=True)
class Finding:
    rule: str  # "test", "cache", "licence-server", "marker"
    where: str
    detail: str


def allowed_markers() -> set[str]:
    """Markers quoted in the generator's module docstring: the one place a marker may appear in a bundle."""
    docstring = ast.get_docstring(ast.parse(GENERATOR_SOURCE.read_text(encoding="utf-8"))) or ""
    return set(MARKER_RE.findall(docstring))


def _zip_members(path: Path, rel: str) -> Iterator[Member]:
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue

            def read(name: str = info.filename) -> bytes:
                with zipfile.ZipFile(path) as again:
                    return again.read(name)

            yield Member(f"{rel}!{info.filename}", info.filename, "zip", read)


def _pyinstaller_members(path: Path, rel: str) -> Iterator[Member]:
    """The PKG archive a PyInstaller executable carries, and the PYZ inside it (modules by dotted name)."""
    try:
        from PyInstaller.archive.readers import CArchiveReader
    except ImportError:  # pragma: no cover - the release check installs PyInstaller
        return
    try:
        pkg = CArchiveReader(str(path))
    except Exception:  # not a PyInstaller executable
        return
    for name, entry in pkg.toc.items():
        typecode = entry[-1]
        if typecode == "z":
            pyz = pkg.open_embedded_archive(name)
            for module in pyz.toc:

                def read_module(module: str = module, pyz: Any = pyz) -> bytes:
                    data = pyz.extract(module, raw=True)
                    return data if isinstance(data, bytes) else b""

                yield Member(f"{rel}!{name}!{module}", module, "pyz", read_module)
        else:

            def read_entry(name: str = name) -> bytes:
                return pkg.extract(name)

            yield Member(f"{rel}!{name}", name, "pkg", read_entry)


EXECUTABLES = (cfg.EXE_NAME, f"{cfg.EXE_NAME}.exe", f"{cfg.GUI_EXE_NAME}.exe")


def members(bundle: Path, executables: tuple[str, ...] = EXECUTABLES) -> Iterator[Member]:
    for path in sorted(bundle.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        rel = path.relative_to(bundle).as_posix()
        yield Member(rel, rel, None, path.read_bytes)
        if path.suffix in {".zip", ".whl", ".egg", ".jar"} or (path.suffix == "" and _is_zip(path)):
            yield from _zip_members(path, rel)
        if path.name in executables:
            yield from _pyinstaller_members(path, rel)


def _is_zip(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(4) == b"PK\x03\x04"


def _path_findings(member: Member) -> Iterator[Finding]:
    parts = PurePosixPath(member.name).parts
    cache = any(part in CACHE_DIRS for part in parts) or PurePosixPath(member.name).suffix in CACHE_SUFFIXES
    if member.archive is None and cache:
        yield Finding("cache", member.where, "a cache file outside PyInstaller's archives")
    if any(cfg.is_test_part(part) for part in parts):
        yield Finding("test", member.where, "named like a test")
    if any(part.startswith("calmedi_licence_server") for part in parts):
        yield Finding("licence-server", member.where, "the vendor's licence server")
    if any(FORBIDDEN_DISTRIBUTIONS.match(part) for part in parts):
        yield Finding("test", member.where, "metadata of a test-only or server-only distribution")


def _module_findings(member: Member) -> Iterator[Finding]:
    if member.name.split(".")[0] == "calmedi_licence_server":
        yield Finding("licence-server", member.where, "the vendor's licence server")
    elif not cfg.keep_module(member.name):
        yield Finding("test", member.where, "a test or build-only module")


def _marker_findings(member: Member, data: bytes, allowed: set[str]) -> Iterator[Finding]:
    found = {match.decode("ascii") for match in MARKER_BYTES.findall(data)}
    if member.archive == "pyz" and member.name == GENERATOR_MODULE:
        found -= allowed
    for marker in sorted(found):
        yield Finding("marker", member.where, f"simulator marker {marker}")


def scan(bundle: Path) -> tuple[list[Finding], dict[str, int]]:
    """Every finding in the bundle, and counts of what was looked at."""
    findings: list[Finding] = []
    counts = {"files": 0, "archive_members": 0, "modules": 0, "bytes_scanned": 0}
    allowed = allowed_markers()
    for member in members(bundle):
        if member.archive == "pyz":
            counts["modules"] += 1
            findings.extend(_module_findings(member))
        else:
            counts["files" if member.archive is None else "archive_members"] += 1
            findings.extend(_path_findings(member))
        data = member.read()
        counts["bytes_scanned"] += len(data)
        findings.extend(_marker_findings(member, data, allowed))
    return findings, counts


def pyz_modules(bundle: Path) -> set[str]:
    return {m.name for m in members(bundle) if m.archive == "pyz"}


def text_markers(text: str | bytes) -> set[str]:
    data = text if isinstance(text, bytes) else text.encode("utf-8", "replace")
    return {m.decode("ascii") for m in MARKER_BYTES.findall(data)}
