"""Profile & consent: the practitioner's identification data (entered, corrected), marketing consent, and their
rights — export, erasure, the privacy policy — one click away.

Each field is validated by the facade's declared setting and saved when editing ends; a refused value stays in
the field with the reason beside it, so nothing typed is lost. Consent is recorded by the facade with its time
and policy version (and sent to the vendor when a licence key is stored), so it runs off the GUI thread.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from calmedi_desktop.api import CalmediError, InvalidSettingError
from calmedi_desktop.ui import dialogs
from calmedi_desktop.ui.destination_text import caldav_name
from calmedi_desktop.ui.pages.common import Notice, hint, page_layout, title, with_error
from calmedi_desktop.ui.tasks import BackgroundTask

if TYPE_CHECKING:
    from calmedi_desktop.ui.page_api import PageController

FIELDS = ("profile.first_name", "profile.last_name", "profile.email", "profile.phone")


def _moment(iso: Any) -> str:
    try:
        moment = datetime.fromisoformat(str(iso)).astimezone()
    except ValueError:
        return str(iso)
    when = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    return QLocale().toString(when, QLocale.FormatType.ShortFormat)


class ProfilePage(QWidget):
    def __init__(self, controller: PageController) -> None:
        super().__init__()
        self.controller = controller
        layout = page_layout(self)
        layout.addWidget(title(self.tr("Profile & consent")))
        layout.addWidget(self._profile_box())
        layout.addWidget(self._consent_box())
        layout.addWidget(self._rights_box())
        controller.accountsChanged.connect(self.name_destination)  # a switch of destination says so
        self.name_destination()
        layout.addStretch(1)

    def name_destination(self) -> None:
        caldav = caldav_name(self.controller)
        if caldav is None:
            text = self.tr(
                "Used for your licence and for support only. Never sent to Google or Doctolib, never "
                "shared. Correct them here at any time."
            )
        else:
            text = self.tr(
                "Used for your licence and for support only. Never sent to %1 or Doctolib, never shared. "
                "Correct them here at any time."
            ).replace("%1", caldav)
        self.use_note.setText(text)

    # -- identification data ---------------------------------------------------------------------------------
    def _profile_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("About you"))
        inner = QVBoxLayout(box)
        self.use_note = hint("")
        inner.addWidget(self.use_note)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        specs = {
            "profile.first_name": (self.tr("First name"), "", Qt.InputMethodHint.ImhNone),
            "profile.last_name": (self.tr("Last name"), "", Qt.InputMethodHint.ImhNone),
            "profile.email": (
                self.tr("Professional e-mail"),
                self.tr("e.g. dr.martin@cabinet-medical.fr"),
                Qt.InputMethodHint.ImhEmailCharactersOnly,
            ),
            "profile.phone": (
                self.tr("Phone"),
                self.tr("e.g. 01 23 45 67 89"),
                Qt.InputMethodHint.ImhDialableCharactersOnly,
            ),
        }
        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, Notice] = {}
        for key in FIELDS:
            label_text, placeholder, input_hint = specs[key]
            edit = QLineEdit(str(self.controller.app.get_setting(key) or ""))
            edit.setObjectName(key.replace(".", "-"))
            edit.setAccessibleName(label_text)
            edit.setPlaceholderText(placeholder)
            edit.setInputMethodHints(input_hint)
            edit.setMaxLength(200)
            edit.editingFinished.connect(lambda key=key: self._save(key))
            error = Notice()
            error.setObjectName(f"{key.replace('.', '-')}-error")
            label = QLabel(label_text)
            label.setBuddy(edit)
            form.addRow(label, with_error(edit, error))
            self.fields[key], self.errors[key] = edit, error
        inner.addLayout(form)
        return box

    def _save(self, key: str) -> None:
        edit, error = self.fields[key], self.errors[key]
        text = edit.text().strip()
        if text == (self.controller.app.get_setting(key) or ""):
            error.clear_text()  # back to what is saved: nothing to refuse any more
            return
        # An empty field erases the value (rectification includes removing it).
        try:
            self.controller.change_setting(key, text)
        except InvalidSettingError as exc:
            # The facade's message names the setting key; beside its own field, the reason alone reads better.
            reason = exc.params.get("reason")
            error.show_text(self.tr("Expected: %1.").replace("%1", str(reason)) if reason else exc.message, "error")
            return
        except CalmediError as exc:
            error.show_text(f"{exc.title}: {exc.message}", "error")
            return
        error.clear_text()
        edit.setText(str(self.controller.app.get_setting(key) or ""))

    # -- marketing consent -----------------------------------------------------------------------------------
    def _consent_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Marketing communications"))
        inner = QVBoxLayout(box)
        self.consent = QCheckBox(self.tr("Send me news and offers about CalMedi by e-mail"))
        self.consent.setObjectName("marketingConsent")
        self.consent.setAccessibleName(self.tr("Receive news and offers about CalMedi by e-mail"))
        self.consent.toggled.connect(self._consent_toggled)
        inner.addWidget(self.consent)
        inner.addWidget(
            hint(
                self.tr(
                    "Optional and off unless you tick it. Untick it to withdraw your consent at any time; each "
                    "choice is recorded with its date and the version of the privacy policy."
                )
            )
        )
        self.consent_state = QLabel()
        self.consent_state.setObjectName("consentState")
        self.consent_state.setWordWrap(True)
        inner.addWidget(self.consent_state)
        self.consent_error = Notice()
        inner.addWidget(self.consent_error)
        self._show_consent()
        return box

    def _show_consent(self) -> None:
        consents = self.controller.app.consent_status()
        granted, history = bool(consents["marketing"]), consents["history"]
        self.consent.blockSignals(True)
        self.consent.setChecked(granted)
        self.consent.blockSignals(False)
        if history:
            last = history[-1]
            text = (
                self.tr("Last change: consent given on %1 (privacy policy %2).")
                if last.get("action") == "grant"
                else self.tr("Last change: consent withdrawn on %1 (privacy policy %2).")
            )
            text = text.replace("%1", _moment(last.get("at", ""))).replace("%2", str(last.get("policy_version", "")))
        else:
            text = self.tr("No choice recorded yet: you receive no marketing e-mail.")
        self.consent_state.setText(text)
        self.consent_state.setAccessibleName(text)

    def _consent_toggled(self, granted: bool) -> None:
        self.consent.setEnabled(False)

        def done(_result: Any) -> None:
            self.consent.setEnabled(True)
            self.consent_error.clear_text()
            self._show_consent()

        def failed(error: BaseException) -> None:
            self.consent.setEnabled(True)
            self._show_consent()  # back to what is really recorded
            if isinstance(error, CalmediError):
                self.consent_error.show_text(f"{error.title}: {error.message}", "error")
            else:
                self.controller.show_error(error, self)

        task = BackgroundTask(lambda: self.controller.app.set_consent(granted), "calmedi-consent")
        task.start(done, failed, self)

    # -- rights ----------------------------------------------------------------------------------------------
    def _rights_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Your data"))
        inner = QVBoxLayout(box)
        inner.addWidget(
            hint(
                self.tr(
                    "Get a copy of everything CalMedi holds about you, or erase all of it. Both work at any time, "
                    "with or without a licence."
                )
            )
        )
        row = QHBoxLayout()
        self.export_button = QPushButton(self.tr("Export my data…"))
        self.export_button.setObjectName("exportData")
        self.export_button.clicked.connect(lambda: self.controller.export_data(self))
        self.erase_button = QPushButton(self.tr("Erase my data…"))
        self.erase_button.setObjectName("eraseData")
        self.erase_button.clicked.connect(lambda: self.controller.erase_data(self))
        self.policy_button = QPushButton(self.tr("Privacy policy"))
        self.policy_button.setObjectName("showPolicy")
        self.policy_button.clicked.connect(self.show_policy)
        for button in (self.export_button, self.erase_button, self.policy_button):
            button.setAccessibleName(button.text().rstrip("…"))
            row.addWidget(button)
        row.addStretch(1)
        inner.addLayout(row)
        return box

    def show_policy(self) -> None:
        try:
            text = self.controller.app.privacy_policy(self.controller.translations.language)
        except OSError:
            text = self.tr("The privacy policy is at https://calmedi.io/privacy")
        dialogs.present(dialogs.policy_dialog(text, self))
