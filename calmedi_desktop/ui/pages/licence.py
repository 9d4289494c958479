"""Licence: where the licence stands, a key to activate, a check on demand and the billing page.

Every facade call here may touch the network or the keyring, so each runs in a BackgroundTask and the page
shows the answer when it comes. A lapsed licence only pauses syncing: the page says that the practitioner's
rights (export, erasure) never depend on it.
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QLocale
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from calmedi_desktop.api import CalmediError
from calmedi_desktop.ui.licence_text import STATE_KIND, headline, local_date, needs_explaining
from calmedi_desktop.ui.pages.common import Notice, hint, page_layout, title
from calmedi_desktop.ui.tasks import BackgroundTask
from calmedi_desktop.ui.upkeep import closure_warning

if TYPE_CHECKING:
    from calmedi_desktop.ui.page_api import PageController


def _checked(iso: Any) -> str | None:
    if not isinstance(iso, str) or not iso:
        return None
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return None
    return QLocale().toString(QDateTime.fromSecsSinceEpoch(int(moment.timestamp())), QLocale.FormatType.ShortFormat)


class LicencePage(QWidget):
    def __init__(self, controller: PageController) -> None:
        super().__init__()
        self.controller = controller
        self.status: dict[str, Any] = {}
        self._pending = False  # one facade call at a time from this page
        layout = page_layout(self)
        layout.addWidget(title(self.tr("Licence")))
        self.state = Notice("info")
        self.state.setObjectName("licenceState")
        self.state.show_text(self.tr("Reading the licence…"))
        layout.addWidget(self.state)

        details = QFormLayout()
        self.details: dict[str, QLabel] = {}
        for key, label in (
            ("plan", self.tr("Plan")),
            ("customer", self.tr("Customer")),
            ("valid_until", self.tr("Valid until")),
            ("checked_at", self.tr("Last checked")),
        ):
            value = QLabel()
            value.setObjectName(f"licence-{key}")
            value.setAccessibleName(label)
            details.addRow(label, value)
            self.details[key] = value
        self.details_form = details
        layout.addLayout(details)

        row = QHBoxLayout()
        self.check = QPushButton(self.tr("Check now"))
        self.check.setObjectName("licenceCheck")
        self.check.setAccessibleName(self.tr("Check the licence now"))
        self.check.clicked.connect(self.check_now)
        self.manage = QPushButton(self.tr("Manage subscription…"))
        self.manage.setObjectName("licenceManage")
        self.manage.setAccessibleName(self.tr("Manage subscription"))
        self.manage.clicked.connect(self._manage)
        row.addWidget(self.check)
        row.addWidget(self.manage)
        row.addStretch(1)
        layout.addLayout(row)
        self.notice = Notice()
        layout.addWidget(self.notice)
        layout.addWidget(self._key_box())
        layout.addWidget(
            hint(
                self.tr(
                    "Exporting and erasing your data never depend on the licence: they work in every state, even "
                    "when it has expired. A lapsed licence only pauses syncing; nothing is deleted."
                )
            )
        )
        self.closure = Notice("warning")
        self.closure.setObjectName("closureWarning")
        layout.addWidget(self.closure)
        layout.addStretch(1)
        controller.licenceChanged.connect(self.show_status)
        controller.upkeep.done.connect(self._show_closure)
        self._show_closure(controller.upkeep.last)
        self._busy(True)
        BackgroundTask(controller.app.licence_status, "calmedi-licence-status").start(
            self._answered, self._failed, self
        )

    def _key_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Licence key"))
        inner = QVBoxLayout(box)
        inner.addWidget(hint(self.tr("Paste the key from the e-mail you received when you subscribed.")))
        row = QHBoxLayout()
        self.key = QLineEdit()
        self.key.setObjectName("licenceKey")
        self.key.setEchoMode(QLineEdit.EchoMode.Password)  # a secret: not for over-the-shoulder eyes
        self.key.setPlaceholderText(self.tr("Licence key"))
        self.key.setAccessibleName(self.tr("Licence key"))
        self.key.returnPressed.connect(self.activate)
        self.key.textChanged.connect(lambda _text: self._busy(self._pending))
        self.activate_button = QPushButton(self.tr("Activate"))
        self.activate_button.setObjectName("licenceActivate")
        self.activate_button.setAccessibleName(self.tr("Activate the licence key"))
        self.activate_button.clicked.connect(self.activate)
        row.addWidget(self.key, 1)
        row.addWidget(self.activate_button)
        inner.addLayout(row)
        return box

    # -- showing ---------------------------------------------------------------------------------------------
    def show_status(self, status: dict[str, Any]) -> None:
        self.status = dict(status)
        text = f"<b>{_escape(headline(status))}</b>"
        if needs_explaining(status) and status.get("message"):
            text += f"<br>{_escape(str(status['message']))}"
        self.state.show_text(text, STATE_KIND.get(str(status.get("state")), "warning"))
        self.state.setAccessibleName(headline(status))
        values = {
            "plan": status.get("plan"),
            "customer": status.get("customer"),
            "valid_until": local_date(status.get("valid_until")),
            "checked_at": _checked(status.get("checked_at")),
        }
        for key, value in values.items():
            self.details[key].setText(str(value or ""))
            self.details_form.setRowVisible(self.details[key], bool(value))
        self.manage.setToolTip("" if status.get("manage_url") else self.tr("Available once a licence key is activated"))
        self._busy(False)

    def _show_closure(self, result: Any) -> None:
        self.closure.show_text(closure_warning(result), "warning")

    def _busy(self, busy: bool) -> None:
        self._pending = busy
        self.check.setEnabled(not busy)
        self.activate_button.setEnabled(not busy and bool(self.key.text().strip()))
        self.manage.setEnabled(not busy and bool(self.status.get("manage_url")))

    def _answered(self, status: Any) -> None:
        self.show_status(status)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        if isinstance(error, CalmediError):
            self.notice.show_text(f"{error.title}: {error.message}", "error")
        else:
            self.controller.show_error(error, self)

    # -- actions ---------------------------------------------------------------------------------------------
    def check_now(self) -> None:
        before = self.status.get("checked_at")
        self.notice.clear_text()
        self._busy(True)

        def done(status: Any) -> None:
            self.show_status(status)
            self.controller.licence_updated(status)
            unreached = status.get("customer") and status.get("state") in ("active", "grace", "expired")
            if unreached and status.get("checked_at") == before:
                text = self.tr(
                    "The licence server could not be reached. CalMedi keeps the last verified licence and will "
                    "try again later."
                )
                self.notice.show_text(text, "warning")

        BackgroundTask(self.controller.app.licence_refresh, "calmedi-licence-refresh").start(done, self._failed, self)

    def activate(self) -> None:
        key = self.key.text().strip()
        if not key or self._pending:
            return
        self.notice.clear_text()
        self._busy(True)

        def done(status: Any) -> None:
            self.key.clear()
            self.show_status(status)
            self.controller.licence_updated(status)

        work = lambda: self.controller.app.licence_activate(key)  # noqa: E731
        BackgroundTask(work, "calmedi-licence-activate").start(done, self._failed, self)

    def _manage(self) -> None:
        url = self.status.get("manage_url")
        if url:
            self.controller.manage_subscription(str(url))


def _escape(text: str) -> str:
    return html.escape(text, quote=False)
