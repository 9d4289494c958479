"""Loopback test servers and helpers for the licence tests: localstripe and the licence server in threads.

Both bind 127.0.0.1 only. localstripe keeps its pickle in the folder the test gives it (never the system temp
folder) and can be stopped and started again on the same port, so a test can see the licence server answer 503
while Stripe is away.
"""

from __future__ import annotations

import asyncio
import pickle
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import stripe
import uvicorn
from aiohttp import web
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from calmedi_licence_server import ServerSettings
from calmedi_licence_server.keys import issue_key
from calmedi_licence_server.tokens import TokenClaims, sign_token


def free_socket() -> socket.socket:
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
            sock = free_socket()
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


MANAGE_URL = "https://billing.example.org/p/login/test"
# Third-party noise: localstripe registers sync handlers; the Stripe SDK posts bytes through httpx's data=.
QUIET_THIRD_PARTY = [
    pytest.mark.filterwarnings("ignore:Bare functions are deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:Use 'content=<...>':DeprecationWarning"),
]


def make_token(key: Ed25519PrivateKey, issued: datetime | None = None, **claims: Any) -> str:
    """A token as the server would sign it (status active, 7 days) with some claims changed."""
    issued = issued or datetime.now(UTC)
    values: dict[str, Any] = {
        "customer": "cus_TestCustomer42",
        "plan": "plan_test",
        "plan_name": "Mensuel",
        "status": "active",
        "period_end": int((issued + timedelta(days=30)).timestamp()),
        "issued_at": int(issued.timestamp()),
        "expires_at": int((issued + timedelta(days=7)).timestamp()),
        "manage_url": MANAGE_URL,
    }
    values.update(claims)
    return sign_token(TokenClaims(**values), key)


def public_pem(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


class ShiftableClock:
    """Real UTC time plus an offset that a test moves; callable like the clocks the code takes."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, **delta: float) -> None:
        self.offset += timedelta(**delta)


class ServerThread:
    """An ASGI app served by uvicorn on 127.0.0.1 (an ephemeral port) from a background thread."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self._app = app
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> str:
        sock = free_socket()
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(self._app, log_level="warning", lifespan="off", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name="licence-server", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the licence server did not start")
            time.sleep(0.01)
        return self.url

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
            self._server = self._thread = None


class StripeWorld:
    """Sets up what a vendor would have in Stripe: customers, a product, a plan, subscriptions."""

    def __init__(self, client: stripe.StripeClient) -> None:
        self.client = client
        self._plan: str | None = None

    def plan(self) -> str:
        if self._plan is None:
            product = self.client.v1.products.create(params={"name": "CalMedi Desktop"})
            plan = self.client.v1.plans.create(
                params={
                    "product": product.id,
                    "amount": 1900,
                    "currency": "eur",
                    "interval": "month",
                    "nickname": "Mensuel",
                }
            )
            self._plan = plan.id
        return self._plan

    def customer(self, *, with_card: bool = True) -> str:
        customer = self.client.v1.customers.create(params={"name": "Dr Test", "email": "dr.test@example.org"})
        if with_card:
            card = self.client.v1.payment_methods.create(
                params={
                    "type": "card",
                    "card": {"number": "4242424242424242", "exp_month": 12, "exp_year": 2040, "cvc": "123"},
                }
            )
            self.client.v1.payment_methods.attach(card.id, params={"customer": customer.id})
            self.client.v1.customers.update(
                customer.id, params={"invoice_settings": {"default_payment_method": card.id}}
            )
        return customer.id

    def subscribe(self, customer: str) -> str:
        sub = self.client.v1.subscriptions.create(params={"customer": customer, "items": [{"plan": self.plan()}]})
        assert sub.status == "active", sub.status
        return sub.id

    def cancel(self, subscription: str) -> None:
        self.client.v1.subscriptions.cancel(subscription)

    def metadata(self, customer: str) -> dict[str, str]:
        return self.client.v1.customers.retrieve(customer).to_dict()["metadata"]


@dataclass
class LicenceServer:
    """A running licence server as the tests see it."""

    url: str
    settings: ServerSettings
    thread: ServerThread

    def issue_key(self, customer: str) -> str:
        return issue_key(customer, self.settings.key_secret)

    def stop(self) -> None:
        self.thread.stop()
