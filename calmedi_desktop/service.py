"""The Qt-free facade: every user action is one method returning plain data or raising a CalmediError.

Both ``cli.py`` and ``ui/`` talk only to ``CalMedi`` (through ``calmedi_desktop.api``). It owns the settings, the
credentials, the licence and the privacy actions, builds the sync loop and sets up the technical log, and builds
the sources and the target for each sync run. Its parts are handed what they use; none imports this module.
What a settings change would do is asked of ``settings_preview``, a run's windows, options and record come from
``sync_run``: the methods here delegate, so that this module stays the list of user actions.
Appointments exist only inside ``sync_once`` (through ``sync.runner``) and never reach this object's state.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from calmedi_desktop import __version__
from calmedi_desktop.accounts import Accounts
from calmedi_desktop.config import Config, StateFile
from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.endpoints import Endpoints
from calmedi_desktop.errors import CalmediError, ProcessingPausedError
from calmedi_desktop.i18n import set_language
from calmedi_desktop.paths import AppPaths, private_dir
from calmedi_desktop.privacy_actions import PrivacyActions, profile_of
from calmedi_desktop.settings_preview import SettingsPreview
from calmedi_desktop.settings_schema import SETTINGS, parse_user_value
from calmedi_desktop.sync.model import SyncResult
from calmedi_desktop.sync.progress import ProgressCallback
from calmedi_desktop.sync.runner import run_tier
from calmedi_desktop.sync.tiers import FULL
from calmedi_desktop.sync_run import plan_run, record_run

if TYPE_CHECKING:
    from calmedi_desktop.sync.scheduler import SchedulerListener, SyncScheduler

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class CalMedi:
    def __init__(
        self,
        paths: AppPaths | None = None,
        *,
        store: CredentialStore | None = None,
        endpoints: Endpoints | None = None,
        google_client_config: dict[str, Any] | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self.paths = paths or AppPaths.default()
        self.endpoints = endpoints or Endpoints.from_env()
        self.store = store or CredentialStore()
        self.clock = clock
        self.config = Config(self.paths.settings_file)
        self.state = StateFile(self.paths.state_file)
        set_language(self.config.get("ui.language"))
        self._licence: Any = None
        # The parts get what they use and never this object: arrows point from the facade to its parts.
        self.accounts = Accounts(self.config, self.state, self.store, self.endpoints, self.clock, google_client_config)
        self.privacy = PrivacyActions(
            self.paths, self.config, self.state, self.store, self.accounts, lambda: self.licence, self.clock
        )
        self.previews = SettingsPreview(self.config, self.accounts, lambda: self.licence, self.clock)
        self._sync_lock = threading.Lock()

    # -- start-up --------------------------------------------------------------------------------------------
    def startup(self) -> dict[str, Any]:
        """Finish an interrupted erasure first, then apply retention. Returns what was done."""
        done: dict[str, Any] = {"resumed_erase": None}
        if self.privacy.erase_pending():
            done["resumed_erase"] = self.privacy.erase(keep_calendar=True)
            return done
        for folder in self.paths.all_dirs():
            if folder.exists():
                private_dir(folder)
        done["maintenance"] = self.maintenance()
        return done

    def maintenance(self) -> dict[str, Any]:
        """Daily: purge logs older than 12 months; erase local account data 12 months after the licence
        closed (``closure`` says "notify" during the 30 days before). Cheap when nothing is due."""
        return self.privacy.maintenance()

    # -- settings --------------------------------------------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        return self.config.as_dict()

    def get_setting(self, key: str) -> Any:
        return self.config.get(key)

    def set_setting(self, key: str, value: Any) -> Any:
        if key == "sync.target":  # refused while that destination is not connected
            return self.accounts.destination.switch(str(parse_user_value(key, value)))
        parsed = self.config.set(key, value)
        if key == "ui.language":
            set_language(parsed)
        return parsed

    def set_privacy_level(self, level: str) -> str:
        return str(self.set_setting("privacy.level", level))

    # -- licence ---------------------------------------------------------------------------------------------
    @property
    def licence(self) -> Any:
        if self._licence is None:
            from calmedi_desktop.licence.manager import LicenceManager

            self._licence = LicenceManager(self.store, self.state, self.endpoints.licence, clock=self.clock)
        return self._licence

    def licence_status(self) -> dict[str, Any]:
        return dict(self.licence.status().to_dict())

    def licence_activate(self, key: str) -> dict[str, Any]:
        return dict(self.licence.activate(key.strip()).to_dict())

    def licence_refresh(self) -> dict[str, Any]:
        return dict(self.licence.refresh().to_dict())

    def licence_refresh_if_due(self) -> dict[str, Any] | None:
        """Called at start and by the scheduler: refreshes twice a day, quietly (grace covers outages)."""
        return self.licence_refresh() if self.licence.due_for_refresh() else None

    # -- sync ------------------------------------------------------------------------------------------------
    def sync_once(
        self,
        *,
        dry_run: bool = False,
        allow_mass_delete: bool = False,
        progress: ProgressCallback | None = None,
        tier: str = FULL,
    ) -> SyncResult:
        """One run: of the whole window (``tier`` FULL), or of the coming days (NEAR, see sync/tiers.py).
        Raises before touching Google when anything is not right (fail closed). ``progress`` hears the run's
        phases and write counts, on the thread that runs it."""
        if self.config.get("privacy.processing_paused"):
            raise ProcessingPausedError("processing paused by the user")
        self.licence_refresh_if_due()  # at start and twice a day; an outage only moves towards grace
        self.licence.require_sync()
        with self._sync_lock:
            started = self.clock()
            try:
                spans, options = plan_run(self.config, started, dry_run=dry_run, allow_mass_delete=allow_mass_delete)
                sources = self.accounts.sources(full=tier == FULL)
                target = functools.partial(self.accounts.target, restyle=not dry_run)
                result = run_tier(tier, sources, target, spans, options, progress)
            except CalmediError as exc:
                error = self.accounts.google.explain_refusal(exc)
                self._record_run(started, None, error, tier)
                if error is exc:
                    raise
                raise error from exc
            self._record_run(started, result, None, tier)
            return result

    def _record_run(
        self, at: datetime, result: SyncResult | None, error: CalmediError | None, tier: str = FULL
    ) -> None:
        # Kept on the facade, with the log line, so that the technical log names the facade as before and the
        # UI tests' stand-in for sync_once records a run the way the facade does.
        if error is not None:
            log.warning("sync failed: %s (%s)", type(error).__name__, error.technical)
        record_run(self.state, at, result, error, tier)

    # -- status ----------------------------------------------------------------------------------------------
    def status(self) -> dict[str, Any]:
        state = self.state.load()
        try:
            licence = self.licence_status()
        except CalmediError as exc:
            licence = {"state": "unknown", "message": exc.message}
        accounts = self.accounts.describe()
        return {
            "version": __version__,
            "accounts": accounts,
            "destination": self.accounts.destination.describe(accounts),
            "privacy_level": self.config.get("privacy.level"),
            "show_reason": self.config.get("privacy.show_reason"),
            "processing_paused": self.config.get("privacy.processing_paused"),
            "interval_minutes": self.config.get("sync.full_interval_minutes"),  # the old name, for scripts
            "near_interval_seconds": self.config.get("sync.near_interval_seconds"),
            "near_days": self.config.get("sync.near_days"),
            "full_interval_minutes": self.config.get("sync.full_interval_minutes"),
            "quota_per_minute": self.config.get("google.quota_per_minute"),
            "window_days": [self.config.get("sync.past_days"), self.config.get("sync.future_days")],
            "last_run": state.get("last_run"),
            "last_success": state.get("last_success"),
            "last_full_success": state.get("last_full_success"),
            "licence": licence,
            "held_deletes": (state.get("last_run") or {}).get("summary", {}).get("held_deletes", 0),
        }

    # -- restriction / objection -----------------------------------------------------------------------------
    def pause_processing(self) -> None:
        self.set_setting("privacy.processing_paused", True)

    def resume_processing(self) -> None:
        self.set_setting("privacy.processing_paused", False)

    # -- privacy rights (thin delegations, so the UI and CLI see one facade) ---------------------------------
    def export(self, destination: Path | None = None, *, overwrite: bool = False) -> Path:
        return self.privacy.export(destination, overwrite=overwrite)

    def erase_plan(self, *, keep_calendar: bool = False) -> list[str]:
        return self.privacy.erase_plan(keep_calendar=keep_calendar)

    def erase(self, *, keep_calendar: bool = False) -> dict[str, Any]:
        return self.privacy.erase(keep_calendar=keep_calendar)

    def profile(self) -> dict[str, Any]:
        return profile_of(self.settings())

    def set_consent(self, granted: bool) -> dict[str, Any]:
        return self.privacy.set_consent(granted)

    def keyring_entries(self) -> list[str]:
        return self.accounts.keyring_entries()

    # -- for the tray app's Journal and About pages (added with the UI) --------------------------------------
    def journal_lines(self, limit: int = 200) -> list[str]:
        """The most recent technical log lines, oldest first, as text. Logs never hold appointment content."""
        from calmedi_desktop.privacy.logs import recent_log_lines

        lines = []
        for entry in recent_log_lines(self.paths, limit):
            when = str(entry.get("ts", "?"))[:19].replace("T", " ")
            logger = str(entry.get("logger", "")).removeprefix("calmedi_desktop.")
            text = f"{when}  {entry.get('level', '?'):<7}  {logger}: {entry.get('msg', '')}"
            if entry.get("exc"):
                text += f"  [{entry['exc']}]"
            lines.append(text)
        return lines

    def privacy_policy(self, language: str | None = None) -> str:
        """The published privacy policy (Markdown) in the UI language, or ``language`` if given."""
        from calmedi_desktop.privacy.policy import policy_text

        return policy_text(language)

    # -- for the tray app's list of iCalendar feeds (added with the feeds UI) --------------------------------
    def ics_feed_list(self) -> list[dict[str, str]]:
        """Each connected feed: its name, the address as it may be shown (scheme and host: the path and query
        are the secret) and when it was added. The full URL never leaves the keyring through here."""
        return self.accounts.ics.listing()

    # -- accounts (so that the UI and CLI need not reach into ``self.accounts``) -----------------------------
    def accounts_status(self) -> dict[str, Any]:
        """Who is connected and since when (no secret), checked against the keyring."""
        return self.accounts.describe()

    def connect_google(self, *, open_browser: bool, show_url: Callable[[str], None]) -> dict[str, Any]:
        return self.accounts.connect_google(open_browser=open_browser, show_url=show_url)

    def connect_doctolib(self, *, open_browser: bool, show_url: Callable[[str], None]) -> dict[str, Any]:
        return self.accounts.connect_doctolib(open_browser=open_browser, show_url=show_url)

    def connect_ics(self, url: str, name: str = "feed", *, check: bool = True) -> dict[str, Any]:
        return self.accounts.ics.connect(url, name, check=check)

    def disconnect(self, service: str, name: str | None = None) -> dict[str, Any]:
        """Revoke remotely (best effort), forget locally (always)."""
        return self.accounts.disconnect(service, name)

    # -- the destination: Google Calendar or a CalDAV calendar (issue 12) ------------------------------------
    def destination(self, accounts: dict[str, Any] | None = None) -> dict[str, Any]:
        """Where the appointments go: ``{"target", "name", "connected", "provider", "web_page"}``. ``accounts``:
        what ``accounts_status()`` just gave, so that whether it is connected is not read from the keyring again."""
        return self.accounts.destination.describe(accounts)

    def connect_caldav(
        self,
        url: str,
        user: str,
        password: str,
        *,
        preset: str | None = None,
        calendar: str | None = None,
        use: bool | None = None,
    ) -> dict[str, Any]:
        """Connect a CalDAV account: ``url`` is the server's address (or, with ``preset`` "nextcloud", its name;
        ignored for the other providers), ``calendar`` an existing calendar to write to instead of one of
        CalMedi's own. ``use``: switch the destination to it (True), never (False), or only when the current one
        is not connected (None). The answer says whether it ``switched``. CalDavCreateRefusedError: the account
        is kept; pick a calendar with ``caldav_calendars()`` and ``choose_caldav_calendar()``."""
        return self.accounts.connect_caldav(url, user, password, preset=preset, calendar=calendar, use=use)

    def caldav_presets(self) -> list[dict[str, Any]]:
        """The providers the UI offers (see ``caldav_presets.presets``)."""
        from calmedi_desktop.sync.targets.caldav_presets import presets

        return presets()

    def caldav_calendars(self) -> list[dict[str, Any]]:
        """The connected CalDAV account's calendars (``url``, ``name``, ``writable``), to pick one."""
        return self.accounts.caldav.calendars()

    def choose_caldav_calendar(self, calendar: str, *, use: bool | None = None) -> dict[str, Any]:
        return self.accounts.choose_caldav_calendar(calendar, use=use)

    def doctolib_agendas(self) -> list[dict[str, Any]]:
        return self.accounts.doctolib.agendas()

    def consent_status(self) -> dict[str, Any]:
        """The marketing consent now, and its history."""
        return {"marketing": self.privacy.consents.current(), "history": self.privacy.consents.history()}

    def title_preview(self, level: str, show_reason: bool, language: str | None = None) -> str:
        """What a Google event's title looks like at ``level`` (a made-up patient, never a real one)."""
        return self.previews.title(level, show_reason, language)

    # -- what the calendar shows: reminders, colours, places, filters (issue 13) -----------------------------
    def set_settings(self, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Validate every value, then save them together (one write; one refused value saves none). A new
        destination is checked with the rest and switched to once they are saved."""
        changes = dict(changes)
        target = changes.pop("sync.target", None)
        if target is not None:
            target = self.accounts.destination.check(str(parse_user_value("sync.target", target)))
        parsed = self.config.set_many(changes)
        if target is not None:
            parsed["sync.target"] = self.accounts.destination.switch(target)
        if "ui.language" in parsed:
            set_language(parsed["ui.language"])
        return parsed

    def settings_change_impact(self, changes: Mapping[str, Any]) -> dict[str, Any]:
        """How many events the next run would insert, update and delete because of ``changes`` (setting key ->
        value as typed or as a widget holds it), and whether the mass-deletion guard would hold the deletes.
        Reads the sources (so it refuses, like a run, while processing is paused or without a licence); writes
        nothing. ``settings`` in the answer holds the validated values."""
        return self.previews.change_impact(changes)

    def visit_motives(self) -> list[dict[str, Any]]:
        """The chosen Doctolib agendas' visit motives, by name (``{"id", "name", "agendas"}``), to choose which
        ones ``filters.excluded_motives`` hides. Reads Doctolib."""
        return self.accounts.doctolib.visit_motives()

    def presentation_preview(
        self,
        changes: Mapping[str, Any] | None = None,
        agendas: Sequence[Mapping[str, Any]] | None = None,
        language: str | None = None,
    ) -> list[dict[str, Any]]:
        """A made-up day of appointments (never a real patient; nothing is read) as the next run would write
        it with the settings and ``changes`` (validated first): see ``sync.sample_day.sample_day``.
        ``agendas``: the practitioner's sites as ``doctolib_agendas()`` gives them, for their colours and
        places; without them, one invented site."""
        return self.previews.presentation(changes, agendas, language)

    # -- the sync loop and the technical log, owned here so that the UI and CLI only start and stop them ----
    def sync_scheduler(
        self,
        listener: SchedulerListener | None = None,
        *,
        progress: ProgressCallback | None = None,
        near_minutes: float | None = None,
        full_minutes: float | None = None,
        **options: Any,
    ) -> SyncScheduler:
        """The sync loop at the practitioner's cadence: the coming days every ``sync.near_interval_seconds`` (or
        ``near_minutes``), the whole window every ``sync.full_interval_minutes`` (or ``full_minutes``) and at
        start.

        ``listener`` hears the loop's states and outcomes, ``progress`` each run's progress, both on the loop's
        worker thread; ``options`` go to ``SyncScheduler`` (first delay, floor of the interval, ...)."""
        from calmedi_desktop.sync.scheduler import SyncScheduler

        near = self.get_setting("sync.near_interval_seconds") / 60 if near_minutes is None else near_minutes
        full = self.get_setting("sync.full_interval_minutes") if full_minutes is None else full_minutes
        options.setdefault("min_interval_minutes", SETTINGS["sync.near_interval_seconds"].minimum / 60)
        return SyncScheduler(
            lambda tier: self.sync_once(progress=progress, tier=tier),
            near,
            full_interval_minutes=full,
            listener=listener,
            **options,
        )

    def configure_logging(self, level: int = logging.INFO, *, stream: TextIO | None = None) -> None:
        """The technical log (JSON lines in this installation's log folder), and a console copy if ``stream``."""
        from calmedi_desktop.privacy.logs import configure_logging

        configure_logging(self.paths, level, stream=stream)

    def stop_file_logging(self) -> None:
        """Close the log files (before their folder goes away: an erasure, the end of demo mode)."""
        from calmedi_desktop.privacy.logs import stop_file_logging

        stop_file_logging()
