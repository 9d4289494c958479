"""The licence in the UI: the Licence page (state in words, activation, check, billing page, all off the GUI
thread), the tray's licence line and its "Manage subscription…" action, and the daily maintenance."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from calmedi_desktop.errors import LicenceRequiredError
from calmedi_desktop.licence.manager import LicenceKeyRefusedError
from calmedi_desktop.service import CalMedi
from calmedi_desktop.ui import upkeep
from calmedi_desktop.ui.controller import AppController
from calmedi_desktop.ui.notify import Notice
from calmedi_desktop.ui.pages.licence import LicencePage
from calmedi_desktop.ui.tray import Tray
from tests.ui.conftest import DialogRecorder, FakeSync
from tests.ui.test_tray import menu_texts, run_sync_now

pytestmark = pytest.mark.gui

BILLING = "https://billing.stripe.com/p/session/test_123"
BASE: dict[str, Any] = {
    "days_left": None,
    "plan": None,
    "customer": None,
    "valid_until": None,
    "manage_url": None,
    "subscription_status": None,
    "checked_at": None,
    "reason": "",
    "short": "",
}
TRIAL = {**BASE, "state": "trial", "sync_allowed": True, "days_left": 9, "message": "Free trial: 9 day(s) left."}
ACTIVE = {
    **BASE,
    "state": "active",
    "sync_allowed": True,
    "plan": "Pro",
    "customer": "cus_…WXYZ",
    "valid_until": "2026-03-12T10:00:00+00:00",
    "manage_url": BILLING,
    "subscription_status": "active",
    "checked_at": "2026-02-01T08:30:00+00:00",
    "message": "Licence active (Pro) until 2026-03-12.",
}
GRACE = {**ACTIVE, "state": "grace", "days_left": 5, "message": "Licence server unreachable: syncing continues."}
EXPIRED = {
    **ACTIVE,
    "state": "expired",
    "sync_allowed": False,
    "days_left": 0,
    "subscription_status": "canceled",
    "message": "Subscription cancelled: syncing is paused. Nothing was deleted.",
}
INVALID = {**BASE, "state": "invalid", "sync_allowed": False, "message": "This computer's clock went back."}


class FakeLicence:
    """Stands in for the facade's licence calls; records whether each ran on the GUI thread."""

    def __init__(self, calmedi: CalMedi, monkeypatch: pytest.MonkeyPatch, status: dict[str, Any]) -> None:
        self.status = status
        self.calls: list[tuple[str, bool]] = []
        self.activate_error: BaseException | None = None
        for name in ("licence_status", "licence_refresh"):
            monkeypatch.setattr(calmedi, name, self._recorder(name))
        monkeypatch.setattr(calmedi, "licence_activate", self._activate)

    def _recorder(self, name: str) -> Callable[[], dict[str, Any]]:
        def call() -> dict[str, Any]:
            self.calls.append((name, threading.current_thread() is threading.main_thread()))
            return dict(self.status)

        return call

    def _activate(self, key: str) -> dict[str, Any]:
        self.calls.append((f"activate:{key}", threading.current_thread() is threading.main_thread()))
        if self.activate_error is not None:
            raise self.activate_error
        self.status = ACTIVE
        return dict(ACTIVE)

    def gui_thread_calls(self, prefix: str) -> list[bool]:
        return [on_gui for name, on_gui in self.calls if name.startswith(prefix)]


@pytest.fixture
def licence(calmedi: CalMedi, monkeypatch: pytest.MonkeyPatch) -> FakeLicence:
    return FakeLicence(calmedi, monkeypatch, TRIAL)


def open_page(qtbot: Any, controller: AppController) -> LicencePage:
    page = LicencePage(controller)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: bool(page.status), timeout=5000)
    return page


# -- the page ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("status", "headline", "kind"),
    [
        (TRIAL, "Free trial — 9 days left", "info"),
        (ACTIVE, "Active — Pro plan, valid until 12 March 2026", "info"),
        (GRACE, "Grace period — the licence server could not be reached; 5 days left", "warning"),
        (EXPIRED, "Expired", "error"),
        (INVALID, "Invalid", "error"),
    ],
    ids=["trial", "active", "grace", "expired", "invalid"],
)
def test_each_state_reads_plainly(
    qtbot: Any,
    connected_controller: AppController,
    licence: FakeLicence,
    status: dict[str, Any],
    headline: str,
    kind: str,
) -> None:
    licence.status = status
    page = open_page(qtbot, connected_controller)
    assert page.state.accessibleName() == headline
    assert headline in page.state.text() and page.state.kind == kind
    if status["state"] in ("expired", "invalid"):
        assert status["message"] in page.state.text(), "why it stopped, in the core's words"
    assert page.manage.isEnabled() == bool(status["manage_url"])
    assert page.details["customer"].text() == (status["customer"] or "")
    assert "never depend on the licence" in " ".join(label.text() for label in page.findChildren(QLabel))
    assert licence.gui_thread_calls("licence_status") == [False]


