"""The tray icon and its menu (Vorta's habit: small, rebuilt each time it is shown, one icon per state)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from calmedi_desktop.api import LicenceError, Progress, progress_line
from calmedi_desktop.ui.icons import tray_icon
from calmedi_desktop.ui.licence_text import blocks_sync, tray_line
from calmedi_desktop.ui.notify import Notice

if TYPE_CHECKING:
    from calmedi_desktop.ui.controller import AppController

NOTICE_MS = 15000


class Tray(QSystemTrayIcon):
    def __init__(self, controller: AppController) -> None:
        super().__init__()
        self.controller = controller
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.menu.aboutToShow.connect(self.rebuild)
        self.setContextMenu(self.menu)
        self.actions: dict[str, QAction] = {}
        self.state = ""
        self._status: dict[str, Any] = {}  # the facade's status as last read for the menu
        self.activated.connect(self._on_activated)
        controller.statusChanged.connect(self.refresh_icon)
        controller.progressChanged.connect(self._on_progress)
        controller.notified.connect(self.show_notice)
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: self.refresh_icon(force=True))
        self.refresh_icon()
        self.rebuild()

    def refresh_icon(self, force: bool = False) -> None:
        state = self.controller.tray_state()
        if state != self.state or force:
            self.state = state
            self.setIcon(tray_icon(state))
        self.setToolTip("CalMedi – " + self.status_lines()[0])

    def _on_progress(self, progress: Progress) -> None:
        line = progress_line(progress, self.controller.destination_name())  # cheap: no status read per batch
        self.setToolTip("CalMedi – " + line)

    def status_lines(self) -> list[str]:
        c = self.controller
        status = self._status = c.status()
        lines = [self.tr("Demo mode – simulated data")] if c.demo is not None else []
        state = c.tray_state()
        if state == "signed-out":
            lines.insert(0, self.tr("Not connected – open Settings to sign in"))
            return lines
        licence = status.get("licence") or {}
        licence_line = tray_line(licence)
        top = None
        if state == "syncing":
            progress = c.progress
            top = progress_line(progress, c.destination_name()) if progress is not None else self.tr("Syncing…")
        elif status.get("processing_paused"):
            top = self.tr("Processing paused by you – nothing is read or sent")
        elif c.is_paused():
            top = self.tr("Paused")
        elif blocks_sync(licence):
            top, licence_line = licence_line, None  # the reason runs fail: say it plainly, once
        elif c.last_error is not None:
            top = self.tr("Last attempt failed: %1").replace("%1", c.last_error.title)
        if top:
            lines.insert(0, top)
        if licence_line:
            lines.append(licence_line)
        last = status.get("last_success")
        when = _local_time(last) if last else None
        lines.append(self.tr("Last sync: %1").replace("%1", when) if when else self.tr("Not synced yet"))
        summary = (status.get("last_run") or {}).get("summary")
        if summary and (status.get("last_run") or {}).get("ok"):
            text = self.tr("%1 created · %2 updated · %3 deleted")
            for index, name in enumerate(("created", "updated", "deleted"), start=1):
                text = text.replace(f"%{index}", str(summary.get(name, 0)))
            lines.append(text)
        if c.held_deletes():
            lines.append(self.tr("%n deletion(s) held back", "", c.held_deletes()))
        return lines

    def rebuild(self) -> None:
        c = self.controller
        self.menu.clear()
        self.actions = {}
        for index, line in enumerate(self.status_lines()):
            self._add(f"status{index}", line, None).setEnabled(False)
        self.menu.addSeparator()
        ready, paused = c.ready_to_sync(), c.is_paused()
        self._add("sync", self.tr("Sync now"), c.sync_now).setEnabled(
            ready and not paused and c.tray_state() != "syncing"
        )
        if paused:
            self._add("pause", self.tr("Resume syncing"), lambda: c.set_paused(False))
        else:
            self._add("pause", self.tr("Pause syncing"), lambda: c.set_paused(True)).setEnabled(ready)
        if c.held_deletes():
            self._add("held", self.tr("Review held deletions…"), c.confirm_held_deletes)
        licence = self._status.get("licence") or {}
        if blocks_sync(licence) or isinstance(c.last_error, LicenceError):
            url = licence.get("manage_url")
            self._add("manage", self.tr("Manage subscription…"), lambda: c.manage_subscription(url))
        self.menu.addSeparator()
        if c.demo is not None:
            self._add("calendar", self.tr("Show demo calendar"), c.open_calendar).setEnabled(ready)
        elif c.destination.get("web_page"):  # a CalDAV server of one's own has no known web page
            label = self.tr("Open %1").replace("%1", c.destination_name())
            self._add("calendar", label, c.open_calendar).setEnabled(ready)
        self._add("settings", self.tr("Settings…"), c.show_settings)
        self.menu.addSeparator()
        self._add("export", self.tr("Export my data…"), c.export_data)
        self._add("erase", self.tr("Erase my data…"), c.erase_data)
        self.menu.addSeparator()
        self._add("quit", self.tr("Quit CalMedi"), c.quit)

    def _add(self, key: str, text: str, slot: Any) -> QAction:
        action = self.menu.addAction(text)
        action.setObjectName(f"tray-{key}")
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        self.actions[key] = action
        return action

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        # A left click opens the settings (where the status is); the menu stays on the right click.
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.controller.show_settings()

    def show_notice(self, notice: Notice) -> None:
        if self.isVisible() and self.supportsMessages():
            icon = QSystemTrayIcon.MessageIcon.Warning if notice.warning else QSystemTrayIcon.MessageIcon.Information
            self.showMessage(notice.title, notice.message, icon, NOTICE_MS)


def _local_time(iso: str) -> str | None:
    from PySide6.QtCore import QDateTime, QLocale

    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return None
    qt_moment = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    today = datetime.now().astimezone().date()
    fmt = QLocale.FormatType.ShortFormat
    if moment.date() == today:
        return QLocale().toString(qt_moment.time(), fmt)
    return QLocale().toString(qt_moment, fmt)
