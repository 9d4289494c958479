"""Destination: where the appointments go (Google Calendar or a CalDAV calendar), and the CalDAV account.

One destination at a time. Switching asks first and never deletes the other calendar: the practitioner decides
what becomes of it. Google's sign-in lives on the Accounts page; the CalDAV account (iCloud, Fastmail,
Nextcloud or any CalDAV server) is connected, reconnected (a new app-specific password) and disconnected here.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from calmedi_desktop.api import CalmediError
from calmedi_desktop.ui import dialogs
from calmedi_desktop.ui.caldav_form import CalDavForm
from calmedi_desktop.ui.pages.common import Notice, hint, page_layout, title

if TYPE_CHECKING:
    from calmedi_desktop.ui.page_api import PageController


class DestinationPage(QWidget):
    def __init__(self, controller: PageController) -> None:
        super().__init__()
        self.controller = controller
        layout = page_layout(self)
        layout.addWidget(title(self.tr("Destination")))
        layout.addWidget(
            hint(
                self.tr(
                    "Where CalMedi writes your appointments: one calendar at a time. Switching never deletes the "
                    "other calendar; you decide what becomes of it."
                )
            )
        )
        layout.addWidget(self._choice())
        layout.addWidget(self._caldav_box())
        self.error = Notice()
        layout.addWidget(self.error)
        layout.addStretch(1)
        controller.accountsChanged.connect(self.refresh)
        self.refresh()

    def _choice(self) -> QGroupBox:
        box = QGroupBox(self.tr("Your appointments go to"))
        column = QVBoxLayout(box)
        self.group = QButtonGroup(self)
        self.google = QRadioButton(self.tr("Google Calendar"))
        self.google.setObjectName("destinationGoogle")
        self.caldav = QRadioButton(self.tr("A CalDAV calendar (Apple iCloud, Fastmail, Nextcloud…)"))
        self.caldav.setObjectName("destinationCaldav")
        self.google_state = hint("")
        self.caldav_state = hint("")
        for radio, state in ((self.google, self.google_state), (self.caldav, self.caldav_state)):
            self.group.addButton(radio)
            column.addWidget(radio)
            state.setContentsMargins(24, 0, 0, 6)
            column.addWidget(state)
        self.google.clicked.connect(lambda: self.switch("google"))
        self.caldav.clicked.connect(lambda: self.switch("caldav"))
        return box

    def _caldav_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("CalDAV account"))
        box.setObjectName("account-caldav")
        column = QVBoxLayout(box)
        self.account = QLabel()
        self.account.setObjectName("caldavState")
        self.account.setWordWrap(True)
        column.addWidget(self.account)
        row = QHBoxLayout()
        self.reconnect = QPushButton(self.tr("Reconnect…"))
        self.reconnect.setObjectName("caldavReconnect")
        self.reconnect.clicked.connect(lambda: self.form.setVisible(True))
        self.disconnect = QPushButton(self.tr("Disconnect"))
        self.disconnect.setObjectName("caldavDisconnect")
        self.disconnect.clicked.connect(self.start_disconnect)
        row.addWidget(self.reconnect)
        row.addWidget(self.disconnect)
        row.addStretch(1)
        column.addLayout(row)
        self.form = CalDavForm(self.controller, use=None)
        self.form.connected.connect(self._connected)
        column.addWidget(self.form)
        self.notice = Notice("info")
        column.addWidget(self.notice)
        return box

    # -- state -----------------------------------------------------------------------------------------------

    def _caldav_account(self) -> dict[str, Any]:
        return dict(self.controller.accounts.get("caldav") or {})

    def refresh(self) -> None:
        destination = self.controller.destination
        caldav_in_use = destination.get("target") == "caldav"
        self.google.setChecked(not caldav_in_use)
        self.caldav.setChecked(caldav_in_use)
        google = bool((self.controller.accounts.get("google") or {}).get("connected"))
        self.google_state.setText(
            self.tr("Connected (see Accounts).") if google else self.tr("Not connected: sign in on the Accounts page.")
        )
        account = self._caldav_account()
        connected = bool(account.get("connected"))
        if connected:
            text = (
                self.tr("✔ %1 at %2")
                .replace("%1", html.escape(str(account.get("user", ""))))
                .replace("%2", html.escape(str(account.get("server", ""))))
            )
            if not account.get("calendar_url"):
                text += "<br>" + self.tr("No calendar yet: choose one below.")
            elif account.get("calendar_created_by_calmedi") is False:
                text += "<br>" + self.tr("In a calendar you chose: CalMedi touches only the appointments it wrote.")
            else:
                text += "<br>" + self.tr("In a calendar of CalMedi's own.")
        else:
            text = self.tr("Not connected")
        self.account.setText(text)
        self.caldav_state.setText(self.account.text().split("<br>")[0] if connected else self.tr("Not connected"))
        self.reconnect.setVisible(connected)
        self.disconnect.setEnabled(connected)
        if not connected:
            self.form.setVisible(True)

    def switch(self, target: str) -> None:
        """A radio was clicked: ask, then switch (refused, and said why, while that destination is not ready)."""
        if target == self.controller.destination.get("target"):
            return
        name = self.tr("Google Calendar") if target == "google" else self.tr("your CalDAV calendar")
        question = self.tr(
            "From now on CalMedi will write your appointments to %1. The calendar it wrote to until now stays as it "
            "is, with its appointments: delete it yourself if you no longer want it. Switch?"
        ).replace("%1", name)
        if dialogs.ask(self, self.tr("Change where your appointments go?"), question):
            try:
                self.controller.change_setting("sync.target", target)
            except CalmediError as exc:
                self.error.show_text(html.escape(exc.message), "error")
            else:
                self.error.clear_text()
        self.refresh()

    def _connected(self, info: dict[str, Any]) -> None:
        self.form.setVisible(False)
        self.refresh()
        if info.get("destination") != "caldav":
            question = self.tr("Send your appointments to this calendar from now on (instead of %1)?").replace(
                "%1", self.controller.destination_name()
            )
            if dialogs.ask(self, self.tr("Use this calendar?"), question):
                self.controller.change_setting("sync.target", "caldav")
                self.refresh()

    def start_disconnect(self) -> None:
        question = self.tr(
            "CalMedi will forget the password of this account. Its calendar stays on the server. Disconnect?"
        )
        if not dialogs.ask(self, self.tr("Disconnect the CalDAV account"), question):
            return
        self.controller.disconnect_account("caldav", lambda _info: self.refresh(), self._failed, self)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, CalmediError):
            self.notice.show_text(f"{html.escape(error.title)}: {html.escape(error.message)}", "error")
        else:
            self.controller.show_error(error, self)