def test_the_real_facade_starts_a_fourteen_day_trial(qtbot: Any, connected_controller: AppController) -> None:
    page = open_page(qtbot, connected_controller)
    assert page.state.accessibleName() == "Free trial — 14 days left"
    assert not page.manage.isEnabled()


def test_activation_runs_off_the_gui_thread_lifts_the_pause_and_syncs(
    qtbot: Any, connected_controller: AppController, licence: FakeLicence, fake_sync: FakeSync
) -> None:
    controller = connected_controller
    controller.last_error = LicenceRequiredError("expired", detail="trial over")
    page = open_page(qtbot, controller)
    assert not page.activate_button.isEnabled(), "nothing to activate yet"
    page.key.setText("  CM1-KEY-FOR-TESTS ")
    assert page.activate_button.isEnabled()
    page.activate_button.click()
    qtbot.waitUntil(lambda: page.status.get("state") == "active", timeout=5000)
    assert licence.gui_thread_calls("activate:CM1-KEY-FOR-TESTS") == [False]
    assert page.key.text() == "", "the key goes to the keyring, not left on screen"
    assert "Active — Pro plan" in page.state.text()
    assert controller.last_error is None and controller.tray_state() != "attention"
    qtbot.waitUntil(lambda: len(fake_sync.calls) == 1, timeout=5000)


def test_a_refused_key_is_explained_in_words_and_kept_for_correction(
    qtbot: Any, connected_controller: AppController, licence: FakeLicence
) -> None:
    licence.activate_error = LicenceKeyRefusedError("server: 401", detail="Licence key refused by the server.")
    page = open_page(qtbot, connected_controller)
    page.key.setText("CM1-TYPO")
    page.key.returnPressed.emit()
    qtbot.waitUntil(lambda: not page.notice.isHidden(), timeout=5000)
    assert "Licence key refused by the server." in page.notice.text()
    assert page.key.text() == "CM1-TYPO" and page.activate_button.isEnabled()
    assert page.status["state"] == "trial"


def test_check_now_refreshes_off_the_gui_thread_and_says_when_the_server_was_not_reached(
    qtbot: Any, connected_controller: AppController, licence: FakeLicence, fake_sync: FakeSync
) -> None:
    licence.status = GRACE
    page = open_page(qtbot, connected_controller)
    page.check.click()
    qtbot.waitUntil(lambda: page.check.isEnabled() and not page.notice.isHidden(), timeout=5000)
    assert licence.gui_thread_calls("licence_refresh") == [False]
    assert "could not be reached" in page.notice.text()
    licence.status = {**ACTIVE, "checked_at": "2026-02-02T08:30:00+00:00"}
    page.check.click()
    qtbot.waitUntil(lambda: page.status.get("state") == "active", timeout=5000)
    assert page.notice.isHidden()
    assert fake_sync.calls == [], "a check alone does not start a sync: nothing was blocked"


def test_manage_subscription_opens_the_billing_page(
    qtbot: Any, connected_controller: AppController, licence: FakeLicence, opened_urls: list[str]
) -> None:
    licence.status = ACTIVE
    page = open_page(qtbot, connected_controller)
    page.manage.click()
    assert opened_urls == [BILLING]


def test_the_licence_has_its_own_page_and_the_licence_error_leads_there(
    connected_controller: AppController, dialog_recorder: DialogRecorder
) -> None:
    connected_controller.show_error(LicenceRequiredError("t", detail="trial over"))
    dialog_recorder.presented[-1].findChild(object, "errorAction").click()
    window = connected_controller.settings_window
    assert window is not None and window.current_page() == "licence"
    assert window.pages["general"].findChild(object, "licenceKey") is None


# -- the tray ------------------------------------------------------------------------------------------------
def test_the_tray_shows_trial_and_grace_days_and_nothing_when_active(
    connected_controller: AppController, licence: FakeLicence
) -> None:
    tray = Tray(connected_controller)
    assert "Free trial: 9 days left" in menu_texts(tray)
    licence.status = GRACE
    assert "Licence server unreachable: 5 days of grace left" in menu_texts(tray)
    licence.status = ACTIVE
    texts = menu_texts(tray)
    assert not any("trial" in t or "grace" in t or "licence" in t.lower() for t in texts)
    assert "Manage subscription…" not in texts


