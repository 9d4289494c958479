"""About: version, the privacy policy in full, and the practitioner's rights one click away."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QWidget

from calmedi_desktop.api import __version__
from calmedi_desktop.ui.destination_text import caldav_name
from calmedi_desktop.ui.dialogs import readable_policy
from calmedi_desktop.ui.icons import app_icon
from calmedi_desktop.ui.pages.common import hint, page_layout

if TYPE_CHECKING:
    from calmedi_desktop.ui.page_api import PageController


class AboutPage(QWidget):
    def __init__(self, controller: PageController) -> None:
        super().__init__()
        self.controller = controller
        layout = page_layout(self)
        header = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(56, 56))
        logo.setAccessibleName("CalMedi")
        header.addWidget(logo)
        name = QLabel(f"<b style='font-size:16pt'>CalMedi</b><br>{self.tr('Version %1').replace('%1', __version__)}")
        name.setTextFormat(Qt.TextFormat.RichText)
        header.addWidget(name, 1)
        layout.addLayout(header)
        self.summary = hint("")
        layout.addWidget(self.summary)
        self.policy = QTextBrowser()
        self.policy.setObjectName("privacyPolicy")
        self.policy.setOpenExternalLinks(True)
        self.policy.setAccessibleName(self.tr("Privacy policy"))
        self.policy.setMarkdown(self._policy_text())
        layout.addWidget(self.policy, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        export = QPushButton(self.tr("Export my data…"))
        export.clicked.connect(lambda: controller.export_data(self))
        erase = QPushButton(self.tr("Erase my data…"))
        erase.clicked.connect(lambda: controller.erase_data(self))
        buttons.addWidget(export)
        buttons.addWidget(erase)
        layout.addLayout(buttons)
        controller.accountsChanged.connect(self.name_destination)  # a switch of destination says so
        self.name_destination()

    def name_destination(self) -> None:
        caldav = caldav_name(self.controller)
        if caldav is None:
            text = self.tr(
                "CalMedi copies your Doctolib appointments into a Google calendar of its own. Appointments "
                "are never written to this computer's disk. Questions: support@calmedi.io"
            )
        else:
            text = self.tr(
                "CalMedi copies your Doctolib appointments to %1. Appointments are never written to this "
                "computer's disk. Questions: support@calmedi.io"
            ).replace("%1", caldav)
        self.summary.setText(text)

    def _policy_text(self) -> str:
        try:
            return readable_policy(self.controller.app.privacy_policy(self.controller.translations.language))
        except OSError:
            return self.tr("The privacy policy is at https://calmedi.io/privacy")
