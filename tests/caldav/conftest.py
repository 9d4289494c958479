from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.caldav.dav_proxy import DavProxy
from tests.caldav.davkit import Calendar, shared_radicale
from tests.caldav.radicale_server import RadicaleServer


@pytest.fixture
def radicale() -> RadicaleServer:
    return shared_radicale()


@pytest.fixture
def proxy(radicale: RadicaleServer) -> Iterator[DavProxy]:
    with DavProxy(radicale.url) as running:
        yield running


@pytest.fixture
def calendar(radicale: RadicaleServer, proxy: DavProxy) -> Calendar:
    return Calendar(radicale, proxy)