def test_a_lapsed_licence_pauses_with_a_manage_subscription_item(
    qtbot: Any,
    connected_controller: AppController,
    licence: FakeLicence,
    fake_sync: FakeSync,
    opened_urls: list[str],
) -> None:
    controller = connected_controller
    tray = Tray(controller)
    notices: list[Notice] = []
    controller.notified.connect(notices.append)
    controller.start_syncing()
    licence.status = EXPIRED
    fake_sync.error = LicenceRequiredError("subscription canceled", detail="subscription cancelled")
    run_sync_now(qtbot, controller, fails=True)
    assert tray.state == "attention"
    texts = menu_texts(tray)
    assert texts[0] == "Sync paused: licence expired"
    assert [n.kind for n in notices] == ["act:LicenceRequiredError"]
    tray.actions["manage"].trigger()
    assert opened_urls == [BILLING]
    assert tray.actions["export"].isEnabled() and tray.actions["erase"].isEnabled(), "rights never depend on it"


def test_without_a_billing_page_manage_subscription_opens_the_licence_page(
    connected_controller: AppController, licence: FakeLicence, opened_urls: list[str]
) -> None:
    licence.status = {**INVALID}
    tray = Tray(connected_controller)
    assert menu_texts(tray)[0] == "Sync paused: licence invalid"
    tray.actions["manage"].trigger()
    assert opened_urls == []
    window = connected_controller.settings_window
    assert window is not None and window.current_page() == "licence"


def test_processing_paused_by_the_practitioner_is_said_so(
    calmedi: CalMedi, connected_controller: AppController, licence: FakeLicence
) -> None:
    calmedi.pause_processing()
    connected_controller.start_syncing()
    texts = menu_texts(Tray(connected_controller))
    assert texts[0] == "Processing paused by you – nothing is read or sent"
    assert "Resume syncing" in texts


# -- daily maintenance ---------------------------------------------------------------------------------------
class FakeMaintenance:
    def __init__(self, answer: dict[str, Any]) -> None:
        self.answer = answer
        self.on_gui_thread: list[bool] = []

    def __call__(self) -> dict[str, Any]:
        self.on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return dict(self.answer)


def run_upkeep(qtbot: Any, controller: AppController, start: bool = False) -> dict[str, Any]:
    with qtbot.waitSignal(controller.upkeep.done, timeout=5000) as blocker:
        controller.upkeep.start() if start else controller.upkeep.timer.timeout.emit()
    return dict(blocker.args[0])


def test_maintenance_runs_at_start_off_the_gui_thread_and_every_six_hours(
    qtbot: Any, calmedi: CalMedi, connected_controller: AppController, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeMaintenance({"purged": None, "closure": "none", "erase_at": None})
    monkeypatch.setattr(calmedi, "maintenance", fake)
    run_upkeep(qtbot, connected_controller, start=True)
    timer = connected_controller.upkeep.timer
    assert timer.isActive() and timer.interval() == 6 * 60 * 60 * 1000
    run_upkeep(qtbot, connected_controller)
    assert fake.on_gui_thread == [False, False]
    connected_controller.shutdown()
    assert not timer.isActive()


def test_the_real_maintenance_has_nothing_to_close_during_a_trial(
    qtbot: Any, connected_controller: AppController
) -> None:
    assert run_upkeep(qtbot, connected_controller, start=True)["closure"] == "none"


def test_the_closure_notice_is_shown_once_even_when_notifications_are_off(
    qtbot: Any,
    calmedi: CalMedi,
    connected_controller: AppController,
    monkeypatch: pytest.MonkeyPatch,
    licence: FakeLicence,
) -> None:
    controller = connected_controller
    controller.change_setting("ui.notifications", "none")
    monkeypatch.setattr(
        calmedi, "maintenance", FakeMaintenance({"closure": "notify", "erase_at": "2027-01-30T09:00:00+00:00"})
    )
    notices: list[Notice] = []
    controller.notified.connect(notices.append)
    run_upkeep(qtbot, controller, start=True)
    run_upkeep(qtbot, controller)
    assert [n.kind for n in notices] == ["closure"]
    assert "30 January 2027" in notices[0].message and "Export my data…" in notices[0].message
    page = open_page(qtbot, controller)
    assert not page.closure.isHidden() and "30 January 2027" in page.closure.text()


def test_an_erasure_by_the_closure_rule_is_said_and_closes_the_app(
    qtbot: Any,
    calmedi: CalMedi,
    connected_controller: AppController,
    monkeypatch: pytest.MonkeyPatch,
    dialog_recorder: DialogRecorder,
    no_quit: list[bool],
) -> None:
    monkeypatch.setattr(calmedi, "maintenance", FakeMaintenance({"closure": "erase", "erase_at": None}))
    connected_controller.start_syncing()
    run_upkeep(qtbot, connected_controller, start=True)
    box = dialog_recorder.presented[-1]
    assert box.objectName() == "closureErased" and "erased" in box.text()
    assert connected_controller.scheduler.state == "paused"
    box.done(0)
    assert no_quit == [True]


def test_closure_notice_without_a_date_counts_thirty_days() -> None:
    notice = upkeep.closure_notice(None)
    assert notice.kind == "closure" and "%1" not in notice.message
