"""Signing in to Doctolib (OIDC authorisation code + PKCE S256) and keeping a fresh access token.

Only the refresh token is stored, in the keyring. Doctolib rotates refresh tokens: the old one dies when a new
one is issued, so the new one is written to the keyring before the access token that came with it is used or
returned. If the keyring refuses that write, the new token is kept in memory and the write retried first thing
on the next call, rather than lost. Access tokens live in memory only. Refreshes are serialised: several
workers that see a 401 at once cause one refresh, not a race of rotations that would end the grant.

Also home to ``exchange``, the one bounded HTTP exchange both this module and the source use.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import logging
import secrets
import ssl
import threading
import time
import webbrowser
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from calmedi_desktop import credentials
from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.endpoints import Endpoints, check_url
from calmedi_desktop.errors import (
    AuthDeniedError,
    AuthExpiredError,
    AuthTimeoutError,
    CalmediError,
    NetworkError,
    NotConnectedError,
    SourceDataError,
    SourceError,
)
from calmedi_desktop.oauth_loopback import LoopbackReceiver
from calmedi_desktop.sync.retry import Retryable, RetryPolicy, call_with_retry, parse_retry_after
from calmedi_desktop.sync.sources import doctolib_api as api
from calmedi_desktop.sync.sources.host_gate import HostGate, PausingSleep

log = logging.getLogger(__name__)

AUTH_RESPONSE_LIMIT = 1_000_000
AUTH_POLICY = RetryPolicy(attempts=3)
EXPIRY_MARGIN = 60.0
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)


@functools.cache
def _tls_context() -> ssl.SSLContext:
    # Building a context reads the whole CA bundle; one per process is enough.
    return httpx.create_ssl_context()


def new_http_client() -> httpx.Client:
    # Redirects are not followed: an API that redirects is not speaking the contract.
    return httpx.Client(
        verify=_tls_context(), timeout=DEFAULT_TIMEOUT, follow_redirects=False, headers={"Accept": "application/json"}
    )


@dataclass(frozen=True)
class Answer:
    status: int
    payload: Any
    retry_after: float | None


def _read_capped(response: httpx.Response, limit: int, what: str) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise api.bad(what, f"response over {limit} bytes")
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > limit:
            raise api.bad(what, f"response over {limit} bytes")
    return bytes(body)


def exchange(
    http: httpx.Client,
    method: str,
    url: str,
    *,
    what: str,
    limit: int,
    params: Mapping[str, str] | None = None,
    data: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Answer:
    """One request. A 200 body must be JSON within ``limit`` bytes; other bodies are parsed if they can be.

    Transport errors (including a body cut short) propagate as httpx.TransportError for the caller to retry.
    """
    with http.stream(method, url, params=params, data=data, headers=headers) as response:
        status = response.status_code
        body = _read_capped(response, limit, what)
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        if status == 200:
            raise api.bad(what, "malformed or truncated JSON") from None
        payload = None
    return Answer(status, payload, retry_after)


def network_error(exc: BaseException) -> NetworkError:
    return NetworkError(f"doctolib: {type(exc).__name__}", service=api.SERVICE, detail=type(exc).__name__)


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(64)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=")
    return verifier, challenge.decode("ascii")


class DoctolibAuth:
    def __init__(
        self,
        endpoints: Endpoints,
        store: CredentialStore,
        http: httpx.Client | None = None,
        *,
        policy: RetryPolicy = AUTH_POLICY,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        open_url: Callable[[str], object] = webbrowser.open,
    ) -> None:
        self._issuer = check_url(endpoints.doctolib_issuer)
        self._client_id = endpoints.doctolib_client_id
        self._store = store
        self._owns_http = http is None
        self._http = http or new_http_client()
        self._policy = policy
        self._sleep = sleep
        self._clock = clock
        self._open_url = open_url
        self._lock = threading.RLock()
        self._config: api.OidcConfig | None = None
        self._access: str | None = None
        self._expires = 0.0
        self._unsaved_refresh: str | None = None
        self.gate: HostGate | None = None  # shared with the agenda reads once a source uses this sign-in

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    @property
    def connected(self) -> bool:
        """A refresh token is stored (it may still have been revoked remotely)."""
        return self._unsaved_refresh is not None or self._store.get(credentials.DOCTOLIB) is not None

    # -- HTTP ------------------------------------------------------------------------------------------------

    def _call(self, method: str, url: str, what: str, data: Mapping[str, str] | None = None) -> Answer:
        gate = self.gate
        sleep = PausingSleep(gate, self._sleep)  # a pause told to the sign-in pauses the agenda reads too

        def attempt() -> Answer:
            if gate is not None:
                gate.wait(self._sleep)
            try:
                answer = exchange(self._http, method, url, what=what, limit=AUTH_RESPONSE_LIMIT, data=data)
            except httpx.TransportError as exc:
                raise Retryable(network_error(exc)) from exc
            if answer.status in api.RETRY_STATUSES:
                sleep.answered(answer.status, answer.retry_after)
                detail = f"{what}: HTTP {answer.status}"
                raise Retryable(
                    NetworkError(f"doctolib: {detail}", service=api.SERVICE, detail=detail), answer.retry_after
                )
            return answer

        return call_with_retry(attempt, self._policy, sleep)

    def _discover(self) -> api.OidcConfig:
        with self._lock:
            if self._config is None:
                answer = self._call("GET", api.discovery_url(self._issuer), "openid-configuration")
                if answer.status != 200:
                    detail = f"openid-configuration: HTTP {answer.status}"
                    raise SourceError(f"doctolib: {detail}", service=api.SERVICE, detail=detail)
                self._config = api.parse_discovery(answer.payload)
            return self._config

    def _token_request(self, form: dict[str, str]) -> api.Tokens:
        answer = self._call("POST", self._discover().token_endpoint, "token", form)
        if answer.status == 200:
            return api.parse_tokens(answer.payload)
        error = api.token_error(answer.payload)
        if error == api.INVALID_GRANT:
            raise AuthExpiredError("doctolib: invalid_grant", service=api.SERVICE, command=api.COMMAND)
        name = api.safe_name(error) if error else f"HTTP {answer.status}"
        raise SourceError(f"doctolib: token {answer.status} {name}", service=api.SERVICE, detail=f"token: {name}")

    # -- sign-in ---------------------------------------------------------------------------------------------

    def connect(
        self,
        *,
        open_browser: bool,
        show_url: Callable[[str], None],
        timeout: float = 300,
        cancel: threading.Event | None = None,
    ) -> None:
        """Run the browser sign-in; on success only the refresh token is stored. ``show_url`` always gets the URL."""
        with self._lock:
            self._config = None  # a sign-in re-reads the issuer's configuration
        config = self._discover()
        verifier, challenge = pkce_pair()
        state = secrets.token_urlsafe(24)
        with LoopbackReceiver(state) as receiver:
            redirect_uri = receiver.redirect_uri
            url = api.authorization_url(config, self._client_id, redirect_uri, state, challenge)
            show_url(url)
            if open_browser:
                try:
                    self._open_url(url)
                except Exception as exc:  # the URL was shown; a missing browser is not fatal
                    log.warning("doctolib: could not open a browser (%s)", type(exc).__name__)
            try:
                params = receiver.wait(timeout, cancel)
            except TimeoutError:
                raise AuthTimeoutError(
                    "doctolib: sign-in timed out",
                    service=api.SERVICE,
                    command=api.COMMAND,
                    seconds=max(1, round(timeout)),
                ) from None
        if params is None:
            raise AuthDeniedError("doctolib: sign-in cancelled", service=api.SERVICE, detail="cancelled")
        if api.CALLBACK_ERROR in params:
            error = api.safe_name(params[api.CALLBACK_ERROR])
            raise AuthDeniedError(f"doctolib: authorisation {error}", service=api.SERVICE, detail=error)
        code = params.get(api.CALLBACK_CODE, "")
        tokens = self._token_request(api.code_form(code, redirect_uri, self._client_id, verifier))
        if tokens.refresh_token is None:
            raise SourceDataError("doctolib: no refresh_token", service=api.SERVICE, detail="token.refresh_token")
        with self._lock:
            self._store.set(credentials.DOCTOLIB, tokens.refresh_token)
            self._unsaved_refresh = None
            self._remember(tokens)
        log.info("doctolib: connected")

    def _remember(self, tokens: api.Tokens) -> None:
        self._access = tokens.access_token
        # Refresh a little early, so that a token never expires between the check and its use.
        self._expires = self._clock() + tokens.expires_in - min(EXPIRY_MARGIN, tokens.expires_in / 2)

    # -- access tokens ---------------------------------------------------------------------------------------

    def access_token(self, force_refresh: bool = False, *, rejected: str | None = None) -> str:
        """A valid access token. ``rejected``: the token a 401 refused, so that concurrent callers refresh once."""
        with self._lock:
            current = self._access
            if force_refresh and rejected is not None and current is not None and current != rejected:
                return current  # another worker already refreshed after the same 401
            if not force_refresh and current is not None and self._clock() < self._expires:
                return current
            self._access = None
            refresh = self._saved_refresh_token()
            tokens = self._token_request(api.refresh_form(refresh, self._client_id))
            if tokens.refresh_token is not None and tokens.refresh_token != refresh:
                self._unsaved_refresh = tokens.refresh_token
                self._store.set(credentials.DOCTOLIB, tokens.refresh_token)  # before the access token is used
                self._unsaved_refresh = None
            self._remember(tokens)
            log.debug("doctolib: access token refreshed")
            return tokens.access_token

    def _saved_refresh_token(self) -> str:
        if self._unsaved_refresh is not None:
            # The last rotation could not be stored: store it now, it is the only live one.
            self._store.set(credentials.DOCTOLIB, self._unsaved_refresh)
            self._unsaved_refresh = None
        refresh = self._store.get(credentials.DOCTOLIB)
        if not refresh:
            raise NotConnectedError("doctolib: no refresh token", service=api.SERVICE, command=api.COMMAND)
        return refresh

    # -- sign-out --------------------------------------------------------------------------------------------

    def revoke(self) -> bool:
        """Best effort: ask Doctolib to revoke the stored grant. True if it confirmed (or nothing was stored).

        Never raises and never touches the keyring entry: the caller deletes it, so that a failed remote step
        can be reported on its own.
        """
        with self._lock:
            access, self._access = self._access, None
        try:
            token = self._unsaved_refresh or self._store.get(credentials.DOCTOLIB) or access
            if not token:
                return True
            url = self._discover().revocation_endpoint
            answer = self._call("POST", url, "revocation", api.revoke_form(token, self._client_id))
        except (CalmediError, httpx.HTTPError) as exc:
            log.warning("doctolib: revocation not done (%s)", type(exc).__name__)
            return False
        except Exception as exc:  # never raise from a sign-out path
            log.warning("doctolib: revocation not done (%s)", type(exc).__name__)
            return False
        if answer.status != 200:
            log.warning("doctolib: revocation answered HTTP %d", answer.status)
        return answer.status == 200

    def disconnect(self) -> bool:
        """Revoke remotely (best effort), then forget the refresh token locally. Returns the remote outcome."""
        remote = self.revoke()
        with self._lock:
            self._unsaved_refresh = None
            self._store.delete(credentials.DOCTOLIB)
        return remote
