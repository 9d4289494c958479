"""Invariant 1 end to end: no appointment byte on disk, in a log line or in the keyring.

The `calmedi` command runs as real subprocesses against both simulators (or the Doctolib simulator and a real
Radicale, for the CalDAV destination), with a real Secret Service, at the most revealing privacy level (full
names and visit reasons sent to the calendar), through sign-in, several syncs, failures at both ends, a process
killed mid-run, and an export. Then every file under the home, the working directory and the temp folder, every
output at DEBUG level, the export's content and the keyring are searched for the simulated patients' marker
strings (and, on the CalDAV path, for the account's password).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import requests
import secretstorage

from calmedi_desktop.credentials import SERVICE
from tests.caldav.dav_proxy import DavProxy
from tests.caldav.davkit import shared_radicale
from tests.e2e.conftest import Sims, live_events
from tests.integration.secret_service import secret_service_session


class Runner:
    def __init__(self, env: dict[str, str], cwd: Path) -> None:
        self.env = env
        self.cwd = cwd
        self.outputs: list[str] = []

    def run(
        self, *args: str, expect: int | None = 0, timeout: float = 60, stdin: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "calmedi_desktop", "--debug", *args],
            env=self.env,
            cwd=self.cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            input=stdin,
        )
        self.outputs += [done.stdout, done.stderr]
        if expect is not None:
            assert done.returncode == expect, (args, done.stdout[-2000:], done.stderr[-2000:])
        return done

    def connect(self, service: str) -> None:
        process = subprocess.Popen(
            [sys.executable, "-m", "calmedi_desktop", "--debug", "connect", service, "--no-browser"],
            env=self.env,
            cwd=self.cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), url
        browser = threading.Thread(target=lambda: httpx.get(url, follow_redirects=True, timeout=30))
        browser.start()
        out, err = process.communicate(timeout=60)
        browser.join(timeout=30)
        self.outputs += [url, out, err]
        assert process.returncode == 0, err


def keyring_items() -> list[bytes]:
    connection = secretstorage.dbus_init()
    try:
        collection = secretstorage.get_default_collection(connection)
        return [item.get_secret() for item in collection.search_items({"service": SERVICE})]
    finally:
        connection.close()


def all_text_under(root: Path) -> list[tuple[Path, bytes]]:
    found = []
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            if path.suffix == ".zip":
                with zipfile.ZipFile(path) as archive:
                    data += b"".join(archive.read(name) for name in archive.namelist())
            found.append((path, data))
    return found


def subprocess_env(sims: Sims, keyring_env: dict[str, str], home: Path, tmpdir: Path) -> dict[str, str]:
    """The environment of a `calmedi` process: the simulators, the real Secret Service, its own home and temp."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    env.update(sims.env)
    env.update({k: v for k, v in keyring_env.items() if k != "HOME"})
    env.update(
        HOME=str(home),
        TMPDIR=str(tmpdir),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_STATE_HOME=str(home / ".local/state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def folders(tmp_path: Path) -> tuple[Path, Path, Path]:
    home, cwd, tmpdir = tmp_path / "home", tmp_path / "cwd", tmp_path / "tmp"
    for folder in (home, cwd, tmpdir):
        folder.mkdir()
    return home, cwd, tmpdir


def owner_only(home: Path) -> list[Path]:
    """CalMedi's folders under ``home``, checked 0700 (folders) / 0600 (files); their paths."""
    ours = [home / sub / "calmedi" for sub in (".config", ".local/share", ".local/state", ".cache")]
    written = [p for folder in ours if folder.exists() for p in [folder, *folder.rglob("*")]]
    assert any(p.is_file() for p in written)
    modes = {str(p): oct(p.stat().st_mode & 0o777) for p in written}
    assert all(mode == ("0o700" if Path(p).is_dir() else "0o600") for p, mode in modes.items()), modes
    return ours


def show_names_and_sync(cli: Runner, sims: Sims, seed: int) -> random.Random:
    """The most revealing settings, a first sync, then fifteen changes in Doctolib synced: patient data flows."""
    cli.run("privacy-level", "full")
    cli.run("config", "set", "privacy.show_reason", "true")
    first = json.loads(cli.run("sync", "--once", "--json").stdout)
    assert first["created"] > 20
    rng = random.Random(seed)
    for _ in range(15):
        sims.doctolib.random_mutation(rng)
    cli.run("sync", "--once", "--json")
    return rng


def kill_a_sync(cli: Runner, env: dict[str, str], cwd: Path, wait: Callable[[], None]) -> None:
    """Start `calmedi --debug sync --once`, SIGKILL it once ``wait`` returns, and keep what it printed."""
    crashing = subprocess.Popen(
        [sys.executable, "-m", "calmedi_desktop", "--debug", "sync", "--once"],
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait()
    crashing.send_signal(signal.SIGKILL)
    out, err = crashing.communicate(timeout=30)
    assert crashing.returncode == -signal.SIGKILL
    cli.outputs += [out, err]


def haystacks(files: list[tuple[Path, bytes]], cli: Runner) -> list[tuple[str, str]]:
    """Every file CalMedi left (the DEBUG log and the export among them) and everything it printed."""
    assert any(path.suffix == ".jsonl" for path, _ in files), "the DEBUG log was written"
    assert any(path.name == "export.zip" for path, _ in files)
    found = [(str(path), data.decode("utf-8", "replace")) for path, data in files]
    return found + [("outputs", text) for text in cli.outputs]


@pytest.mark.timeout(300)
def test_no_marker_anywhere_after_connect_syncs_failures_crash_and_export(
    sims: Sims, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, cwd, tmpdir = folders(tmp_path)
    with secret_service_session(tmp_path / "keyring") as keyring_session:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", keyring_session.env["DBUS_SESSION_BUS_ADDRESS"])
        env = subprocess_env(sims, keyring_session.env, home, tmpdir)
        cli = Runner(env, cwd)
        cli.connect("google")
        cli.connect("doctolib")
        rng = show_names_and_sync(cli, sims, seed=11)

        for kind in ("events.insert", "events.update", "events.delete"):
            sims.google.inject(400, count=10_000, kind=kind)
        for _ in range(5):
            sims.doctolib.random_mutation(rng)
        cli.run("sync", "--once", "--json", expect=1)
        sims.google.clear_faults()

        sims.doctolib.inject(200, count=20, path="/calendar_display", body=b'{"data": [{"id": "x", "patient": ')
        cli.run("sync", "--once", expect=1)

        sims.doctolib.clear_faults()  # a read stops at the first bad page: drop the ones it never asked for
        sims.doctolib.latency = 0.4  # slow enough to be killed in the middle of reading
        kill_a_sync(cli, env, cwd, lambda: time.sleep(2.5))
        sims.doctolib.latency = 0.0

        cli.run("export", str(cwd / "export.zip"))
        cli.run("status", "--json")

        ours = owner_only(home)

        secrets = keyring_items()
        assert len(secrets) == 2  # the two refresh tokens, nothing else
        before_erase = all_text_under(tmp_path / "home") + all_text_under(cwd) + all_text_under(tmpdir)
        calendar_events = [e for cal in sims.google.calendars for e in live_events(sims.google, cal)]
        receipt = json.loads(cli.run("erase", "--yes", "--json").stdout)
        assert receipt["complete"] is True and receipt["not_done"] == []
        assert keyring_items() == []
        assert not any(folder.exists() for folder in ours)
        assert sims.google.calendars == {}  # the CalMedi calendar was deleted in Google

    markers = sims.doctolib.sensitive_strings()
    assert len(markers) > 50
    # Positive control: the patient data really flowed through CalMedi to Google.
    sent = json.dumps(calendar_events, ensure_ascii=False)
    assert sum(marker in sent for marker in markers) > 10

    files = before_erase + all_text_under(tmp_path / "home") + all_text_under(cwd) + all_text_under(tmpdir)
    looked_at = [*haystacks(files, cli), ("keyring", b"".join(secrets).decode())]
    leaks = [(where, marker) for where, text in looked_at for marker in markers if marker in text]
    assert leaks == []


@pytest.mark.timeout(300)
def test_no_marker_anywhere_on_the_caldav_path(sims: Sims, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server = shared_radicale()
    user, password = server.add_user()
    home, cwd, tmpdir = folders(tmp_path)
    with secret_service_session(tmp_path / "keyring") as keyring_session, DavProxy(server.url) as proxy:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", keyring_session.env["DBUS_SESSION_BUS_ADDRESS"])
        env = subprocess_env(sims, keyring_session.env, home, tmpdir)
        cli = Runner(env, cwd)
        cli.connect("doctolib")
        connect = ("connect", "caldav", proxy.url, "--user", user, "--password-stdin")
        cli.run(*connect, stdin="not-the-password\n", expect=1)  # refused: nothing kept
        connected = json.loads(cli.run(*connect, "--json", stdin=password + "\n").stdout)
        assert connected["switched"] is True and connected["destination"] == "caldav"
        calendar_url = connected["calendar_url"]
        rng = show_names_and_sync(cli, sims, seed=12)

        # The server fails every write, then says the account is full: the run stops, nothing is deleted.
        for _ in range(5):
            sims.doctolib.random_mutation(rng)
        proxy.inject(method="PUT", status=500, count=10_000)
        cli.run("sync", "--once", "--json", expect=1)
        proxy.clear()
        proxy.inject(method="PUT", status=507, count=10_000)
        cli.run("sync", "--once", expect=1)
        proxy.clear()

        sims.doctolib.inject(200, count=20, path="/calendar_display", body=b'{"data": [{"id": "x", "patient": ')
        cli.run("sync", "--once", expect=1)
        sims.doctolib.clear_faults()

        # Killed while writing: each PUT waits on the (slow) server.
        for _ in range(10):
            sims.doctolib.random_mutation(rng)
        cli.run("privacy-level", "initials")  # every event is rewritten: plenty of writes in flight
        proxy.latency = 0.3

        def until_writing() -> None:
            deadline = time.monotonic() + 60
            while "PUT" not in proxy.methods() and time.monotonic() < deadline:
                time.sleep(0.05)
            assert "PUT" in proxy.methods(), "the run reached its writes"

        kill_a_sync(cli, env, cwd, until_writing)
        proxy.latency = 0.0
        cli.run("privacy-level", "full")
        cli.run("sync", "--once", "--json")

        cli.run("export", str(cwd / "export.zip"))
        cli.run("status", "--json")
        ours = owner_only(home)

        secrets = keyring_items()
        assert password.encode() in secrets
        assert len(secrets) == 2  # the Doctolib refresh token and the CalDAV password, nothing else
        before_erase = all_text_under(home) + all_text_under(cwd) + all_text_under(tmpdir)
        on_the_server = all_text_under(server.folder / "store")
        receipt = json.loads(cli.run("erase", "--yes", "--json").stdout)
        assert receipt["complete"] is True and receipt["not_done"] == []
        assert keyring_items() == []
        assert not any(folder.exists() for folder in ours)
        gone = requests.request("PROPFIND", calendar_url, auth=(user, password), headers={"Depth": "0"})
        assert gone.status_code == 404, "CalMedi's calendar was deleted on the server"

    markers = sims.doctolib.sensitive_strings()
    assert len(markers) > 50
    # Positive control: the patient data really reached the CalDAV server.
    stored = "".join(data.decode("utf-8", "replace") for path, data in on_the_server if user in str(path))
    assert sum(marker in stored for marker in markers) > 10

    looked_at = haystacks(before_erase + all_text_under(home) + all_text_under(cwd) + all_text_under(tmpdir), cli)
    leaks = [(where, marker) for where, text in looked_at for marker in markers if marker in text]
    assert leaks == []
    assert [where for where, text in looked_at if password in text] == [], "the password only in the keyring"
