"""iCalendar feeds through the widgets: Settings → Accounts (Add feed…, Remove) and the wizard's feeds step.

Real feeds are served over loopback HTTP; the effects are asserted where they live: the facade's feed list,
the keyring (the URL is a secret kept only there) and what the widgets show (never the URL's path).
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QWizard

from calmedi_desktop import credentials
from calmedi_desktop.demo.memory_keyring import MemoryKeyring
from calmedi_desktop.service import CalMedi
from calmedi_desktop.ui.controller import AppController
from calmedi_desktop.ui.feeds import AddFeedDialog, FeedsBox
from calmedi_desktop.ui.pages.accounts import AccountsPage
from calmedi_desktop.ui.wizard import DESTINATION, DOCTOLIB, FEEDS, GOOGLE, PRIVACY, FeedsPage, FirstRunWizard
from tests.ui.conftest import DialogRecorder, FakeSync, connect_both

pytestmark = pytest.mark.gui

BROKEN = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:notadate\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def one_event_feed() -> str:
    start = datetime.now(UTC) + timedelta(days=1)
    stamp = "%Y%m%dT%H%M%SZ"
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//CalMedi tests//EN\r\nBEGIN:VEVENT\r\nUID:a1@test\r\n"
        f"DTSTAMP:20260101T000000Z\r\nDTSTART:{start.strftime(stamp)}\r\n"
        f"DTEND:{(start + timedelta(hours=1)).strftime(stamp)}\r\nSUMMARY:Jeanne Martin\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )


@dataclass
class FeedServer:
    base: str
    requests: list[str] = field(default_factory=list)
    gate: threading.Event = field(default_factory=threading.Event)

    def url(self, name: str) -> str:
        return f"{self.base}/private/{name}.ics?token=s3cr3t"


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    bodies = {"good": one_event_feed(), "broken": BROKEN}
    server_box: list[FeedServer] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server_box[0].requests.append(self.path)
            server_box[0].gate.wait(timeout=10)  # a test may hold the answer to look at the form meanwhile
            name = self.path.split("/")[-1].split(".")[0]
            body = bodies.get(name)
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *_args: Any) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    served = FeedServer(f"http://127.0.0.1:{httpd.server_address[1]}")
    served.gate.set()
    server_box.append(served)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield served
    served.gate.set()
    httpd.shutdown()
    httpd.server_close()


def keyring_url(name: str) -> str | None:
    return MemoryKeyring.entries().get((credentials.SERVICE, credentials.ICS_PREFIX + name))


def texts(box: FeedsBox) -> list[str]:
    return [box.list.item(i).text() for i in range(box.list.count())]


@pytest.fixture
def feeds_box(qtbot: Any, connected_controller: AppController) -> FeedsBox:
    page = AccountsPage(connected_controller)
    qtbot.addWidget(page)
    return page.feeds


def open_dialog(box: FeedsBox, recorder: DialogRecorder) -> AddFeedDialog:
    box.add_button.click()
    dialog = recorder.presented[-1]
    assert isinstance(dialog, AddFeedDialog)
    return dialog


def fill(dialog: AddFeedDialog, name: str, url: str) -> None:
    dialog.form.name.setText(name)
    dialog.form.url.setText(url)


# -- Settings → Accounts -------------------------------------------------------------------------------------
def test_add_feed_checks_it_off_the_gui_thread_then_lists_it_and_keeps_the_url_in_the_keyring(
    qtbot: Any,
    calmedi: CalMedi,
    connected_controller: AppController,
    feeds_box: FeedsBox,
    dialog_recorder: DialogRecorder,
    feed_server: FeedServer,
) -> None:
    connected_controller.start_syncing()
    assert texts(feeds_box) == ["No feed yet."]
    assert not feeds_box.remove_button.isEnabled()
    dialog = open_dialog(feeds_box, dialog_recorder)
    assert all(edit.accessibleName() for edit in dialog.findChildren(QLineEdit))
    url = feed_server.url("good")
    fill(dialog, "Cabinet B", url)
    feed_server.gate.clear()  # the server holds its answer: the GUI must stay free meanwhile
    dialog.add.click()
    qtbot.waitUntil(lambda: len(feed_server.requests) == 1, timeout=5000)
    assert "Checking the feed" in dialog.form.status.text()
    assert not dialog.buttons.isEnabled() and not dialog.form.url.isEnabled()
    outcomes: list[int] = []
    dialog.finished.connect(outcomes.append)
    dialog.reject()  # Escape while checking: the feed would be added anyway, so the dialog stays
    assert outcomes == []
    feed_server.gate.set()
    qtbot.waitUntil(lambda: outcomes == [dialog.DialogCode.Accepted.value], timeout=10000)

    assert calmedi.accounts.ics.names() == ["Cabinet B"]
    assert keyring_url("Cabinet B") == url
    shown = texts(feeds_box)
    assert len(shown) == 1 and shown[0].startswith("Cabinet B — http://127.0.0.1/…")
    assert "s3cr3t" not in " ".join(shown) and "private" not in " ".join(shown), "the path and query are secret"
    assert dialog.form.url.text() == "", "the secret leaves the field once it is kept"
    assert connected_controller._resync.isActive(), "the new feed reaches Google soon"


def test_a_plain_http_address_is_refused_next_to_the_field_and_nothing_is_added(
    qtbot: Any, calmedi: CalMedi, feeds_box: FeedsBox, dialog_recorder: DialogRecorder
) -> None:
    dialog = open_dialog(feeds_box, dialog_recorder)
    fill(dialog, "Cabinet B", "http://example.org/x.ics")
    dialog.add.click()
    error = dialog.form.url_error
    qtbot.waitUntil(lambda: not error.isHidden(), timeout=5000)
    assert "must start with https://" in error.text()
    assert "x.ics" not in error.text()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.form.url.isEnabled() and dialog.buttons.isEnabled(), "the address can be corrected"
    assert calmedi.accounts.ics.names() == []
    assert keyring_url("Cabinet B") is None
    assert texts(feeds_box) == ["No feed yet."]


def test_a_malformed_feed_shows_the_source_error_and_adds_nothing(
    qtbot: Any, calmedi: CalMedi, feeds_box: FeedsBox, dialog_recorder: DialogRecorder, feed_server: FeedServer
) -> None:
    dialog = open_dialog(feeds_box, dialog_recorder)
    fill(dialog, "Cabinet B", feed_server.url("broken"))
    dialog.add.click()
    error = dialog.form.url_error
    qtbot.waitUntil(lambda: not error.isHidden(), timeout=10000)
    assert "invalid data" in error.text() and "line 5" in error.text()
    assert calmedi.accounts.ics.names() == []
    assert keyring_url("Cabinet B") is None
    assert texts(feeds_box) == ["No feed yet."]


def test_names_and_addresses_are_checked_before_anything_is_fetched(
    qtbot: Any, calmedi: CalMedi, feeds_box: FeedsBox, dialog_recorder: DialogRecorder, feed_server: FeedServer
) -> None:
    calmedi.accounts.ics.connect("https://ics.example.com/a.ics", "Cabinet B", check=False)
    feeds_box.controller.refresh_accounts()
    dialog = open_dialog(feeds_box, dialog_recorder)
    fill(dialog, "Cabinet B", feed_server.url("good"))
    dialog.add.click()
    assert "already exists" in dialog.form.name_error.text()
    fill(dialog, "Cabinet/B", feed_server.url("good"))
    dialog.add.click()
    qtbot.waitUntil(lambda: not dialog.form.name_error.isHidden(), timeout=5000)
    assert "letters, digits" in dialog.form.name_error.text()
    fill(dialog, "Cabinet C", "https://[::1/private.ics")
    dialog.add.click()
    assert "not a valid web address" in dialog.form.url_error.text(), "a slip, not a crash report"
    assert dialog_recorder.presented == [dialog]
    assert feed_server.requests == []
    assert keyring_url("Cabinet B") == "https://ics.example.com/a.ics", "the existing feed is untouched"


def test_remove_asks_then_deletes_the_feed_from_the_list_and_the_keyring(
    qtbot: Any, calmedi: CalMedi, connected_controller: AppController, dialog_recorder: DialogRecorder
) -> None:
    calmedi.accounts.ics.connect("https://ics.example.com/secret-path/agenda.ics", "Cabinet B", check=False)
    calmedi.accounts.ics.connect("https://other.example.net/x.ics", "Clinique", check=False)
    page = AccountsPage(connected_controller)
    qtbot.addWidget(page)
    box = page.feeds
    assert [t.split(" — ")[:2] for t in texts(box)] == [
        ["Cabinet B", "https://ics.example.com/…"],
        ["Clinique", "https://other.example.net/…"],
    ]
    assert "secret-path" not in " ".join(texts(box))
    box.list.setCurrentRow(0)
    assert box.remove_button.isEnabled()
    dialog_recorder.answer = False
    box.remove_button.click()
    assert "Cabinet B" in dialog_recorder.questions[-1]
    assert calmedi.accounts.ics.names() == ["Cabinet B", "Clinique"]
    dialog_recorder.answer = True
    box.remove_button.click()
    qtbot.waitUntil(lambda: len(texts(box)) == 1, timeout=10000)
    assert texts(box)[0].startswith("Clinique — ")
    assert calmedi.accounts.ics.names() == ["Clinique"]
    assert keyring_url("Cabinet B") is None
    assert keyring_url("Clinique") == "https://other.example.net/x.ics", "only the chosen feed goes"


def test_the_feeds_section_and_its_refusals_speak_french(
    qtbot: Any,
    calmedi: CalMedi,
    fake_sync: FakeSync,
    make_controller: Callable[..., AppController],
    dialog_recorder: DialogRecorder,
) -> None:
    calmedi.set_setting("ui.language", "fr")
    connect_both(calmedi)
    page = AccountsPage(make_controller())
    qtbot.addWidget(page)
    assert page.feeds.title() == "Autres agendas (flux iCalendar)"
    assert texts(page.feeds) == ["Aucun flux pour l'instant."]
    dialog = open_dialog(page.feeds, dialog_recorder)
    explanation = dialog.findChild(QLabel, "hint").text()
    assert "trousseau" in explanation and "initiales" in explanation
    fill(dialog, "Cabinet B", "http://example.org/x.ics")
    dialog.add.click()
    qtbot.waitUntil(lambda: not dialog.form.url_error.isHidden(), timeout=5000)
    assert "doit commencer par https://" in dialog.form.url_error.text()


# -- the wizard ----------------------------------------------------------------------------------------------
def test_without_doctolib_the_wizard_goes_on_with_a_feed_and_resumes_after_it(
    qtbot: Any,
    calmedi: CalMedi,
    fake_sync: FakeSync,
    make_controller: Callable[..., AppController],
    feed_server: FeedServer,
) -> None:
    controller = make_controller()
    controller.show_wizard()
    wizard = controller.wizard
    assert isinstance(wizard, FirstRunWizard)
    wizard.next()
    assert wizard.currentId() == DOCTOLIB
    doctolib = wizard.currentPage()
    assert not doctolib.isComplete()
    doctolib.skip.click()
    assert wizard.currentId() == FEEDS
    feeds = wizard.currentPage()
    assert isinstance(feeds, FeedsPage)
    assert not feeds.isComplete(), "without Doctolib a feed is required"
    assert wizard.button(QWizard.WizardButton.NextButton).text() != "Skip", "nothing to skip to"
    assert "Without Doctolib" in feeds.state.text()

    feeds.form.name.setText("Cabinet B")
    feeds.form.url.setText("http://example.org/x.ics")
    wizard.next()  # Next with an address typed adds it first
    qtbot.waitUntil(lambda: not feeds.form.url_error.isHidden(), timeout=5000)
    assert wizard.currentId() == FEEDS and calmedi.accounts.ics.names() == []

    url = feed_server.url("good")
    feeds.form.url.setText(url)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == DESTINATION, timeout=10000)
    assert calmedi.accounts.ics.names() == ["Cabinet B"]
    assert keyring_url("Cabinet B") == url
    assert controller.scheduler.state == "stopped", "the wizard's own first sync comes first"

    wizard.reject()
    qtbot.waitUntil(lambda: controller.wizard is None, timeout=5000)
    controller.show_wizard()
    assert controller.wizard is not None and controller.wizard.currentId() == DESTINATION, "a feed is a source"


def test_the_feeds_step_offers_skip_after_doctolib(
    qtbot: Any, connected_controller: AppController, calmedi: CalMedi
) -> None:
    wizard = FirstRunWizard(connected_controller)
    qtbot.addWidget(wizard)
    wizard.setStartId(DOCTOLIB)
    wizard.restart()
    assert wizard.currentPage().skip.isHidden(), "connected: nothing to skip"
    wizard.next()
    assert wizard.currentId() == FEEDS
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button.text() == "Skip" and next_button.isEnabled()
    page = wizard.currentPage()
    page.form.url.setText("https://ics.example.com/a.ics")
    assert next_button.text() != "Skip", "an address typed will be added, not skipped"
    page.form.url.clear()
    assert next_button.text() == "Skip"
    wizard.next()
    assert wizard.currentId() == DESTINATION
    wizard.next()
    assert wizard.currentId() == GOOGLE, "Google, the destination in use, is chosen already"
    assert calmedi.accounts.ics.names() == []
    assert FirstRunWizard(connected_controller).resume_at() == PRIVACY, "the optional step is not offered again"
