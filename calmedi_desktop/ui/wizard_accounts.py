"""The wizard's account steps: signing in to Doctolib or Google in the browser, and adding iCalendar feeds
(optional after Doctolib, required without it). Shared by the wizard's other steps: a left-aligned button row
and a typed error's explanation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWizard, QWizardPage

from calmedi_desktop.api import CalmediError
from calmedi_desktop.ui.feeds import FeedForm, feed_names
from calmedi_desktop.ui.pages.common import Notice

if TYPE_CHECKING:
    from calmedi_desktop.ui.page_api import PageController


def left_aligned(button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(button)
    row.addStretch(1)
    return row


def error_text(error: BaseException) -> str:
    if isinstance(error, CalmediError):
        return f"<b>{error.title}</b><br>{error.message}"
    return type(error).__name__


class ConnectPage(QWizardPage):
    """Sign in to one service in the browser; the page completes once the account is connected."""

    def __init__(self, controller: PageController, service: str) -> None:
        super().__init__()
        self.controller = controller
        self.service = service
        name = "Doctolib" if service == "doctolib" else "Google"
        self.setTitle(self.tr("Connect %1").replace("%1", name))
        if service == "doctolib":
            self.setSubTitle(self.tr("CalMedi reads your agenda with your Doctolib Pro sign-in."))
        else:
            self.setSubTitle(self.tr("CalMedi creates its own calendar in your Google account and writes only there."))
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.button = QPushButton(self.tr("Sign in with %1…").replace("%1", name))
        self.button.setObjectName(f"wizard-{service}-connect")
        self.button.setAccessibleName(self.button.text())
        self.button.clicked.connect(self.start)
        self.notice = Notice("info")
        explanation = QLabel(
            self.tr(
                "Your browser opens the sign-in page; once you have accepted, come back here. CalMedi keeps "
                "only a revocable access key, in the system keyring, never your password."
            )
        )
        explanation.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addSpacing(8)
        layout.addWidget(self.state)
        layout.addLayout(left_aligned(self.button))
        layout.addWidget(self.notice)
        self.skip: QPushButton | None = None
        if service == "doctolib":
            layout.addSpacing(12)
            self.skip = QPushButton(self.tr("I don't use Doctolib: add a calendar feed instead"))
            self.skip.setObjectName("wizard-doctolib-skip")
            self.skip.clicked.connect(self._skip)
            layout.addLayout(left_aligned(self.skip))
        layout.addStretch(1)
        self._busy = False
        self.skipped = False
        controller.authorisationUrl.connect(self._show_link)

    def connected(self) -> bool:
        return bool((self.controller.accounts.get(self.service) or {}).get("connected"))

    def _skip(self) -> None:
        self.skipped = True  # the feeds step then requires a feed
        self.completeChanged.emit()
        self.wizard().next()

    def initializePage(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        connected = self.connected()
        self.state.setText(self.tr("✔ Connected.") if connected else self.tr("Not connected yet."))
        self.button.setEnabled(not self._busy)
        if self.skip is not None:
            self.skip.setVisible(not connected)
            self.skip.setEnabled(not self._busy)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        if self._busy:
            return False
        return self.connected() or (self.skip is not None and (self.skipped or bool(feed_names(self.controller))))

    def start(self) -> None:
        self._busy = True
        self.notice.show_text(self.tr("Waiting for you to sign in in your browser…"), "info")
        self.refresh()
        self.controller.connect_account(self.service, self._done, self._failed, self)

    def _show_link(self, url: str) -> None:
        if self._busy:
            text = self.tr("Waiting for you to sign in in your browser… If no browser opened, %1.")
            link = f'<a href="{url}">{self.tr("open the sign-in page")}</a>'
            self.notice.show_text(text.replace("%1", link), "info")

    def _done(self, _info: Any) -> None:
        self._busy = False
        self.notice.clear_text()
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.notice.show_text(error_text(error), "error")
        self.refresh()

    def validatePage(self) -> bool:
        if self.service == "google" and self.connected() and self.controller.destination.get("target") != "google":
            self.controller.change_setting("sync.target", "google")  # chosen on the previous step
        return True


class FeedsPage(QWizardPage):
    """Optional after Doctolib, required without it: a calendar feed from another platform. "Skip" moves on."""

    def __init__(self, controller: PageController) -> None:
        super().__init__()
        self.controller = controller
        self.setTitle(self.tr("Other calendars"))
        self.setSubTitle(self.tr("Also sync an iCalendar feed from another booking platform? (optional)"))
        self.form = FeedForm(controller)
        self.add = QPushButton(self.tr("Add this feed"))
        self.add.setObjectName("wizard-feed-add")
        self.add.clicked.connect(self.form.submit)
        self.state = QLabel()
        self.state.setObjectName("wizardFeeds")
        self.state.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addLayout(left_aligned(self.add))
        layout.addWidget(self.state)
        layout.addStretch(1)
        self._advance = False  # Next was pressed with an address typed: move on once it is added
        self.form.added.connect(self._added)
        self.form.busyChanged.connect(self._busy_changed)
        self.form.name.textChanged.connect(self.refresh)
        self.form.url.textChanged.connect(self.refresh)

    def has_source(self) -> bool:
        doctolib = (self.controller.accounts.get("doctolib") or {}).get("connected")
        return bool(doctolib or feed_names(self.controller))

    def initializePage(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        names = feed_names(self.controller)
        if names:
            self.state.setText(self.tr("✔ Feeds added: %1").replace("%1", ", ".join(names)))
        elif not self.has_source():
            self.state.setText(self.tr("Without Doctolib, add a feed to continue (or go back to connect it)."))
        else:
            self.state.setText("")
        typed = bool(self.form.url.text().strip())
        self.add.setEnabled(self.form.filled() and not self.form.busy)
        wizard = self.wizard()
        if wizard is not None:
            skip = self.has_source() and not names and not typed  # without a source there is nothing to skip to
            default = wizard.buttonText(QWizard.WizardButton.NextButton)
            self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Skip") if skip else default)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.form.busy and (self.has_source() or bool(self.form.url.text().strip()))

    def validatePage(self) -> bool:
        if self.form.url.text().strip():  # typed but not added: add it first (Enter in the field lands here)
            self._advance = self.form.submit()
            return False
        return self.has_source()

    def _busy_changed(self, busy: bool) -> None:
        if not busy and self.form.url.text().strip():
            self._advance = False  # it failed: the reason is shown by the field
        self.refresh()

    def _added(self, _name: str) -> None:
        self.refresh()
        if self._advance:
            self._advance = False
            self.wizard().next()
