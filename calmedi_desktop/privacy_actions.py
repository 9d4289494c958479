"""The practitioner's rights as facade actions: export, erase, retention, consent.

They work without a licence and without network (invariant 6): remote steps that cannot be done are reported
as not done, with the manual way to do them; local steps always complete.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from calmedi_desktop import __version__
from calmedi_desktop.accounts import Accounts
from calmedi_desktop.config import Config, StateFile
from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.errors import CalmediError
from calmedi_desktop.paths import AppPaths

log = logging.getLogger(__name__)
GOOGLE_PERMISSIONS = "https://myaccount.google.com/permissions"
DOCTOLIB_SECURITY = "https://pro.doctolib.fr (Paramètres du compte → Sécurité / Account settings → Security)"


def _when(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _safely(action: Any) -> bool:
    """Run a remote step; any failure (offline, revoked, locked keyring) means 'not done', never a crash."""
    try:
        return bool(action())
    except CalmediError as exc:
        log.warning("erase: remote step failed with %s", type(exc).__name__)
        return False
    except Exception as exc:
        log.warning("erase: remote step crashed with %s", type(exc).__name__)
        return False


def profile_of(settings: dict[str, Any]) -> dict[str, Any]:
    """The practitioner's profile (``profile.*`` settings) without the prefix."""
    return {key.split(".", 1)[1]: value for key, value in settings.items() if key.startswith("profile.")}


class PrivacyActions:
    """Handed what it uses by the facade; ``licence`` is a getter because the facade builds it on first use."""

    def __init__(
        self,
        paths: AppPaths,
        config: Config,
        state: StateFile,
        store: CredentialStore,
        accounts: Accounts,
        licence: Callable[[], Any],
        clock: Callable[[], datetime],
    ) -> None:
        self.paths = paths
        self.config = config
        self.state = state
        self.store = store
        self.accounts = accounts
        self._licence = licence
        self.clock = clock

    @property
    def licence(self) -> Any:
        return self._licence()

    # -- consent ---------------------------------------------------------------------------------------------
    @property
    def consents(self) -> Any:
        from calmedi_desktop.privacy.consent import ConsentLog

        return ConsentLog(self.paths.data / "consents.json")

    def set_consent(self, granted: bool) -> dict[str, Any]:
        from calmedi_desktop.privacy.policy import POLICY_VERSION

        now = self.clock()
        if granted:
            self.consents.grant(POLICY_VERSION, now)
        else:
            self.consents.withdraw(POLICY_VERSION, now)
        # Best effort: the vendor records it on the customer; no marketing request is ever made without it.
        sent = _safely(lambda: self.licence.send_consent(granted, POLICY_VERSION, now))
        return {"marketing": self.consents.current(), "recorded_remotely": sent}

    # -- export ----------------------------------------------------------------------------------------------
    def export(self, destination: Path | None, *, overwrite: bool = False) -> Path:
        from calmedi_desktop.privacy.export import build_export
        from calmedi_desktop.privacy.logs import log_records_since
        from calmedi_desktop.privacy.retention import log_cutoff

        now = self.clock()
        every = self.config.as_dict()
        settings = {k: v for k, v in every.items() if not k.startswith("profile.")}
        try:
            licence = self.licence.export_data()
        except CalmediError as exc:
            licence = {"state": "unknown", "error": type(exc).__name__}
        since = log_cutoff(now)
        return build_export(
            destination or Path.cwd(),
            profile=profile_of(every),
            accounts=self.accounts.describe(),
            settings=settings,
            consents=self.consents.history(),
            licence=licence,
            log_lines=log_records_since(self.paths, since),
            app_version=__version__,
            now=now,
            overwrite=overwrite,
        )

    # -- erase -----------------------------------------------------------------------------------------------
    def _eraser(self, keep_calendar: bool) -> Any:
        from calmedi_desktop.privacy.erase import Eraser, RemoteStep

        accounts = self.accounts
        steps = []
        if not keep_calendar:
            steps.append(
                RemoteStep("google_calendar", lambda: _safely(accounts.google.delete_calendar), GOOGLE_PERMISSIONS)
            )
            caldav = accounts.caldav.erase_step()  # CalMedi's calendar, or its events in a calendar picked
            if caldav is not None:
                name, action = caldav
                steps.append(RemoteStep(name, lambda: _safely(action), ""))
        steps += [
            RemoteStep("google_revoke", lambda: _safely(accounts.google.revoke), GOOGLE_PERMISSIONS),
            RemoteStep("doctolib_revoke", lambda: _safely(accounts.doctolib.revoke), DOCTOLIB_SECURITY),
            RemoteStep("licence_forget", self._forget_licence, ""),
        ]
        from calmedi_desktop.autostart import autostart_files

        return Eraser(
            self.paths,
            self.store,
            remote_steps=steps,
            keyring_entries=self.accounts.keyring_entries(),
            extra_files=autostart_files(),
        )

    def _forget_licence(self) -> bool:
        self.licence.deactivate()  # local only: the server keeps nothing per installation
        return True

    def erase_plan(self, *, keep_calendar: bool = False) -> list[str]:
        return list(self._eraser(keep_calendar).plan().lines())

    def erase(self, *, keep_calendar: bool = False) -> dict[str, Any]:
        receipt = self._eraser(keep_calendar).run()
        self.accounts.forget_kept()  # no access token or agenda directory outlives the erasure in memory
        self.config.reload()
        return dict(receipt.as_dict())

    def erase_pending(self) -> bool:
        from calmedi_desktop.privacy.erase import pending_erase

        return bool(pending_erase(self.paths))

    # -- retention -------------------------------------------------------------------------------------------
    def retention(self) -> dict[str, Any]:
        from calmedi_desktop.privacy.logs import run_retention

        return dict(run_retention(self.paths, self.clock()))

    def maintenance(self) -> dict[str, Any]:
        """Daily log purge, and the closure rule: account data goes 12 months after the licence closed."""
        from calmedi_desktop.privacy.retention import closure_erase_at, purge_due

        now = self.clock()
        state = self.state.load()
        done: dict[str, Any] = {"purged": None, "closure": "none", "erase_at": None}
        if purge_due(_when(state.get("retention_last_run_at")), now):
            done["purged"] = self.retention()
            self.state.update(retention_last_run_at=now.isoformat(timespec="seconds"))
        closed_at = self._licence_closed_at(now, state)
        if closed_at is None:
            return done
        done["erase_at"] = closure_erase_at(closed_at).isoformat(timespec="seconds")
        done["closure"] = self._closure_action(closed_at, now)
        return done

    def _licence_closed_at(self, now: datetime, state: dict[str, Any]) -> datetime | None:
        """When the licence lapsed (first seen expired), or None while it is in good standing."""
        try:
            licence_state = self.licence.status().state
        except CalmediError:
            return _when(state.get("licence_closed_at"))  # cannot tell now: keep what we knew
        recorded = _when(state.get("licence_closed_at"))
        if licence_state != "expired":
            if recorded is not None:
                self.state.update(licence_closed_at=None)
            return None
        if recorded is None:
            recorded = now
            self.state.update(licence_closed_at=now.isoformat(timespec="seconds"))
        return recorded

    def _closure_action(self, closed_at: datetime, now: datetime) -> str:
        from calmedi_desktop.privacy.retention import closure_due

        action = closure_due(closed_at, now)
        if action == "erase":
            log.warning("retention: licence closed for 12 months; erasing local account data")
            # The calendar in the practitioner's own Google account is theirs: only what CalMedi holds goes.
            self.erase(keep_calendar=True)
        return action
