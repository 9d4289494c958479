"""One running CalMedi per user: a second launch asks the first to show its window, then exits.

The first instance listens on a local socket that only its user may open; the name carries the user id so
that two practitioners on one machine never meet. A stale socket left by a crash is removed before listening.
"""

from __future__ import annotations

import getpass
import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

ACTIVATE = b"activate\n"
TIMEOUT_MS = 1000


def server_name(demo: bool = False) -> str:
    user = str(os.getuid()) if hasattr(os, "getuid") else getpass.getuser()
    suffix = hashlib.sha256(user.encode()).hexdigest()[:12]
    name = f"calmedi-desktop{'-demo' if demo else ''}-{suffix}"
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    # A full path in the user's runtime folder (0700) is private on Linux; elsewhere Qt picks the place.
    if runtime and Path(runtime).is_dir() and len(runtime) + len(name) < 100:
        return str(Path(runtime) / name)
    return name


class SingleInstance(QObject):
    activated = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self._server: QLocalServer | None = None

    def ask_running_instance(self) -> bool:
        """True if another instance answered (and was asked to come to the front)."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(TIMEOUT_MS):
            return False
        socket.write(ACTIVATE)
        socket.flush()
        socket.waitForBytesWritten(TIMEOUT_MS)
        socket.disconnectFromServer()
        return True

    def listen(self) -> bool:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self.name)
        if not server.listen(self.name):
            return False
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            # The server owns its sockets (they go with it); a deleteLater here could free one twice.
            socket.readyRead.connect(lambda s=socket: self._on_message(s))
            if socket.bytesAvailable():
                self._on_message(socket)

    def _on_message(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(ACTIVATE.strip()):
            self.activated.emit()

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
