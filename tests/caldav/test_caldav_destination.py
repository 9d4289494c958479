"""How a CalDAV destination is named, addressed and shown, whichever way it was connected (no server needed)."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from calmedi_desktop import credentials
from calmedi_desktop.caldav_link import CalDavLink
from calmedi_desktop.config import Config, StateFile
from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.demo.memory_keyring import MemoryKeyring
from calmedi_desktop.destination import Destination
from calmedi_desktop.errors import InsecureURLError, InvalidSettingError
from calmedi_desktop.i18n import set_language
from calmedi_desktop.service import CalMedi
from calmedi_desktop.sync.targets.caldav_presets import CalendarInfo, pick, server_address


@pytest.fixture
def destination(tmp_path: Path, memory_store: CredentialStore) -> Destination:
    config = Config(tmp_path / "settings.json")
    return Destination(config, memory_store, CalDavLink(config, memory_store, StateFile(tmp_path / "state.json")))


def connected_to(destination: Destination, url: str) -> None:
    destination.config.set_many(
        {"caldav.url": url, "caldav.user": "dr.martin", "caldav.calendar_url": url + "calmedi-1/"}, internal=True
    )
    destination.store.set(credentials.CALDAV, "app-specific-password")
    destination.switch("caldav")


@pytest.mark.parametrize(
    ("url", "name", "web_page"),
    [
        ("https://p42-caldav.icloud.com/1234567/principal/", "Apple iCloud", "https://www.icloud.com/calendar/"),
        ("https://caldav.fastmail.com/dav/", "Fastmail", "https://app.fastmail.com/calendar/"),
        ("https://cloud.example.org/nc/remote.php/dav/", "Nextcloud", "https://cloud.example.org/nc/apps/calendar/"),
        ("https://dav.example.org/cal/", "the CalDAV calendar at dav.example.org", None),
    ],
)
def test_the_destination_is_named_by_its_provider(
    destination: Destination, url: str, name: str, web_page: str | None
) -> None:
    assert destination.describe()["name"] == "Google Calendar"
    connected_to(destination, url)
    described = destination.describe()
    assert (described["target"], described["name"], described["web_page"]) == ("caldav", name, web_page)
    assert described["connected"] is True


def test_names_in_french(destination: Destination) -> None:
    set_language("fr")
    assert destination.name("google") == "Google Agenda"
    connected_to(destination, "https://dav.example.org/")
    assert destination.name() == "l'agenda CalDAV de dav.example.org"


def test_switching_needs_the_destination_connected_and_a_calendar(destination: Destination) -> None:
    with pytest.raises(InvalidSettingError) as refused:
        destination.switch("caldav")
    assert "connect a CalDAV calendar first (calmedi connect caldav URL --user NAME)" in refused.value.message
    destination.config.set_many({"caldav.url": "https://dav.example.org/", "caldav.user": "x"}, internal=True)
    destination.store.set(credentials.CALDAV, "pw")
    assert destination.connected("caldav") is False, "signed in, but no calendar chosen yet"
    with pytest.raises(InvalidSettingError):
        destination.switch("outlook")


def test_offering_switches_only_when_asked_or_when_nothing_else_is_connected(destination: Destination) -> None:
    connected_to_caldav = {"caldav.url": "https://dav.example.org/", "caldav.user": "x", "caldav.calendar_url": "u"}
    destination.config.set_many(connected_to_caldav, internal=True)
    destination.store.set(credentials.CALDAV, "pw")
    assert destination.offer("caldav", None, {})["switched"] is True, "Google was not connected"
    destination.store.set(credentials.GOOGLE, "token")
    destination.switch("google")
    assert destination.offer("caldav", None, {}) == {"destination": "google", "switched": False}
    assert destination.offer("caldav", False, {})["switched"] is False
    assert destination.offer("caldav", True, {}) == {"destination": "caldav", "switched": True}


def test_addresses_from_what_is_typed() -> None:
    assert server_address("icloud") == "https://caldav.icloud.com/"
    assert server_address("anything", "fastmail") == "https://caldav.fastmail.com/dav/"
    assert server_address("cloud.example.org", "nextcloud") == "https://cloud.example.org/remote.php/dav/"
    assert server_address("dav.example.org/cal") == "https://dav.example.org/cal"
    with pytest.raises(InvalidSettingError):
        server_address("  ", "nextcloud")
    with pytest.raises(InvalidSettingError):
        server_address("https://alice:secret@dav.example.org/")
    with pytest.raises(InsecureURLError):
        server_address("http://dav.example.org/")
    assert server_address("http://127.0.0.1:5232/") == "http://127.0.0.1:5232/"


def test_picking_a_calendar_by_name_or_address() -> None:
    calendars = [
        CalendarInfo("https://dav.example.org/u/work/", "Cabinet", True, True),
        CalendarInfo("https://dav.example.org/u/shared/", "Shared", False, True),
    ]
    assert pick(calendars, "cabinet").url == calendars[0].url
    assert pick(calendars, "https://dav.example.org/u/work/").name == "Cabinet"
    assert pick(calendars, "work").name == "Cabinet"
    with pytest.raises(InvalidSettingError) as read_only:
        pick(calendars, "Shared")
    assert "may not write" in read_only.value.message
    with pytest.raises(InvalidSettingError) as unknown:
        pick(calendars, "Holidays")
    assert "“Cabinet”, “Shared”" in unknown.value.message


class CountingKeyring(MemoryKeyring):
    """The in-memory keyring, counting the reads of each entry."""

    def __init__(self) -> None:
        super().__init__()
        self.reads: Counter[str] = Counter()

    def get_password(self, service: str, username: str) -> str | None:
        self.reads[username] += 1
        return super().get_password(service, username)


@pytest.mark.parametrize("target", ["caldav", "google"])
def test_a_status_reads_each_keyring_entry_once(target: str) -> None:
    keyring = CountingKeyring()
    app = CalMedi(store=CredentialStore(keyring))
    app.store.set(credentials.GOOGLE, "token")
    connected_to(app.accounts.destination, "https://dav.example.org/cal/")  # a server without a provider's name
    app.set_setting("sync.target", target)
    keyring.reads.clear()
    status = app.status()
    assert status["destination"]["connected"] is True and status["accounts"]["caldav"]["connected"] is True
    assert keyring.reads[credentials.CALDAV] == 1 and keyring.reads[credentials.GOOGLE] == 1
    keyring.reads.clear()
    assert app.destination(app.accounts_status()) == status["destination"], "as the tray reads it"
    assert keyring.reads[credentials.CALDAV] == 1 and keyring.reads[credentials.GOOGLE] == 1
    app.store.delete(credentials.CALDAV)
    status = app.status()
    assert status["destination"]["connected"] is (target == "google") and status["destination"] == app.destination()


READ_THE_SETTINGS = """
import sys
from pathlib import Path
from calmedi_desktop import credentials
from calmedi_desktop.caldav_link import CalDavLink
from calmedi_desktop.config import Config, StateFile
from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.demo.memory_keyring import MemoryKeyring
from calmedi_desktop.destination import Destination
import calmedi_desktop.service

folder = Path(sys.argv[1])
config, store = Config(folder / "settings.json"), CredentialStore(MemoryKeyring())
link = CalDavLink(config, store, StateFile(folder / "state.json"))
settings = {"caldav.url": "https://dav.example.org/", "caldav.user": "x", "caldav.calendar_url": "u"}
config.set_many(settings, internal=True)
store.set(credentials.CALDAV, "pw")
destination = Destination(config, store, link)
destination.switch("caldav")
facts = (link.describe(), link.connected(), link.provider(), link.web_page(), destination.describe())
link.forget()
print(sorted(m for m in sys.modules if m.split(".")[0] in ("caldav", "lxml", "icalendar")))
"""


def test_reading_the_settings_loads_no_caldav_library(tmp_path: Path) -> None:
    answer = subprocess.run(
        [sys.executable, "-c", READ_THE_SETTINGS, str(tmp_path)], capture_output=True, text=True, timeout=60
    )
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.strip() == "[]", "the status and the destination's name load neither caldav nor lxml"
