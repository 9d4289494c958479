"""Every dialog the app opens goes through this module: one seam for tests, one place for the error policy.

Errors pick their dialog by type (STYLE.md §2): a refused sign-in offers to sign in again, a locked or missing
keyring says how to fix it, a network or quota problem reassures (CalMedi retries), a licence problem offers
to enter a key, and anything that is not a CalmediError is a bug: a copyable report.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from calmedi_desktop import errors
from calmedi_desktop.ui.crash import CrashReportDialog, build_report

Icon = QMessageBox.Icon


@dataclass(frozen=True)
class ErrorView:
    kind: str
    icon: QMessageBox.Icon
    action: str | None = None  # "accounts" | "licence" | "settings": a settings page that fixes it


def classify(error: BaseException) -> ErrorView:
    if isinstance(error, errors.AuthExpiredError | errors.NotConnectedError):
        return ErrorView("sign-in", Icon.Warning, "accounts")
    if isinstance(error, errors.AuthDeniedError):
        return ErrorView("denied", Icon.Warning, "accounts")
    if isinstance(error, errors.KeyringError):
        return ErrorView("keyring", Icon.Critical)
    if isinstance(error, errors.NetworkError | errors.QuotaError):
        return ErrorView("transient", Icon.Information)
    if isinstance(error, errors.LicenceError):
        return ErrorView("licence", Icon.Warning, "licence")
    if isinstance(error, errors.OAuthClientMissingError):
        return ErrorView("oauth-client", Icon.Warning, "accounts")
    if isinstance(error, errors.ConfigError):
        return ErrorView("config", Icon.Warning, "settings")
    if isinstance(error, errors.ProcessingPausedError):
        return ErrorView("paused", Icon.Information)
    if isinstance(error, errors.CalmediError):
        return ErrorView("error", Icon.Warning)
    return ErrorView("bug", Icon.Critical)


def _action_label(action: str) -> str:
    labels = {
        "accounts": QCoreApplication.translate("Dialogs", "Sign in again…"),
        "licence": QCoreApplication.translate("Dialogs", "Enter a licence key…"),
        "settings": QCoreApplication.translate("Dialogs", "Open settings…"),
    }
    return labels[action]


def error_dialog(error: BaseException, parent: QWidget | None = None) -> QDialog:
    view = classify(error)
    if not isinstance(error, errors.CalmediError):
        return CrashReportDialog(build_report(type(error), error, error.__traceback__), parent)
    title = f"<b>{html.escape(error.title)}</b>"
    box = QMessageBox(view.icon, error.title, title, QMessageBox.StandardButton.Close, parent)
    box.setInformativeText(error.message)
    # QMessageBox ignores setMinimumWidth; its text label takes a minimum width instead.
    box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 360px; }")
    box.setObjectName(f"errorBox-{view.kind}")
    box.setWindowTitle(f"CalMedi – {error.title}")
    if view.action is not None:
        button = box.addButton(_action_label(view.action), QMessageBox.ButtonRole.AcceptRole)
        button.setObjectName("errorAction")
        box.setDefaultButton(button)
        box.setProperty("action", view.action)
    return box


def show_error(
    error: BaseException, parent: QWidget | None = None, on_action: Callable[[str], None] | None = None
) -> QDialog:
    dialog = error_dialog(error, parent)
    if isinstance(dialog, QMessageBox) and on_action is not None:
        action = dialog.property("action")

        def clicked(button: object) -> None:
            if action and dialog.buttonRole(button) == QMessageBox.ButtonRole.AcceptRole:  # type: ignore[arg-type]
                on_action(str(action))

        dialog.buttonClicked.connect(clicked)
    present(dialog)
    return dialog


# -- the seam tests monkeypatch --------------------------------------------------------------------------------
_open_dialogs: set[QDialog] = set()  # parentless dialogs would be garbage-collected while still on screen


def present(dialog: QDialog) -> None:
    """Show without blocking: the tray must keep answering while a dialog is open."""
    _open_dialogs.add(dialog)
    dialog.finished.connect(lambda _result: _open_dialogs.discard(dialog))
    dialog.open()


def ask(parent: QWidget | None, title: str, text: str, *, danger: bool = False) -> bool:
    box = QMessageBox(Icon.Warning if danger else Icon.Question, title, text, parent=parent)
    yes = box.addButton(QMessageBox.StandardButton.Yes)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel if danger else QMessageBox.StandardButton.Yes)
    box.exec()
    return box.clickedButton() is yes


def inform(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    present(box)


def choose_directory(parent: QWidget | None, title: str) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, title, str(Path.home()))
    return Path(folder) if folder else None


def choose_file(parent: QWidget | None, title: str, name_filter: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()), name_filter)
    return Path(path) if path else None
