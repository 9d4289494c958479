"""Where the appointments go, through the widgets: the wizard's choice and CalDAV step, Settings → Destination
(switch, connect, reconnect, disconnect, the picker when the server will not create a calendar), and the tray
and notices naming the destination. Against a real Radicale, and the Doctolib simulator for the first sync."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from calmedi_desktop import credentials
from calmedi_desktop.demo.doctolib_sim import DoctolibSim
from calmedi_desktop.demo.memory_keyring import MemoryKeyring
from calmedi_desktop.errors import CalDavAuthError, NotConnectedError
from calmedi_desktop.service import CalMedi
from calmedi_desktop.sync.model import SyncResult
from calmedi_desktop.ui import dialogs
from calmedi_desktop.ui.controller import AppController
from calmedi_desktop.ui.notify import NotificationPolicy
from calmedi_desktop.ui.pages.destination import DestinationPage
from calmedi_desktop.ui.tray import Tray
from calmedi_desktop.ui.wizard import CALDAV, DESTINATION, FIRST_SYNC, GOOGLE, PRIVACY, FirstRunWizard
from tests.caldav.dav_proxy import DavProxy
from tests.caldav.davkit import FAST, Someone, shared_radicale
from tests.ui.conftest import DialogRecorder, connect_both

pytestmark = pytest.mark.gui


@pytest.fixture
def dav() -> Iterator[tuple[DavProxy, str, str]]:
    server = shared_radicale()
    with DavProxy(server.url) as proxy:
        user, password = server.add_user()
        yield proxy, user, password


def stored_password() -> str | None:
    return MemoryKeyring.entries().get(("calmedi-desktop", credentials.CALDAV))


def fill(form: Any, preset: str, address: str, user: str, password: str) -> None:
    form.select_provider(preset)
    form.address.setText(address)
    form.user.setText(user)
    form.password.setText(password)


def test_the_wizard_sends_the_first_sync_to_a_caldav_calendar(
    qtbot: Any, calmedi: CalMedi, make_controller: Callable[..., AppController], dav: tuple[DavProxy, str, str]
) -> None:
    proxy, user, password = dav
    with DoctolibSim(seed=5, per_agenda=6) as doctolib:
        endpoints = _with_doctolib(calmedi, doctolib.url)
        calmedi.endpoints = calmedi.accounts.google.endpoints = calmedi.accounts.doctolib.endpoints = endpoints
        calmedi.store.set(credentials.DOCTOLIB, doctolib.issue_refresh_token())
        calmedi.accounts._mark_connected("doctolib")
        calmedi.accounts.caldav.policy = FAST
        controller = make_controller()
        controller.show_wizard()
        wizard = controller.wizard
        assert isinstance(wizard, FirstRunWizard)
        assert wizard.currentId() == DESTINATION, "a source, no destination: the wizard resumes at the choice"
        choice = wizard.currentPage()
        assert [r.text() for r in choice.radios.values()] == ["Google Calendar", "Apple iCloud", "Other (CalDAV)"]
        choice.radios["other"].click()
        wizard.next()

        assert wizard.currentId() == CALDAV
        page = wizard.currentPage()
        form = page.form
        offered = [form.provider.itemData(i) for i in range(form.provider.count())]
        assert offered == ["fastmail", "nextcloud", "other"]
        assert not page.isComplete()
        fill(form, "other", proxy.url, user, "not-the-password")
        form.connect_button.click()
        qtbot.waitUntil(lambda: not form.busy and not form.error.isHidden(), timeout=20000)
        assert "Password refused" in form.error.text() and not page.isComplete()
        assert stored_password() is None, "a refused password is not kept"

        form.password.setText(password)
        form.connect_button.click()
        qtbot.waitUntil(page.isComplete, timeout=20000)
        assert form.password.text() == "", "the password leaves the widget once it is in the keyring"
        assert stored_password() == password
        assert calmedi.get_setting("sync.target") == "caldav"
        assert "the CalDAV calendar at 127.0.0.1" in page.state.text()
        wizard.next()

        assert wizard.currentId() == PRIVACY
        assert wizard.currentPage().title() == "What may the CalDAV calendar at 127.0.0.1 show?"
        bar_texts: list[str] = []
        controller.progressChanged.connect(lambda _p: bar_texts.append(wizard.page(FIRST_SYNC).result.text()))
        wizard.next()
        assert wizard.currentId() == FIRST_SYNC
        first = wizard.currentPage()
        assert first.subTitle() == "CalMedi now copies your appointments into the CalDAV calendar at 127.0.0.1."
        qtbot.waitUntil(first.isComplete, timeout=60000)
        assert first.notice.isHidden(), first.notice.text()
        created = int(re.search(r"(\d+) appointment", first.result.text()).group(1))  # type: ignore[union-attr]
        assert created > 5
        assert bar_texts[-1] == f"Writing to the CalDAV calendar at 127.0.0.1: {created} of {created}"
        calendar = Someone(calmedi.get_setting("caldav.calendar_url"), user, password)
        assert len(calendar.names()) == created
        wizard.next()
        wizard.accept()
        qtbot.waitUntil(lambda: controller.wizard is None, timeout=5000)
        assert controller.ready_to_sync()


def _with_doctolib(app: CalMedi, url: str) -> Any:
    from dataclasses import replace

    return replace(app.endpoints, doctolib_api=url, doctolib_issuer=url)


def test_the_icloud_step_offers_icloud_alone_with_its_password_help(
    qtbot: Any, calmedi: CalMedi, make_controller: Callable[..., AppController]
) -> None:
    calmedi.store.set(credentials.DOCTOLIB, "token")
    calmedi.accounts._mark_connected("doctolib")
    controller = make_controller()
    controller.show_wizard()
    wizard = controller.wizard
    assert wizard is not None and wizard.currentId() == DESTINATION
    wizard.currentPage().radios["icloud"].click()
    wizard.next()
    page = wizard.currentPage()
    assert wizard.currentId() == CALDAV and page.title() == "Connect Apple iCloud"
    form = page.form
    assert form.provider.count() == 1 and form.preset_id() == "icloud"
    assert not form.address.isVisibleTo(form), "iCloud's address is known"
    assert "app-specific password" in form.help.text().lower() and "account.apple.com" in form.help.text()
    assert form.user.placeholderText() == "Apple Account e-mail address"
    wizard.back()
    wizard.currentPage().radios["google"].click()
    wizard.next()
    assert wizard.currentId() == GOOGLE, "Google has its own sign-in step"


@pytest.fixture
def destination_page(
    qtbot: Any, calmedi: CalMedi, make_controller: Callable[..., AppController]
) -> Iterator[tuple[AppController, DestinationPage]]:
    connect_both(calmedi)
    calmedi.accounts.caldav.policy = FAST
    controller = make_controller()
    controller.show_settings("destination")
    window = controller.settings_window
    assert window is not None
    qtbot.addWidget(window)
    yield controller, window.pages["destination"]


def test_settings_connect_offers_to_switch_then_switching_back_deletes_nothing(
    qtbot: Any,
    calmedi: CalMedi,
    destination_page: tuple[AppController, DestinationPage],
    dialog_recorder: DialogRecorder,
    dav: tuple[DavProxy, str, str],
) -> None:
    controller, page = destination_page
    proxy, user, password = dav
    assert page.google.isChecked() and not page.form.isHidden(), "not connected: the form is offered"
    fill(page.form, "other", proxy.url, user, password)
    page.form.connect_button.click()
    qtbot.waitUntil(lambda: calmedi.get_setting("sync.target") == "caldav", timeout=20000)
    assert dialog_recorder.questions[-1].startswith("Use this calendar?: Send your appointments to this calendar")
    assert "instead of Google Calendar" in dialog_recorder.questions[-1]
    assert page.caldav.isChecked() and page.form.isHidden()
    assert f"{user} at 127.0.0.1" in page.account.text() and "CalMedi's own" in page.account.text()
    assert controller.destination_name() == "the CalDAV calendar at 127.0.0.1"
    calendar_url = calmedi.get_setting("caldav.calendar_url")
    assert controller._resync.isActive(), "the new destination is synced soon"

    page.google.click()
    assert calmedi.get_setting("sync.target") == "google"
    assert "stays as it is" in dialog_recorder.questions[-1]
    assert requests.request("PROPFIND", calendar_url, auth=(user, password)).status_code == 207

    dialog_recorder.answer = False
    page.caldav.click()
    assert calmedi.get_setting("sync.target") == "google" and page.google.isChecked(), "a no keeps it as it was"

    dialog_recorder.answer = True
    page.reconnect.click()
    assert not page.form.isHidden()
    page.disconnect.click()
    qtbot.waitUntil(lambda: stored_password() is None, timeout=10000)
    qtbot.waitUntil(lambda: page.account.text() == "Not connected", timeout=5000)
    page.caldav.click()
    assert calmedi.get_setting("sync.target") == "google"
    assert "connect the CalDAV calendar at 127.0.0.1 first" in page.error.text(), "refused, and said why"


def test_settings_picker_when_the_server_will_not_create_a_calendar(
    qtbot: Any,
    calmedi: CalMedi,
    destination_page: tuple[AppController, DestinationPage],
    dialog_recorder: DialogRecorder,
) -> None:
    _controller, page = destination_page
    server = shared_radicale()
    user, password = server.add_user("locked")
    server.prepare_calendar(user)
    fill(page.form, "other", server.url, user, password)
    page.form.connect_button.click()
    qtbot.waitUntil(lambda: not page.form.picker.isHidden() and page.form.calendars.count() == 1, timeout=20000)
    assert "does not let CalMedi create a calendar of its own" in page.form.error.text()
    assert "No calendar yet" in page.account.text()
    page.form.choose_button.click()
    qtbot.waitUntil(lambda: calmedi.get_setting("caldav.calendar_url") is not None, timeout=20000)
    qtbot.waitUntil(lambda: calmedi.get_setting("sync.target") == "caldav", timeout=5000)
    assert calmedi.get_setting("caldav.calendar_owned") is False
    assert "In a calendar you chose" in page.account.text()


def test_the_tray_and_the_notices_name_the_destination(
    qtbot: Any, calmedi: CalMedi, make_controller: Callable[..., AppController], opened_urls: list[str]
) -> None:
    connect_both(calmedi)
    icloud = "https://p42-caldav.icloud.com/1234567/"
    calmedi.config.set_many(
        {"caldav.url": icloud, "caldav.user": "dr.martin@icloud.com", "caldav.calendar_url": icloud + "cal/"},
        internal=True,
    )
    calmedi.store.set(credentials.CALDAV, "abcd-efgh-ijkl-mnop")
    calmedi.set_setting("sync.target", "caldav")
    controller = make_controller()
    tray = Tray(controller)
    tray.menu.aboutToShow.emit()
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert "Open Apple iCloud" in texts
    tray.actions["calendar"].trigger()
    assert opened_urls == ["https://www.icloud.com/calendar/"]
    policy = NotificationPolicy(lambda: "all", controller.destination_name)
    notice = policy.after_success(SyncResult(created=1))
    assert notice is not None and notice.title == "Apple iCloud updated"
    held = policy.after_success(SyncResult(held_deletes=12))
    assert held is not None and "much emptier than Apple iCloud" in held.message

    calmedi.config.set_many({"caldav.url": "https://dav.example.org/"}, internal=True)
    controller.refresh_accounts()
    tray.menu.aboutToShow.emit()
    assert "calendar" not in tray.actions, "a server of one's own has no known web page"
    tray.hide()


def test_a_refused_caldav_password_leads_to_the_destination_page() -> None:
    refused = CalDavAuthError(
        "PROPFIND: HTTP 401", server="dav.example.org", service="dav.example.org", command="caldav"
    )
    assert dialogs.classify(refused).action == "destination"
    missing = NotConnectedError("caldav not connected", service="CalDAV", command="caldav URL --user NAME")
    assert dialogs.classify(missing).action == "destination"
    google = NotConnectedError("no google token", service="Google", command="google")
    assert dialogs.classify(google).action == "accounts"
