"""How far a sync run has got, for a progress bar: counts only, never what is being written."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

log = logging.getLogger(__name__)

READING = "reading"  # the sources are being read (no total known yet)
COMPARING = "comparing"  # CalMedi's calendar is being listed and compared
WRITING = "writing"  # ``done`` of ``total`` writes have their final outcome


@dataclass(frozen=True, slots=True)
class Progress:
    """``waiting_s`` > 0: Google's quota holds the writes back for that long now. ``eta_s``: about how many
    seconds the writes still need at the pace Google allows (None when they are not held back by the quota)."""

    phase: str
    done: int = 0
    total: int = 0
    waiting_s: float = 0.0
    eta_s: float | None = None

    @property
    def fraction(self) -> float | None:
        """0..1 while writing, None while the amount of work is not known yet."""
        if self.phase != WRITING:
            return None
        return 1.0 if self.total <= 0 else min(1.0, self.done / self.total)


ProgressCallback = Callable[[Progress], None]


class WriteProgress(Protocol):
    """What a target's apply reports: (done, total), and when the quota paces it, the wait and the time left."""

    def __call__(self, done: int, total: int, /, waiting_s: float = 0.0, eta_s: float | None = None) -> None: ...


def report(callback: ProgressCallback | None, progress: Progress) -> None:
    """Tell the listener; a listener's bug is logged and never breaks the run it watches."""
    if callback is None:
        return
    try:
        callback(progress)
    except Exception as exc:
        log.warning("progress listener failed: %s", type(exc).__name__)
