"""An HTTP server on a loopback address, served by a daemon thread: the simulators and the OAuth redirect
receiver all run this way."""

from __future__ import annotations

import sys
import threading
from http.server import ThreadingHTTPServer
from typing import Any, Self


class QuietThreadingServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a client that hangs up early (a size limit, a timeout, a browser) is not a failure
        super().handle_error(request, client_address)


class ServerThread:
    """Serves ``server`` until ``stop()``; ``server_close`` runs after the loop has ended."""

    def __init__(self, server: ThreadingHTTPServer, name: str) -> None:
        self.server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name=name, daemon=True
        )
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)


class LoopbackService:
    """start()/stop()/``with``/port for an object that answers HTTP on a loopback address.

    A subclass says how to build its server (``_make_server``) and names its thread; starting twice is a no-op.
    """

    thread_name = "loopback"
    _running: ServerThread | None = None

    def _make_server(self) -> ThreadingHTTPServer:
        raise NotImplementedError

    def start(self) -> Self:
        if self._running is None:
            self._running = ServerThread(self._make_server(), self.thread_name)
        return self

    def stop(self) -> None:
        running, self._running = self._running, None
        if running is not None:
            running.stop()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._running is None:
            raise RuntimeError(f"{type(self).__name__} is not started")
        return self._running.port
