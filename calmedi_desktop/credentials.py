"""Secrets behind one small class: only the OS keyring, never a file (invariant 2).

Stored: long-lived refresh tokens, the licence key, private feed URLs, the CalDAV (app-specific) password.
Never access tokens. An insecure backend (keyring's fail/null backends, keyrings.alt file backends, an empty
chainer) is refused with an actionable error; a locked keyring becomes KeyringLockedError.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import keyring
import keyring.backend
import keyring.errors

from calmedi_desktop.errors import InsecureKeyringError, KeyringError, KeyringLockedError

SERVICE = "calmedi-desktop"
GOOGLE = "google"
DOCTOLIB = "doctolib"
LICENCE = "licence"
CALDAV = "caldav"  # the CalDAV account's password; its URL and user name are settings, not secrets
ICS_PREFIX = "ics:"
FIXED_ENTRIES = (GOOGLE, DOCTOLIB, LICENCE, CALDAV)

log = logging.getLogger(__name__)

_INSECURE_CLASSES = {
    "keyring.backends.fail.Keyring",
    "keyring.backends.null.Keyring",
}
# Kept in memory only, for demo mode and tests; it never touches the disk.
_MEMORY_CLASS = "calmedi_desktop.demo.memory_keyring.MemoryKeyring"


def _qualname(backend: object) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def _is_insecure(backend: keyring.backend.KeyringBackend) -> bool:
    name = _qualname(backend)
    if name == _MEMORY_CLASS:
        return False
    if name in _INSECURE_CLASSES or type(backend).__module__.startswith("keyrings.alt"):
        return True
    backends = getattr(backend, "backends", None)
    if name == "keyring.backends.chainer.ChainerBackend":
        return not backends or any(_is_insecure(b) for b in backends)
    return False


class CredentialStore:
    """Lazy access to the keyring behind a lock. Deleting a missing secret counts as done."""

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self._backend = backend
        self._lock = threading.Lock()

    @property
    def backend(self) -> keyring.backend.KeyringBackend:
        with self._lock:
            if self._backend is None:
                self._backend = keyring.get_keyring()
            return self._backend

    @property
    def backend_name(self) -> str:
        return _qualname(self.backend)

    def check_secure(self) -> None:
        if _is_insecure(self.backend):
            raise InsecureKeyringError(f"insecure backend {self.backend_name}", backend=self.backend_name)

    @contextmanager
    def _converted(self, action: str) -> Iterator[None]:
        self.check_secure()
        try:
            yield
        except keyring.errors.KeyringLocked as exc:
            raise KeyringLockedError(f"{action}: KeyringLocked") from exc
        except InsecureKeyringError:
            raise
        except Exception as exc:
            if "locked" in type(exc).__name__.lower():
                raise KeyringLockedError(f"{action}: {type(exc).__name__}") from exc
            raise KeyringError(f"{action}: {type(exc).__name__}", detail=type(exc).__name__) from exc

    def get(self, name: str) -> str | None:
        with self._converted("get"):
            return self.backend.get_password(SERVICE, name)

    def set(self, name: str, secret: str) -> None:
        with self._converted("set"):
            self.backend.set_password(SERVICE, name, secret)
        log.debug("keyring: stored entry %s", name.split(":")[0])

    def delete(self, name: str) -> bool:
        """Return True if an entry was removed, False if there was none."""
        with self._converted("delete"):
            if self.backend.get_password(SERVICE, name) is None:
                return False
            try:
                self.backend.delete_password(SERVICE, name)
            except keyring.errors.PasswordDeleteError:
                return False
        log.debug("keyring: deleted entry %s", name.split(":")[0])
        return True
