"""The global exception hook: a dialog with a copyable technical report that holds no appointment data.

The report names the exception classes and the code locations (file, line, function) only. It never includes
an exception's message or arguments, nor local variables: those are where a patient's name could hide.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

import PySide6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from calmedi_desktop.api import __version__

log = logging.getLogger(__name__)


def _short_path(filename: str) -> str:
    """Package-relative paths: the full path could carry the user's name."""
    normalised = filename.replace("\\", "/")
    for marker in ("calmedi_desktop/", "site-packages/"):
        if marker in normalised:
            return (marker if marker == "calmedi_desktop/" else "") + normalised.rsplit(marker, 1)[1]
    return normalised.rsplit("/", 1)[-1]


def _frames(tb: TracebackType | None) -> list[str]:
    return [
        f'  File "{_short_path(frame.filename)}", line {frame.lineno}, in {frame.name}'
        for frame in traceback.extract_tb(tb)
    ]


def build_report(exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> str:
    lines = [
        f"CalMedi {__version__}",
        f"Python {platform.python_version()} · PySide6 {PySide6.__version__} · {platform.system()} "
        f"{platform.release()} · {platform.machine()}",
        f"Frozen: {bool(getattr(sys, 'frozen', False))}",
        "",
        "Traceback (most recent call last):",
        *_frames(tb),
        f"{exc_type.__module__}.{exc_type.__qualname__}",
    ]
    seen = {id(exc)}
    cause = exc.__cause__ or exc.__context__ if exc is not None else None
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        lines += [
            "",
            "Caused by:",
            *_frames(cause.__traceback__),
            f"{type(cause).__module__}.{type(cause).__qualname__}",
        ]
        cause = cause.__cause__ or cause.__context__
    return "\n".join(lines)


class CrashReportDialog(QDialog):
    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashReportDialog")
        self.setWindowTitle(self.tr("CalMedi ran into a problem"))
        self.resize(620, 420)
        intro = QLabel(
            self.tr(
                "Something unexpected happened. CalMedi keeps running, but the last action may not have "
                "completed.\n\nIf it happens again, copy this report and send it to support@calmedi.io. It "
                "holds no appointment and no personal data: only versions and where in the program the "
                "error occurred."
            )
        )
        intro.setWordWrap(True)
        self.report_view = QPlainTextEdit(report)
        self.report_view.setReadOnly(True)
        self.report_view.setAccessibleName(self.tr("Technical report"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(self.tr("Copy report"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.report_view)
        layout.addWidget(buttons)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report_view.toPlainText())


class ExceptionHook(QObject):
    """Installed once; reports from any thread reach the GUI thread through ``reported``."""

    reported = Signal(str)

    def __init__(self, show: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self._previous: tuple[Any, Any] | None = None
        self.reported.connect(show or self._show)
        self.dialogs: list[CrashReportDialog] = []

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._on_exception
        threading.excepthook = self._on_thread_exception

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def _on_exception(self, exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QGuiApplication.quit()
            return
        log.error("unhandled exception %s", exc_type.__name__)
        self.reported.emit(build_report(exc_type, exc, tb))

    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        self._on_exception(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, report: str) -> None:
        dialog = CrashReportDialog(report)
        dialog.finished.connect(lambda _: self.dialogs.remove(dialog))
        self.dialogs.append(dialog)
        dialog.show()
