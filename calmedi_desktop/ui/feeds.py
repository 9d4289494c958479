"""iCalendar feeds in the tray app: the name + address form (settings dialog and wizard), and the list of feeds.

A private feed address works like a password: it goes from the field to the facade, which checks it with one
trial fetch (off the GUI thread) and keeps it in the system keyring. It is never shown again: the list shows
the feed's name and ``redact_url``'s scheme://host/… form, as the facade returns them.
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from calmedi_desktop.api import CalmediError, InvalidSettingError
from calmedi_desktop.ui import dialogs
from calmedi_desktop.ui.destination_text import caldav_name
from calmedi_desktop.ui.pages.common import Notice, hint, with_error

if TYPE_CHECKING:
    from calmedi_desktop.ui.page_api import PageController

NAME_MAX = 40  # the facade's rule (IcsFeeds.connect); the field stops there rather than refuse later


def feed_names(controller: PageController) -> list[str]:
    return [str(feed["name"]) for feed in controller.accounts.get("ics") or []]


class FeedForm(QWidget):
    """Name and private address of one feed, what CalMedi does with it, and why adding it failed."""

    busyChanged = Signal(bool)
    added = Signal(str)  # the feed's name, once the facade has checked and kept it

    def __init__(self, controller: PageController) -> None:
        super().__init__()
        self.controller = controller
        self.busy = False
        self.explanation = explanation = hint("")
        self.name = QLineEdit()
        self.name.setObjectName("feedName")
        self.name.setAccessibleName(self.tr("Feed name"))
        self.name.setMaxLength(NAME_MAX)
        self.name.setPlaceholderText(self.tr("e.g. Clinic"))
        self.name_error = Notice()
        self.url = QLineEdit()
        self.url.setObjectName("feedUrl")
        self.url.setAccessibleName(self.tr("Private feed address"))
        self.url.setPlaceholderText("https://…  webcal://…")
        self.url_error = Notice()
        self.status = Notice("info")
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), with_error(self.name, self.name_error))
        form.addRow(self.tr("Private &address:"), with_error(self.url, self.url_error))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.status)
        controller.accountsChanged.connect(self.name_destination)  # a switch of destination says so
        self.name_destination()

    def name_destination(self) -> None:
        caldav = caldav_name(self.controller)
        if caldav is None:
            text = self.tr(
                "Another booking platform or your practice software can publish your agenda as a private "
                "iCalendar (ICS) address. That address works like a password: CalMedi keeps it in the system "
                "keyring, never in a file, and does not show it again. CalMedi treats each event's title as a "
                "patient's name, so Google shows it only at the “initials” or “full name” privacy levels; "
                "otherwise Google sees just “Appointment”."
            )
        else:
            text = self.tr(
                "Another booking platform or your practice software can publish your agenda as a private "
                "iCalendar (ICS) address. That address works like a password: CalMedi keeps it in the system "
                "keyring, never in a file, and does not show it again. CalMedi treats each event's title as a "
                "patient's name, so %1 shows it only at the “initials” or “full name” privacy levels; "
                "otherwise it sees just “Appointment”."
            ).replace("%1", caldav)
        self.explanation.setText(text)

    def filled(self) -> bool:
        return bool(self.name.text().strip() and self.url.text().strip())

    def submit(self) -> bool:
        """Check the fields, then add the feed in the background. False when nothing was started."""
        name, url = self.name.text().strip(), self.url.text().strip()
        self.name_error.clear_text()
        self.url_error.clear_text()
        if not name:
            self.name_error.show_text(self.tr("Give the feed a name, so that you can recognise it."), "error")
        elif name in feed_names(self.controller):
            text = self.tr("A feed named “%1” already exists: choose another name.").replace("%1", html.escape(name))
            self.name_error.show_text(text, "error")
        elif not url:
            self.url_error.show_text(self.tr("Paste the feed's private address."), "error")
        elif not QUrl(url, QUrl.ParsingMode.TolerantMode).isValid():
            # A mangled address (a broken [IPv6], a control character) would otherwise reach the facade as an
            # untyped error, i.e. a crash report for what is only a copy-paste slip.
            text = self.tr("This is not a valid web address: copy it again from the platform.")
            self.url_error.show_text(text, "error")
        else:
            self._set_busy(True)
            self.status.show_text(self.tr("Checking the feed…"), "info")
            self.controller.connect_feed(name, url, self._added, self._failed, self)
            return True
        return False

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.name.setEnabled(not busy)
        self.url.setEnabled(not busy)
        self.busyChanged.emit(busy)

    def _added(self, info: dict[str, Any]) -> None:
        self.status.clear_text()
        self.name.clear()
        self.url.clear()  # the secret leaves the widget once it is in the keyring
        self._set_busy(False)
        self.added.emit(str(info.get("name", "")))

    def _failed(self, error: BaseException) -> None:
        self.status.clear_text()
        self._set_busy(False)
        if isinstance(error, InvalidSettingError) and error.params.get("key") == "name":
            reason = str(error.params.get("reason", ""))
            self.name_error.show_text(self.tr("The name may hold %1.").replace("%1", html.escape(reason)), "error")
        elif isinstance(error, CalmediError):
            text = f"<b>{html.escape(error.title)}</b><br>{html.escape(error.message)}"
            self.url_error.show_text(text, "error")
        else:
            self.controller.show_error(error, self.window())  # a bug: the copyable report


class AddFeedDialog(QDialog):
    """Settings → Accounts → Add feed…: accepted once the feed is checked and kept."""

    def __init__(self, controller: PageController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addFeedDialog")
        self.setWindowTitle(self.tr("Add an iCalendar feed"))
        self.setMinimumWidth(520)
        self.form = FeedForm(controller)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add = self.buttons.addButton(self.tr("Add"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.add.setObjectName("addFeedConfirm")
        self.add.setDefault(True)  # Enter in either field adds
        self.buttons.accepted.connect(self.form.submit)
        self.buttons.rejected.connect(self.reject)
        self.form.added.connect(lambda _name: self.accept())
        self.form.busyChanged.connect(lambda busy: self.buttons.setEnabled(not busy))
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)

    def reject(self) -> None:
        if not self.form.busy:  # the check finishes within its time limit; closing now would still add it
            super().reject()


class FeedsBox(QGroupBox):
    """Settings → Accounts: the connected feeds by name and host, Add feed… and Remove."""

    def __init__(self, controller: PageController) -> None:
        super().__init__()
        self.setTitle(self.tr("Other calendars (iCalendar feeds)"))
        self.setObjectName("account-ics")
        self.controller = controller
        self.dialog: AddFeedDialog | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                self.tr(
                    "Appointments from another booking platform or practice software, read from its private address."
                )
            )
        )
        self.list = QListWidget()
        self.list.setObjectName("feedList")
        self.list.setAccessibleName(self.tr("iCalendar feeds"))
        self.list.setMaximumHeight(90)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add feed…"))
        self.add_button.setObjectName("addFeed")
        self.add_button.clicked.connect(self.open_add_dialog)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName("removeFeed")
        self.remove_button.setAccessibleName(self.tr("Remove the selected feed"))
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.notice = Notice()
        layout.addWidget(self.notice)
        self._removing = False
        controller.accountsChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        try:
            feeds = self.controller.app.ics_feed_list()  # keyring reads, like the controller's describe()
        except CalmediError as exc:
            feeds = []
            self.notice.show_text(f"{html.escape(exc.title)}: {html.escape(exc.message)}", "error")
        self.list.clear()
        for feed in feeds:
            text = self.tr("%1 — %2 — added on %3").replace("%1", feed["name"])
            text = text.replace("%2", feed["address"] or "?").replace("%3", _day(feed["connected_at"]))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, feed["name"])
            self.list.addItem(item)
        if not feeds:
            placeholder = QListWidgetItem(self.tr("No feed yet."))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(placeholder)
        self._selection_changed()

    def selected_name(self) -> str | None:
        item = self.list.currentItem()
        name = item.data(Qt.ItemDataRole.UserRole) if item is not None and item.isSelected() else None
        return str(name) if name else None

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(self.selected_name() is not None and not self._removing)

    def open_add_dialog(self) -> None:
        self.dialog = AddFeedDialog(self.controller, self.window())
        self.notice.clear_text()
        dialogs.present(self.dialog)

    def remove_selected(self) -> None:
        name = self.selected_name()
        if name is None:
            return
        question = self.tr("Remove the feed “%1”? CalMedi forgets its address and stops copying its appointments.")
        if not dialogs.ask(self, self.tr("Remove feed"), question.replace("%1", name)):
            return
        self._removing = True
        self._selection_changed()
        self.controller.disconnect_account("ics", self._removed, self._failed, self, name=name)

    def _removed(self, _info: Any) -> None:
        self._removing = False
        self.notice.clear_text()
        self._selection_changed()

    def _failed(self, error: BaseException) -> None:
        self._removing = False
        self._selection_changed()
        if isinstance(error, CalmediError):
            self.notice.show_text(f"{html.escape(error.title)}: {html.escape(error.message)}", "error")
        else:
            self.controller.show_error(error, self)


def _day(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return "?"
