"""A CalDAV account in the tray app: provider, server, user name and (app-specific) password, connected off the
GUI thread; and, when the server will not let CalMedi create a calendar of its own, the account's calendars to
pick one from. Used by the wizard and by Settings → Destination.

The password goes from its field to the facade, which keeps it in the system keyring; the field is emptied once
it is kept, and it is never shown again.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from calmedi_desktop.api import CalmediError, InvalidSettingError, errors
from calmedi_desktop.ui.pages.common import Notice, hint, with_error
from calmedi_desktop.ui.tasks import BackgroundTask

if TYPE_CHECKING:
    from calmedi_desktop.ui.page_api import PageController

EVERY_PROVIDER = ("icloud", "fastmail", "nextcloud", "other")


class CalDavForm(QWidget):
    busyChanged = Signal(bool)
    connected = Signal(object)  # the facade's answer: the account, the destination, whether it ``switched``

    def __init__(self, controller: PageController, *, use: bool | None = None) -> None:
        """``use``: what connecting does to the destination (the facade's ``use``: True in the wizard, where the
        practitioner has just chosen it; None in the settings, which then ask)."""
        super().__init__()
        self.controller = controller
        self.use = use
        self.busy = False
        self.presets = {p["id"]: p for p in controller.app.caldav_presets()}
        self.provider = QComboBox()
        self.provider.setObjectName("caldavProvider")
        self.provider.setAccessibleName(self.tr("Calendar provider"))
        self.provider.currentIndexChanged.connect(lambda _i: self._show_provider())
        self.help = hint("")
        self.help.setObjectName("caldavHelp")
        self.help.setTextFormat(Qt.TextFormat.RichText)  # escaped text, and a link for some providers
        self.address = QLineEdit()
        self.address.setObjectName("caldavAddress")
        self.address_label = QLabel()
        self.address_label.setBuddy(self.address)  # its mnemonic (&S) focuses the field
        self.address_error = Notice()
        self.user = QLineEdit()
        self.user.setObjectName("caldavUser")
        self.user.setAccessibleName(self.tr("User name"))
        self.password = QLineEdit()
        self.password.setObjectName("caldavPassword")
        self.password.setAccessibleName(self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = Notice()
        self.status = Notice("info")
        self.connect_button = QPushButton(self.tr("Connect"))
        self.connect_button.setObjectName("caldavConnect")
        self.connect_button.clicked.connect(self.submit)
        for field in (self.address, self.user, self.password):
            field.returnPressed.connect(self.submit)
        self.form = QFormLayout()
        self.form.addRow(self.tr("Provider:"), self.provider)
        self.form.addRow(self.address_label, with_error(self.address, self.address_error))
        self.form.addRow(self.tr("&User name:"), self.user)
        self.form.addRow(self.tr("&Password:"), self.password)
        row = QHBoxLayout()
        row.addWidget(self.connect_button)
        row.addStretch(1)
        self.picker = self._picker()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.help)
        layout.addLayout(self.form)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.picker)
        self.set_providers(EVERY_PROVIDER)

    def _picker(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.calendars = QComboBox()
        self.calendars.setObjectName("caldavCalendars")
        self.calendars.setAccessibleName(self.tr("Existing calendar to use"))
        self.choose_button = QPushButton(self.tr("Use this calendar"))
        self.choose_button.setObjectName("caldavChoose")
        self.choose_button.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(self.calendars, 1)
        row.addWidget(self.choose_button)
        column.addWidget(
            hint(
                self.tr(
                    "CalMedi will write to the calendar you choose, touch only the appointments it wrote there, "
                    "and never delete the calendar itself."
                )
            )
        )
        column.addLayout(row)
        box.hide()
        return box

    # -- providers -------------------------------------------------------------------------------------------

    def set_providers(self, ids: tuple[str, ...]) -> None:
        """Offer these providers (iCloud alone when the practitioner chose Apple iCloud)."""
        self.provider.blockSignals(True)
        self.provider.clear()
        for preset_id in ids:
            self.provider.addItem(str(self.presets[preset_id]["name"]), preset_id)
        self.provider.blockSignals(False)
        self.form.setRowVisible(0, len(ids) > 1)
        self._show_provider()

    def select_provider(self, preset_id: str) -> None:
        index = self.provider.findData(preset_id)
        if index >= 0:
            self.provider.setCurrentIndex(index)

    def preset_id(self) -> str:
        return str(self.provider.currentData() or "other")

    def _show_provider(self) -> None:
        preset = self.presets[self.preset_id()]
        text = html.escape(str(preset["password_help"]))
        if preset.get("password_page"):
            page = html.escape(str(preset["password_page"]), quote=True)
            link = self.tr("Open the page where app-specific passwords are made")
            text += f' <a href="{page}">{html.escape(link)}</a>'
        self.help.setText(text)
        typed = preset["id"] in ("nextcloud", "other")
        self.form.setRowVisible(1, typed)
        if preset["needs_host"]:
            self.address_label.setText(self.tr("&Server name:"))
            self.address.setPlaceholderText("cloud.example.org")
        else:
            self.address_label.setText(self.tr("&Server address:"))
            self.address.setPlaceholderText("https://dav.example.org/")
        self.address.setAccessibleName(self.address_label.text().replace("&", "").rstrip(":"))
        self.user.setPlaceholderText(self.tr("Apple Account e-mail address") if preset["id"] == "icloud" else "")
        self.address_error.clear_text()

    # -- connecting ------------------------------------------------------------------------------------------

    def submit(self) -> bool:
        """Check the fields, then connect in the background. False when nothing was started."""
        preset = self.presets[self.preset_id()]
        typed = preset["id"] in ("nextcloud", "other")
        self.address_error.clear_text()
        self.error.clear_text()
        if self.busy:
            return False
        if typed and not self.address.text().strip():
            self.address_error.show_text(self.tr("Give your server's address."), "error")
            return False
        if not self.user.text().strip() or not self.password.text():
            self.error.show_text(self.tr("Give the user name and the password."), "error")
            return False
        account = {
            "url": self.address.text().strip() if typed else preset["url"],
            "user": self.user.text().strip(),
            "password": self.password.text(),
            "preset": preset["id"],
            "use": self.use,
        }
        self.picker.hide()
        self._set_busy(True)
        self.status.show_text(self.tr("Connecting to the server…"), "info")
        self.controller.connect_caldav(account, self._connected, self._failed, self)
        return True

    def choose(self) -> None:
        url = self.calendars.currentData()
        if not url or self.busy:
            return
        self._set_busy(True)
        self.controller.choose_caldav_calendar(str(url), self.use, self._connected, self._failed, self)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.provider, self.address, self.user, self.password, self.connect_button, self.choose_button):
            widget.setEnabled(not busy)
        self.busyChanged.emit(busy)

    def _connected(self, info: dict[str, Any]) -> None:
        self.password.clear()  # the secret leaves the widget once it is in the keyring
        self.status.clear_text()
        self.error.clear_text()
        self.picker.hide()
        self._set_busy(False)
        self.connected.emit(info)

    def _failed(self, error: BaseException) -> None:
        self.status.clear_text()
        self._set_busy(False)
        if isinstance(error, errors.CalDavCreateRefusedError):
            self.password.clear()  # kept in the keyring with the account: the calendar is what is missing
            self.error.show_text(f"<b>{html.escape(error.title)}</b><br>{html.escape(error.message)}", "warning")
            BackgroundTask(self.controller.app.caldav_calendars, "calmedi-caldav-calendars").start(
                self._fill_calendars, self._failed, self
            )
        elif isinstance(error, InvalidSettingError) and error.params.get("key") in ("caldav.url", "preset"):
            self.address_error.show_text(html.escape(error.message), "error")
        elif isinstance(error, CalmediError):
            self.error.show_text(f"<b>{html.escape(error.title)}</b><br>{html.escape(error.message)}", "error")
        else:
            self.controller.show_error(error, self.window())  # a bug: the copyable report

    def _fill_calendars(self, calendars: list[dict[str, Any]]) -> None:
        self.calendars.clear()
        for calendar in calendars:
            if calendar.get("writable") is not False:
                self.calendars.addItem(str(calendar["name"]), calendar["url"])
        self.choose_button.setEnabled(self.calendars.count() > 0)
        self.picker.setVisible(True)
