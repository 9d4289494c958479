"""The settings window: a page list on the left, the page on the right. Every change is saved at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QScrollArea, QStackedWidget, QWidget

from calmedi_desktop.ui.icons import app_icon
from calmedi_desktop.ui.pages.about import AboutPage
from calmedi_desktop.ui.pages.accounts import AccountsPage
from calmedi_desktop.ui.pages.calendar_look import CalendarLookPage
from calmedi_desktop.ui.pages.destination import DestinationPage
from calmedi_desktop.ui.pages.general import GeneralPage
from calmedi_desktop.ui.pages.journal import JournalPage
from calmedi_desktop.ui.pages.licence import LicencePage
from calmedi_desktop.ui.pages.privacy import PrivacyPage
from calmedi_desktop.ui.pages.profile import ProfilePage
from calmedi_desktop.ui.pages.sync import SyncPage

if TYPE_CHECKING:
    from calmedi_desktop.ui.page_api import PageController


class SettingsWindow(QWidget):
    def __init__(self, controller: PageController) -> None:
        super().__init__()
        self.controller = controller
        self.setObjectName("settingsWindow")
        title = self.tr("CalMedi – Settings")
        self.setWindowTitle(title + (self.tr(" (demo)") if controller.demo is not None else ""))
        self.setWindowIcon(app_icon())
        self.resize(860, 600)
        self.nav = QListWidget()
        self.nav.setObjectName("settingsNav")
        self.nav.setAccessibleName(self.tr("Settings pages"))
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setStyleSheet("QListWidget { border: none; } QListWidget::item { padding: 8px 10px; }")
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        entries: list[tuple[str, str, type[QWidget]]] = [
            ("accounts", self.tr("Accounts"), AccountsPage),
            ("destination", self.tr("Destination"), DestinationPage),
            ("sync", self.tr("Synchronisation"), SyncPage),
            ("privacy", self.tr("Privacy"), PrivacyPage),
            ("calendar", self.tr("Calendar view"), CalendarLookPage),
            ("profile", self.tr("Profile & consent"), ProfilePage),
            ("licence", self.tr("Licence"), LicencePage),
            ("general", self.tr("General"), GeneralPage),
            ("journal", self.tr("Journal"), JournalPage),
            ("about", self.tr("About"), AboutPage),
        ]
        if controller.demo is not None:
            from calmedi_desktop.ui.pages.preview import PreviewPage

            entries.insert(0, ("preview", self.tr("Demo calendar"), PreviewPage))
        for key, label, page_class in entries:
            page = page_class(controller)  # type: ignore[call-arg]
            page.setObjectName(f"page-{key}")
            self.pages[key] = page
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(page)
            self.stack.addWidget(scroll)
            self.nav.addItem(label)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setFixedWidth(max(190, self.nav.sizeHintForColumn(0) + 32))  # French labels are longer
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, activated=self.close)

    def show_page(self, key: str) -> None:
        keys = list(self.pages)
        if key in keys:
            self.nav.setCurrentRow(keys.index(key))

    def current_page(self) -> str:
        return list(self.pages)[max(0, self.nav.currentRow())]

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing only hides: CalMedi keeps syncing from the tray.
        event.accept()
