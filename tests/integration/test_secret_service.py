"""CalMedi against a real Secret Service (GNOME Keyring under its own D-Bus session)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring.backends.SecretService
import keyring.core
import pytest
import secretstorage

from calmedi_desktop.credentials import SERVICE, CredentialStore
from calmedi_desktop.errors import KeyringLockedError
from tests.integration.secret_service import SecretServiceSession, secret_service_session


@pytest.fixture
def secret_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SecretServiceSession]:
    with secret_service_session(tmp_path / "keyring-home") as session:
        for key, value in session.env.items():
            if key != "HOME":
                monkeypatch.setenv(key, value)
        monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
        keyring.core.init_backend()
        yield session


def _items(label_service: str) -> dict[str, str]:
    connection = secretstorage.dbus_init()
    try:
        collection = secretstorage.get_default_collection(connection)
        return {
            item.get_attributes()["username"]: item.get_secret().decode()
            for item in collection.search_items({"service": label_service})
        }
    finally:
        connection.close()


def test_secrets_go_to_the_secret_service_and_nowhere_else(secret_service: SecretServiceSession) -> None:
    store = CredentialStore(keyring.backends.SecretService.Keyring())
    store.check_secure()
    store.set("google", "1//refresh-token-Mkzsecret")
    assert store.get("google") == "1//refresh-token-Mkzsecret"
    assert _items(SERVICE) == {"google": "1//refresh-token-Mkzsecret"}
    assert store.delete("google") is True
    assert store.delete("google") is False
    assert _items(SERVICE) == {}


def test_the_default_backend_here_stores_in_the_secret_service(secret_service: SecretServiceSession) -> None:
    store = CredentialStore()  # whatever keyring chooses by itself here (the Secret Service, maybe in a chainer)
    assert "SecretService" in store.backend_name or "chainer" in store.backend_name
    store.check_secure()
    store.set("licence", "CALMEDI-KEY")
    assert _items(SERVICE) == {"licence": "CALMEDI-KEY"}


def test_a_locked_keyring_is_a_typed_error(secret_service: SecretServiceSession) -> None:
    store = CredentialStore(keyring.backends.SecretService.Keyring())
    store.set("doctolib", "rt")
    connection = secretstorage.dbus_init()
    secretstorage.get_default_collection(connection).lock()
    connection.close()
    with pytest.raises(KeyringLockedError) as info:
        store.get("doctolib")
    assert "locked" in info.value.message.lower()
