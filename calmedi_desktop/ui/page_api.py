"""What the windows the controller opens may use of it: the settings pages, the wizard, the feeds box, the
privacy flows and the upkeep timer.

They are handed the AppController but know it only by this narrow interface, so that they never import
controller.py (which imports them): arrows point from the controller to its windows. ``AppController``
satisfies it structurally; adding something a page needs means adding it here first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, SignalInstance
    from PySide6.QtWidgets import QWidget

    from calmedi_desktop.api import Autostart, CalMedi, SyncScheduler
    from calmedi_desktop.ui.bridge import SchedulerBridge
    from calmedi_desktop.ui.tasks import BackgroundTask
    from calmedi_desktop.ui.translation import Translations


class UpkeepView(Protocol):
    """The daily upkeep as the Licence page sees it: its last answer, and a signal for the next ones."""

    done: SignalInstance
    last: dict[str, Any] | None


class PageController(Protocol):
    app: CalMedi  # the facade
    accounts: dict[str, Any]  # the facade's accounts_status(), as last heard
    destination: dict[str, Any]  # the facade's destination(), as last heard
    translations: Translations
    autostart: Autostart
    bridge: SchedulerBridge  # the sync loop's callbacks as Qt signals
    scheduler: SyncScheduler
    upkeep: UpkeepView
    demo: Any  # the DemoEnvironment in demo mode, else None

    statusChanged: SignalInstance
    accountsChanged: SignalInstance
    progressChanged: SignalInstance
    authorisationUrl: SignalInstance
    notified: SignalInstance
    licenceChanged: SignalInstance

    def change_setting(self, key: str, value: Any) -> Any: ...

    def change_settings(self, changes: dict[str, Any]) -> dict[str, Any]: ...

    def destination_name(self) -> str: ...

    def show_error(self, error: BaseException, parent: QWidget | None = None) -> None: ...

    def show_settings(self, page: str | None = None) -> None: ...

    def connect_account(
        self,
        service: str,
        on_done: Callable[[Any], None],
        on_error: Callable[[Any], None],
        owner: QObject | None = None,
    ) -> BackgroundTask: ...

    def connect_caldav(
        self,
        account: dict[str, Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Any], None],
        owner: QObject | None = None,
    ) -> BackgroundTask: ...

    def choose_caldav_calendar(
        self,
        calendar: str,
        use: bool | None,
        on_done: Callable[[Any], None],
        on_error: Callable[[Any], None],
        owner: QObject | None = None,
    ) -> BackgroundTask: ...

    def connect_feed(
        self,
        name: str,
        url: str,
        on_done: Callable[[Any], None],
        on_error: Callable[[Any], None],
        owner: QObject | None = None,
    ) -> BackgroundTask: ...

    def disconnect_account(
        self,
        service: str,
        on_done: Callable[[Any], None],
        on_error: Callable[[Any], None],
        owner: QObject | None = None,
        name: str | None = None,
    ) -> BackgroundTask: ...

    def export_data(self, parent: QWidget | None = None) -> None: ...

    def erase_data(self, parent: QWidget | None = None) -> None: ...

    def licence_updated(self, status: dict[str, Any]) -> None: ...

    def manage_subscription(self, url: str | None) -> None: ...

    def quit(self) -> None: ...
