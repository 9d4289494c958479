"""Error dialogs chosen by type, the crash report (no appointment data), the exception hook, single instance,
background tasks and icons."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QMessageBox

from calmedi_desktop import errors
from calmedi_desktop.ui import dialogs
from calmedi_desktop.ui.controller import AppController
from calmedi_desktop.ui.crash import CrashReportDialog, ExceptionHook, build_report
from calmedi_desktop.ui.icons import ICON_DIR, STATES, app_icon, tray_icon, tray_icon_path
from calmedi_desktop.ui.single_instance import SingleInstance
from calmedi_desktop.ui.tasks import BackgroundTask

pytestmark = pytest.mark.gui

PATIENT = "Jean Dupont"  # stands for any appointment data that could end up in an exception message

CASES = [
    (errors.AuthExpiredError("t", service="Google Calendar", command="google"), "sign-in", "accounts"),
    (errors.NotConnectedError("t", service="Doctolib", command="doctolib"), "sign-in", "accounts"),
    (errors.AuthDeniedError("t", service="Doctolib", detail="access_denied"), "denied", "accounts"),
    (errors.KeyringLockedError("t"), "keyring", None),
    (errors.InsecureKeyringError("t", backend="fail.Keyring"), "keyring", None),
    (errors.NetworkError("t", service="Doctolib", detail="timeout"), "transient", None),
    (errors.QuotaError("t", detail="rateLimitExceeded"), "transient", None),
    (errors.LicenceRequiredError("t", detail="expired"), "licence", "licence"),
    (errors.OAuthClientMissingError("t"), "oauth-client", "accounts"),
    (errors.InvalidSettingError(key="sync.past_days", reason="0-365"), "config", "settings"),
    (errors.ProcessingPausedError("t"), "paused", None),
    (errors.DiskError("t", path="/x", detail="disk full"), "error", None),
]


@pytest.mark.parametrize(("error", "kind", "action"), CASES, ids=[type(c[0]).__name__ for c in CASES])
def test_each_typed_error_gets_its_dialog(
    qtbot: Any, error: errors.CalmediError, kind: str, action: str | None
) -> None:
    box = dialogs.error_dialog(error)
    qtbot.addWidget(box)
    assert isinstance(box, QMessageBox)
    assert box.objectName() == f"errorBox-{kind}"
    assert box.windowTitle() == f"CalMedi – {error.title}"
    assert error.title in box.text() and box.informativeText() == error.message
    assert box.property("action") == action
    assert (box.findChild(object, "errorAction") is not None) == (action is not None)


def test_the_fix_it_button_opens_the_right_settings_page(
    qtbot: Any, connected_controller: AppController, dialog_recorder: Any
) -> None:
    connected_controller.show_error(errors.AuthExpiredError("t", service="Google", command="google"))
    box = dialog_recorder.presented[-1]
    box.findChild(object, "errorAction").click()
    window = connected_controller.settings_window
    assert window is not None and window.current_page() == "accounts"


def test_a_bug_gets_a_copyable_report_without_its_message() -> None:
    try:
        {"patient": PATIENT}[PATIENT + " (missing)"]
    except KeyError as exc:
        dialog = dialogs.error_dialog(exc)
    assert isinstance(dialog, CrashReportDialog)
    report = dialog.report_view.toPlainText()
    assert "builtins.KeyError" in report
    assert "test_dialogs.py" in report and "test_a_bug_gets_a_copyable_report_without_its_message" in report
    assert PATIENT not in report
    assert str(Path.home()) not in report
    dialog.copy_report()
    assert QGuiApplication.clipboard().text() == report


def test_report_follows_causes_and_keeps_their_messages_out() -> None:
    try:
        try:
            raise ValueError(PATIENT)
        except ValueError as inner:
            raise RuntimeError(f"while handling {PATIENT}") from inner
    except RuntimeError as exc:
        report = build_report(type(exc), exc, exc.__traceback__)
    assert "builtins.RuntimeError" in report and "Caused by:" in report and "builtins.ValueError" in report
    assert PATIENT not in report


def test_exception_hook_reports_from_any_thread_on_the_gui_thread(qtbot: Any) -> None:
    reports: list[tuple[str, bool]] = []
    hook = ExceptionHook(
        show=lambda report: reports.append((report, threading.current_thread() is threading.main_thread()))
    )
    hook.install()
    try:
        worker = threading.Thread(target=lambda: (_ for _ in ()).throw(ValueError(PATIENT)))
        worker.start()
        worker.join()
        try:
            raise TypeError(PATIENT)
        except TypeError:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
        qtbot.waitUntil(lambda: len(reports) == 2, timeout=5000)
    finally:
        hook.uninstall()
    assert all(on_gui_thread for _, on_gui_thread in reports)
    assert all(PATIENT not in report for report, _ in reports)
    assert "builtins.ValueError" in reports[0][0] or "builtins.ValueError" in reports[1][0]
    assert sys.excepthook is sys.__excepthook__ or sys.excepthook is not hook._on_exception


def test_default_hook_opens_the_crash_dialog(qtbot: Any) -> None:
    hook = ExceptionHook()
    hook.reported.emit("report text")
    assert len(hook.dialogs) == 1 and hook.dialogs[0].isVisible()
    hook.dialogs[0].reject()
    assert hook.dialogs == []


def test_second_launch_asks_the_first_to_come_to_the_front(qtbot: Any, tmp_path: Path) -> None:
    name = str(tmp_path / "calmedi-test.sock")
    first = SingleInstance(name)
    assert first.ask_running_instance() is False
    assert first.listen()
    try:
        second = SingleInstance(name)
        with qtbot.waitSignal(first.activated, timeout=5000):
            assert second.ask_running_instance() is True
        assert oct(Path(name).stat().st_mode & 0o077) == "0o0", "only its user may connect"
    finally:
        first.close()
    assert SingleInstance(name).ask_running_instance() is False


def test_a_stale_socket_is_replaced(tmp_path: Path) -> None:
    name = str(tmp_path / "stale.sock")
    Path(name).write_text("")  # what a crash leaves behind
    instance = SingleInstance(name)
    assert instance.listen()
    instance.close()


def test_background_tasks_report_on_the_gui_thread(qtbot: Any) -> None:
    seen: list[tuple[str, Any, bool]] = []

    def record(kind: str) -> Any:
        return lambda value: seen.append((kind, value, threading.current_thread() is threading.main_thread()))

    BackgroundTask(lambda: 42).start(record("ok"), record("error"))
    BackgroundTask(lambda: 1 / 0).start(record("ok"), record("error"))
    qtbot.waitUntil(lambda: len(seen) == 2 and BackgroundTask.running_count() == 0, timeout=5000)
    kinds = {kind: value for kind, value, _ in seen}
    assert kinds["ok"] == 42 and isinstance(kinds["error"], ZeroDivisionError)
    assert all(on_gui for *_, on_gui in seen)


def test_a_task_whose_owner_is_gone_reports_nowhere(qtbot: Any) -> None:
    from PySide6.QtWidgets import QWidget

    owner = QWidget()
    release = threading.Event()
    seen: list[Any] = []
    task = BackgroundTask(lambda: release.wait(5)).start(seen.append, seen.append, owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(owner), timeout=5000)
    with qtbot.waitSignal(task.done, timeout=5000):
        release.set()
    assert seen == []


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("dark", [False, True])
def test_every_state_has_a_crisp_icon_in_both_variants(state: str, dark: bool) -> None:
    path = tray_icon_path(state, dark)
    assert path.exists() and path.parent == ICON_DIR
    icon = tray_icon(state, dark)
    for size in (16, 22, 32, 64):  # high-DPI: rendered from the SVG at every size
        image: QImage = icon.pixmap(size, size).toImage()
        assert image.width() == size and not image.isNull()
    assert not app_icon().isNull()
