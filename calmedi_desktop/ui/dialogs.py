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
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from calmedi_desktop.api import errors
from calmedi_desktop.ui.crash import CrashReportDialog, build_report

Icon = QMessageBox.Icon
# The bundled policy files open with a note for the developers, not for the practitioner reading the policy.
HEADING_MAX = 60
MARKDOWN_STARTS = ("#", "- ", "* ", "> ", "1. ", "|")
POLICY_NOTES = (
    "# CalMedi privacy policy (the published text",
    "# Politique de confidentialité de CalMedi (le texte publié",
)


@dataclass(frozen=True)
class ErrorView:
    kind: str
    icon: QMessageBox.Icon
    action: str | None = None  # "accounts" | "licence" | "settings": a settings page that fixes it


def classify(error: BaseException) -> ErrorView:
    if isinstance(error, errors.AuthExpiredError | errors.NotConnectedError):
        caldav = str(error.params.get("command", "")).startswith("caldav")  # its password is set on its own page
        return ErrorView("sign-in", Icon.Warning, "destination" if caldav else "accounts")
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
        "destination": QCoreApplication.translate("Dialogs", "Sign in again…"),
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


def readable_policy(markdown: str) -> str:
    """The policy as the practitioner should read it: without the developers' heading line, and with the
    website's plain-text layout (lone short lines as headings, "•" lines as bullets) turned into Markdown so that
    it renders as headings and lists rather than run-together paragraphs. Real Markdown passes through."""
    first, _, rest = markdown.partition("\n")
    text = rest.lstrip("\n") if first.startswith(POLICY_NOTES) else markdown
    blocks = []
    for block in text.split("\n\n"):
        lines = [line.strip() for line in block.strip("\n").splitlines()]
        if not any(lines):
            continue
        if all(line.startswith("•") for line in lines):
            blocks.append("\n".join("- " + line.lstrip("• ").strip() for line in lines))
        elif lines[0].startswith(MARKDOWN_STARTS):
            blocks.append(block.strip("\n"))
        elif len(lines) == 1 and len(lines[0]) <= HEADING_MAX and not lines[0].endswith(tuple(".:;!?,)")):
            blocks.append("### " + lines[0])
        else:
            blocks.append("\\\n".join(lines))  # the text's own line breaks, kept
    return "\n\n".join(blocks) + "\n"


def policy_dialog(markdown: str, parent: QWidget | None = None) -> QDialog:
    """The privacy policy, read-only, in a window of its own (links open in the browser)."""
    dialog = QDialog(parent)
    dialog.setObjectName("policyDialog")
    title = QCoreApplication.translate("Dialogs", "Privacy policy")
    dialog.setWindowTitle(f"CalMedi – {title}")
    dialog.resize(680, 600)
    layout = QVBoxLayout(dialog)
    view = QTextBrowser()
    view.setObjectName("policyText")
    view.setOpenExternalLinks(True)
    view.setAccessibleName(title)
    view.setMarkdown(readable_policy(markdown))
    view.document().setDocumentMargin(14)
    layout.addWidget(view, 1)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    view.setFocus()  # arrows and Page Down scroll the text at once; Escape closes
    return dialog
