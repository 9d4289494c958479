"""A privacy level change counted with an iCalendar feed: the feed is read as the proposed level reads it (with
its SUMMARY when that level shows names), so the count is still what the next run writes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from calmedi_desktop.service import CalMedi
from tests.cli_run import run
from tests.e2e.conftest import Sims
from tests.ics.ics_helpers import FeedServer, calendar

SOON = (datetime.now(UTC) + timedelta(days=3)).replace(hour=9, minute=0, second=0, microsecond=0)
FEED = calendar(
    f"UID:one@clinic\nDTSTART:{SOON:%Y%m%dT%H%M%SZ}\nDURATION:PT30M\nSUMMARY:Jeanne Martin",
    f"UID:weekly@clinic\nDTSTART:{SOON + timedelta(hours=2):%Y%m%dT%H%M%SZ}\nDURATION:PT20M\n"
    "RRULE:FREQ=WEEKLY;COUNT=4\nSUMMARY:Paul Durand",
)


@pytest.fixture
def feed() -> Iterator[FeedServer]:
    server = FeedServer()
    yield server
    server.close()


@pytest.mark.parametrize("level", ["initials", "full"])
def test_a_level_that_shows_names_is_counted_with_the_feeds_names(
    app: CalMedi, sims: Sims, feed: FeedServer, capsys: pytest.CaptureFixture[str], level: str
) -> None:
    url = feed.serve("/private/abc123.ics", FEED, etag='"1"')
    assert run(capsys, "connect", "ics", url, "--name", "clinic")[0] == 0
    app = CalMedi()  # the command line's settings and feed, in a fresh facade
    app.sync_once()
    app.sync_once()  # the feed answers 304: the source now keeps it without its SUMMARY lines
    impact = app.settings_change_impact({"privacy.level": level})
    app.set_settings({"privacy.level": level})
    result = app.sync_once()
    assert (result.created, result.updated, result.deleted) == (impact["inserts"], impact["updates"], impact["deletes"])
    assert result.updated >= 5, "the feed's five events get the names too"
