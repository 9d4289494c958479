"""Scheduler callbacks (worker thread) → Qt signals (GUI thread)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from calmedi_desktop.api import CalmediError, Progress


class SchedulerBridge(QObject):
    """Implements ``SchedulerListener``; every callback becomes a queued signal on the GUI thread."""

    runStarted = Signal()
    runProgress = Signal(object)  # sync.progress.Progress
    runFinished = Signal(object)
    runFailed = Signal(object)
    stateChanged = Signal(str)

    def run_started(self) -> None:
        self.runStarted.emit()

    def run_progress(self, progress: Progress) -> None:
        self.runProgress.emit(progress)

    def run_finished(self, result: Any) -> None:
        self.runFinished.emit(result)

    def run_failed(self, error: CalmediError) -> None:
        self.runFailed.emit(error)

    def state_changed(self, state: str) -> None:
        self.stateChanged.emit(state)
