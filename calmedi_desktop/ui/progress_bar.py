"""A sync run's progress in a QProgressBar (its words come from ``status_text.progress_line``)."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar

from calmedi_desktop.api import Progress


def show_progress(bar: QProgressBar, progress: Progress) -> None:
    """A busy bar while the amount of work is unknown, then the writes done out of the writes planned."""
    if progress.fraction is None:
        bar.setRange(0, 0)
        return
    total = max(progress.total, 1)
    bar.setRange(0, total)
    bar.setValue(min(progress.done, total) if progress.total > 0 else total)
