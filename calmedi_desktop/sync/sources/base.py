"""The Source interface: one method, read the window, in memory.

A source raises SourceError (or a subclass) for anything that prevents a complete, trustworthy read; the run
then aborts before Google is touched (fail closed). A partial read is never returned.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, runtime_checkable

from calmedi_desktop.sync.model import Appointment


@runtime_checkable
class Source(Protocol):
    #: Stable name that goes into event ids ("doctolib", "ics:<feed name>"). Changing it re-creates events.
    name: str

    def fetch(self, start: datetime, end: datetime) -> list[Appointment]:
        """Every appointment starting in [start, end), at most once each."""
        ...
