"""The simulator's HTTP plumbing: a threading server on loopback and a handler that can drop connections.

The handler reads the request, asks the simulator (``SimBackend``) what to answer, and writes it; a network
fault makes it close the socket instead (with a RST unless the mode is ``close``), before or after processing.
"""

from __future__ import annotations

import contextlib
import io
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import urlsplit

from calmedi_desktop.demo.google_sim_faults import NetworkFault

JSON_TYPE = "application/json; charset=UTF-8"


@dataclass
class Reply:
    status: int
    body: bytes = b""
    content_type: str = JSON_TYPE
    headers: dict[str, str] = field(default_factory=dict)


class SimBackend(Protocol):
    def begin(self, method: str, path: str) -> tuple[str, NetworkFault | None]: ...

    def respond(self, kind: str, method: str, target: str, headers: dict[str, str], body: bytes) -> Reply: ...


class SimServer(ThreadingHTTPServer):
    daemon_threads = True
    # Idle keep-alive connections must not make stop() wait for their threads.
    block_on_close = False
    sim: SimBackend

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def server_close(self) -> None:
        """A stopped simulator must not keep answering on kept-alive connections."""
        with self._open_lock:
            for sock in list(self._open):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
        super().server_close()


class SimHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without TCP_NODELAY, Nagle plus delayed ACKs cost 40 ms each.
    disable_nagle_algorithm = True
    timeout = 30
    server: SimServer

    def log_message(self, format: str, *args: Any) -> None:
        pass  # request lines carry event ids and tokens: never log them

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length and hasattr(socket, "TCP_QUICKACK"):
            # Clients that send headers and body in two writes wait for our ACK (Nagle): do not delay it.
            with contextlib.suppress(OSError):
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        body = self.rfile.read(length) if length else b""
        sim = self.server.sim
        kind, drop = sim.begin(self.command, urlsplit(self.path).path)
        if drop is not None and drop.mode != "reset_after":
            self._drop(drop)
            return
        headers = {k.lower(): v for k, v in self.headers.items()}
        reply = sim.respond(kind, self.command, self.path, headers, body)
        if drop is not None:
            self._drop(drop)
            return
        self.send_response(reply.status, HTTPStatus(reply.status).phrase)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.status != 204:
            self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if reply.body:
            self.wfile.write(reply.body)

    def _drop(self, fault: NetworkFault) -> None:
        if fault.mode == "timeout":
            time.sleep(fault.stall)
        sock = self.connection
        with contextlib.suppress(OSError):
            if fault.mode != "close":
                # Linger 0: close() sends a RST, so the client sees "connection reset", not a clean EOF.
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.rfile.close()
            sock.close()
        self.close_connection = True
        self.wfile = io.BytesIO()  # the base class flushes wfile after the handler returns
