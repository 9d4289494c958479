"""A keyring backend that keeps secrets in this process's memory only (demo mode and tests).

Select it with ``PYTHON_KEYRING_BACKEND=calmedi_desktop.demo.memory_keyring.MemoryKeyring``. It is never
chosen automatically (priority below zero) and never writes anything to disk.
"""

from __future__ import annotations

import threading
from typing import ClassVar

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    priority = -1  # type: ignore[assignment]
    _store: ClassVar[dict[tuple[str, str], str]] = {}
    _lock = threading.Lock()

    def get_password(self, service: str, username: str) -> str | None:
        with self._lock:
            return self._store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock:
            self._store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        with self._lock:
            if self._store.pop((service, username), None) is None:
                raise PasswordDeleteError(username)

    @classmethod
    def entries(cls) -> dict[tuple[str, str], str]:
        with cls._lock:
            return dict(cls._store)

    @classmethod
    def clear(cls) -> None:
        with cls._lock:
            cls._store.clear()
