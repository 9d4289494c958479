"""How loud a run's log lines are: near-term runs repeat every minute or so, so their routine lines go to DEBUG.

A practitioner's journal keeps 12 months of lines. A run of the coming days every 40 seconds that logs like a
full run would write over a thousand lines a day saying "nothing changed", and bury the lines that matter.
Inside ``routine()`` the lines that every run writes (what was read, what was listed) are DEBUG; what changed,
what failed and how long Google made CalMedi wait stay INFO or WARNING.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
from collections.abc import Iterator

_routine: contextvars.ContextVar[bool] = contextvars.ContextVar("calmedi_routine_run", default=False)


def routine_level() -> int:
    """The level for a line every run writes: INFO, or DEBUG inside a routine run."""
    return logging.DEBUG if _routine.get() else logging.INFO


@contextlib.contextmanager
def routine(enabled: bool = True) -> Iterator[None]:
    token = _routine.set(enabled)
    try:
        yield
    finally:
        _routine.reset(token)
