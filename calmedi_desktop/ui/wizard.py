"""First-run wizard: welcome and privacy notice → Doctolib → other calendar feeds (optional) → where the
appointments go (Google Calendar, Apple iCloud, another CalDAV calendar) → that account → privacy level → first
sync → done. A practitioner without Doctolib skips it and must then add a feed.

It can be closed at any step and resumed: what is done lives in the facade (connected accounts, feeds,
settings), so the next launch starts at the first required step that is not done. Bad outcomes show the
typed error's own explanation of what to do next, and the step can be retried.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from calmedi_desktop.api import Progress, progress_line
from calmedi_desktop.ui import dialogs
from calmedi_desktop.ui.destination_text import caldav_name, capitalised
from calmedi_desktop.ui.icons import app_icon
from calmedi_desktop.ui.pages.common import Notice
from calmedi_desktop.ui.pages.privacy import PrivacyChooser
from calmedi_desktop.ui.progress_bar import show_progress
from calmedi_desktop.ui.tasks import BackgroundTask
from calmedi_desktop.ui.wizard_accounts import ConnectPage, FeedsPage, error_text, left_aligned
from calmedi_desktop.ui.wizard_destination import GOOGLE as GOOGLE_CHOICE
from calmedi_desktop.ui.wizard_destination import CalDavPage, DestinationChoicePage

if TYPE_CHECKING:
    from calmedi_desktop.ui.page_api import PageController

WELCOME, DOCTOLIB, GOOGLE, PRIVACY, FIRST_SYNC, DONE = range(6)
FEEDS = 6  # a later step: ids are only keys (the screenshots are numbered by them); ORDER is the sequence
DESTINATION, CALDAV = 7, 8  # the choice of destination, and the CalDAV account (Google's has its own step)
ORDER = (WELCOME, DOCTOLIB, FEEDS, DESTINATION, GOOGLE, CALDAV, PRIVACY, FIRST_SYNC, DONE)


class WelcomePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Welcome to CalMedi"))
        self.setSubTitle(self.tr("Your Doctolib appointments in your own calendar, privately."))
        text = QLabel(
            self.tr(
                "<p>CalMedi copies your Doctolib appointments, one way, into a calendar of its own in Google "
                "Calendar, Apple iCloud or any CalDAV calendar, within minutes.</p>"
                "<p><b>Your patients' privacy</b></p><ul>"
                "<li>Appointments are never written to this computer's disk: they only pass through memory.</li>"
                "<li>By default your calendar only shows the type of visit (“Consultation”), never who the "
                "patient is.</li><li>Your sign-ins are kept in the system keyring, never in a file.</li>"
                "<li>You can export or erase everything CalMedi holds about you at any time, from the tray "
                "menu.</li></ul><p>The full privacy policy is in Settings → About.</p>"
            )
        )
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)


class PrivacyLevelPage(QWizardPage):
    def __init__(self, controller: PageController) -> None:
        super().__init__()
        self.controller = controller
        self.setSubTitle(self.tr("You can change this at any time in Settings → Privacy."))
        app = controller.app
        self.chooser = PrivacyChooser(
            app.get_setting("privacy.level"),
            app.get_setting("privacy.show_reason"),
            controller.translations.language,
            app.title_preview,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.chooser)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.setTitle(self.tr("What may %1 show?").replace("%1", self.controller.destination_name()))
        self.chooser.set_destination(caldav_name(self.controller))  # chosen on an earlier step

    def validatePage(self) -> bool:
        level = self.chooser.level()
        if level == "full":
            question = self.tr(
                "%1 will show each patient's full name next to the appointment. This is health data, stored by "
                "your calendar's provider. Do you want to continue?"
            ).replace("%1", capitalised(self.controller.destination_name()))
            title = self.tr("Send patient names to %1?").replace("%1", self.controller.destination_name())
            if not dialogs.ask(self, title, question, danger=True):
                return False
        self.controller.change_setting("privacy.level", level)
        self.controller.change_setting("privacy.show_reason", self.chooser.reason.isChecked())
        return True


class FirstSyncPage(QWizardPage):
    def __init__(self, controller: PageController) -> None:
        super().__init__()
        self.controller = controller
        self.setTitle(self.tr("First sync"))
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("First sync progress"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setObjectName("firstSyncResult")
        # Shown once Google's quota paces the first sync: it can take minutes, and that is not a fault. Only the
        # Google target reports a wait or an estimate (google_batch), so a CalDAV first sync never shows it.
        self.pace = QLabel(
            self.tr(
                "Google lets an app write only so many changes a minute. Your next appointments are copied "
                "first, then the rest of the period: you can already look at your calendar."
            )
        )
        self.pace.setWordWrap(True)
        self.pace.setObjectName("firstSyncPace")
        self.pace.hide()
        self.notice = Notice()
        self.retry = QPushButton(self.tr("Try again"))
        self.retry.clicked.connect(self.start)
        self.retry.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.result)
        layout.addWidget(self.pace)
        layout.addWidget(self.notice)
        layout.addLayout(left_aligned(self.retry))
        layout.addStretch(1)
        self.finished_once = False
        self._running = False
        controller.progressChanged.connect(self._on_progress)

    def initializePage(self) -> None:
        destination = self.controller.destination_name()
        self.setSubTitle(self.tr("CalMedi now copies your appointments into %1.").replace("%1", destination))
        if not self.finished_once and not self._running:
            self.start()

    def start(self) -> None:
        self._running = True
        self.retry.hide()
        self.pace.hide()
        self.notice.clear_text()
        self.progress.setRange(0, 0)
        self.result.setText(self.tr("Syncing…"))
        self.completeChanged.emit()
        relay = self.controller.bridge.run_progress  # queued to the GUI thread, heard by _on_progress
        BackgroundTask(lambda: self.controller.app.sync_once(progress=relay), "calmedi-first-sync").start(
            self._done, self._failed, self
        )

    def _on_progress(self, progress: Progress) -> None:
        if self._running:
            show_progress(self.progress, progress)
            self.result.setText(progress_line(progress, self.controller.destination_name()))
            if progress.waiting_s > 0 or progress.eta_s is not None:
                self.pace.show()

    def _done(self, result: Any) -> None:
        self._running = False
        self.finished_once = True
        self.pace.hide()
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        text = self.tr("Done: %1 appointment(s) copied, %2 updated, %3 removed.")
        for index, name in enumerate(("created", "updated", "deleted"), start=1):
            text = text.replace(f"%{index}", str(getattr(result, name, 0)))
        self.result.setText(text)
        self.controller.bridge.runFinished.emit(result)
        self.completeChanged.emit()

    def _failed(self, error: BaseException) -> None:
        self._running = False
        self.finished_once = True
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.result.setText(self.tr("The first sync did not complete. CalMedi will keep trying in the background."))
        self.notice.show_text(error_text(error), "error")
        self.retry.show()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.finished_once and not self._running


class DonePage(QWizardPage):
    def __init__(self, controller: PageController) -> None:
        super().__init__()
        self.controller = controller
        self.setTitle(self.tr("All set"))
        self.setSubTitle(self.tr("CalMedi keeps your calendar up to date from the system tray."))
        text = QLabel(
            self.tr(
                "Look for the CalMedi icon next to the clock: its menu shows the last sync and lets you sync "
                "now, pause, change settings, export or erase your data."
            )
        )
        text.setWordWrap(True)
        self.autostart = QCheckBox(self.tr("Start CalMedi when I log in"))
        self.autostart.setObjectName("wizardAutostart")
        self.autostart.setChecked(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.autostart)
        layout.addStretch(1)

    def validatePage(self) -> bool:
        self.controller.change_setting("ui.autostart", self.autostart.isChecked())
        return True


class FirstRunWizard(QWizard):
    def __init__(self, controller: PageController) -> None:
        super().__init__()
        self.controller = controller
        self.setObjectName("firstRunWizard")
        self.setWindowTitle(self.tr("Set up CalMedi"))
        self.setWindowIcon(app_icon())
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, app_icon().pixmap(48, 48))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.resize(640, 520)
        self.setPage(WELCOME, WelcomePage())
        self.setPage(DOCTOLIB, ConnectPage(controller, "doctolib"))
        self.setPage(FEEDS, FeedsPage(controller))
        self.destination = DestinationChoicePage(controller)
        self.setPage(DESTINATION, self.destination)
        self.setPage(GOOGLE, ConnectPage(controller, "google"))
        self.setPage(CALDAV, CalDavPage(controller, self.destination))
        self.setPage(PRIVACY, PrivacyLevelPage(controller))
        self.setPage(FIRST_SYNC, FirstSyncPage(controller))
        self.setPage(DONE, DonePage(controller))
        self.setStartId(self.resume_at())

    def nextId(self) -> int:
        position = ORDER.index(self.currentId()) if self.currentId() in ORDER else len(ORDER) - 1
        following = ORDER[position + 1 :]
        skipped = CALDAV if self.destination.choice() == GOOGLE_CHOICE else GOOGLE  # one destination's step
        following = tuple(page for page in following if page != skipped)
        return following[0] if following else -1

    def resume_at(self) -> int:
        """The first required step not done; the optional feeds step is not offered again (Settings has it)."""
        accounts = self.controller.accounts
        if not ((accounts.get("doctolib") or {}).get("connected") or accounts.get("ics")):
            started = bool(self.controller.destination.get("connected"))
            return DOCTOLIB if started else WELCOME
        if not self.controller.destination.get("connected"):
            return DESTINATION
        return PRIVACY
