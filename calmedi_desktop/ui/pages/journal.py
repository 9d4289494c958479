"""Journal: the recent technical log lines (counts, durations, error classes — never appointment content)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QWidget

from calmedi_desktop.ui.pages.common import hint, page_layout, title
from calmedi_desktop.ui.tasks import BackgroundTask

if TYPE_CHECKING:
    from calmedi_desktop.ui.page_api import PageController

JOURNAL_LINES = 300


class JournalPage(QWidget):
    def __init__(self, controller: PageController) -> None:
        super().__init__()
        self.controller = controller
        layout = page_layout(self)
        layout.addWidget(title(self.tr("Journal")))
        layout.addWidget(
            hint(
                self.tr(
                    "What CalMedi did recently, in technical terms. It never contains an appointment or a "
                    "patient's name. Lines older than 12 months are deleted automatically."
                )
            )
        )
        self.view = QPlainTextEdit()
        self.view.setObjectName("journalView")
        self.view.setReadOnly(True)
        self.view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.view.setAccessibleName(self.tr("Recent log lines"))
        layout.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.view.toPlainText()))
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.copy_button)
        layout.addLayout(buttons)
        # Bound methods, not lambdas: Qt drops the connection when this page is destroyed.
        controller.bridge.runFinished.connect(self._after_run)
        controller.bridge.runFailed.connect(self._after_run)

    def _after_run(self, _outcome: object = None) -> None:
        self.refresh()

    def showEvent(self, event: object) -> None:
        self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]

    def refresh(self) -> None:
        if not self.isVisible():
            return

        def show(lines: list[str]) -> None:
            text = "\n".join(lines) if lines else self.tr("Nothing logged yet.")
            self.view.setPlainText(text)
            self.view.verticalScrollBar().setValue(self.view.verticalScrollBar().maximum())

        BackgroundTask(lambda: self.controller.app.journal_lines(JOURNAL_LINES), "calmedi-journal").start(
            show, lambda error: self.view.setPlainText(type(error).__name__), self
        )
