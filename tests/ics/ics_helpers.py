"""Helpers for the ICS tests: a loopback HTTP server (stdlib only) that serves feeds the way real servers do
and counts what happens, plus small builders.

Each route can answer with ETag/Last-Modified (and 304 when the client's validators match), gzip, a
redirect, a slow trickle, a generated body of any size, or a bare status. The server records every
request's headers and how many body bytes it managed to write before the client hung up.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
CORPUS = Path(__file__).resolve().parent / "corpus"  # real-world files, each under its own licence (SOURCES.md)


def paris(day: str) -> datetime:
    """Midnight of an ISO day in the practice's zone (the windows the tests ask for)."""
    return datetime.fromisoformat(day).replace(tzinfo=PARIS)


@dataclass
class Route:
    body: bytes | Callable[[], Iterator[bytes]] = b""
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    gzip: bool = False
    location: str | None = None  # with a 3xx status: a redirect
    delay: float = 0.0  # seconds between chunks (a slow server)
    chunk: int = 64 * 1024
    content_length: bool = True
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        self.sent: dict[str, int] = {}
        self.hung_up: set[str] = set()
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, format: str, *args: object) -> None:  # silence stderr
                pass

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                with server._lock:
                    server.seen.append(Seen(path, {k.lower(): v for k, v in self.headers.items()}))
                route = server.routes.get(path)
                if route is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                server._answer(self, path, route)

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._http.daemon_threads = True
        self._thread = threading.Thread(
            target=self._http.serve_forever, kwargs={"poll_interval": 0.02}, name="ics-test-server", daemon=True
        )
        self._thread.start()

    @property
    def base(self) -> str:
        host, port = self._http.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, body: bytes | Callable[[], Iterator[bytes]] = b"", **options: object) -> str:
        self.routes[path] = Route(body, **options)  # type: ignore[arg-type]
        return self.url(path)

    def count(self, path: str) -> int:
        return sum(1 for s in self.seen if s.path == path)

    def requests_to(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]

    def close(self) -> None:
        self._http.shutdown()
        self._http.server_close()

    def _answer(self, handler: BaseHTTPRequestHandler, path: str, route: Route) -> None:
        if route.location is not None:
            handler.send_response(route.status if 300 <= route.status < 400 else 302)
            handler.send_header("Location", route.location)
            handler.end_headers()
            return
        matched = (route.etag is not None and handler.headers.get("If-None-Match") == route.etag) or (
            route.last_modified is not None and handler.headers.get("If-Modified-Since") == route.last_modified
        )
        if matched:
            handler.send_response(304)
            self._validators(handler, route)
            handler.end_headers()
            return
        if route.status != 200:
            handler.send_response(route.status)
            handler.end_headers()
            return
        chunks: Iterator[bytes]
        if callable(route.body):
            chunks, length = route.body(), None
        else:
            data = gzip.compress(route.body) if route.gzip else route.body
            chunks = iter([data[i : i + route.chunk] for i in range(0, len(data), route.chunk)] or [b""])
            length = len(data)
        handler.send_response(200)
        handler.send_header("Content-Type", "text/calendar; charset=utf-8")
        if route.gzip:
            handler.send_header("Content-Encoding", "gzip")
        if length is not None and route.content_length:
            handler.send_header("Content-Length", str(length))
        self._validators(handler, route)
        for name, value in route.headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        try:
            for piece in chunks:
                handler.wfile.write(piece)
                handler.wfile.flush()
                with self._lock:
                    self.sent[path] = self.sent.get(path, 0) + len(piece)
                if route.delay:
                    time.sleep(route.delay)
        except (BrokenPipeError, ConnectionResetError):
            self.hung_up.add(path)

    @staticmethod
    def _validators(handler: BaseHTTPRequestHandler, route: Route) -> None:
        if route.etag is not None:
            handler.send_header("ETag", route.etag)
        if route.last_modified is not None:
            handler.send_header("Last-Modified", route.last_modified)


def calendar(*events: str, header: str = "") -> bytes:
    """A VCALENDAR around VEVENT bodies (CRLF, as RFC 5545 says)."""
    parts = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//CalMedi tests//EN"]
    if header:
        parts.extend(header.strip().splitlines())
    for body in events:
        parts.extend(["BEGIN:VEVENT", *body.strip().splitlines(), "END:VEVENT"])
    parts.append("END:VCALENDAR")
    return ("\r\n".join(parts) + "\r\n").encode()
