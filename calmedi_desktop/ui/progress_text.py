"""A sync run's progress in words and in a QProgressBar, shared by the wizard, the tray and the settings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QProgressBar

from calmedi_desktop.sync.progress import COMPARING, READING, Progress


def progress_text(progress: Progress) -> str:
    if progress.phase == READING:
        return QCoreApplication.translate("Progress", "Reading your appointments…")
    if progress.phase == COMPARING:
        return QCoreApplication.translate("Progress", "Comparing with Google Calendar…")
    if progress.total <= 0:
        return QCoreApplication.translate("Progress", "Google Calendar is already up to date.")
    text = QCoreApplication.translate("Progress", "Writing to Google Calendar: %1 of %2")
    return text.replace("%1", str(progress.done)).replace("%2", str(progress.total))


def show_progress(bar: QProgressBar, progress: Progress) -> None:
    """A busy bar while the amount of work is unknown, then the writes done out of the writes planned."""
    fraction = progress.fraction
    if fraction is None:
        bar.setRange(0, 0)
        return
    total = max(progress.total, 1)
    bar.setRange(0, total)
    bar.setValue(min(progress.done, total) if progress.total > 0 else total)
