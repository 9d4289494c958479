"""The simulator's HTTP plumbing: paths of the contract, the threaded server, the request handler, faults."""

from __future__ import annotations

import json
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any, Protocol

from calmedi_desktop.loopback_server import QuietThreadingServer


class Dispatcher(Protocol):
    def handle(self, handler: Handler, method: str) -> None: ...


PATHS = {
    "/.well-known/openid-configuration": "discovery",
    "/oauth/authorize": "authorize",
    "/oauth/token": "token",
    "/oauth/revoke": "revoke",
    "/api/accounts": "accounts",
    "/configuration/visit_motives.json": "visit_motives",
    "/calendar_display/appointments": "appointments",
}
API_KINDS = {"accounts", "visit_motives", "appointments"}
MAX_FORM = 64 * 1024


@dataclass
class Fault:
    status: int
    remaining: int
    retry_after: int | None = None
    path: str | None = None
    body: bytes | None = None
    content_length: int | None = None


class Server(QuietThreadingServer):
    sim: Dispatcher


class Handler(BaseHTTPRequestHandler):
    server: Server
    protocol_version = "HTTP/1.1"
    timeout = 30
    disable_nagle_algorithm = True  # headers and body are two writes: without this, each answer waits ~40 ms

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the default would print request lines (codes, states) to stderr

    def do_GET(self) -> None:
        self.server.sim.handle(self, "GET")

    def do_POST(self) -> None:
        self.server.sim.handle(self, "POST")

    def send(
        self,
        status: int,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        content_length: int | None = None,
    ) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body) if content_length is None else content_length))
        self.end_headers()
        self.wfile.write(body)
        if content_length is not None and content_length != len(body):
            self.close_connection = True  # a truncated body: the client must see the connection end early

    def send_json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send(status, body, {"Content-Type": "application/json; charset=utf-8", **(headers or {})})
