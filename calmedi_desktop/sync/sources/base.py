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


@runtime_checkable
class ReportsCancellations(Protocol):
    """A source that can tell "cancelled" from "gone": Doctolib still lists a cancelled appointment in its slot.

    A run of the coming days may then delete what the source positively reported cancelled in its window; an
    event that merely vanished (moved out of the window, or deleted) needs the whole window to decide.
    """

    name: str

    def take_cancelled(self) -> set[str]:
        """Source ids the last read found cancelled in its window, handed over once (they are appointment
        data: the source forgets them at once). Each ``fetch`` starts by forgetting what an earlier read found,
        so after a read, whether it succeeded or failed, nothing of an earlier one is handed over: the runner
        takes them after its read and never needs to clear them before."""
        ...
