"""Property: the wall-clock chunks cover the window exactly, without gaps, each within the server's 31 days."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from calmedi_desktop.sync.sources.doctolib import wall_chunks

ZONES = ["Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kolkata", "UTC"]
LIMIT = timedelta(days=31)


def elapsed(start: datetime, end: datetime, zone: ZoneInfo) -> timedelta:
    return end.replace(tzinfo=zone).astimezone(UTC) - start.replace(tzinfo=zone).astimezone(UTC)


@settings(max_examples=300, deadline=None)
@given(
    zone_name=st.sampled_from(ZONES),
    start=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 1, 1), timezones=st.just(UTC)),
    length=st.timedeltas(min_value=timedelta(seconds=1), max_value=timedelta(days=400)),
)
def test_chunks_cover_the_window(zone_name: str, start: datetime, length: timedelta) -> None:
    zone = ZoneInfo(zone_name)
    end = start + length
    chunks = wall_chunks(start, end, zone_name)
    assert chunks
    first, last = chunks[0][0], chunks[-1][1]
    # How a server reads the wall-clock strings (fold=0): the read must reach both ends of the window.
    assert first.replace(tzinfo=zone).astimezone(UTC) <= start
    assert last.replace(tzinfo=zone).astimezone(UTC) >= end
    for earlier, later in itertools.pairwise(chunks):
        assert earlier[1] == later[0]
    for chunk_start, chunk_end in chunks:
        assert chunk_start.microsecond == chunk_end.microsecond == 0
        assert timedelta(0) < chunk_end - chunk_start <= LIMIT
        assert elapsed(chunk_start, chunk_end, zone) <= LIMIT
    assert len(chunks) <= length // timedelta(days=30) + 2
