"""General: language, notifications, start at login, and the licence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from calmedi_desktop.errors import CalmediError
from calmedi_desktop.ui.pages.common import Notice, apply_setting, hint, page_layout, title
from calmedi_desktop.ui.tasks import BackgroundTask

if TYPE_CHECKING:
    from calmedi_desktop.ui.controller import AppController


class GeneralPage(QWidget):
    def __init__(self, controller: AppController) -> None:
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
        layout.addWidget(self._licence_box())
        layout.addStretch(1)
        self.refresh_licence()

    def _licence_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Licence"))
        inner = QFormLayout(box)
        self.licence_status = hint("")
        self.licence_status.setObjectName("licenceStatus")
        inner.addRow(self.licence_status)
        row = QHBoxLayout()
        self.licence_key = QLineEdit()
        self.licence_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.licence_key.setPlaceholderText(self.tr("Licence key"))
        self.licence_key.setAccessibleName(self.tr("Licence key"))
        self.activate = QPushButton(self.tr("Activate"))
        self.activate.clicked.connect(self._activate)
        row.addWidget(self.licence_key, 1)
        row.addWidget(self.activate)
        inner.addRow(row)
        inner.addRow(hint(self.tr("Exporting and erasing your data never depend on the licence; syncing does.")))
        self.licence_error = Notice()
        inner.addRow(self.licence_error)
        return box

    def refresh_licence(self) -> None:
        def show(status: Any) -> None:
            self.licence_status.setText(str(status.get("message") or status.get("state", "")))

        def failed(error: BaseException) -> None:
            text = error.message if isinstance(error, CalmediError) else type(error).__name__
            self.licence_status.setText(text)

        BackgroundTask(self.controller.app.licence_status, "calmedi-licence-status").start(show, failed, self)

    def _activate(self) -> None:
        key = self.licence_key.text().strip()
        if not key:
            return
        self.activate.setEnabled(False)

        def done(status: Any) -> None:
            self.activate.setEnabled(True)
            self.licence_key.clear()
            self.licence_error.clear_text()
            self.licence_status.setText(str(status.get("message") or status.get("state", "")))
            self.controller.statusChanged.emit()
            self.controller.sync_now()

        def failed(error: BaseException) -> None:
            self.activate.setEnabled(True)
            text = f"{error.title}: {error.message}" if isinstance(error, CalmediError) else type(error).__name__
            self.licence_error.show_text(text, "error")

        BackgroundTask(lambda: self.controller.app.licence_activate(key), "calmedi-licence").start(done, failed, self)
