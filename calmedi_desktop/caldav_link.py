"""The CalDAV destination as CalMedi keeps it between runs: iCloud, Fastmail, Nextcloud or any CalDAV server.

Where and who are settings (``caldav.url``, ``caldav.user``, and what discovery found); the password (for iCloud
an app-specific one) lives in the keyring only (``credentials.CALDAV``). One session is kept per account for
the process, so that the server's authentication scheme is negotiated once, and one listing cache (in memory
only, see sync/targets/caldav_listing.py), so that a run with no change costs one small REPORT. Both are
dropped when the account, its password or the destination changes, at disconnection and at erasure.

CalMedi's calendar is created at connection (MKCALENDAR, with the name and colour of the settings) and recreated
by a run if it was deleted; a later change of ``calendar.name``/``calendar.color`` is applied to it by the next
run (one PROPPATCH, see calendar_look.py). A server
that refuses to create one leaves the account connected without a calendar: the practitioner then picks an
existing calendar (``choose``), in which CalMedi only ever touches the events it tagged, and which it never
deletes, recreates, renames nor recolours (``caldav.calendar_owned`` False).
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from calmedi_desktop import credentials
from calmedi_desktop.calendar_look import AppliedLooks, Look
from calmedi_desktop.config import Config, StateFile
from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.errors import (
    CalDavCalendarGoneError,
    CalDavCreateRefusedError,
    CalmediError,
    InvalidSettingError,
    NotConnectedError,
)
from calmedi_desktop.i18n import tr
from calmedi_desktop.sync.retry import RetryPolicy
from calmedi_desktop.sync.targets.caldav_presets import (
    CalDavAccount,
    pick,
    provider_of,
    web_page,
)

if TYPE_CHECKING:  # the CalDAV library and lxml are loaded by the first method that talks to the server
    from calmedi_desktop.sync.targets.caldav_http import DavSession
    from calmedi_desktop.sync.targets.caldav_listing import ListingCache
    from calmedi_desktop.sync.targets.caldav_target import CalDavTarget

log = logging.getLogger(__name__)
CONNECT_COMMAND = "caldav URL --user NAME"


class CalDavLink:
    """Handed the settings and the keyring by Accounts; never the facade."""

    def __init__(self, config: Config, store: CredentialStore, state: StateFile) -> None:
        self.config = config
        self.store = store
        self.looks = AppliedLooks(state)
        # The session's retry policy (None: the session's default) and timeout: the tests make them short.
        self.policy: RetryPolicy | None = None
        self.timeout = 30.0
        self._lock = threading.Lock()
        self._session: DavSession | None = None
        self._session_key: tuple[str, str, str] | None = None
        self._target: tuple[str, CalDavTarget] | None = None  # (time zone, target) kept between runs
        self._cache: ListingCache | None = None
        self._cache_lock = threading.Lock()

    # -- facts -----------------------------------------------------------------------------------------------

    def configured(self) -> bool:
        return bool(self.config.get("caldav.url") and self.config.get("caldav.user"))

    def connected(self) -> bool:
        return self.configured() and self.store.get(credentials.CALDAV) is not None

    def account(self) -> CalDavAccount | None:
        get = self.config.get
        if not self.configured():
            return None
        return CalDavAccount(
            get("caldav.url"), get("caldav.user"), get("caldav.principal_url") or "", get("caldav.home_url") or ""
        )

    def host(self) -> str | None:
        """The server's name, from the settings alone (no keyring read): how messages name the destination."""
        account = self.account()
        return account.host if account is not None else None

    def provider(self) -> str:
        return provider_of(self.config.get("caldav.url") or "").id

    def web_page(self) -> str | None:
        url = self.config.get("caldav.url")
        return web_page(url) if url else None

    def describe(self) -> dict[str, Any]:
        """The account without its password, from the settings alone (export works offline)."""
        account = self.account()
        if account is None:
            return {"connected": False}
        facts = account.describe(self.config.get("caldav.calendar_url"), self.config.get("caldav.calendar_owned"))
        return {"connected": self.connected(), "provider": self.provider(), **facts}

    # -- the session and the listing -------------------------------------------------------------------------

    @property
    def cache(self) -> ListingCache:
        """The calendar's last listing, kept between runs; made at first use (it loads the CalDAV library)."""
        if self._cache is None:
            from calmedi_desktop.sync.targets.caldav_listing import ListingCache

            with self._cache_lock:
                if self._cache is None:
                    self._cache = ListingCache()
        return self._cache

    def forget_listing(self) -> None:
        """Drop the kept listing, if there is one (another calendar, another destination)."""
        if self._cache is not None:
            self._cache.forget()

    def _new_session(self, url: str, user: str, password: str) -> DavSession:
        from calmedi_desktop.sync.targets.caldav_http import DEFAULT_POLICY, DavSession

        return DavSession(url, user, password, timeout=self.timeout, policy=self.policy or DEFAULT_POLICY)

    def session(self) -> DavSession:
        """The account's session, kept while the address, the user and the password stay the same."""
        url, user = self.config.get("caldav.url"), self.config.get("caldav.user")
        password = self.store.get(credentials.CALDAV) if url and user else None
        if not (url and user and password):
            raise NotConnectedError("caldav not connected", service=tr("service.caldav"), command=CONNECT_COMMAND)
        key = (url, user, hashlib.sha256(password.encode("utf-8")).hexdigest())
        replaced = None
        with self._lock:
            if self._session is None or self._session_key != key:
                replaced, self._session, self._session_key = self._session, self._new_session(url, user, password), key
                self.forget_listing()
            session = self._session
        if replaced is not None:  # its connections, opened with the old password, would stay open otherwise
            replaced.close()
        return session

    def _adopt(self, session: DavSession, password: str) -> None:
        key = (session.url, self.config.get("caldav.user"), hashlib.sha256(password.encode("utf-8")).hexdigest())
        with self._lock:
            replaced, self._session, self._session_key, self._target = self._session, session, key, None
        self.forget_listing()
        if replaced is not None and replaced is not session:
            replaced.close()

    def forget(self) -> None:
        """Drop the kept session, target and listing (disconnection, erasure, another destination)."""
        with self._lock:
            session, self._session, self._session_key, self._target = self._session, None, None, None
        self.forget_listing()
        if session is not None:
            session.close()

    # -- connecting ------------------------------------------------------------------------------------------

    def connect(self, url: str, user: str, password: str, *, calendar: str | None = None) -> dict[str, Any]:
        """Discover the account, create CalMedi's calendar (or take ``calendar``, one of the account's), then
        keep the password in the keyring and the rest in the settings. A server that refuses to create a
        calendar raises CalDavCreateRefusedError once the account is kept: ``calendars()`` and ``choose()``
        follow. Nothing is kept when discovery or the password fails."""
        from calmedi_desktop.sync.targets.caldav_account import discover, list_calendars

        user = user.strip()
        if not user:
            raise InvalidSettingError("caldav without user", key="user", reason=tr("caldav.user_rule"))
        if not password:
            raise InvalidSettingError("caldav without password", key="password", reason=tr("caldav.password_rule"))
        self.store.check_secure()
        session = self._new_session(url, user, password)
        refused: CalDavCreateRefusedError | None = None
        try:
            account = discover(session, user)
            same = (self.config.get("caldav.url"), self.config.get("caldav.user")) == (session.url, user)
            stored = self.config.get("caldav.calendar_url") if same else None
            owned = bool(self.config.get("caldav.calendar_owned")) if same else True
            if calendar is not None:
                chosen = pick(list_calendars(session, account.home_url), calendar).url
                owned = owned and chosen == stored  # CalMedi's own calendar picked back stays CalMedi's
                stored = chosen
            else:
                try:
                    look = Look.wanted(self.config)
                    made = self._calendar(session, account.home_url, stored, owned, look)
                    if made != stored:
                        self.looks.record("caldav", made, look)
                    stored, owned = made, True
                except CalDavCreateRefusedError as exc:
                    refused, stored, owned = exc, None, True
        except BaseException:
            session.close()
            raise
        self.store.set(credentials.CALDAV, password)
        self.config.set_many(
            {
                "caldav.url": session.url,
                "caldav.user": user,
                "caldav.principal_url": account.principal_url,
                "caldav.home_url": account.home_url,
                "caldav.calendar_url": stored,
                "caldav.calendar_owned": owned,
            },
            internal=True,
        )
        self._adopt(session, password)
        log.info("caldav: connected (%s calendar)", "own" if owned else "chosen")
        if refused is not None:
            raise refused
        return self.describe()

    def _calendar(self, session: DavSession, home: str, stored: str | None, owned: bool, look: Look) -> str:
        from calmedi_desktop.sync.targets.caldav_account import create_calendar, ensure_calendar

        try:
            return ensure_calendar(session, home, stored, look.name, owned=owned, colour=look.colour)
        except CalDavCalendarGoneError:  # the calendar picked earlier is gone: make one if the server lets us
            return create_calendar(session, home, look.name, look.colour)

    def calendars(self) -> list[dict[str, Any]]:
        """The account's calendars that hold events, to pick one when the server refuses to create CalMedi's."""
        from calmedi_desktop.sync.targets.caldav_account import list_calendars

        session = self.session()
        found = list_calendars(session, self._home(session))
        return [{"url": c.url, "name": c.name, "writable": c.writable} for c in found]

    def choose(self, calendar: str) -> dict[str, Any]:
        """Write to ``calendar`` (an address or a name from ``calendars()``), an existing calendar of the
        account: CalMedi will touch only its own tagged events there, and never delete it."""
        from calmedi_desktop.sync.targets.caldav_account import list_calendars

        session = self.session()
        chosen = pick(list_calendars(session, self._home(session)), calendar).url
        mine = self.config.get("caldav.calendar_owned") and chosen == self.config.get("caldav.calendar_url")
        self.config.set_many({"caldav.calendar_url": chosen, "caldav.calendar_owned": bool(mine)}, internal=True)
        with self._lock:
            self._target = None
        self.forget_listing()
        return self.describe()

    def disconnect(self) -> bool:
        """Forget the password and what is kept in memory. The address and the calendar stay in the settings, so
        that connecting the same account again finds CalMedi's calendar (as Google's calendar id does)."""
        self.forget()
        return self.store.delete(credentials.CALDAV)

    # -- runs and erasure ------------------------------------------------------------------------------------

    def _home(self, session: DavSession) -> str:
        from calmedi_desktop.sync.targets.caldav_account import discover

        home = self.config.get("caldav.home_url")
        if not home:
            account = discover(session, self.config.get("caldav.user"))
            self.config.set_many(
                {"caldav.principal_url": account.principal_url, "caldav.home_url": account.home_url}, internal=True
            )
            home = account.home_url
        return str(home)

    def target(self, timezone: str) -> CalDavTarget:
        """The target of a run. Built once per session and calendar, checking the calendar then (one PROPFIND,
        and a new one if it was deleted); later runs reuse it, and a listing that finds CalMedi's own calendar
        deleted makes a new one (a calendar the practitioner picked is reported gone instead)."""
        from calmedi_desktop.sync.targets.caldav_account import create_calendar, ensure_calendar
        from calmedi_desktop.sync.targets.caldav_target import CalDavTarget

        session = self.session()
        stored = self.config.get("caldav.calendar_url")
        with self._lock:
            kept = self._target
        same_calendar = kept is not None and stored and kept[1].calendar_url == stored.rstrip("/") + "/"
        if kept is not None and same_calendar and kept[0] == timezone and kept[1].session is session:
            return kept[1]
        owned = bool(self.config.get("caldav.calendar_owned"))
        look = Look.wanted(self.config)
        url = ensure_calendar(session, self._home(session), stored, look.name, owned=owned, colour=look.colour)
        if url != stored:
            self.config.set_many({"caldav.calendar_url": url, "caldav.calendar_owned": True}, internal=True)
            self.looks.record("caldav", url, look)
            owned = True

        def recreate() -> str:
            look = Look.wanted(self.config)
            made = create_calendar(session, self._home(session), look.name, look.colour)
            self.config.set_many({"caldav.calendar_url": made, "caldav.calendar_owned": True}, internal=True)
            self.looks.record("caldav", made, look)
            return made

        target = CalDavTarget(session, url, timezone=timezone, cache=self.cache, recreate=recreate if owned else None)
        with self._lock:
            self._target = (timezone, target)
        return target

    def restyle(self, target: CalDavTarget) -> None:
        """Give CalMedi's own calendar the name and colour of the settings if they changed since they were last
        applied to it: one PROPPATCH; a failure is logged and tried again at the next run. A calendar the
        practitioner picked keeps its own name and colour."""
        from calmedi_desktop.sync.targets.caldav_account import restyle_calendar

        if not self.config.get("caldav.calendar_owned"):
            return
        calendar_url = target.calendar_url
        wanted, done = Look.wanted(self.config), self.looks.applied("caldav", calendar_url)
        if wanted == done:
            return
        try:
            restyle_calendar(
                target.session,
                calendar_url,
                name=wanted.name if wanted.name != done.name else None,
                colour=wanted.colour if wanted.colour != done.colour else None,
                clear_colour=wanted.colour is None and done.colour is not None,
            )
        except CalmediError:
            return  # the one technical line is the CalDAV boundary's
        self.looks.record("caldav", calendar_url, wanted)

    def erase_step(self) -> tuple[str, Callable[[], bool]] | None:
        """What erasure does remotely, while the password is still in the keyring: delete CalMedi's calendar,
        or, in a calendar the practitioner picked, CalMedi's events only. None without a calendar."""
        calendar_url = self.config.get("caldav.calendar_url")
        if not self.configured() or not calendar_url:
            return None
        if self.config.get("caldav.calendar_owned"):

            def delete_own_calendar() -> bool:
                from calmedi_desktop.sync.targets.caldav_account import delete_calendar

                delete_calendar(self.session(), calendar_url)
                return True

            return "caldav_calendar", delete_own_calendar

        def delete_own_events() -> bool:
            from calmedi_desktop.sync.targets.caldav_target import CalDavTarget

            session = self.session()
            result = CalDavTarget(session, calendar_url, timezone=self.config.get("sync.timezone")).delete_own_events()
            return result.failed == 0

        return "caldav_events", delete_own_events
