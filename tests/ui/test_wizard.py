"""The first-run wizard end to end against both simulators: the test plays the browser (it GETs the
authorisation URL the app opens), then checks what reached the simulated Google calendar."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWizard

from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.demo.doctolib_sim import DoctolibSim
from calmedi_desktop.demo.google_sim import GoogleSim
from calmedi_desktop.demo.memory_keyring import MemoryKeyring
from calmedi_desktop.demo.session import simulator_endpoints
from calmedi_desktop.paths import AppPaths
from calmedi_desktop.service import CalMedi
from calmedi_desktop.ui import wizard as wizard_module
from calmedi_desktop.ui.controller import AppController
from calmedi_desktop.ui.translation import Translations
from calmedi_desktop.ui.wizard import (
    DESTINATION,
    DOCTOLIB,
    DONE,
    FEEDS,
    FIRST_SYNC,
    GOOGLE,
    PRIVACY,
    WELCOME,
    FirstRunWizard,
)

pytestmark = pytest.mark.gui


@dataclass
class World:
    google: GoogleSim
    doctolib: DoctolibSim
    app: CalMedi
    browser_visits: list[str]


@pytest.fixture
def world(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    with GoogleSim(seed=3) as google, DoctolibSim(seed=3, per_agenda=8) as doctolib:
        endpoints = simulator_endpoints(google.url, google.revoke_url, doctolib.url)
        app = CalMedi(
            AppPaths.default(),
            store=CredentialStore(MemoryKeyring()),
            endpoints=endpoints,
            google_client_config=google.client_config(),
        )
        visits: list[str] = []
        browsers: list[threading.Thread] = []

        def browser(url: Any) -> bool:
            text = url.toString()
            visits.append(text)
            # A person's browser: follows the consent page's redirect to the app's loopback receiver.
            thread = threading.Thread(target=lambda: httpx.get(text, follow_redirects=True, timeout=30), daemon=True)
            thread.start()
            browsers.append(thread)
            return True

        monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(browser))
        yield World(google, doctolib, app, visits)
        for thread in browsers:
            thread.join(timeout=10)


@pytest.fixture
def controller(qtbot: Any, world: World, dialog_recorder: Any, no_quit: list[bool]) -> Iterator[AppController]:
    translations = Translations()
    translations.apply("en")
    controller = AppController(world.app, translations=translations, first_delay_seconds=3600)
    yield controller
    controller.shutdown()
    if controller.wizard is not None:
        controller.wizard.close()


def next_page(wizard: QWizard) -> None:
    assert wizard.currentPage().isComplete(), f"page {wizard.currentId()} is not complete"
    wizard.next()


def connect_on_current_page(qtbot: Any, wizard: FirstRunWizard) -> None:
    page = wizard.currentPage()
    assert isinstance(page, wizard_module.ConnectPage)
    assert not page.isComplete()
    page.button.click()
    qtbot.waitUntil(page.isComplete, timeout=30000)


def test_first_run_end_to_end(qtbot: Any, world: World, controller: AppController, isolated_home: Path) -> None:
    assert not controller.ready_to_sync()
    controller.show_wizard()
    wizard = controller.wizard
    assert isinstance(wizard, FirstRunWizard)
    assert wizard.currentId() == WELCOME
    next_page(wizard)

    assert wizard.currentId() == DOCTOLIB
    connect_on_current_page(qtbot, wizard)
    assert world.browser_visits[-1].startswith(world.doctolib.url)
    assert "Connected" in wizard.currentPage().state.text()
    next_page(wizard)

    assert wizard.currentId() == FEEDS, "the optional second source"
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "Skip"
    next_page(wizard)

    assert wizard.currentId() == DESTINATION
    choice = wizard.currentPage()
    assert choice.radios["google"].isChecked(), "Google unless the practitioner chooses otherwise"
    next_page(wizard)

    assert wizard.currentId() == GOOGLE
    connect_on_current_page(qtbot, wizard)
    assert world.browser_visits[-1].startswith(world.google.url)
    assert controller.scheduler.state == "stopped", "the wizard's own first sync comes first"
    next_page(wizard)

    assert wizard.currentId() == PRIVACY
    privacy = wizard.currentPage()
    assert privacy.chooser.radios["busy"].isChecked(), "busy is the default"
    privacy.chooser.radios["initials"].click()
    bar = wizard.page(FIRST_SYNC).progress
    seen: list[tuple[str, int, int, int, str]] = []  # phase, done, bar maximum, bar value, text: after the page
    controller.progressChanged.connect(
        lambda p: seen.append((p.phase, p.done, bar.maximum(), bar.value(), wizard.page(FIRST_SYNC).result.text()))
    )
    next_page(wizard)
    assert world.app.get_setting("privacy.level") == "initials"

    assert wizard.currentId() == FIRST_SYNC
    first = wizard.currentPage()
    qtbot.waitUntil(first.isComplete, timeout=60000)
    assert first.notice.isHidden(), first.notice.text()
    created = int(re.search(r"(\d+) appointment", first.result.text()).group(1))  # type: ignore[union-attr]
    assert [s[0] for s in seen[:3]] == ["reading", "comparing", "writing"]
    assert seen[0][2] == 0, "a busy bar while the amount of work is unknown"
    assert seen[-1][:4] == ("writing", created, created, created), "the bar ends full, at the number of writes"
    assert seen[-1][4] == f"Writing to Google Calendar: {created} of {created}"
    calendar_id = world.app.get_setting("google.calendar_id")
    live = [e for e in world.google.events(calendar_id) if e.get("status") != "cancelled"]
    assert created > 0 and len(live) == created
    summaries = {e["summary"] for e in live}
    assert any(" – " in summary for summary in summaries), "initials reached Google"
    pattern = re.compile(r"^(Consultation|Video consultation)( – [A-Z.\- ]+)?$")
    assert all(pattern.match(summary) for summary in summaries), "never more than initials"
    next_page(wizard)

    assert wizard.currentId() == DONE
    wizard.currentPage().autostart.setChecked(False)
    wizard.accept()
    qtbot.waitUntil(lambda: controller.wizard is None, timeout=5000)
    assert controller.ready_to_sync()
    assert controller.scheduler.state == "idle", "the loop starts once the wizard is done"
    assert world.app.get_setting("ui.autostart") is False
    assert not (isolated_home / ".config" / "autostart").exists() or not any(
        (isolated_home / ".config" / "autostart").iterdir()
    )


def test_denied_access_explains_and_can_be_retried(qtbot: Any, world: World, controller: AppController) -> None:
    controller.show_wizard()
    wizard = controller.wizard
    assert wizard is not None
    next_page(wizard)
    page = wizard.currentPage()
    world.doctolib.deny_next_consent = True
    page.button.click()
    qtbot.waitUntil(lambda: not page.notice.isHidden() and "refused" in page.notice.text().lower(), timeout=30000)
    assert not page.isComplete()
    assert page.button.isEnabled()
    connect_on_current_page(qtbot, wizard)


def test_the_wizard_resumes_where_it_was_left(qtbot: Any, world: World, controller: AppController) -> None:
    controller.show_wizard()
    wizard = controller.wizard
    assert wizard is not None
    next_page(wizard)
    connect_on_current_page(qtbot, wizard)
    wizard.reject()  # the practitioner closes it after Doctolib
    qtbot.waitUntil(lambda: controller.wizard is None, timeout=5000)
    assert controller.scheduler.state == "stopped", "not ready: no destination yet"
    controller.show_wizard()
    assert controller.wizard is not None and controller.wizard.currentId() == DESTINATION


def test_no_secure_keyring_is_explained(
    qtbot: Any, world: World, controller: AppController, monkeypatch: pytest.MonkeyPatch
) -> None:
    from keyring.backends.fail import Keyring as FailKeyring

    monkeypatch.setattr(world.app.store, "_backend", FailKeyring())
    controller.show_wizard()
    wizard = controller.wizard
    assert wizard is not None
    next_page(wizard)
    page = wizard.currentPage()
    page.button.click()
    qtbot.waitUntil(lambda: not page.notice.isHidden() and "keyring" in page.notice.text().lower(), timeout=10000)
    assert "gnome-keyring" in page.notice.text().lower() or "GNOME Keyring" in page.notice.text()


def test_a_first_sync_paced_by_googles_quota_says_so_and_completes(
    qtbot: Any, isolated_home: Path, dialog_recorder: Any, no_quit: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    from calmedi_desktop import credentials
    from calmedi_desktop.sync.quota import WINDOW_ENV

    monkeypatch.setenv(WINDOW_ENV, "1")  # Google's 60-second window, scaled to one second on both sides
    with (
        GoogleSim(seed=3, quota_per_minute=20, quota_window_s=1.0) as google,
        DoctolibSim(seed=3, per_agenda=30) as doctolib,
    ):
        app = CalMedi(
            AppPaths.default(),
            store=CredentialStore(MemoryKeyring()),
            endpoints=simulator_endpoints(google.url, google.revoke_url, doctolib.url),
            google_client_config=google.client_config(),
        )
        app.set_setting("google.quota_per_minute", 20)
        app.store.set(credentials.GOOGLE, google.issue_refresh_token())
        app.store.set(credentials.DOCTOLIB, doctolib.issue_refresh_token())
        app.accounts._mark_connected("google")
        app.accounts._mark_connected("doctolib")
        translations = Translations()
        translations.apply("en")
        controller = AppController(app, translations=translations, first_delay_seconds=3600)
        try:
            controller.show_wizard()
            wizard = controller.wizard
            assert wizard is not None and wizard.currentId() == PRIVACY
            first = wizard.page(FIRST_SYNC)
            shown: list[tuple[str, bool]] = []
            controller.progressChanged.connect(lambda _p: shown.append((first.result.text(), first.pace.isVisible())))
            next_page(wizard)
            qtbot.waitUntil(first.isComplete, timeout=60000)
            assert first.notice.isHidden(), first.notice.text()
            paced = [(text, hint) for text, hint in shown if text.startswith("Google limits the pace of writes")]
            assert paced, "the wait for Google's quota was said"
            assert re.fullmatch(r"Google limits the pace of writes: \d+ of \d+, about \d+ s left", paced[0][0])
            assert all(hint for _, hint in paced), "with the explanation of why it takes a while"
            assert first.pace.isHidden() and first.result.text().startswith("Done:")
            created = int(re.search(r"(\d+) appointment", first.result.text()).group(1))  # type: ignore[union-attr]
            assert created > 20 and google.quota_refused == 0
        finally:
            controller.shutdown()
            if controller.wizard is not None:
                controller.wizard.close()
