"""The tray app's brain: owns the scheduler and the windows, applies settings, turns outcomes into states.

It talks only to the facade (``CalMedi``). Long calls (sync, connect, export, erase) run in BackgroundTasks or
on the scheduler's worker; their outcomes come back as signals on the GUI thread. The account flows (connect
and disconnect) are mixed in from ``account_flows``, the privacy flows live in ``privacy_flows``.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QWidget

from calmedi_desktop.api import IMPACT_KEYS, PAUSED, READ_KEYS, SYNCING, Autostart, Progress, SyncScheduler, errors
from calmedi_desktop.ui import dialogs
from calmedi_desktop.ui.account_flows import AccountFlows
from calmedi_desktop.ui.bridge import SchedulerBridge
from calmedi_desktop.ui.notify import REPEATED_FAILURES, Notice, NotificationPolicy
from calmedi_desktop.ui.tasks import BackgroundTask
from calmedi_desktop.ui.translation import Translations
from calmedi_desktop.ui.upkeep import Upkeep

if TYPE_CHECKING:
    from calmedi_desktop.api import CalMedi

log = logging.getLogger(__name__)
DEMO_INTERVAL_MINUTES = 0.5  # demo mode: the coming days every 30 s (a booking for today shows within a minute)
DEMO_FULL_MINUTES = 5
# Changes that alter what the calendar should show: sync soon (debounced) so the practitioner sees the effect.
RESYNC_KEYS = IMPACT_KEYS | READ_KEYS | {"sync.target"}
RESYNC_DELAY_MS = 3000
NEEDS_ACTION = (errors.AuthExpiredError, errors.NotConnectedError, errors.KeyringError, errors.LicenceError)


class AppController(QObject, AccountFlows):
    statusChanged = Signal()
    progressChanged = Signal(object)  # sync.progress.Progress of the run under way
    accountsChanged = Signal()
    languageChanged = Signal(str)
    authorisationUrl = Signal(str)
    notified = Signal(object)  # Notice, for the tray (and tests)
    licenceChanged = Signal(object)  # a fresh licence_status() dict, from the Licence page or a run

    def __init__(
        self,
        app: CalMedi,
        *,
        demo: Any = None,
        autostart: Autostart | None = None,
        translations: Translations | None = None,
        scheduler: SyncScheduler | None = None,
        first_delay_seconds: float = 2.0,
    ) -> None:
        super().__init__()
        self.app = app
        self.demo = demo
        self.autostart = autostart or Autostart()
        self.translations = translations or Translations()
        self.bridge = SchedulerBridge()
        near = DEMO_INTERVAL_MINUTES if demo is not None else None
        full = DEMO_FULL_MINUTES if demo is not None else None
        self.scheduler: SyncScheduler = scheduler or app.sync_scheduler(
            self.bridge,
            progress=self.bridge.run_progress,
            near_minutes=near,
            full_minutes=full,
            first_delay_seconds=first_delay_seconds,
        )
        self.policy = NotificationPolicy(
            lambda: str(self.app.get_setting("ui.notifications")), lambda: self.destination_name()
        )
        self.accounts: dict[str, Any] = {}
        self.destination: dict[str, Any] = {}  # the facade's destination(), as last heard
        self.last_error: errors.CalmediError | None = None
        self.last_result: Any = None
        self.progress: Progress | None = None  # of the run under way, None between runs
        self.tray: Any = None
        self.settings_window: Any = None
        self.wizard: Any = None
        self._resync = QTimer(self, singleShot=True, interval=RESYNC_DELAY_MS)
        self._resync.timeout.connect(self.sync_now)
        self.upkeep = Upkeep(self)
        self.sync_state = "stopped"  # the scheduler's state as the GUI thread has heard it, in order
        self.bridge.stateChanged.connect(self._on_state_changed)
        self.bridge.runFinished.connect(self._on_run_finished)
        self.bridge.runStarted.connect(self._forget_progress)
        self.bridge.runProgress.connect(self._on_progress)
        self.bridge.runFailed.connect(self._on_run_failed)
        self.authorisationUrl.connect(self._open_url)
        self.languageChanged.connect(lambda _language: self.rebuild_settings_window())
        self.refresh_accounts()

    # -- lifecycle -------------------------------------------------------------------------------------------
    def ready_to_sync(self) -> bool:
        has_source = self.accounts.get("doctolib", {}).get("connected") or bool(self.accounts.get("ics"))
        return bool(self.destination.get("connected") and has_source)

    def destination_name(self) -> str:
        """Where the appointments go, as the windows name it ("Google Calendar", "Apple iCloud"…)."""
        return str(self.destination.get("name") or self.tr("your calendar"))

    def start_syncing(self) -> None:
        if self.scheduler.state == "stopped" and self.ready_to_sync():
            self.scheduler.start(paused=bool(self.app.get_setting("privacy.processing_paused")))

    def shutdown(self) -> None:
        self._resync.stop()
        self.upkeep.stop()
        self.scheduler.shutdown(wait=False)

    def quit(self) -> None:
        self.shutdown()
        if self.tray is not None:
            self.tray.hide()
        QApplication.quit()

    # -- state -----------------------------------------------------------------------------------------------
    def refresh_accounts(self) -> None:
        try:
            self.accounts = self.app.accounts_status()
            self.destination = self.app.destination(self.accounts)
        except errors.CalmediError as exc:  # a locked keyring: we cannot tell, so we say "signed out"
            log.warning("accounts unreadable: %s", type(exc).__name__)
            self.accounts = {}
            self.destination = {}
            self.last_error = exc
        self.accountsChanged.emit()
        self.statusChanged.emit()

    def is_paused(self) -> bool:
        return bool(self.app.get_setting("privacy.processing_paused")) or self.scheduler.state == PAUSED

    def held_deletes(self) -> int:
        return int(getattr(self.last_result, "held_deletes", 0) or 0)

    def needs_attention(self) -> bool:
        if self.held_deletes():
            return True
        if isinstance(self.last_error, NEEDS_ACTION):
            return True
        return self.last_error is not None and self.scheduler.info.failures >= REPEATED_FAILURES

    def tray_state(self) -> str:
        if not self.ready_to_sync():
            return "signed-out"
        if self.needs_attention():
            return "attention"
        if self.is_paused():
            return "paused"
        if self.sync_state == SYNCING:
            return "syncing"
        return "idle"

    def status(self) -> dict[str, Any]:
        return self.app.status()

    # -- sync actions ----------------------------------------------------------------------------------------
    def sync_now(self) -> bool:
        if self.scheduler.state == "stopped":
            self.start_syncing()
        return self.scheduler.sync_now()

    def set_paused(self, paused: bool) -> None:
        self.change_setting("privacy.processing_paused", paused)

    def confirm_held_deletes(self, parent: QWidget | None = None) -> None:
        count = self.held_deletes()
        text = self.tr(
            "The agenda returned far fewer appointments than %2 holds, so CalMedi held back %1 deletion(s). "
            "If the appointments were really cancelled, confirm to remove them from %2."
        )
        text = text.replace("%1", str(count)).replace("%2", self.destination_name())
        if not dialogs.ask(parent, self.tr("Confirm deletions"), text, danger=True):
            return
        BackgroundTask(
            lambda: self.app.sync_once(allow_mass_delete=True, progress=self.bridge.run_progress),
            "calmedi-confirm-deletes",
        ).start(self._on_run_finished, self.show_error)

    def _on_state_changed(self, state: str) -> None:
        self.sync_state = state
        self.statusChanged.emit()

    def _forget_progress(self) -> None:
        self.progress = None

    def _on_progress(self, progress: Progress) -> None:
        self.progress = progress
        self.progressChanged.emit(progress)

    def _on_run_finished(self, result: Any) -> None:
        self.progress = None
        self.last_result = result
        self.last_error = None
        self._notify(self.policy.after_success(result))
        self.statusChanged.emit()

    def _on_run_failed(self, error: errors.CalmediError) -> None:
        self.progress = None
        self.last_error = error
        if isinstance(error, errors.AuthExpiredError | errors.NotConnectedError):
            self.refresh_accounts()
        self._notify(self.policy.after_failure(error, self.scheduler.info.failures))
        self.statusChanged.emit()

    def _notify(self, notice: Notice | None) -> None:
        if notice is not None:
            self.notified.emit(notice)

    # -- settings --------------------------------------------------------------------------------------------
    def change_setting(self, key: str, value: Any) -> Any:
        """Validate, save at once, apply at once. Raises InvalidSettingError for the page to show inline."""
        parsed = self.app.set_setting(key, value)
        if key == "sync.near_interval_seconds" and self.demo is None:
            self.scheduler.set_interval(parsed / 60)
        elif key in ("sync.full_interval_minutes", "sync.interval_minutes") and self.demo is None:
            self.scheduler.set_full_interval(parsed)
        elif key == "ui.autostart":
            self.autostart.enable() if parsed else self.autostart.disable()
        elif key == "ui.language":
            self.languageChanged.emit(self.translations.apply(parsed))
        elif key == "sync.target":
            self.refresh_accounts()  # the destination, its name and whether it is ready
        elif key == "privacy.processing_paused":
            if parsed:
                self.scheduler.pause()
            elif self.scheduler.state == "stopped":
                self.start_syncing()
            else:
                self.scheduler.resume()
        if key in RESYNC_KEYS:
            self._resync.start()
        self.statusChanged.emit()
        return parsed

    def change_settings(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Several settings saved together (one write; one refused value saves none), for a page that applies
        a group of changes at once (the Calendar view). Only for settings whose effect is what the next run
        writes: the interval, autostart, language and pause go through ``change_setting``."""
        parsed = self.app.set_settings(changes)
        if RESYNC_KEYS & parsed.keys():
            self._resync.start()
        self.statusChanged.emit()
        return parsed

    def _open_url(self, url: str) -> None:
        QDesktopServices.openUrl(QUrl(url))

    # -- windows ---------------------------------------------------------------------------------------------
    def open_calendar(self) -> None:
        if self.demo is not None:
            self.show_settings("preview")
        elif self.destination.get("web_page"):
            self._open_url(str(self.destination["web_page"]))

    def show_settings(self, page: str | None = None) -> None:
        from calmedi_desktop.ui.settings_window import SettingsWindow

        if self.wizard is not None and self.wizard.isVisible():
            self.wizard.raise_()
            self.wizard.activateWindow()
            return
        if self.settings_window is None:
            self.settings_window = SettingsWindow(self)
        if page:
            self.settings_window.show_page(page)
        self.settings_window.show()
        self.settings_window.raise_()
        self.settings_window.activateWindow()

    def bring_to_front(self) -> None:
        """A second launch asked for us."""
        self.show_settings()

    def rebuild_settings_window(self) -> None:
        """After a language change: widgets are rebuilt in the new language, on the same page."""
        if self.settings_window is None:
            return
        old = self.settings_window
        page, visible, geometry = old.current_page(), old.isVisible(), old.geometry()
        self.settings_window = None
        old.close()
        old.deleteLater()
        self.show_settings(page) if visible else None
        if visible and self.settings_window is not None:
            self.settings_window.setGeometry(geometry)

    def show_wizard(self) -> None:
        from calmedi_desktop.ui.wizard import FirstRunWizard

        if self.wizard is None:
            self.wizard = FirstRunWizard(self)
            self.wizard.finished.connect(self._wizard_closed)
        self.wizard.show()
        self.wizard.raise_()
        self.wizard.activateWindow()

    def _wizard_closed(self, _result: int) -> None:
        self.wizard.deleteLater()
        self.wizard = None
        self.refresh_accounts()
        self.start_syncing()

    def show_error(self, error: BaseException, parent: QWidget | None = None) -> None:
        dialogs.show_error(error, parent, on_action=self._error_action)

    def _error_action(self, action: str) -> None:
        self.show_settings(
            {"accounts": "accounts", "destination": "destination", "licence": "licence"}.get(action, "sync")
        )

    # -- licence ---------------------------------------------------------------------------------------------
    def licence_updated(self, status: dict[str, Any]) -> None:
        """The Licence page activated or checked the licence: a licence that allows syncing again lifts the
        licence pause at once (a sync now, rather than at the end of a backoff)."""
        unblocked = bool(status.get("sync_allowed")) and isinstance(self.last_error, errors.LicenceError)
        if unblocked:
            self.last_error = None
        self.licenceChanged.emit(status)
        self.statusChanged.emit()
        if unblocked and self.ready_to_sync() and not self.is_paused():
            self.sync_now()

    def manage_subscription(self, url: str | None) -> None:
        """Stripe's billing page when the licence names one (``manage_url``); otherwise the Licence page, where
        a key can be entered (a trial that ended has no billing page yet)."""
        if url and _web_address(url):
            self._open_url(url)
        else:
            self.show_settings("licence")

    # -- privacy rights --------------------------------------------------------------------------------------
    def export_data(self, parent: QWidget | None = None) -> None:
        from calmedi_desktop.ui.privacy_flows import export_flow

        export_flow(self, parent)

    def erase_data(self, parent: QWidget | None = None) -> None:
        from calmedi_desktop.ui.privacy_flows import erase_flow

        erase_flow(self, parent)

    def last_success(self) -> datetime | None:
        value = self.app.status().get("last_success")
        return datetime.fromisoformat(value) if value else None


def _web_address(url: str) -> bool:
    """The billing link comes signed from the vendor; still, only a web page may be handed to the desktop."""
    parsed = urlparse(url)
    return parsed.scheme == "https" or (parsed.scheme == "http" and parsed.hostname in ("127.0.0.1", "localhost"))
