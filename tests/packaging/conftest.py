"""Fixtures: the packaging scripts, loaded by path (see pkgkit.py)."""

from __future__ import annotations

from types import ModuleType

import pytest

from tests.packaging.pkgkit import PACKAGING, load


@pytest.fixture(scope="session")
def cfg() -> ModuleType:
    # bundle_scan.py and build.py import it by this plain name, as the PyInstaller spec does.
    return load("bundle_config", PACKAGING / "pyinstaller" / "bundle_config.py")


@pytest.fixture(scope="session")
def scan(cfg: ModuleType) -> ModuleType:
    return load("calmedi_packaging_bundle_scan", PACKAGING / "bundle_scan.py")


@pytest.fixture(scope="session")
def build(cfg: ModuleType) -> ModuleType:
    return load("calmedi_packaging_build", PACKAGING / "build.py")
