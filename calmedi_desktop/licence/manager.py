"""LicenceManager: activation, refresh and offline status of the licence (the app side of the licence server).

Storage split: the licence key is a secret and lives only in the keyring (``credentials.LICENCE``); the
signed token (not a secret) and a few timestamps live in the state file under ``licence_*`` keys. The only
things sent to the licence server are the key and, when the practitioner decides, a marketing-consent record.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from calmedi_desktop import __version__
from calmedi_desktop.config import StateFile
from calmedi_desktop.credentials import LICENCE, CredentialStore
from calmedi_desktop.endpoints import check_url, is_loopback_url
from calmedi_desktop.errors import CalmediError, DiskError, LicenceError, LicenceRequiredError, NetworkError
from calmedi_desktop.i18n import tr
from calmedi_desktop.licence.status import CLOCK_TOLERANCE, LicenceStatus, StoredLicence, evaluate, text
from calmedi_desktop.licence.tokens import (
    PUBLIC_KEY_ENV,
    LicenceToken,
    TokenError,
    load_public_key,
    override_public_key_file,
    shipped_public_key,
    verify_token,
)

log = logging.getLogger(__name__)

REFRESH_EVERY = timedelta(hours=12)
RETRY_AFTER_FAILURE = timedelta(minutes=30)
MAX_KEY_CHARS = 200
# Writing the "latest time seen" on every status() call would rewrite the state file for nothing.
_SEEN_RESOLUTION = timedelta(minutes=1)

K_TOKEN = "licence_token"
K_TRIAL = "licence_trial_started_at"
K_SEEN = "licence_last_seen_at"
K_REFRESH = "licence_last_refresh_at"
K_ATTEMPT = "licence_last_attempt_at"
K_ERROR = "licence_last_error"
K_REFUSED = "licence_refused_at"
K_KEY_STORED = "licence_key_stored"
# What deactivate() forgets. The trial start and the clock floor stay, so that forgetting a key never
# restarts a trial; erasing the state file (privacy erase) removes them too.
_ACTIVATION_KEYS = (K_TOKEN, K_REFRESH, K_ATTEMPT, K_ERROR, K_REFUSED, K_KEY_STORED)


def _say(name: str, **params: object) -> str:
    return tr(f"licence.extra.{name}", **params)


class LicenceKeyRefusedError(LicenceError):
    """The licence server does not know this key (or it is not a key at all). Nothing was stored."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat()


