"""The wizard's "Where should your appointments go?" step, and the CalDAV account step that follows it when the
practitioner chooses Apple iCloud or another CalDAV calendar (Google's sign-in has its own step)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QButtonGroup, QLabel, QRadioButton, QVBoxLayout, QWizardPage

from calmedi_desktop.ui.caldav_form import CalDavForm
from calmedi_desktop.ui.pages.common import hint

if TYPE_CHECKING:
    from calmedi_desktop.ui.page_api import PageController

GOOGLE, ICLOUD, OTHER = "google", "icloud", "other"
OTHER_PROVIDERS = ("fastmail", "nextcloud", "other")


class DestinationChoicePage(QWizardPage):
    def __init__(self, controller: PageController) -> None:
        super().__init__()
        self.controller = controller
        self.setTitle(self.tr("Where should your appointments go?"))
        self.setSubTitle(self.tr("CalMedi writes them into a calendar of its own there. You can change this later."))
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        choices = (
            (GOOGLE, self.tr("Google Calendar"), self.tr("In your Google account, on the web and on Android phones.")),
            (ICLOUD, self.tr("Apple iCloud"), self.tr("Apple Calendar on your iPhone, iPad and Mac.")),
            (
                OTHER,
                self.tr("Other (CalDAV)"),
                self.tr("Fastmail, Nextcloud, Synology or any calendar server that speaks CalDAV."),
            ),
        )
        for key, label, description in choices:
            radio = QRadioButton(label)
            radio.setObjectName(f"destination-{key}")
            self.group.addButton(radio)
            self.radios[key] = radio
            layout.addWidget(radio)
            explanation = hint(description)
            explanation.setContentsMargins(24, 0, 0, 8)
            layout.addWidget(explanation)
        layout.addWidget(
            hint(
                self.tr(
                    "Whichever you choose, your patients' privacy is the same: by default the calendar only shows "
                    "“Consultation”, and CalMedi never touches the events you add yourself."
                )
            )
        )
        layout.addStretch(1)
        self.group.buttonToggled.connect(lambda *_: self.completeChanged.emit())

    def initializePage(self) -> None:
        if self.group.checkedButton() is not None:
            return
        destination = self.controller.destination
        if destination.get("target") == "caldav":
            self.radios[ICLOUD if destination.get("provider") == ICLOUD else OTHER].setChecked(True)
        else:
            self.radios[GOOGLE].setChecked(True)

    def choice(self) -> str:
        return next((key for key, radio in self.radios.items() if radio.isChecked()), GOOGLE)

    def isComplete(self) -> bool:
        return self.group.checkedButton() is not None


class CalDavPage(QWizardPage):
    """Connect the CalDAV account; complete once CalMedi's calendar there is the destination."""

    def __init__(self, controller: PageController, destination: DestinationChoicePage) -> None:
        super().__init__()
        self.controller = controller
        self.destination = destination
        self.form = CalDavForm(controller, use=True)  # chosen on the previous page: it becomes the destination
        self.state = QLabel()
        self.state.setObjectName("wizardCaldavState")
        self.state.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.state)
        layout.addStretch(1)
        self.form.busyChanged.connect(lambda _busy: self.completeChanged.emit())
        self.form.connected.connect(self._connected)

    def initializePage(self) -> None:
        icloud = self.destination.choice() == ICLOUD
        self.form.set_providers((ICLOUD,) if icloud else OTHER_PROVIDERS)
        if not icloud and self.controller.destination.get("provider") in OTHER_PROVIDERS:
            self.form.select_provider(str(self.controller.destination["provider"]))
        self.setTitle(self.tr("Connect Apple iCloud") if icloud else self.tr("Connect your CalDAV calendar"))
        self.setSubTitle(
            self.tr(
                "CalMedi creates a calendar of its own in your account and writes only there. Your password stays "
                "in the system keyring."
            )
        )
        self.refresh()

    def connected(self) -> bool:
        destination = self.controller.destination
        return destination.get("target") == "caldav" and bool(destination.get("connected"))

    def refresh(self) -> None:
        if self.connected():
            text = self.tr("✔ Connected: your appointments will go to %1.")
            self.state.setText(text.replace("%1", self.controller.destination_name()))
        else:
            self.state.setText("")
        self.completeChanged.emit()

    def _connected(self, _info: Any) -> None:
        self.refresh()

    def isComplete(self) -> bool:
        return not self.form.busy and self.connected()
