"""Daily upkeep for a tray app that may run for weeks: the facade's ``maintenance()`` at start and every 6 hours.

``maintenance()`` purges logs older than 12 months when due, and applies the closure rule of the privacy policy
(local account data is erased 12 months after the licence closed, with a notice 30 days before). It reads and
writes files, so it runs in a BackgroundTask. Every 6 hours rather than daily: a laptop asleep at the daily
mark would otherwise wait another day, and the facade itself decides what is due.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from calmedi_desktop.ui import dialogs
from calmedi_desktop.ui.destination_text import caldav_name
from calmedi_desktop.ui.licence_text import local_date
from calmedi_desktop.ui.notify import Notice
from calmedi_desktop.ui.tasks import BackgroundTask

if TYPE_CHECKING:
    from calmedi_desktop.ui.page_api import PageController

log = logging.getLogger(__name__)
MAINTENANCE_EVERY_MS = 6 * 60 * 60 * 1000
CLOSURE_NOTICE_DAYS = 30


class Upkeep(QObject):
    done = Signal(object)  # the facade's answer, for the Licence page (and tests)

    def __init__(self, controller: PageController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.last: dict[str, Any] | None = None
        self._notified = False
        self._running = False
        self.timer = QTimer(self, interval=MAINTENANCE_EVERY_MS)
        self.timer.timeout.connect(self.run)

    def start(self) -> None:
        """Once now (the tray is up, so a notice can be seen), then every 6 hours."""
        self.timer.start()
        self.run()

    def stop(self) -> None:
        self.timer.stop()

    def run(self) -> None:
        if self._running:  # a slow disk must not stack runs
            return
        self._running = True
        BackgroundTask(self.controller.app.maintenance, "calmedi-maintenance").start(self._done, self._failed)

    def _failed(self, error: BaseException) -> None:
        self._running = False
        log.warning("maintenance failed: %s", type(error).__name__)  # retried at the next tick

    def _done(self, result: Any) -> None:
        self._running = False
        self.last = dict(result or {})
        closure = self.last.get("closure")
        if closure == "notify" and not self._notified:
            self._notified = True
            self.controller.notified.emit(closure_notice(self.last.get("erase_at")))
        elif closure == "erase":
            self._erased()
        self.done.emit(self.last)

    def _erased(self) -> None:
        """The facade erased the local account data: like Erase my data…, say so and close (nothing is left)."""
        self.stop()
        self.controller.scheduler.pause()
        caldav = caldav_name(self.controller)  # as last heard: the erasure leaves the calendar where it was
        if caldav is None:
            text = QCoreApplication.translate(
                "Upkeep",
                "Your CalMedi licence ended 12 months ago, so CalMedi has erased the account data it kept on this "
                "computer, as its privacy policy promises. The CalMedi calendar in Google Calendar was kept. "
                "CalMedi will now close.",
            )
        else:
            text = QCoreApplication.translate(
                "Upkeep",
                "Your CalMedi licence ended 12 months ago, so CalMedi has erased the account data it kept on this "
                "computer, as its privacy policy promises. CalMedi's calendar in %1 was kept. CalMedi will now "
                "close.",
            ).replace("%1", caldav)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            QCoreApplication.translate("Upkeep", "Account data erased"),
            text,
            QMessageBox.StandardButton.Ok,
        )
        box.setObjectName("closureErased")
        box.finished.connect(lambda _result: self.controller.quit())
        dialogs.present(box)


def closure_notice(erase_at: Any) -> Notice:
    """The one notice the privacy policy promises, 30 days before account data goes."""
    when = local_date(erase_at) or local_date((datetime.now(UTC) + timedelta(days=CLOSURE_NOTICE_DAYS)).isoformat())
    message = QCoreApplication.translate(
        "Upkeep",
        "Your CalMedi subscription has ended. The account data CalMedi keeps on this computer will be erased on "
        "%1 unless the subscription is renewed. To keep a copy, choose “Export my data…” in the CalMedi menu.",
    ).replace("%1", when or "")
    return Notice("closure", QCoreApplication.translate("Upkeep", "Your CalMedi data will soon be erased"), message)


def closure_warning(result: dict[str, Any] | None) -> str:
    """The same warning for the Licence page while the notice period runs; empty otherwise."""
    if not result or result.get("closure") != "notify":
        return ""
    return closure_notice(result.get("erase_at")).message
