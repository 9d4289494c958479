"""Fixtures every test gets: a throwaway home, an in-memory keyring, no stray CalMedi environment."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring.core
import pytest

from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.demo.memory_keyring import MemoryKeyring
from calmedi_desktop.i18n import set_language
from calmedi_desktop.paths import AppPaths

MEMORY_BACKEND = "calmedi_desktop.demo.memory_keyring.MemoryKeyring"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No test may touch the real home, keyring or endpoints."""
    home = tmp_path_factory.mktemp("home")
    for var in list(os.environ):
        if var.startswith("CALMEDI_"):
            monkeypatch.delenv(var)
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", MEMORY_BACKEND)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    set_language(None)
    MemoryKeyring.clear()
    keyring.core.init_backend()  # keyring caches its choice process-wide: choose again from this environment
    yield home
    MemoryKeyring.clear()
    set_language(None)


@pytest.fixture
def app_paths(isolated_home: Path) -> AppPaths:
    return AppPaths.default()


@pytest.fixture
def memory_store() -> CredentialStore:
    return CredentialStore(MemoryKeyring())
