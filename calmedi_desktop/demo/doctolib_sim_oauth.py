"""The simulated Doctolib sign-in: OIDC authorisation code with PKCE S256, rotating refresh tokens, revocation.

Stricter than many real servers on purpose (exact loopback redirect, exact S256 challenge, single-use codes,
rotation), so that a client passing against it is correct against a lenient one too.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

SCOPES = {"openid", "offline_access"}
CODE_LIFETIME = 120.0
_CHALLENGE_RE = re.compile(r"[A-Za-z0-9_-]{43}")
_VERIFIER_RE = re.compile(r"[A-Za-z0-9._~-]{43,128}")


@dataclass
class _Code:
    redirect_uri: str
    challenge: str
    expires: float
    grant: str


@dataclass
class OAuthAnswer:
    status: int
    body: dict[str, Any] | None = None
    location: str | None = None
    text: str | None = None


def _error(error: str, status: int = 400) -> OAuthAnswer:
    return OAuthAnswer(status, {"error": error})


def loopback_redirect(uri: str) -> bool:
    """RFC 8252 §7.3: an IP literal on loopback with a port; the contract's path is ``/``."""
    try:
        parts = urlsplit(uri)
        port = parts.port
    except ValueError:
        return False
    return (
        parts.scheme == "http"
        and parts.hostname in ("127.0.0.1", "::1")
        and port is not None
        and parts.path == "/"
        and not parts.query
        and not parts.fragment
    )


class TokenRegistry:
    def __init__(self, client_id: str, access_lifetime: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.client_id = client_id
        self.access_lifetime = access_lifetime
        self.clock = clock
        self.lock = threading.Lock()
        self.deny_next_consent = False
        self._codes: dict[str, _Code] = {}
        self._access: dict[str, tuple[float, str]] = {}  # token -> (expires, grant)
        self._refresh: dict[str, str] = {}  # live refresh token -> grant
        self.rotated: set[str] = set()  # refresh tokens that were valid once and were replaced

    # -- authorisation endpoint ------------------------------------------------------------------------------

    def authorize(self, query: dict[str, str]) -> OAuthAnswer:
        redirect_uri = query.get("redirect_uri", "")
        if query.get("client_id") != self.client_id:
            return OAuthAnswer(400, text="unknown client_id")
        if not loopback_redirect(redirect_uri):
            # Never redirect to an unverified URI: answer here instead.
            return OAuthAnswer(400, text="redirect_uri must be http://127.0.0.1:PORT/")
        state = query.get("state", "")

        def back(**params: str) -> OAuthAnswer:
            params = {**params, "state": state} if state else params
            return OAuthAnswer(302, location=f"{redirect_uri}?{urlencode(params)}")

        if query.get("response_type") != "code":
            return back(error="unsupported_response_type")
        if not set(query.get("scope", "").split()) >= SCOPES:
            return back(error="invalid_scope")
        if query.get("code_challenge_method") != "S256" or not _CHALLENGE_RE.fullmatch(query.get("code_challenge", "")):
            return back(error="invalid_request")
        with self.lock:
            if self.deny_next_consent:
                self.deny_next_consent = False
                return back(error="access_denied")
            code = secrets.token_urlsafe(24)
            self._codes[code] = _Code(
                redirect_uri, query["code_challenge"], self.clock() + CODE_LIFETIME, secrets.token_hex(8)
            )
        return back(code=code)

    # -- token endpoint --------------------------------------------------------------------------------------

    def _issue(self, grant: str) -> dict[str, Any]:
        access, refresh = "at-" + secrets.token_urlsafe(24), "rt-" + secrets.token_urlsafe(32)
        self._access[access] = (self.clock() + self.access_lifetime, grant)
        self._refresh[refresh] = grant
        return {
            "access_token": access,
            "refresh_token": refresh,
            "expires_in": self.access_lifetime,
            "token_type": "Bearer",
            "scope": "openid offline_access",
        }

    def token(self, form: dict[str, str]) -> OAuthAnswer:
        if form.get("client_id") != self.client_id:
            return _error("invalid_client", 401)
        grant_type = form.get("grant_type")
        with self.lock:
            if grant_type == "authorization_code":
                code = self._codes.pop(form.get("code", ""), None)  # single use, even when the rest is wrong
                verifier = form.get("code_verifier", "")
                if code is None or code.expires < self.clock() or code.redirect_uri != form.get("redirect_uri"):
                    return _error("invalid_grant")
                if not _VERIFIER_RE.fullmatch(verifier):
                    return _error("invalid_grant")
                digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=")
                if not secrets.compare_digest(digest.decode("ascii"), code.challenge):
                    return _error("invalid_grant")
                return OAuthAnswer(200, self._issue(code.grant))
            if grant_type == "refresh_token":
                old = form.get("refresh_token", "")
                grant = self._refresh.pop(old, None)
                if grant is None:
                    return _error("invalid_grant")
                self.rotated.add(old)
                return OAuthAnswer(200, self._issue(grant))
        return _error("unsupported_grant_type")

    def revoke(self, form: dict[str, str]) -> OAuthAnswer:
        if form.get("client_id") != self.client_id:
            return _error("invalid_client", 401)
        token = form.get("token", "")
        with self.lock:
            grant = self._refresh.pop(token, None)
            if grant is not None:
                # Revoking a refresh token ends the whole grant, its access tokens included.
                self._refresh = {t: g for t, g in self._refresh.items() if g != grant}
                self._access = {t: v for t, v in self._access.items() if v[1] != grant}
            self._access.pop(token, None)
        return OAuthAnswer(200, {})  # RFC 7009: unknown tokens are not an error

    # -- bearer check and test hooks -------------------------------------------------------------------------

    def access_ok(self, token: str) -> bool:
        with self.lock:
            entry = self._access.get(token)
            return entry is not None and entry[0] > self.clock()

    def expire_access_tokens(self) -> None:
        with self.lock:
            self._access = {t: (0.0, g) for t, (_e, g) in self._access.items()}

    def revoke_refresh_tokens(self) -> None:
        with self.lock:
            self.rotated.update(self._refresh)
            self._refresh.clear()

    def issue_refresh_token(self) -> str:
        with self.lock:
            return str(self._issue(secrets.token_hex(8))["refresh_token"])

    def live_refresh_tokens(self) -> set[str]:
        with self.lock:
            return set(self._refresh)
