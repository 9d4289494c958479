"""Google's OAuth 2.0 endpoints for the simulator: authorisation (auto-consent), token, revoke.

Checks what CalMedi must get right against the real Google: the client id, a loopback ``http://127.0.0.1:PORT/``
redirect URI (RFC 8252), the narrow scope only, PKCE S256 (the verifier is checked at the token endpoint),
offline access. Refresh tokens can be revoked; revoked or unknown ones answer 400 ``invalid_grant``.

A client's publishing status is modelled too: while it is "testing", the refresh tokens issued expire 7 days later
(Google's rule for such clients; publishing the client does not extend tokens issued before). Token lifetimes are
measured on ``clock`` so that tests move time instead of waiting (a week later, the access token of the day of
the sign-in has long expired too).
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from calmedi_desktop.endpoints import GOOGLE_SCOPE

CLIENT_ID = "calmedi-sim.apps.googleusercontent.com"
CLIENT_SECRET = "calmedi-sim-secret"
LOOPBACK_REDIRECT_RE = re.compile(r"^http://127\.0\.0\.1:(\d{1,5})/$")
CHALLENGE_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")
INVALID_GRANT = {"error": "invalid_grant", "error_description": "Token has been expired or revoked."}
TESTING_REFRESH_LIFETIME = 7 * 24 * 3600  # seconds


@dataclass(frozen=True)
class Answer:
    """What an OAuth endpoint answers: a status, a JSON or HTML body, maybe a redirect."""

    status: int
    json: dict[str, Any] | None = None
    html: str | None = None
    location: str | None = None


@dataclass(frozen=True)
class _CodeGrant:
    client_id: str
    redirect_uri: str
    challenge: str
    scope: str
    offline: bool
    force_consent: bool


def _error_page(status: int, error: str, detail: str) -> Answer:
    text = f"<html><body><h1>Error {status}: {html.escape(error)}</h1><p>{html.escape(detail)}</p></body></html>"
    return Answer(status, html=text)


def _redirect(redirect_uri: str, params: dict[str, str]) -> Answer:
    return Answer(302, location=f"{redirect_uri}?{urlencode(params)}")


class OAuthState:
    def __init__(self, token_lifetime: int = 3600) -> None:
        self.token_lifetime = token_lifetime
        self.clients = {CLIENT_ID: CLIENT_SECRET}
        self.deny_next_consent = False
        self.pkce_verified = 0
        self._codes: dict[str, _CodeGrant] = {}
        self._refresh: dict[str, tuple[str, str]] = {}  # refresh token -> (client id, scope)
        self._access: dict[str, tuple[str | None, float]] = {}  # access token -> (refresh token, expiry)
        self._consented: set[str] = set()
        self.publishing_status = "production"  # or "testing"
        self.clock: Callable[[], float] = time.time  # seconds since the epoch: when tokens expire
        self._refresh_expiry: dict[str, float] = {}  # refresh token -> when it expires (testing clients)

    # -- authorisation endpoint -------------------------------------------------------------------------

    def authorize(self, query: dict[str, str]) -> Answer:
        client_id = query.get("client_id", "")
        if client_id not in self.clients:
            return _error_page(401, "invalid_client", "The OAuth client was not found.")
        redirect_uri = query.get("redirect_uri", "")
        if not LOOPBACK_REDIRECT_RE.match(redirect_uri):
            return _error_page(400, "redirect_uri_mismatch", "Desktop clients must redirect to http://127.0.0.1:PORT/.")
        if query.get("response_type") != "code":
            return _error_page(400, "unsupported_response_type", "response_type must be code.")
        scope = query.get("scope", "")
        if scope != GOOGLE_SCOPE:
            return _error_page(400, "invalid_scope", f"Only {GOOGLE_SCOPE} is allowed for this client.")
        challenge = query.get("code_challenge", "")
        if query.get("code_challenge_method") != "S256" or not CHALLENGE_RE.match(challenge):
            return _error_page(400, "invalid_request", "PKCE with code_challenge_method=S256 is required.")
        state = query.get("state", "")
        if self.deny_next_consent:
            self.deny_next_consent = False
            return _redirect(redirect_uri, {"error": "access_denied", "state": state})
        code = "4/sim-" + secrets.token_urlsafe(24)
        self._codes[code] = _CodeGrant(
            client_id=client_id,
            redirect_uri=redirect_uri,
            challenge=challenge,
            scope=scope,
            offline=query.get("access_type") == "offline",
            force_consent="consent" in query.get("prompt", "").split(),
        )
        return _redirect(redirect_uri, {"state": state, "code": code, "scope": scope})

    # -- token endpoint ---------------------------------------------------------------------------------

    def _client(self, form: dict[str, str], authorization: str | None) -> str | None:
        client_id, secret = form.get("client_id"), form.get("client_secret")
        if authorization and authorization.lower().startswith("basic "):
            try:
                decoded = base64.b64decode(authorization[6:].strip()).decode()
            except ValueError:
                return None
            client_id, _, secret = decoded.partition(":")
        if client_id is None or self.clients.get(client_id) != secret:
            return None
        return client_id

    def token(self, form: dict[str, str], authorization: str | None) -> Answer:
        client_id = self._client(form, authorization)
        if client_id is None:
            return Answer(401, {"error": "invalid_client", "error_description": "Unauthorized"})
        grant = form.get("grant_type")
        if grant == "authorization_code":
            return self._exchange_code(client_id, form)
        if grant == "refresh_token":
            refresh = form.get("refresh_token", "")
            owner = self._refresh.get(refresh)
            if owner is None or owner[0] != client_id:
                return Answer(400, INVALID_GRANT)
            if self.clock() >= self._refresh_expiry.get(refresh, float("inf")):
                return Answer(400, INVALID_GRANT)  # Google answers an expired one exactly as a revoked one
            return Answer(200, self._access_answer(refresh, owner[1]))
        return Answer(400, {"error": "unsupported_grant_type", "error_description": "Invalid grant_type."})

    def _exchange_code(self, client_id: str, form: dict[str, str]) -> Answer:
        grant = self._codes.pop(form.get("code", ""), None)
        invalid = {"error": "invalid_grant", "error_description": "Malformed auth code."}
        if grant is None or grant.client_id != client_id:
            return Answer(400, invalid)
        if form.get("redirect_uri") != grant.redirect_uri:
            return Answer(400, {"error": "redirect_uri_mismatch", "error_description": "Bad Request"})
        verifier = form.get("code_verifier", "")
        computed = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
        if not verifier or not secrets.compare_digest(computed, grant.challenge):
            return Answer(400, {"error": "invalid_grant", "error_description": "Invalid code verifier."})
        self.pkce_verified += 1
        refresh = None
        # Google sends a refresh token on the first consent only, unless prompt=consent forces a new one.
        if grant.offline and (grant.force_consent or client_id not in self._consented):
            refresh = self.issue_refresh_token(client_id, grant.scope)
        self._consented.add(client_id)
        answer = self._access_answer(refresh, grant.scope)
        if refresh:
            answer["refresh_token"] = refresh
        return Answer(200, answer)

    def _access_answer(self, refresh: str | None, scope: str) -> dict[str, Any]:
        access = "ya29.sim-" + secrets.token_urlsafe(24)
        self._access[access] = (refresh, self.clock() + self.token_lifetime)
        return {"access_token": access, "expires_in": self.token_lifetime, "scope": scope, "token_type": "Bearer"}

    def issue_refresh_token(self, client_id: str = CLIENT_ID, scope: str = GOOGLE_SCOPE) -> str:
        refresh = "1//sim-" + secrets.token_urlsafe(32)
        self._refresh[refresh] = (client_id, scope)
        if self.publishing_status == "testing":
            self._refresh_expiry[refresh] = self.clock() + TESTING_REFRESH_LIFETIME
        return refresh

    # -- revocation and bearer checks -------------------------------------------------------------------

    def revoke(self, token: str) -> bool:
        """Revoke a refresh token (and its access tokens) or an access token (and its refresh token)."""
        if token in self._refresh:
            refresh: str | None = token
        elif token in self._access:
            refresh = self._access.pop(token)[0]
        else:
            return False
        if refresh is not None:
            self._refresh.pop(refresh, None)
            for access in [a for a, (r, _) in self._access.items() if r == refresh]:
                del self._access[access]
        return True

    def revoke_answer(self, token: str) -> Answer:
        if self.revoke(token):
            return Answer(200, {})
        return Answer(400, {"error": "invalid_token", "error_description": "Token expired or revoked"})

    def bearer_valid(self, authorization: str | None) -> bool:
        if not authorization or not authorization.lower().startswith("bearer "):
            return False
        entry = self._access.get(authorization[7:].strip())
        return entry is not None and entry[1] > self.clock()

    def expire_access_tokens(self) -> None:
        """Make every access token expired now (tests of the refresh-on-401 path)."""
        self._access = {token: (refresh, 0.0) for token, (refresh, _) in self._access.items()}
