"""A one-shot loopback receiver for an OAuth redirect: ``http://127.0.0.1:PORT/`` (RFC 8252 §7.3).

It binds 127.0.0.1 only, on a port the system picks, and accepts exactly one redirect carrying the expected
``state`` (a redirect with another state is answered and ignored, so a stray or forged request cannot end the
sign-in). Nothing it receives is logged: the query holds an authorisation code.
"""

from __future__ import annotations

import html
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from calmedi_desktop.i18n import tr
from calmedi_desktop.loopback_server import LoopbackService, QuietThreadingServer

_POLL = 0.1


class _Server(QuietThreadingServer):
    # Threaded: a browser's idle speculative connection must not hold back the real redirect.
    receiver: LoopbackReceiver


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = 10

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the request line holds the authorisation code

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path != "/":
            self._page(404, tr("oauth.page.failed"))
            return
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        receiver = self.server.receiver
        answered = "code" in params or "error" in params
        if not answered or not secrets.compare_digest(params.get("state", "").encode(), receiver.state.encode()):
            self._page(400, tr("oauth.page.failed"))
        else:
            self._page(200, tr("oauth.page.failed") if "error" in params else tr("oauth.page.done"))
            receiver._deliver(params)

    def _page(self, status: int, text: str) -> None:
        title = html.escape(tr("oauth.page.title"))
        body = (
            f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title></head>'
            f'<body style="font-family:sans-serif;margin:3em"><h1>{title}</h1><p>{html.escape(text)}</p></body></html>'
        ).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)


class LoopbackReceiver(LoopbackService):
    """Use as a context manager: ``redirect_uri`` is valid inside it, ``wait`` returns the redirect's query."""

    thread_name = "oauth-loopback"

    def __init__(self, state: str, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.state = state
        self._host = host
        self._port = port
        self._params: dict[str, str] | None = None
        self._received = threading.Event()
        self._lock = threading.Lock()

    def _make_server(self) -> _Server:
        server = _Server((self._host, self._port), _Handler)
        server.receiver = self
        return server

    def close(self) -> None:
        self.stop()

    @property
    def redirect_uri(self) -> str:
        if self._running is None:
            raise RuntimeError("LoopbackReceiver is not started")
        host = self._host if ":" not in self._host else f"[{self._host}]"
        return f"http://{host}:{self.port}/"

    def _deliver(self, params: dict[str, str]) -> None:
        with self._lock:
            if not self._received.is_set():
                self._params = params
                self._received.set()

    def wait(self, timeout: float, cancel: threading.Event | None = None) -> dict[str, str] | None:
        """The redirect's query parameters; None if ``cancel`` was set. Raises TimeoutError after ``timeout``."""
        deadline = time.monotonic() + timeout
        while not self._received.wait(min(_POLL, max(0.0, deadline - time.monotonic()))):
            if cancel is not None and cancel.is_set():
                return None
            if time.monotonic() >= deadline:
                raise TimeoutError("no redirect received")
        return dict(self._params or {})