def _parse(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


class LicenceManager:
    """Licence state for one installation. Thread-safe; every method is quick except the two network calls.

    ``public_key`` overrides the shipped vendor key (tests). The environment variable
    ``CALMEDI_LICENCE_PUBLIC_KEY_FILE`` does the same, but only when ``base_url`` is a loopback address: a
    test or demo licence server on this machine. It is ignored (with a warning) for any other server, so that
    nobody can point the app at a server of their own and bring the matching key.
    """

    def __init__(
        self,
        store: CredentialStore,
        state: StateFile,
        base_url: str,
        *,
        public_key: Ed25519PublicKey | None = None,
        clock: Callable[[], datetime] = _utc_now,
        http: httpx.Client | None = None,
    ) -> None:
        self.base_url = check_url(base_url).rstrip("/")
        self._store = store
        self._state = state
        self._clock = clock
        self._own_http = http is None
        self._http = http or httpx.Client(
            timeout=httpx.Timeout(10.0, connect=5.0),
            headers={"User-Agent": f"CalMedi-Desktop/{__version__}"},
        )
        self._lock = threading.RLock()
        self.public_key = public_key or self._resolve_public_key()

    def _resolve_public_key(self) -> Ed25519PublicKey:
        path = override_public_key_file()
        if path is None:
            return shipped_public_key()
        if not is_loopback_url(self.base_url):
            log.warning("%s ignored: the licence server is not on this machine", PUBLIC_KEY_ENV)
            return shipped_public_key()
        try:
            return load_public_key(path.read_bytes())
        except (OSError, ValueError) as exc:
            raise LicenceError(f"{PUBLIC_KEY_ENV}: {type(exc).__name__}", detail=f"{PUBLIC_KEY_ENV}: {exc}") from exc

    def close(self) -> None:
        if self._own_http:
            self._http.close()

    # -- time -------------------------------------------------------------------------------------------

    def _now(self) -> datetime:
        now = self._clock()
        return now if now.tzinfo else now.replace(tzinfo=UTC)

    # -- status -----------------------------------------------------------------------------------------

    def _facts(self, data: dict[str, Any]) -> StoredLicence:
        return StoredLicence(
            token=data.get(K_TOKEN) if isinstance(data.get(K_TOKEN), str) else None,
            trial_started_at=_parse(data.get(K_TRIAL)),
            last_seen_at=_parse(data.get(K_SEEN)),
            last_refresh_at=_parse(data.get(K_REFRESH)),
            refused=bool(data.get(K_REFUSED)),
        )

    def _evaluate(self, *, persist: bool) -> LicenceStatus:
        with self._lock:
            data = self._state.load()
            now = self._now()
            facts = self._facts(data)
            changes: dict[str, Any] = {}
            if facts.trial_started_at is None:
                facts = replace(facts, trial_started_at=now)
                changes[K_TRIAL] = _iso(now)
            result = evaluate(facts, now, self.public_key)
            if facts.last_seen_at is None or now >= facts.last_seen_at + _SEEN_RESOLUTION:
                changes[K_SEEN] = _iso(now)
            if persist and changes:
                try:
                    self._state.update(**changes)
                except DiskError as exc:
                    log.warning("licence: could not record times in the state file (%s)", exc.technical)
            return result

    def status(self) -> LicenceStatus:
        """Offline: verifies the stored token with the public key every time. Records first use."""
        return self._evaluate(persist=True)

    def require_sync(self) -> LicenceStatus:
        """The status if it allows syncing; LicenceRequiredError (with the reason in words) otherwise."""
        current = self.status()
        if not current.sync_allowed:
            raise LicenceRequiredError(current.reason, detail=current.short or current.reason)
        return current

    # -- network ----------------------------------------------------------------------------------------

    def _post(self, path: str, body: dict[str, Any]) -> httpx.Response:
        try:
            return self._http.post(self.base_url + path, json=body)
        except httpx.HTTPError as exc:
            raise NetworkError(type(exc).__name__, service=tr("service.licence"), detail=type(exc).__name__) from exc

    def _token_from(self, response: httpx.Response) -> tuple[str, LicenceToken]:
        try:
            raw = response.json().get("token")
            return raw, verify_token(raw, self.public_key)
        except (ValueError, AttributeError, TokenError) as exc:
            reason = exc.reason if isinstance(exc, TokenError) else "bad json"
            raise LicenceError(f"server token rejected: {reason}", detail=_say("bad_answer")) from None

    def _token_changes(self, raw: str, token: LicenceToken, now: datetime) -> dict[str, Any]:
        """The state changes that keep a new token; LicenceError if it must not replace the stored one."""
        data = self._state.load()
        previous: LicenceToken | None = None
        with contextlib.suppress(TokenError):
            previous = verify_token(data[K_TOKEN], self.public_key) if isinstance(data.get(K_TOKEN), str) else None
        if previous is not None and token.issued_at < previous.issued_at:
            # A genuine answer is never older than the one already kept: this is a replay.
            raise LicenceError("stale token (older than the stored one)", detail=_say("bad_answer"))
        changes: dict[str, Any] = {
            K_TOKEN: raw,
            K_REFRESH: _iso(now),
            K_ATTEMPT: _iso(now),
            K_ERROR: None,
            K_REFUSED: None,
            K_KEY_STORED: True,
        }
        if abs(now - token.issued_at) <= CLOCK_TOLERANCE:
            # A fresh, signed issue time agreeing with our clock proves the clock right: forget a floor left
            # by a clock that once ran ahead, so it cannot lock the practitioner out until that date.
            changes[K_SEEN] = _iso(now)
            trial = _parse(data.get(K_TRIAL))
            if trial is not None and trial > now:
                changes[K_TRIAL] = _iso(now)
        return changes

    def activate(self, key: str) -> LicenceStatus:
        """Ask the server about ``key``; keep it (keyring) and its token (state) only once it was accepted.

        Raises LicenceKeyRefusedError (unknown or malformed key), NetworkError (server or billing
        unreachable), LicenceError (rate limited, or an answer that does not verify); nothing is stored then.
        A genuine key whose subscription has ended is stored, and the returned status says ``expired``.
        """
        key = key.strip()
        if not key or len(key) > MAX_KEY_CHARS or not key.isprintable():
            raise LicenceKeyRefusedError("malformed key", detail=_say("key_format"))
        response = self._post("/v1/licence/refresh", {"key": key})
        if response.status_code == 401:
            raise LicenceKeyRefusedError("server: 401", detail=text("refused"))
        if response.status_code == 429:
            seconds = response.headers.get("Retry-After", "60")
            raise LicenceError("server: 429", detail=_say("rate_limited", seconds=seconds))
        if response.status_code == 503:
            raise NetworkError("server: 503", service=tr("service.licence"), detail=_say("stripe_down"))
        if response.status_code != 200:
            raise NetworkError(
                f"server: HTTP {response.status_code}", service=tr("service.licence"), detail=response.status_code
            )
        raw, token = self._token_from(response)
        with self._lock:
            changes = self._token_changes(raw, token, self._now())
            self._store.set(LICENCE, key)
            self._state.update(**changes)
        log.info("licence activated: %s", token.status)
        return self.status()

    def refresh(self) -> LicenceStatus:
        """Renew the token. Any failure to reach the server keeps the last token (then grace) and is recorded.

        Without a stored key this is ``status()``. The server refusing the key (401) makes the licence invalid.
        Keyring errors propagate (the practitioner must unlock it).
        """
        key = self._store.get(LICENCE)
        if not key:
            return self.status()
        with self._lock:
            now = self._now()
            self._state.update(**{K_ATTEMPT: _iso(now)})
            try:
                response = self._post("/v1/licence/refresh", {"key": key})
            except NetworkError as exc:
                return self._failed(exc.technical)
            if response.status_code == 401:
                self._state.update(**{K_TOKEN: None, K_REFUSED: _iso(now), K_ERROR: "key refused (401)"})
                log.warning("licence: the server refused the stored key")
                return self.status()
            if response.status_code != 200:
                return self._failed(f"HTTP {response.status_code}")
            try:
                raw, token = self._token_from(response)
                self._state.update(**self._token_changes(raw, token, now))
            except LicenceError as exc:
                return self._failed(exc.technical)
        log.info("licence refreshed: %s", token.status)
        return self.status()

    def _failed(self, technical: str) -> LicenceStatus:
        log.info("licence refresh failed (%s); keeping the last token", technical)
        self._state.update(**{K_ERROR: technical})
        return self.status()

    def due_for_refresh(self) -> bool:
        """True twice a day while a key is stored, backing off 30 minutes after a failed attempt."""
        data = self._state.load()
        if not data.get(K_KEY_STORED):
            return False
        now = self._now()
        last_ok, last_try = _parse(data.get(K_REFRESH)), _parse(data.get(K_ATTEMPT))
        # abs(): a timestamp in the future means the clock moved, and then refreshing is the right thing.
        if last_try is not None and abs(now - last_try) < RETRY_AFTER_FAILURE:
            return False
        return last_ok is None or last_ok > now or now - last_ok >= REFRESH_EVERY

    def send_consent(self, granted: bool, policy_version: str, at: datetime) -> bool:
        """Best effort: record marketing consent on the vendor's customer record. False if it was not."""
        try:
            key = self._store.get(LICENCE)
        except CalmediError as exc:
            log.info("consent not sent: keyring (%s)", type(exc).__name__)
            return False
        if not key:
            return False
        when = at if at.tzinfo else at.replace(tzinfo=UTC)
        body = {"key": key, "granted": bool(granted), "policy_version": policy_version, "at": when.isoformat()}
        try:
            response = self._post("/v1/consent", body)
        except NetworkError as exc:
            log.info("consent not sent: %s", exc.technical)
            return False
        if response.status_code != 200:
            log.info("consent not recorded: HTTP %s", response.status_code)
        return response.status_code == 200

    # -- privacy ----------------------------------------------------------------------------------------

    def deactivate(self) -> None:
        """Forget the key (keyring) and the token (state). Idempotent; never touches the network."""
        with self._lock:
            if any(k in self._state.load() for k in _ACTIVATION_KEYS):
                self._state.update(**dict.fromkeys(_ACTIVATION_KEYS))
            self._store.delete(LICENCE)

    def export_data(self) -> dict[str, Any]:
        """What the licence part holds, for the GDPR export: status, plan, dates. Never the key or the token.

        Read-only: exporting after an erase must not create a state file again.
        """
        current = self._evaluate(persist=False)
        data = self._state.load()
        token: LicenceToken | None = None
        with contextlib.suppress(TokenError):
            token = verify_token(data[K_TOKEN], self.public_key) if isinstance(data.get(K_TOKEN), str) else None
        return {
            "state": current.state,
            "sync_allowed": current.sync_allowed,
            "message": current.message,
            "plan": current.plan,
            "subscription_status": current.subscription_status,
            "customer": current.customer,
            "valid_until": current.valid_until.isoformat() if current.valid_until else None,
            "days_left": current.days_left,
            "key_stored": bool(data.get(K_KEY_STORED)),
            "trial_started_at": data.get(K_TRIAL),
            "last_refresh_at": data.get(K_REFRESH),
            "last_refresh_attempt_at": data.get(K_ATTEMPT),
            "token_issued_at": token.issued_at.isoformat() if token else None,
            "token_expires_at": token.expires_at.isoformat() if token else None,
        }
