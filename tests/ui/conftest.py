"""GUI test fixtures: offscreen Qt, one QApplication per session (pytest-qt), a temp home per test (the root
conftest), an in-memory keyring, every dialog replaced by a recorder, and no real network."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before pytest-qt creates the QApplication

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from calmedi_desktop import credentials
from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.demo.doctolib_sim import DoctolibSim
from calmedi_desktop.demo.google_sim import GoogleSim
from calmedi_desktop.demo.memory_keyring import MemoryKeyring
from calmedi_desktop.demo.session import simulator_endpoints
from calmedi_desktop.endpoints import Endpoints
from calmedi_desktop.paths import AppPaths
from calmedi_desktop.service import CalMedi
from calmedi_desktop.sync.model import SyncResult
from calmedi_desktop.sync.progress import READING, WRITING, Progress, ProgressCallback
from calmedi_desktop.ui import dialogs, privacy_flows
from calmedi_desktop.ui.controller import AppController
from calmedi_desktop.ui.translation import Translations

NOWHERE = "http://127.0.0.1:9"  # discard port: anything that tries the network fails at once


@dataclass
class DialogRecorder:
    """Stands in for every dialog: records what would have been shown, answers as scripted."""

    presented: list[QDialog] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    informed: list[tuple[str, str]] = field(default_factory=list)
    answer: bool = True
    directory: Path | None = None
    file: Path | None = None
    erase_answer: tuple[bool, bool] = (True, True)
    erase_plans: list[list[str]] = field(default_factory=list)


@pytest.fixture
def dialog_recorder(monkeypatch: pytest.MonkeyPatch) -> DialogRecorder:
    recorder = DialogRecorder()

    def ask(_parent: Any, title: str, text: str, *, danger: bool = False) -> bool:
        recorder.questions.append(f"{title}: {text}")
        return recorder.answer

    def confirm_erase(_parent: Any, plan: list[str]) -> tuple[bool, bool]:
        recorder.erase_plans.append(plan)
        return recorder.erase_answer

    monkeypatch.setattr(dialogs, "present", recorder.presented.append)
    monkeypatch.setattr(dialogs, "ask", ask)
    monkeypatch.setattr(dialogs, "inform", lambda _p, title, text: recorder.informed.append((title, text)))
    monkeypatch.setattr(dialogs, "choose_directory", lambda _p, _t: recorder.directory)
    monkeypatch.setattr(dialogs, "choose_file", lambda _p, _t, _f: recorder.file)
    monkeypatch.setattr(privacy_flows, "confirm_erase", confirm_erase)
    return recorder


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from PySide6.QtGui import QDesktopServices

    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url.toString()) or True))
    return urls


@pytest.fixture
def no_quit(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    calls: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: calls.append(True)))
    return calls


@pytest.fixture
def calmedi(isolated_home: Path) -> CalMedi:
    """A facade on the temp home, an in-memory keyring, every endpoint unreachable."""
    endpoints = replace(
        Endpoints.from_env(),
        google_api=NOWHERE + "/",
        google_revoke=NOWHERE + "/revoke",
        doctolib_api=NOWHERE,
        doctolib_issuer=NOWHERE,
        licence=NOWHERE,
    )
    return CalMedi(AppPaths.default(), store=CredentialStore(MemoryKeyring()), endpoints=endpoints)


def connect_both(app: CalMedi) -> None:
    """Tokens in the keyring and the facts in the state file, as after a sign-in (no browser, no network)."""
    app.store.set(credentials.GOOGLE, "google-refresh-token-for-tests")
    app.store.set(credentials.DOCTOLIB, "doctolib-refresh-token-for-tests")
    app.accounts._mark_connected("google")
    app.accounts._mark_connected("doctolib", practitioner="Dr Test")


class FakeSync:
    """Replaces ``CalMedi.sync_once``: records the run like the facade does, or raises the scripted error."""

    def __init__(self, app: CalMedi) -> None:
        self.app = app
        self.calls: list[dict[str, Any]] = []
        self.tiers: list[str] = []
        self.error: BaseException | None = None
        self.result = SyncResult(created=2, updated=1, deleted=0, unchanged=5)
        self.gate: Callable[[], None] | None = None

    def __call__(
        self,
        *,
        dry_run: bool = False,
        allow_mass_delete: bool = False,
        progress: ProgressCallback | None = None,
        tier: str = "full",
    ) -> SyncResult:
        self.calls.append({"dry_run": dry_run, "allow_mass_delete": allow_mass_delete})
        self.tiers.append(tier)
        if progress is not None:
            progress(Progress(READING))
            progress(Progress(WRITING, 1, 3))
        if self.gate is not None:
            self.gate()
        now = datetime.now(UTC)
        if self.error is not None:
            error = self.error
            self.app._record_run(now, None, error)  # type: ignore[arg-type]
            raise error
        self.app._record_run(now, self.result, None)
        return self.result


@pytest.fixture
def fake_sync(calmedi: CalMedi, monkeypatch: pytest.MonkeyPatch) -> FakeSync:
    fake = FakeSync(calmedi)
    monkeypatch.setattr(calmedi, "sync_once", fake)
    return fake


@pytest.fixture
def make_controller(
    qtbot: Any, calmedi: CalMedi, dialog_recorder: DialogRecorder, no_quit: list[bool]
) -> Iterator[Callable[..., AppController]]:
    made: list[AppController] = []

    def make(**options: Any) -> AppController:
        translations = Translations()
        translations.apply(calmedi.get_setting("ui.language"))
        options.setdefault("first_delay_seconds", 3600)  # no run unless the test asks for one
        controller = AppController(calmedi, translations=translations, **options)
        made.append(controller)
        return controller

    yield make
    for controller in made:
        controller.shutdown()
        controller.translations.apply("en")  # a test that switched to French must not leak it
        for window in (controller.settings_window, controller.wizard):
            if window is not None:
                window.close()
                window.deleteLater()
        if controller.tray is not None:
            controller.tray.hide()
            controller.tray.deleteLater()
    QApplication.processEvents()


@pytest.fixture
def connected_controller(
    calmedi: CalMedi, fake_sync: FakeSync, make_controller: Callable[..., AppController]
) -> AppController:
    connect_both(calmedi)
    return make_controller()


@dataclass
class Practice:
    google: GoogleSim
    doctolib: DoctolibSim
    app: CalMedi


@pytest.fixture
def practice(isolated_home: Path) -> Iterator[Practice]:
    """A CalMedi signed in to both simulators (tokens they issued, an in-memory keyring), for the pages that
    read them: agendas, motives, counts."""
    with GoogleSim(seed=7) as google, DoctolibSim(seed=7) as doctolib:
        app = CalMedi(
            AppPaths.default(),
            store=CredentialStore(MemoryKeyring()),
            endpoints=simulator_endpoints(google.url, google.revoke_url, doctolib.url),
            google_client_config=google.client_config(),
        )
        app.store.set(credentials.GOOGLE, google.issue_refresh_token())
        app.store.set(credentials.DOCTOLIB, doctolib.issue_refresh_token())
        app.accounts._mark_connected("google")
        app.accounts._mark_connected("doctolib", practitioner="Dr Test")
        yield Practice(google, doctolib, app)
