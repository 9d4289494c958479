"""Export my data… and Erase my data…: the practitioner's rights, one click away, licence or not.

Both run off the GUI thread. Erase stops syncing first (a run must not race the erasure), shows what will be
removed and what will be kept, and closes CalMedi once the receipt has been read: nothing is left to run.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from calmedi_desktop.api import errors
from calmedi_desktop.ui import dialogs
from calmedi_desktop.ui.tasks import BackgroundTask

if TYPE_CHECKING:
    from calmedi_desktop.ui.page_api import PageController


def export_flow(controller: PageController, parent: QWidget | None, *, overwrite: bool = False) -> None:
    folder = dialogs.choose_directory(
        parent, QCoreApplication.translate("PrivacyFlows", "Choose where to save your CalMedi data")
    )
    if folder is None:
        return
    _export_to(controller, parent, folder, overwrite)


def _export_to(controller: PageController, parent: QWidget | None, folder: Path, overwrite: bool) -> None:
    def done(path: Any) -> None:
        text = QCoreApplication.translate(
            "PrivacyFlows",
            "Everything CalMedi holds about you was saved to:\n%1\n\nIt contains no appointment: CalMedi never "
            "stores them.",
        )
        dialogs.inform(
            parent, QCoreApplication.translate("PrivacyFlows", "Export complete"), text.replace("%1", str(path))
        )

    def failed(error: BaseException) -> None:
        if isinstance(error, errors.ExportExistsError) and not overwrite:
            if dialogs.ask(parent, QCoreApplication.translate("PrivacyFlows", "Replace the export?"), error.message):
                _export_to(controller, parent, folder, True)
            return
        controller.show_error(error, parent)

    BackgroundTask(lambda: controller.app.export(folder, overwrite=overwrite), "calmedi-export").start(done, failed)


def confirm_erase(parent: QWidget | None, plan_lines: list[str]) -> tuple[bool, bool]:
    """(confirmed, keep_calendar). A separate function: the seam tests replace."""
    box = QMessageBox(parent)
    box.setObjectName("eraseConfirm")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("PrivacyFlows", "Erase my data"))
    box.setText(QCoreApplication.translate("PrivacyFlows", "Erase everything CalMedi holds about you?"))
    box.setInformativeText(
        QCoreApplication.translate(
            "PrivacyFlows",
            "This signs CalMedi out of Doctolib, Google and your CalDAV account, deletes its settings, logs and "
            "secrets on this computer, and deletes CalMedi's calendar (in Google, or on your CalDAV server) unless "
            "you keep it. It cannot be undone.",
        )
    )
    box.setDetailedText("\n".join(f"• {line}" for line in plan_lines))
    keep = QCheckBox(QCoreApplication.translate("PrivacyFlows", "Keep CalMedi's calendar and its appointments"))
    keep.setAccessibleName(QCoreApplication.translate("PrivacyFlows", "Keep CalMedi's calendar and its appointments"))
    box.setCheckBox(keep)
    erase_button = box.addButton(
        QCoreApplication.translate("PrivacyFlows", "Erase everything"), QMessageBox.ButtonRole.DestructiveRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is erase_button, keep.isChecked()


def erase_flow(controller: PageController, parent: QWidget | None) -> None:
    try:
        plan = controller.app.erase_plan()
    except errors.CalmediError as exc:
        controller.show_error(exc, parent)
        return
    confirmed, keep_calendar = confirm_erase(parent, plan)
    if not confirmed:
        return
    was_paused = controller.scheduler.state == "paused"
    controller.scheduler.pause()

    def done(receipt: dict[str, Any]) -> None:
        lines = receipt.get("lines") or [f"{key}: {value}" for key, value in receipt.items()]
        text = (
            QCoreApplication.translate("PrivacyFlows", "CalMedi has erased your data and will now close.")
            + "\n\n"
            + "\n".join(lines)
        )
        box = QMessageBox(
            QMessageBox.Icon.Information,
            QCoreApplication.translate("PrivacyFlows", "Data erased"),
            text,
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setObjectName("eraseReceipt")
        box.finished.connect(lambda _result: controller.quit())
        dialogs.present(box)

    def failed(error: BaseException) -> None:
        controller.show_error(error, parent)
        if not was_paused:
            controller.scheduler.resume()

    def work() -> dict[str, Any]:
        deadline = time.monotonic() + 120
        while controller.scheduler.running and time.monotonic() < deadline:
            time.sleep(0.1)  # let a run in progress finish: it must not write after the erasure
        return controller.app.erase(keep_calendar=keep_calendar)

    BackgroundTask(work, "calmedi-erase").start(done, failed)
