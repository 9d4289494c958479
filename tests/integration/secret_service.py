"""A real Secret Service for tests: a private D-Bus session bus and an unlocked GNOME Keyring daemon.

Started by the test itself (Debian packages dbus and gnome-keyring, installed by scripts/bootstrap); its
keyring files live in a temporary folder and everything is stopped afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class SecretServiceSession:
    env: dict[str, str]
    home: Path


@contextmanager
def secret_service_session(home: Path) -> Iterator[SecretServiceSession]:
    for tool in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: run scripts/bootstrap (Debian packages dbus and gnome-keyring)")
    runtime = home / "run"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()
    env = {
        "DBUS_SESSION_BUS_ADDRESS": address,
        "XDG_RUNTIME_DIR": str(runtime),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
    }
    daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **env},
        text=True,
    )
    assert daemon.stdin is not None
    daemon.stdin.write("calmedi-test")
    daemon.stdin.close()
    try:
        _wait_for_collection(env)
        yield SecretServiceSession(env=env, home=home)
    finally:
        daemon.terminate()
        bus.terminate()
        daemon.wait(timeout=10)
        bus.wait(timeout=10)


def _wait_for_owner(address: str, deadline: float) -> None:
    """Wait until our daemon owns the Secret Service name. NameHasOwner never triggers D-Bus activation,
    whereas any call to the service would make the bus start a second, locked daemon of its own."""
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    with open_dbus_connection(bus=address) as connection:
        while not connection.send_and_get_reply(message_bus.NameHasOwner("org.freedesktop.secrets")).body[0]:
            if time.monotonic() > deadline:
                raise TimeoutError("gnome-keyring-daemon did not register on the bus")
            time.sleep(0.02)


def _wait_for_collection(env: dict[str, str]) -> None:
    import secretstorage

    _wait_for_owner(env["DBUS_SESSION_BUS_ADDRESS"], time.monotonic() + 10)

    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        deadline = time.monotonic() + 10
        while True:
            # Poll the "default" alias without creating a collection: a creation attempt would need a prompt,
            # and the daemon creates the unlocked login keyring by itself a moment after start.
            try:
                connection = secretstorage.dbus_init()
                try:
                    if not secretstorage.Collection(connection).is_locked():
                        return
                finally:
                    connection.close()
            except Exception:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.05)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
