"""Accounts: connect and disconnect Doctolib, iCalendar feeds and Google, choose the agendas, bring your own
OAuth client.

The connected identity and date are shown; a token never is. Sign-in runs in the browser: the page opens it and
also shows the link, for a machine where no browser opens by itself.
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from calmedi_desktop.api import CalmediError
from calmedi_desktop.ui import dialogs
from calmedi_desktop.ui.feeds import FeedsBox
from calmedi_desktop.ui.pages.common import Notice, apply_setting, hint, page_layout, title
from calmedi_desktop.ui.tasks import BackgroundTask

if TYPE_CHECKING:
    from calmedi_desktop.ui.page_api import PageController


def _since(entry: dict[str, Any]) -> str:
    try:
        return datetime.fromisoformat(entry["connected_at"]).astimezone().strftime("%d/%m/%Y")
    except (KeyError, TypeError, ValueError):
        return "?"


class AccountBox(QGroupBox):
    """One service: its state, Connect/Disconnect, and the sign-in link while waiting for the browser."""

    def __init__(self, controller: PageController, service: str, label: str) -> None:
        super().__init__(label)
        self.controller = controller
        self.service = service
        self.setObjectName(f"account-{service}")
        self.layout_ = QVBoxLayout(self)
        self.state = QLabel()
        self.state.setObjectName(f"{service}State")
        self.state.setWordWrap(True)
        self.layout_.addWidget(self.state)
        row = QHBoxLayout()
        self.connect_button = QPushButton(self.tr("Connect…"))
        self.connect_button.setObjectName(f"{service}Connect")
        self.connect_button.setAccessibleName(self.tr("Connect %1").replace("%1", label))
        self.connect_button.clicked.connect(self.start_connect)
        self.disconnect_button = QPushButton(self.tr("Disconnect"))
        self.disconnect_button.setObjectName(f"{service}Disconnect")
        self.disconnect_button.setAccessibleName(self.tr("Disconnect %1").replace("%1", label))
        self.disconnect_button.clicked.connect(self.start_disconnect)
        row.addWidget(self.connect_button)
        row.addWidget(self.disconnect_button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.notice = Notice("info")
        self.layout_.addWidget(self.notice)
        self._waiting = False
        controller.authorisationUrl.connect(self._show_link)
        controller.accountsChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        entry = self.controller.accounts.get(self.service) or {}
        connected = bool(entry.get("connected"))
        if connected:
            who = entry.get("practitioner")
            text = self.tr("Connected since %1").replace("%1", _since(entry))
            self.state.setText(f"✔ {text}" + (f" — {who}" if who else ""))
        else:
            self.state.setText(self.tr("Not connected"))
        self.state.setAccessibleName(self.state.text())
        self.connect_button.setText(self.tr("Sign in again…") if connected else self.tr("Connect…"))
        self.connect_button.setEnabled(not self._waiting)
        self.disconnect_button.setEnabled(connected and not self._waiting)

    def start_connect(self) -> None:
        self._waiting = True
        self.notice.show_text(self.tr("Waiting for you to sign in in your browser…"), "info")
        self.refresh()
        self.controller.connect_account(self.service, self._connected, self._failed, self)

    def _show_link(self, url: str) -> None:
        if self._waiting:
            link = f'<a href="{html.escape(url, quote=True)}">{self.tr("open the sign-in page")}</a>'
            text = self.tr("Waiting for you to sign in in your browser… If no browser opened, %1.")
            self.notice.show_text(text.replace("%1", link), "info")

    def _connected(self, _info: Any) -> None:
        self._waiting = False
        self.notice.clear_text()
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        self._waiting = False
        if isinstance(error, CalmediError):
            self.notice.show_text(f"{error.title}: {error.message}", "error")
        else:
            self.controller.show_error(error, self)
            self.notice.clear_text()
        self.refresh()

    def start_disconnect(self) -> None:
        question = self.tr("CalMedi will stop syncing and forget this sign-in. Disconnect?")
        if not dialogs.ask(self, self.title(), question):
            return
        self._waiting = True
        self.refresh()
        self.controller.disconnect_account(self.service, self._disconnected, self._failed, self)

    def _disconnected(self, info: dict[str, Any]) -> None:
        self._waiting = False
        if info.get("revoked"):
            self.notice.clear_text()
        else:
            text = self.tr("Signed out on this computer. The remote sign-in could not be revoked (offline?).")
            self.notice.show_text(text, "warning")
        self.refresh()


class AccountsPage(QWidget):
    def __init__(self, controller: PageController) -> None:
        super().__init__()
        self.controller = controller
        layout = page_layout(self)
        layout.addWidget(title(self.tr("Accounts")))
        self.doctolib = AccountBox(controller, "doctolib", "Doctolib")
        layout.addWidget(self.doctolib)
        self.agendas = QListWidget()
        self.agendas.setObjectName("agendaList")
        self.agendas.setAccessibleName(self.tr("Agendas to sync"))
        self.agendas.setMaximumHeight(110)
        self.agendas.itemChanged.connect(self._agenda_toggled)
        self.doctolib.layout_.addWidget(QLabel(self.tr("Agendas to sync:")))
        self.doctolib.layout_.addWidget(self.agendas)
        self.feeds = FeedsBox(controller)  # the other sources, before the one target
        layout.addWidget(self.feeds)
        self.google = AccountBox(controller, "google", "Google Agenda" if self._fr() else "Google Calendar")
        layout.addWidget(self.google)
        self.google.layout_.addWidget(self._client_row())
        self.error = Notice()
        layout.addWidget(self.error)
        layout.addStretch(1)
        controller.accountsChanged.connect(self.load_agendas)
        self.load_agendas()

    def _fr(self) -> bool:
        return self.controller.translations.language == "fr"

    def _client_row(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 6, 0, 0)
        self.client_label = hint("")
        column.addWidget(self.client_label)
        row = QHBoxLayout()
        choose = QPushButton(self.tr("Use my own OAuth client…"))
        choose.setObjectName("chooseClient")
        choose.clicked.connect(self._choose_client)
        self.bundled = QPushButton(self.tr("Use the bundled client"))
        self.bundled.clicked.connect(lambda: self._set_client(None))
        row.addWidget(choose)
        row.addWidget(self.bundled)
        row.addStretch(1)
        column.addLayout(row)
        self._show_client()
        return box

    def _show_client(self) -> None:
        path = self.controller.app.get_setting("google.client_file")
        text = self.tr("OAuth client: %1").replace("%1", path) if path else self.tr("OAuth client: bundled")
        self.client_label.setText(
            text
            + "<br>"
            + self.tr(
                "To use your own, create a “Desktop app” client in the Google Cloud console "
                "and choose its JSON file (see the README)."
            )
        )
        self.bundled.setEnabled(bool(path))

    def _choose_client(self) -> None:
        path = dialogs.choose_file(self, self.tr("Choose the OAuth client JSON file"), "JSON (*.json)")
        if path is not None:
            self._set_client(str(path))

    def _set_client(self, path: str | None) -> None:
        apply_setting(self.controller, "google.client_file", path, self.error)
        self._show_client()

    def load_agendas(self) -> None:
        if not (self.controller.accounts.get("doctolib") or {}).get("connected"):
            self._fill_agendas([], self.tr("Connect Doctolib to choose agendas."))
            return
        BackgroundTask(self.controller.app.doctolib_agendas, "calmedi-agendas").start(
            self._fill_agendas, lambda error: self._fill_agendas([], self.tr("Agendas could not be loaded.")), self
        )

    def _fill_agendas(self, agendas: list[dict[str, Any]], empty_text: str = "") -> None:
        chosen = self.controller.app.get_setting("doctolib.agenda_ids")
        self.agendas.blockSignals(True)
        self.agendas.clear()
        for agenda in agendas:
            item = QListWidgetItem(str(agenda["name"]))
            item.setData(Qt.ItemDataRole.UserRole, int(agenda["id"]))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = chosen is None or int(agenda["id"]) in chosen
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.agendas.addItem(item)
        if not agendas and empty_text:
            placeholder = QListWidgetItem(empty_text)
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.agendas.addItem(placeholder)
        self.agendas.blockSignals(False)

    def _agenda_toggled(self, _item: QListWidgetItem) -> None:
        items = [self.agendas.item(i) for i in range(self.agendas.count())]
        ids = [it.data(Qt.ItemDataRole.UserRole) for it in items if it.checkState() == Qt.CheckState.Checked]
        value = None if len(ids) == len(items) else ids  # None = every agenda, including ones added later
        if value == []:
            self.error.show_text(self.tr("Choose at least one agenda."), "error")
            return
        apply_setting(self.controller, "doctolib.agenda_ids", value, self.error)
