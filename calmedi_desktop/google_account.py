"""The Google account as a destination: its sign-in (a refresh token in the keyring), its quota governor, and
CalMedi's own calendar there.

The target and each account's quota governor are kept between runs (``sync.connections``), so that a run of
the coming days costs no new sign-in and no calendar check. A refusal of an old sign-in made with the
practitioner's own OAuth client is explained as Google's "Testing" limit (``explain_refusal``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from calmedi_desktop import credentials
from calmedi_desktop.calendar_look import AppliedLooks, Look
from calmedi_desktop.config import Config, StateFile
from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.endpoints import Endpoints
from calmedi_desktop.errors import AuthExpiredError, CalmediError, GoogleTestingExpiredError, NotConnectedError
from calmedi_desktop.i18n import tr
from calmedi_desktop.sync.connections import LiveConnections, account_key
from calmedi_desktop.sync.targets.base import Target

log = logging.getLogger(__name__)
ShowUrl = Callable[[str], None]

# Google ends the sign-ins of a client in "Testing" publishing status 7 days after consent. A refusal from this
# age on is explained as such: half a day early for a local clock that was off when the sign-in was recorded,
# and no upper bound, since the refusal shows at the first sync after the expiry (after a weekend off, say).
TESTING_SIGN_IN_LIFETIME = timedelta(days=7)
TESTING_CLOCK_MARGIN = timedelta(hours=12)


class GoogleAccount:
    """Handed what it uses by Accounts (settings, state file, keyring, endpoints, clock, the kept connections)."""

    def __init__(
        self,
        config: Config,
        state: StateFile,
        store: CredentialStore,
        endpoints: Endpoints,
        clock: Callable[[], datetime],
        live: LiveConnections,
        client_config: dict[str, Any] | None = None,
    ) -> None:
        self.config = config
        self.state = state
        self.store = store
        self.endpoints = endpoints
        self.clock = clock
        self.live = live
        self._client_config = client_config
        self.looks = AppliedLooks(state)

    def client_config(self) -> dict[str, Any]:
        if self._client_config is not None:
            return self._client_config
        from calmedi_desktop.sync.targets.google_auth import load_client_config

        return load_client_config(self.endpoints, self.config.get("google.client_file"))

    def connect(self, *, open_browser: bool, show_url: ShowUrl) -> None:
        """Sign in in the browser and keep the refresh token in the keyring."""
        from calmedi_desktop.sync.targets.google_auth import connect_google

        self.store.check_secure()
        token = connect_google(self.client_config(), open_browser=open_browser, show_url=show_url)
        self.store.set(credentials.GOOGLE, token)

    def token(self) -> str:
        token = self.store.get(credentials.GOOGLE)
        if not token:
            raise NotConnectedError("no google token", service=tr("service.google"), command="google")
        return token

    def credentials(self, token: str | None = None) -> Any:
        from calmedi_desktop.sync.targets.google_auth import credentials_from_refresh_token

        return credentials_from_refresh_token(token or self.token(), self.client_config())

    def governor(self, token: str | None = None) -> Any:
        """The quota governor of the connected Google account, shared by every run of this process."""
        from calmedi_desktop.sync.quota import window_from_env

        account = account_key(token or self.token())
        window = window_from_env(self.endpoints.google_api)
        return self.live.governor(account, self.config.get("google.quota_per_minute"), window)

    def target(self) -> Target:
        """The Google target for one run, kept between runs while the account, the client and the calendar stay
        the same."""
        from calmedi_desktop.sync.targets.google import GoogleTarget, ensure_calendar
        from calmedi_desktop.sync.targets.google_auth import credentials_from_refresh_token

        token = self.token()
        client = self.client_config()
        config, endpoints = self.config, self.endpoints
        governor = self.governor(token)

        def build() -> GoogleTarget:
            creds = credentials_from_refresh_token(token, client)

            def ensure(calendar_id: str | None) -> str:
                name, zone = config.get("calendar.name"), config.get("sync.timezone")
                made = ensure_calendar(creds, endpoints, calendar_id, name, zone, governor=governor)
                if made != calendar_id:  # created with this name and Google's colour: restyle() adds ours
                    self.looks.record("google", made, Look(name, None))
                return self._keep_calendar_id(made)

            calendar_id = ensure(config.get("google.calendar_id"))
            return GoogleTarget(creds, endpoints, calendar_id, governor=governor, recreate=lambda: ensure(None))

        key = (account_key(token), client["installed"]["client_id"], endpoints.google_api)
        return self.live.kept(
            "google", key, build, still_valid=lambda kept: kept.calendar_id == config.get("google.calendar_id")
        )

    def restyle(self, target: Target) -> None:
        """Give CalMedi's calendar the name and colour of the settings if they changed since they were last
        applied to it (calendar_look.py); a failure is logged and tried again at the next run. The colour
        "Google's default" leaves the calendar's colour as it is: Google has no call to restore it."""
        from calmedi_desktop.sync.targets.google import GoogleTarget

        if not isinstance(target, GoogleTarget):
            return
        calendar_id = target.calendar_id
        wanted = Look.wanted(self.config)
        applied = done = self.looks.applied("google", calendar_id)
        try:  # each step that succeeds is recorded, even when the other fails
            if wanted.name != done.name:
                target.rename(wanted.name)
                done = Look(wanted.name, done.colour)
        except CalmediError:
            pass  # the one technical line is the Google boundary's
        try:
            if wanted.colour != done.colour:
                if wanted.colour is not None:
                    target.recolour(wanted.colour)
                done = Look(done.name, wanted.colour)
        except CalmediError:
            pass
        if done != applied:
            self.looks.record("google", calendar_id, done)

    def _keep_calendar_id(self, calendar_id: str) -> str:
        if calendar_id != self.config.get("google.calendar_id"):
            self.config.set("google.calendar_id", calendar_id, internal=True)
        return calendar_id

    def delete_calendar(self) -> bool:
        from calmedi_desktop.sync.targets.google import delete_calendar

        calendar_id = self.config.get("google.calendar_id")
        if not calendar_id:
            return True
        token = self.token()  # read once, as target() does
        delete_calendar(self.credentials(token), self.endpoints, calendar_id, governor=self.governor(token))
        self.live.forget("google")
        return True

    def explain_refusal(self, error: CalmediError) -> CalmediError:
        """``error``, or the Testing-mode explanation when Google refused the refresh (``invalid_grant``) of a
        sign-in about 7 days old made with the practitioner's own client (the bundled one is the vendor's,
        published). A sign-in that already worked beyond 7 days cannot be a Testing one: the plain error then."""
        facts = error.params
        if type(error) is not AuthExpiredError or (facts.get("command"), facts.get("reason")) != (
            "google",
            "invalid_grant",
        ):
            return error
        if self._client_config is not None or not (
            self.endpoints.google_client_file or self.config.get("google.client_file")
        ):
            return error
        state = self.state.load()
        signed_in = _moment((state.get("accounts") or {}).get("google", {}).get("connected_at"))
        if signed_in is None:
            return error
        age = self.clock() - signed_in
        last_success = _moment(state.get("last_success"))
        outlived = (
            last_success is not None and last_success > signed_in + TESTING_SIGN_IN_LIFETIME + TESTING_CLOCK_MARGIN
        )
        if age < TESTING_SIGN_IN_LIFETIME - TESTING_CLOCK_MARGIN or outlived:
            return error
        log.info(
            "google: sign-in refused after %.1f days on an own OAuth client (Testing status likely)",
            age / timedelta(days=1),
        )
        return GoogleTestingExpiredError(
            f"{error.technical} (own client, signed in {age.days} days ago)",
            service=error.params.get("service"),
            command="google",
            days=age.days,
        )

    def revoke(self) -> bool:
        from calmedi_desktop.sync.targets.google_auth import revoke_google_token

        token = self.store.get(credentials.GOOGLE)
        return True if not token else revoke_google_token(token, self.endpoints)


def _moment(text: Any) -> datetime | None:
    """A time the state file recorded (ISO 8601; naive means UTC), or None when absent or unreadable."""
    try:
        moment = datetime.fromisoformat(str(text)) if text else None
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment
