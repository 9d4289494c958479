"""The tray app's account flows: connecting and disconnecting Google, Doctolib, a CalDAV account or an iCalendar
feed, off the GUI thread, and what the sync loop does once the account has changed.

Each flow is a few requests to a server (OAuth, CalDAV discovery, a feed's first fetch), so it runs in a
BackgroundTask; when it ends the accounts are read again and the loop starts (a first account made it ready)
or syncs soon (what the calendar should show has changed). The settings pages, the feeds box, the CalDAV form
and the wizard call these on the controller (``page_api.PageController``), so ``AccountFlows`` is mixed into
``AppController`` rather than held by it: they keep one object to talk to, and controller.py keeps to its
scheduler, settings and windows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject

from calmedi_desktop.ui.tasks import BackgroundTask

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer, SignalInstance

    from calmedi_desktop.api import CalMedi, SyncScheduler


class AccountFlows:
    """Mixed into ``AppController``, which provides what is declared here."""

    app: CalMedi
    scheduler: SyncScheduler
    wizard: Any  # the first-run wizard while it is open: it runs its own first sync, then starts the loop
    authorisationUrl: SignalInstance  # the sign-in page's address, for the GUI thread to open and show
    _resync: QTimer  # a sync soon, debounced
    refresh_accounts: Callable[[], None]
    start_syncing: Callable[[], None]

    def connect_account(
        self,
        service: str,
        on_done: Callable[[Any], None],
        on_error: Callable[[Any], None],
        owner: QObject | None = None,
    ) -> BackgroundTask:
        connect = self.app.connect_google if service == "google" else self.app.connect_doctolib

        def work() -> Any:
            # The UI opens the browser itself (on the GUI thread) so that it can also show the link.
            return connect(open_browser=False, show_url=self.authorisationUrl.emit)

        return self._account_task(work, f"calmedi-connect-{service}", on_done, on_error, owner, start=True)

    def connect_caldav(
        self,
        account: dict[str, Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Any], None],
        owner: QObject | None = None,
    ) -> BackgroundTask:
        """Connect a CalDAV account (``account``: the facade's ``connect_caldav`` arguments by name) off the GUI
        thread: discovery and the calendar's creation are a few requests to the server."""
        work = lambda: self.app.connect_caldav(**account)  # noqa: E731
        return self._account_task(work, "calmedi-connect-caldav", on_done, on_error, owner, start=True, resync=True)

    def choose_caldav_calendar(
        self,
        calendar: str,
        use: bool | None,
        on_done: Callable[[Any], None],
        on_error: Callable[[Any], None],
        owner: QObject | None = None,
    ) -> BackgroundTask:
        work = lambda: self.app.choose_caldav_calendar(calendar, use=use)  # noqa: E731
        return self._account_task(work, "calmedi-caldav-calendar", on_done, on_error, owner, start=True, resync=True)

    def connect_feed(
        self,
        name: str,
        url: str,
        on_done: Callable[[Any], None],
        on_error: Callable[[Any], None],
        owner: QObject | None = None,
    ) -> BackgroundTask:
        """Add an iCalendar feed: the facade fetches it once to check it, so this runs off the GUI thread."""
        work = lambda: self.app.connect_ics(url, name)  # noqa: E731
        return self._account_task(work, "calmedi-connect-ics", on_done, on_error, owner, start=True, resync=True)

    def disconnect_account(
        self,
        service: str,
        on_done: Callable[[Any], None],
        on_error: Callable[[Any], None],
        owner: QObject | None = None,
        name: str | None = None,
    ) -> BackgroundTask:
        """``name``: the feed, for ``ics`` (the facade removes every feed without one, so one is required)."""
        if service == "ics" and not name:
            raise ValueError("disconnect_account('ics') needs the feed's name")
        work = lambda: self.app.disconnect(service, name)  # noqa: E731
        resync = service == "ics"  # the other sources remain: the removed feed's events leave the calendar soon
        return self._account_task(work, f"calmedi-disconnect-{service}", on_done, on_error, owner, resync=resync)

    def _account_task(
        self,
        work: Callable[[], Any],
        thread_name: str,
        on_done: Callable[[Any], None],
        on_error: Callable[[Any], None],
        owner: QObject | None,
        *,
        start: bool = False,
        resync: bool = False,
    ) -> BackgroundTask:
        """``start``: begin syncing if now ready; ``resync``: sync soon if already syncing (what Google should
        show has changed). Neither while the wizard is open: it runs its own first sync, then starts the loop."""

        def done(info: Any) -> None:
            self.refresh_accounts()
            if self.wizard is None:
                running = self.scheduler.state != "stopped"
                if start:
                    self.start_syncing()
                if resync and running:
                    self._resync.start()
            if owner is None or shiboken6.isValid(owner):
                on_done(info)

        def failed(error: Any) -> None:
            self.refresh_accounts()  # a failure may leave something kept (a CalDAV account without a calendar)
            if owner is None or shiboken6.isValid(owner):
                on_error(error)

        return BackgroundTask(work, thread_name).start(done, failed, owner)
