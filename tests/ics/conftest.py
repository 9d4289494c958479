"""Fixtures of the ICS feed tests: a loopback feed server (see ``ics_helpers.FeedServer``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.ics.ics_helpers import FeedServer


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer()
    try:
        yield server
    finally:
        server.close()
