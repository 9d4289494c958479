"""A one-line progress display for ``calmedi sync --once`` on a terminal; silent when stderr is not a TTY
(scripts, cron, CI and ``--json`` consumers read stdout and must not get carriage returns)."""

from __future__ import annotations

import threading
from types import TracebackType
from typing import TextIO

from calmedi_desktop.api import Progress, progress_line


class TerminalProgress:
    def __init__(self, stream: TextIO, *, force: bool = False, destination: str | None = None) -> None:
        self._stream = stream
        self._destination = destination  # its name, for "Writing to Apple iCloud: …"
        self._enabled = force or (hasattr(stream, "isatty") and stream.isatty())
        self._width = 0
        self._lock = threading.Lock()  # sources report from worker threads

    def __call__(self, progress: Progress) -> None:
        if not self._enabled:
            return
        line = progress_line(progress, self._destination)
        with self._lock:
            padding = " " * max(0, self._width - len(line))  # wipe the end of a longer previous line
            self._stream.write(f"\r{line}{padding}")
            self._stream.flush()
            self._width = len(line)

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        with self._lock:
            if self._enabled and self._width:
                self._stream.write("\r" + " " * self._width + "\r")  # the summary or error gets a clean line
                self._stream.flush()
                self._width = 0
