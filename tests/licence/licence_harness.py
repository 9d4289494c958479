"""Loopback test servers for the licence tests: localstripe and the licence server, each in a thread.

Both bind 127.0.0.1 only. localstripe keeps its pickle in the folder the test gives it (never the system temp
folder) and can be stopped and started again on the same port, so a test can see the licence server answer 503
while Stripe is away.
"""

from __future__ import annotations

import asyncio
import pickle
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from aiohttp import web


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


class LocalStripe:
    """localstripe's aiohttp app served from a private event loop on 127.0.0.1."""

    def __init__(self, state_dir: Path) -> None:
        from localstripe import resources, server

        self._app = server.app
        self._store = resources.store
        self._pickle = state_dir / "localstripe.pickle"
        state_dir.mkdir(parents=True, exist_ok=True)
        # localstripe hard-codes /tmp/localstripe.pickle; the store is one module-level dict, so redirect its
        # instance methods for the life of this process.
        self._store.dump_to_disk = self._dump  # type: ignore[method-assign]
        self._store.try_load_from_disk = self._load  # type: ignore[method-assign]
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="localstripe", daemon=True)
        self._thread.start()
        self._runner: web.AppRunner | None = None
        self.port = 0

    def _dump(self) -> None:
        self._pickle.write_bytes(pickle.dumps(dict(self._store), protocol=pickle.HIGHEST_PROTOCOL))

    def _load(self) -> None:
        if self._pickle.exists():
            self._store.clear()
            self._store.update(pickle.loads(self._pickle.read_bytes()))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        return self._runner is not None

    def _call(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout=10)

    def start(self) -> str:
        """Listen again (on the same port once one was chosen)."""
        if self._runner is not None:
            return self.url
        if self.port:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(("127.0.0.1", self.port))
        else:
            sock = _free_socket()
        self.port = sock.getsockname()[1]

        async def up() -> web.AppRunner:
            runner = web.AppRunner(self._app, access_log=None, handle_signals=False)
            await runner.setup()
            await web.SockSite(runner, sock).start()
            return runner

        self._runner = self._call(up())
        return self.url

    def stop(self) -> None:
        """Stop listening and drop every open connection, like a crashed server."""
        if self._runner is not None:
            self._call(self._runner.cleanup())
            self._runner = None

    def reset(self) -> None:
        httpx.delete(f"{self.url}/_config/data", timeout=5).raise_for_status()

    def close(self) -> None:
        self.stop()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
