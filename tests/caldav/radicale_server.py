"""A real CalDAV server for the tests: Radicale (from PyPI) in a child process, on 127.0.0.1, htpasswd auth.

Run as a script it starts Radicale from a config file, with fsync off (a privileged option the command line
cannot set; the tests never need durability and the disk is shared with other test runs). Users are lines of
a plain htpasswd file, added while it runs (Radicale re-reads the file at each login). The rights file gives
every user their own principal and calendars, except:

- ``locked-*`` users may read their principal but not create collections (MKCALENDAR answers 405, as on
  servers that refuse it) and may write only in ``<user>/existing/``, which ``admin`` creates for them;
- ``admin`` may do anything anywhere (to prepare what a locked user cannot).
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Self

import requests

RIGHTS = """\
[root]
user: .+
collection:
permissions: R

[admin]
user: admin
collection: .*
permissions: RWrw

[locked-principal]
user: locked-.+
collection: {user}
permissions: R

[locked-existing]
user: locked-.+
collection: {user}/existing(/[^/]+)?
permissions: rw

[owner]
user: (?!locked-).+
collection: {user}(/.*)?
permissions: RWrw
"""

CONFIG = """\
[server]
hosts = 127.0.0.1:{port}
max_connections = 32
[auth]
type = htpasswd
htpasswd_filename = {users}
htpasswd_encryption = plain
delay = 0
[rights]
type = from_file
file = {rights}
[storage]
filesystem_folder = {folder}
use_mtime_and_size_for_item_cache = True
[web]
type = none
[logging]
level = warning
mask_passwords = True
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RadicaleServer:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.users_file = folder / "users"
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self, attempts: int = 5) -> Self:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.users_file.write_text("admin:admin-secret\n", encoding="utf-8")
        (self.folder / "rights").write_text(RIGHTS, encoding="utf-8")
        for _ in range(attempts):  # a free port may be taken between the probe and Radicale's bind
            self.port = _free_port()
            config = self.folder / "config"
            config.write_text(
                CONFIG.format(
                    port=self.port, users=self.users_file, rights=self.folder / "rights", folder=self.folder / "store"
                ),
                encoding="utf-8",
            )
            log = (self.folder / "radicale.log").open("ab")
            self._process = subprocess.Popen([sys.executable, __file__, str(config)], stdout=log, stderr=log)
            if self._wait_ready():
                return self
            self.stop()
        raise RuntimeError(f"Radicale did not start; see {self.folder / 'radicale.log'}")

    def _wait_ready(self, timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process is None or self._process.poll() is not None:
                return False
            try:
                requests.get(self.url, timeout=1)
                return True
            except requests.ConnectionError:
                time.sleep(0.05)
        return False

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.stop()

    def add_user(self, prefix: str = "user") -> tuple[str, str]:
        """A new account (name, password), isolated from every other test's."""
        name, password = f"{prefix}-{secrets.token_hex(4)}", secrets.token_urlsafe(12)
        with self._lock, self.users_file.open("a", encoding="utf-8") as users:
            users.write(f"{name}:{password}\n")
        return name, password

    def admin(self) -> requests.Session:
        """The server's administrator, who may do what a ``locked-*`` user may not (create collections)."""
        session = requests.Session()
        session.auth = ("admin", "admin-secret")
        return session

    def prepare_calendar(self, user: str, path: str = "existing", props: bytes = b"") -> str:
        """What an administrator prepares for a user who may not create collections: the principal, and one
        calendar at ``path`` (``props``: DAV properties to set on it, e.g. a displayname). Returns its URL."""
        admin = self.admin()
        assert admin.request("MKCOL", f"{self.url}{user}/").status_code == 201
        body = (
            b'<mkcalendar xmlns="urn:ietf:params:xml:ns:caldav" xmlns:D="DAV:" xmlns:A="http://apple.com/ns/ical/">'
            b"<D:set><D:prop>" + props + b"</D:prop></D:set></mkcalendar>"
            if props
            else b""
        )
        url = f"{self.url}{user}/{path}/"
        assert admin.request("MKCALENDAR", url, data=body or None).status_code == 201
        return url


def _exit_with_parent() -> None:
    """A test run that is killed must not leave Radicale behind."""
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def _serve(config_path: str) -> None:
    import radicale.config
    import radicale.log
    import radicale.server

    threading.Thread(target=_exit_with_parent, daemon=True).start()
    radicale.log.setup()
    configuration = radicale.config.load([(config_path, False)])
    configuration.update({"storage": {"_filesystem_fsync": "False"}}, "tests", privileged=True)
    radicale.log.set_level(configuration.get("logging", "level"), configuration.get("logging", "backtrace_on_debug"))
    radicale.server.serve(configuration)


if __name__ == "__main__":
    _serve(sys.argv[1])
