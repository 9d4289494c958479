"""A CalDAV account as the settings describe it: the providers the UI offers, the address typed, the account
found by discovery, its calendars and which of them a name picks. Nothing here talks to a server, so that
reading the settings (the status, the destination's name) does not load the ``caldav`` library and lxml:
caldav_account.py does the talking.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from calmedi_desktop.endpoints import check_url
from calmedi_desktop.errors import InvalidSettingError
from calmedi_desktop.i18n import tr


@dataclass(frozen=True)
class Preset:
    """A provider the UI offers by name: the address to use, where its app-specific passwords are made, and
    the web page where the practitioner sees the calendar."""

    id: str
    url: str  # ``{host}`` is replaced by the user's server name when ``needs_host``
    password_page: str | None
    needs_host: bool = False
    web_page: str | None = None  # ``{base}``: the account's address up to its DAV path (Nextcloud)

    @property
    def name(self) -> str:
        return tr(f"caldav.preset.{self.id}")

    @property
    def password_help(self) -> str:
        return tr(f"caldav.preset.{self.id}.password")

    def address(self, host: str | None = None) -> str:
        if not self.needs_host:
            return self.url
        if not host or not host.strip():
            raise InvalidSettingError("caldav preset without host", key="caldav.url", reason=tr("caldav.host_rule"))
        return self.url.format(host=host.strip().strip("/"))


PRESETS: tuple[Preset, ...] = (
    Preset(
        "icloud",
        "https://caldav.icloud.com/",
        "https://account.apple.com/account/manage",
        web_page="https://www.icloud.com/calendar/",
    ),
    Preset(
        "fastmail",
        "https://caldav.fastmail.com/dav/",
        "https://app.fastmail.com/settings/security/apps",
        web_page="https://app.fastmail.com/calendar/",
    ),
    Preset("nextcloud", "https://{host}/remote.php/dav/", None, needs_host=True, web_page="{base}/apps/calendar/"),
    Preset("other", "", None),
)
NEXTCLOUD_DAV_PATH = "/remote.php/"


def preset(preset_id: str) -> Preset:
    for candidate in PRESETS:
        if candidate.id == preset_id:
            return candidate
    raise KeyError(preset_id)


def provider_of(url: str) -> Preset:
    """The preset an account's address belongs to (``other`` when none): how CalMedi names the destination and
    which web page shows the calendar, whether the account was connected from the UI or the command line."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host == "icloud.com" or host.endswith(".icloud.com"):
        return preset("icloud")
    if host == "fastmail.com" or host.endswith(".fastmail.com"):
        return preset("fastmail")
    if NEXTCLOUD_DAV_PATH + "dav" in parts.path:
        return preset("nextcloud")
    return preset("other")


def web_page(url: str) -> str | None:
    """The provider's web page for the calendars of the account at ``url``, if it has a known one."""
    found = provider_of(url)
    if found.web_page is None:
        return None
    parts = urlsplit(url)
    base = urlunsplit((parts.scheme, parts.netloc, parts.path.split(NEXTCLOUD_DAV_PATH, 1)[0].rstrip("/"), "", ""))
    return found.web_page.format(base=base)


def normalise_server_url(url: str) -> str:
    """What the user typed, as the address discovery starts from: ``https://`` added when no scheme was
    typed; user names or passwords inside the address refused (they belong in their fields, and a password
    must not end up in the settings file); then https only, plain http only for loopback."""
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.username is not None or parts.password is not None:
        raise InvalidSettingError("caldav url with credentials", key="caldav.url", reason=tr("caldav.url_rule"))
    return check_url(urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "", "")))


@dataclass(frozen=True)
class CalendarInfo:
    """A calendar of the account, for the 'pick an existing calendar' choice."""

    url: str
    name: str
    writable: bool | None  # None: the server did not say
    events: bool  # accepts VEVENT


@dataclass(frozen=True)
class CalDavAccount:
    """Where and who. No password: that lives in the keyring only (credentials.CALDAV)."""

    url: str
    user: str
    principal_url: str
    home_url: str

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or "?"

    def describe(self, calendar_url: str | None = None, calendar_owned: bool = True) -> dict[str, Any]:
        """What an export lists about this account (never the password)."""
        return {
            "server": self.host,
            "url": self.url,
            "user": self.user,
            "principal_url": self.principal_url,
            "calendar_home_url": self.home_url,
            "calendar_url": calendar_url,
            "calendar_created_by_calmedi": calendar_owned,
        }


def presets() -> list[dict[str, Any]]:
    """The providers the UI offers: id, name, address (``{host}`` to fill in when ``needs_host``), how to make
    an app-specific password and where."""
    return [
        {
            "id": p.id,
            "name": p.name,
            "url": p.url,
            "needs_host": p.needs_host,
            "password_help": p.password_help,
            "password_page": p.password_page,
        }
        for p in PRESETS
    ]


def server_address(url: str, preset_id: str | None = None) -> str:
    """The address discovery starts from: what was typed, or a provider's address. ``preset_id`` names the
    provider the UI offered (for Nextcloud, ``url`` is then the server's name); the command line also takes a
    provider's name in place of an address (``calmedi connect caldav icloud --user ...``)."""
    chosen = preset_id
    if chosen is None and url.strip().lower() in ("icloud", "fastmail"):
        chosen = url.strip().lower()
    if chosen is None or chosen == "other":
        return normalise_server_url(url)
    try:
        found = preset(chosen)
    except KeyError:
        raise InvalidSettingError(
            f"caldav preset {chosen}", key="preset", reason="icloud, fastmail, nextcloud, other"
        ) from None
    return normalise_server_url(found.address(url) if found.needs_host else found.url)


def pick(calendars: list[CalendarInfo], wanted: str) -> CalendarInfo:
    """The calendar ``wanted`` names: by address, by the last part of its address, or by its name."""
    text = wanted.strip()
    for match in (
        lambda c: c.url == text,
        lambda c: c.url.rstrip("/").rsplit("/", 1)[-1] == text.strip("/"),
        lambda c: c.name.casefold() == text.casefold(),
    ):
        found = [c for c in calendars if match(c)]
        if found:
            if found[0].writable is False:
                raise InvalidSettingError("caldav calendar read-only", key="calendar", reason=tr("caldav.read_only"))
            return found[0]
    names = ", ".join(f"“{c.name}”" for c in calendars) or "—"
    raise InvalidSettingError(
        "caldav calendar unknown", key="calendar", reason=tr("caldav.calendar_unknown", names=names)
    )
