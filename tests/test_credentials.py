from __future__ import annotations

import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from calmedi_desktop.credentials import SERVICE, CredentialStore
from calmedi_desktop.demo.memory_keyring import MemoryKeyring
from calmedi_desktop.errors import InsecureKeyringError, KeyringError, KeyringLockedError


class LockedKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("locked")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("locked")


class BrokenKeyring(LockedKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise RuntimeError("dbus went away")


PlaintextKeyring = type("PlaintextKeyring", (MemoryKeyring,), {"__module__": "keyrings.alt.file"})
EmptyChainer = type(
    "ChainerBackend", (chainer.ChainerBackend,), {"__module__": "keyring.backends.chainer", "backends": []}
)


@pytest.mark.parametrize(
    "backend",
    [fail.Keyring(), null.Keyring(), PlaintextKeyring(), EmptyChainer()],
    ids=["fail", "null", "keyrings.alt-file", "empty-chainer"],
)
def test_insecure_backends_are_refused_with_an_actionable_error(backend: KeyringBackend) -> None:
    store = CredentialStore(backend)
    with pytest.raises(InsecureKeyringError) as info:
        store.set("google", "refresh-token")
    assert "gnome-keyring" in info.value.message.lower() or "GNOME Keyring" in info.value.message
    assert "file" in info.value.message  # says it never falls back to a file
    with pytest.raises(InsecureKeyringError):
        store.get("google")


def test_locked_keyring_is_a_typed_error_with_instructions() -> None:
    with pytest.raises(KeyringLockedError) as info:
        CredentialStore(LockedKeyring()).get("google")
    assert "Unlock" in info.value.message


def test_other_backend_failures_are_keyring_errors() -> None:
    with pytest.raises(KeyringError) as info:
        CredentialStore(BrokenKeyring()).get("google")
    assert "RuntimeError" in info.value.message
    assert "dbus went away" not in info.value.message


def test_round_trip_and_idempotent_delete(memory_store: CredentialStore) -> None:
    memory_store.set("google", "rt-1")
    assert memory_store.get("google") == "rt-1"
    assert MemoryKeyring.entries() == {(SERVICE, "google"): "rt-1"}
    assert memory_store.delete("google") is True
    assert memory_store.delete("google") is False
    assert memory_store.get("google") is None


def test_default_backend_comes_from_keyring_configuration() -> None:
    assert CredentialStore().backend_name == "calmedi_desktop.demo.memory_keyring.MemoryKeyring"
