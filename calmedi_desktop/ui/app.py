"""``calmedi`` with no argument: the tray application (``main(demo=True)`` for ``calmedi --demo``).

This module owns the tray app's start-up, demo mode's included: it opens the facade (or a ``DemoEnvironment``)
through ``calmedi_desktop.api``, sets up the technical log through the facade, then builds the controller.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from calmedi_desktop.api import CalmediError
from calmedi_desktop.ui import dialogs
from calmedi_desktop.ui.controller import AppController
from calmedi_desktop.ui.crash import ExceptionHook
from calmedi_desktop.ui.icons import app_icon
from calmedi_desktop.ui.single_instance import SingleInstance, server_name
from calmedi_desktop.ui.translation import Translations

log = logging.getLogger(__name__)
TRAY_POLL_MS = 5000


def qt_app(argv: Sequence[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv or sys.argv[:1]))
    app.setApplicationName("CalMedi")
    app.setApplicationDisplayName("CalMedi")
    app.setOrganizationDomain("calmedi.io")
    app.setDesktopFileName("io.calmedi.Desktop")
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(False)
    return app


def show_tray_when_available(controller: AppController, open_window: bool = True) -> None:
    """A tray now, or the settings window now (unless another window is up) and a tray when the desktop offers one."""
    from calmedi_desktop.ui.tray import Tray

    def attach() -> bool:
        if controller.tray is None and QSystemTrayIcon.isSystemTrayAvailable():
            controller.tray = Tray(controller)
            controller.tray.show()
        return controller.tray is not None

    if attach():
        return
    if open_window:
        controller.show_settings()
    timer = QTimer(controller)
    timer.setInterval(TRAY_POLL_MS)
    timer.timeout.connect(lambda: attach() and timer.stop())
    timer.start()


def build(calmedi: Any, demo: Any = None, **options: Any) -> AppController:
    """Everything but the event loop (tests, the screenshot script and the bench use this)."""
    translations = Translations()
    translations.apply(calmedi.get_setting("ui.language"))
    controller = AppController(calmedi, demo=demo, translations=translations, **options)
    ready = controller.ready_to_sync()
    show_tray_when_available(controller, open_window=ready)  # at first run the wizard is the window
    controller.upkeep.start()  # after the tray: a closure notice needs somewhere to appear
    if ready:
        controller.start_syncing()
    else:
        controller.show_wizard()
    return controller


def _open_facade() -> Any:
    from calmedi_desktop.api import CalMedi

    calmedi = CalMedi()
    calmedi.configure_logging(logging.INFO)
    calmedi.startup()
    return calmedi


def main(demo: bool = False) -> int:
    os.umask(0o077)  # anything a library creates is owner-only too (invariant 4)
    app = qt_app()
    hook = ExceptionHook()
    hook.install()
    instance = SingleInstance(server_name(demo))
    if instance.ask_running_instance():
        log.info("another CalMedi is running; asked it to come to the front")
        return 0
    instance.listen()
    with contextlib.ExitStack() as stack:
        try:
            if demo:
                from calmedi_desktop.api import DemoEnvironment

                environment = stack.enter_context(DemoEnvironment())
                stack.callback(environment.app.stop_file_logging)  # before the throwaway home is deleted
                environment.app.configure_logging(logging.INFO)  # the Journal page has something to show
                environment.start_mutations()
                calmedi = environment.app
            else:
                environment = None
                calmedi = _open_facade()
        except CalmediError as exc:
            Translations().apply()
            box = dialogs.error_dialog(exc)
            box.exec()
            return 1
        controller = build(calmedi, environment)
        instance.activated.connect(controller.bring_to_front)
        app.aboutToQuit.connect(controller.shutdown)
        code = app.exec()
        controller.shutdown()
        instance.close()
    hook.uninstall()
    return code
