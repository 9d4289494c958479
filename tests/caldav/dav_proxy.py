"""A thin loopback proxy in front of the real Radicale: it counts requests and injects faults.

Every request is forwarded unchanged to Radicale and its answer returned unchanged, unless a rule matches
first: then the proxy answers the rule's status (503 with Retry-After, 507, 403…), stalls past the client's
timeout, or drops the connection before or after forwarding (the server then did or did not process it). The
log keeps (method, path) only, never a body.
"""

from __future__ import annotations

import http.client
import random
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import urlsplit

from calmedi_desktop.loopback_server import LoopbackService, QuietThreadingServer

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


@dataclass
class Rule:
    method: str | None = None  # None: any method
    path_contains: str = ""
    body_contains: bytes = b""
    header: tuple[str, str] | None = None  # (name, substring) a request header must contain
    count: int = 1  # how many matching requests it applies to (then it is spent)
    status: int = 503
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    mode: str = "answer"  # answer | stall | reset | reset_after | pass (forwarded untouched: only counted)
    stall: float = 0.0

    def matches(self, method: str, path: str, headers: Any, body: bytes) -> bool:
        if self.count <= 0 or (self.method and self.method != method) or self.path_contains not in path:
            return False
        if self.body_contains and self.body_contains not in body:
            return False
        return self.header is None or self.header[1] in (headers.get(self.header[0]) or "")


class DavProxy(LoopbackService):
    thread_name = "dav-proxy"

    def __init__(self, upstream: str, latency: float = 0.0) -> None:
        parts = urlsplit(upstream)
        self.latency = latency  # added to every forwarded request: a distant server (the benchmark)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.rules: list[Rule] = []
        self.log: list[tuple[str, str]] = []
        self.lock = threading.Lock()
        self._chaos: tuple[random.Random, float, tuple[str, ...], float] | None = None

    def random_faults(
        self,
        rate: float,
        seed: int,
        modes: tuple[str, ...] = ("503", "500", "reset", "reset_after"),
        stall: float = 0.5,
    ) -> None:
        """From now on, each request meets one of ``modes`` with probability ``rate``: an HTTP status (a 412
        only for a conditional request, as if its ETag had changed), ``reset`` (dropped before Radicale sees
        it), ``reset_after`` (processed, answer lost) or ``stall`` (answered after ``stall`` seconds)."""
        with self.lock:
            self._chaos = (random.Random(seed), rate, modes, stall)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def inject(self, **rule: Any) -> Rule:
        made = Rule(**rule)
        with self.lock:
            self.rules.append(made)
        return made

    def clear(self) -> None:
        with self.lock:
            self.rules.clear()
            self.log.clear()
            self._chaos = None

    def _chaos_rule(self, method: str, headers: Any) -> Rule | None:
        if self._chaos is None:
            return None
        rng, rate, modes, stall = self._chaos
        if rng.random() >= rate:
            return None
        mode = rng.choice(modes)
        if mode == "412" and not (headers.get("If-Match") or headers.get("If-None-Match")):
            return None
        if mode.isdigit():
            retry_after = {"Retry-After": "0"} if mode == "503" else {}
            return Rule(status=int(mode), headers=retry_after)
        return Rule(mode=mode, stall=stall)

    def methods(self) -> list[str]:
        with self.lock:
            return [method for method, _ in self.log]

    def writes(self) -> list[tuple[str, str]]:
        with self.lock:
            return [(m, p) for m, p in self.log if m in ("PUT", "DELETE", "MKCALENDAR", "PROPPATCH", "MOVE", "COPY")]

    def _take(self, method: str, path: str, headers: Any, body: bytes) -> Rule | None:
        with self.lock:
            self.log.append((method, path))
            for rule in self.rules:
                if rule.matches(method, path, headers, body):
                    rule.count -= 1
                    return rule
            return self._chaos_rule(method, headers)

    def _make_server(self) -> QuietThreadingServer:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                rule = proxy._take(self.command, self.path, self.headers, body)
                if rule is not None and rule.mode == "reset":
                    self.close_connection = True
                    self.connection.close()
                    return
                if rule is not None and rule.mode == "stall":
                    time.sleep(rule.stall)
                    rule = None  # then answered for real, too late for an impatient client
                if rule is not None and rule.mode == "pass":
                    rule = None
                if rule is not None and rule.mode == "answer":
                    self._reply(rule.status, list(rule.headers.items()), rule.body)
                    return
                status, headers, answer = proxy._forward(self.command, self.path, self.headers, body)
                if rule is not None and rule.mode == "reset_after":
                    self.close_connection = True
                    self.connection.close()
                    return
                self._reply(status, headers, answer)

            def _reply(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
                self.send_response(status)
                for name, value in headers:
                    if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body and self.command != "HEAD":
                    self.wfile.write(body)

            do_GET = do_PUT = do_DELETE = do_POST = do_HEAD = do_OPTIONS = _any
            do_PROPFIND = do_PROPPATCH = do_REPORT = do_MKCALENDAR = do_MKCOL = do_MOVE = do_COPY = _any

        return QuietThreadingServer(("127.0.0.1", 0), Handler)

    def _forward(self, method: str, path: str, headers: Any, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        if self.latency:
            time.sleep(self.latency)
        connection = http.client.HTTPConnection(*self.upstream, timeout=60)
        try:
            forwarded = {k: v for k, v in headers.items() if k.lower() not in HOP_BY_HOP}
            connection.request(method, path, body=body or None, headers=forwarded)
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            connection.close()
