"""General: language, notifications, start at login (the licence has a page of its own)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QWidget

from calmedi_desktop.ui.pages.common import Notice, apply_setting, page_layout, title

if TYPE_CHECKING:
    from calmedi_desktop.ui.page_api import PageController


class GeneralPage(QWidget):
    def __init__(self, controller: PageController) -> None:
        super().__init__()
        self.controller = controller
        app = controller.app
        layout = page_layout(self)
        layout.addWidget(title(self.tr("General")))
        form = QFormLayout()
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        for value, label in (("auto", self.tr("Same as the system")), ("fr", "Français"), ("en", "English")):
            self.language.addItem(label, value)
        self.language.setCurrentIndex(max(0, self.language.findData(app.get_setting("ui.language"))))
        self.language.currentIndexChanged.connect(
            lambda _i: apply_setting(controller, "ui.language", self.language.currentData(), self.error)
        )
        form.addRow(self.tr("Language"), self.language)

        self.notifications = QComboBox()
        self.notifications.setAccessibleName(self.tr("Notifications"))
        for value, label in (
            ("important", self.tr("Only when I need to act")),
            ("all", self.tr("Also after each change and each failure")),
            ("none", self.tr("Never")),
        ):
            self.notifications.addItem(label, value)
        self.notifications.setCurrentIndex(max(0, self.notifications.findData(app.get_setting("ui.notifications"))))
        self.notifications.currentIndexChanged.connect(
            lambda _i: apply_setting(controller, "ui.notifications", self.notifications.currentData(), self.error)
        )
        form.addRow(self.tr("Notifications"), self.notifications)

        self.autostart = QCheckBox(self.tr("Start CalMedi when I log in"))
        self.autostart.setAccessibleName(self.tr("Start CalMedi when I log in"))
        self.autostart.setChecked(controller.autostart.enabled)
        self.autostart.toggled.connect(lambda on: apply_setting(controller, "ui.autostart", on, self.error))
        form.addRow("", self.autostart)
        layout.addLayout(form)
        self.error = Notice()
        layout.addWidget(self.error)
        layout.addStretch(1)
