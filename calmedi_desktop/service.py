"""The Qt-free facade: every user action is one method returning plain data or raising a CalmediError.

Both ``cli.py`` and ``ui/`` talk only to ``CalMedi``. It owns the settings, the credentials, the licence and
the privacy actions, and builds the sources and the target for each sync run. Appointments exist only inside
``sync_once`` (through ``sync.runner``) and never reach this object's state.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from calmedi_desktop import __version__, credentials
from calmedi_desktop.accounts import Accounts
from calmedi_desktop.config import Config, StateFile
from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.endpoints import Endpoints
from calmedi_desktop.errors import CalmediError, ProcessingPausedError
from calmedi_desktop.i18n import set_language
from calmedi_desktop.paths import AppPaths, private_dir
from calmedi_desktop.privacy_actions import PrivacyActions
from calmedi_desktop.sync.model import SyncResult
from calmedi_desktop.sync.progress import ProgressCallback
from calmedi_desktop.sync.runner import RunOptions, run_tier
from calmedi_desktop.sync.tiers import FULL, windows

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
        self.accounts = Accounts(self, google_client_config)
        self.privacy = PrivacyActions(self)
        self._sync_lock = threading.Lock()
        self._licence: Any = None

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
                config = self.config
                spans = windows(
                    started,
                    config.get("sync.past_days"),
                    config.get("sync.future_days"),
                    config.get("sync.near_days"),
                    config.get("sync.timezone"),
                )
                options = RunOptions(
                    level=config.get("privacy.level"),
                    show_reason=config.get("privacy.show_reason"),
                    allow_mass_delete=allow_mass_delete,
                    dry_run=dry_run,
                    today=spans.today,
                )
                sources = self.accounts.sources(full=tier == FULL)
                result = run_tier(tier, sources, self.accounts.target, spans, options, progress)
            except CalmediError as exc:
                self._record_run(started, None, exc, tier)
                raise
            self._record_run(started, result, None, tier)
            return result

    def _record_run(
        self, at: datetime, result: SyncResult | None, error: CalmediError | None, tier: str = FULL
    ) -> None:
        entry: dict[str, Any] = {"at": at.isoformat(timespec="seconds"), "ok": error is None}
        entry["tier"] = result.tier if result is not None else tier
        if result is not None:
            entry["summary"] = result.summary()
            entry["dry_run"] = result.dry_run
            entry["ok"] = result.failed == 0
        if error is not None:
            entry["error"] = type(error).__name__
            log.warning("sync failed: %s (%s)", type(error).__name__, error.technical)
        changes: dict[str, Any] = {"last_run": entry}
        if entry["ok"] and not entry.get("dry_run"):
            changes["last_success"] = entry["at"]
            if entry["tier"] == FULL:
                changes["last_full_success"] = entry["at"]
        self.state.update(**changes)

    # -- status ----------------------------------------------------------------------------------------------
    def status(self) -> dict[str, Any]:
        state = self.state.load()
        try:
            licence = self.licence_status()
        except CalmediError as exc:
            licence = {"state": "unknown", "message": exc.message}
        return {
            "version": __version__,
            "accounts": self.accounts.describe(),
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
        return {key.split(".", 1)[1]: value for key, value in self.settings().items() if key.startswith("profile.")}

    def set_consent(self, granted: bool) -> dict[str, Any]:
        return self.privacy.set_consent(granted)

    def keyring_entries(self) -> list[str]:
        names = list(credentials.FIXED_ENTRIES)
        names += [credentials.ICS_PREFIX + name for name in self.accounts.ics_feeds()]
        return names

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
        from calmedi_desktop.sync.sources.ics import redact_url

        recorded = self.state.load().get("ics_feeds") or {}
        feeds = []
        for name in self.accounts.ics_feeds():
            url = self.store.get(credentials.ICS_PREFIX + name)
            address = redact_url(url) if url else ""
            when = str((recorded.get(name) or {}).get("connected_at", ""))
            feeds.append({"name": name, "address": address, "connected_at": when})
        return feeds
