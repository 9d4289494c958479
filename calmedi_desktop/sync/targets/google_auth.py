"""Signing in to Google: the OAuth client, the loopback consent flow, credentials, revocation.

The vendor's real OAuth client cannot live in the repository: the bundled file is a marked placeholder, and
"bring your own client" (CALMEDI_GOOGLE_CLIENT_FILE, or a file chosen in the settings) is a supported path.
The flow uses PKCE (S256), offline access and ``prompt=consent`` (Google returns a refresh token on the first
consent only otherwise), with the narrow ``calendar.app.created`` scope and nothing else. Only the refresh
token leaves this module; the caller stores it in the keyring.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import webbrowser
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
import requests
from google.oauth2.credentials import Credentials
from google_auth_oauthlib.flow import InstalledAppFlow, WSGITimeoutError
from oauthlib.oauth2.rfc6749 import errors as oauth_errors

from calmedi_desktop.endpoints import GOOGLE_SCOPE, Endpoints, check_url, is_loopback_url
from calmedi_desktop.errors import AuthDeniedError, AuthTimeoutError, NetworkError, OAuthClientMissingError
from calmedi_desktop.i18n import tr

log = logging.getLogger(__name__)

PLACEHOLDER_MARK = "calmedi_placeholder"
_INSECURE_ENV = "OAUTHLIB_INSECURE_TRANSPORT"
_env_lock = threading.Lock()
REQUIRED_FIELDS = ("client_id", "client_secret", "auth_uri", "token_uri")


def _bundled_client() -> bytes:
    return resources.files("calmedi_desktop").joinpath("resources", "google_client.json").read_bytes()


def _parse_client(raw: bytes, origin: str) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise OAuthClientMissingError(f"{origin}: not JSON") from exc
    if not isinstance(data, dict) or data.get(PLACEHOLDER_MARK):
        raise OAuthClientMissingError(f"{origin}: placeholder client")
    client = data.get("installed")
    if not isinstance(client, dict):
        # A "web" client cannot use a loopback redirect on any port: only Desktop clients are supported.
        raise OAuthClientMissingError(f"{origin}: not an installed (Desktop app) client")
    if any(not isinstance(client.get(name), str) or not client[name] for name in REQUIRED_FIELDS):
        raise OAuthClientMissingError(f"{origin}: incomplete client")
    if "PLACEHOLDER" in client["client_id"].upper():
        raise OAuthClientMissingError(f"{origin}: placeholder client id")
    check_url(client["auth_uri"])
    check_url(client["token_uri"])
    return {"installed": dict(client)}


def load_client_config(endpoints: Endpoints, settings_client_file: str | None) -> dict[str, Any]:
    """The OAuth client: CALMEDI_GOOGLE_CLIENT_FILE, else the file chosen in the settings, else the bundled one.

    A placeholder, unreadable or malformed client raises OAuthClientMissingError (whose message explains
    how to bring one's own); an http:// endpoint that is not loopback raises InsecureURLError.
    """
    chosen = endpoints.google_client_file or settings_client_file
    if chosen:
        origin = "env" if endpoints.google_client_file else "settings"
        try:
            raw = Path(chosen).expanduser().read_bytes()
        except OSError as exc:
            raise OAuthClientMissingError(f"{origin}: {type(exc).__name__}") from exc
        return _parse_client(raw, origin)
    return _parse_client(_bundled_client(), "bundled")


@contextlib.contextmanager
def _insecure_transport_for(client: dict[str, Any]) -> Iterator[None]:
    """oauthlib refuses http:// endpoints; allow them only for loopback simulators, only for this flow."""
    urls = (client["auth_uri"], client["token_uri"])
    needed = any(url.startswith("http://") for url in urls) and all(
        url.startswith("https://") or is_loopback_url(url) for url in urls
    )
    if not needed:
        yield
        return
    with _env_lock:
        previous = os.environ.get(_INSECURE_ENV)
        os.environ[_INSECURE_ENV] = "1"
    try:
        yield
    finally:
        with _env_lock:
            if previous is None:
                os.environ.pop(_INSECURE_ENV, None)
            else:
                os.environ[_INSECURE_ENV] = previous


class _Flow(InstalledAppFlow):
    """Hands the authorisation URL to the caller instead of printing it, and opens the browser itself so
    that a machine without one still gets the URL (the library would raise webbrowser.Error)."""

    show_url: Callable[[str], None] = staticmethod(lambda url: None)  # type: ignore[assignment]
    open_browser: bool = False

    def authorization_url(self, **kwargs: Any) -> tuple[str, str]:
        url, state = super().authorization_url(**kwargs)
        self.show_url(url)
        if self.open_browser:
            try:
                webbrowser.open(url, new=1, autoraise=True)
            except webbrowser.Error:
                log.info("google: no browser could be opened; the URL was shown instead")
        return url, state

    def fetch_token(self, **kwargs: Any) -> Any:
        kwargs.setdefault("timeout", 30)
        return super().fetch_token(**kwargs)


def connect_google(
    client_config: dict[str, Any],
    *,
    open_browser: bool,
    show_url: Callable[[str], None],
    timeout: float = 300,
) -> str:
    """Run the consent flow on a loopback redirect and return the refresh token."""
    client = client_config["installed"]
    service = tr("service.google")
    flow = _Flow.from_client_config(client_config, scopes=[GOOGLE_SCOPE])
    flow.show_url = show_url
    flow.open_browser = open_browser
    with _insecure_transport_for(client):
        try:
            credentials = flow.run_local_server(
                host="127.0.0.1",
                port=0,
                open_browser=False,
                authorization_prompt_message=None,
                success_message=tr("oauth.page.done"),
                timeout_seconds=timeout,
                access_type="offline",
                prompt="consent",
            )
        except oauth_errors.AccessDeniedError as exc:
            raise AuthDeniedError(
                "google: access_denied", service=service, detail=tr("google.detail.access_denied")
            ) from exc
        except oauth_errors.OAuth2Error as exc:
            raise AuthDeniedError(f"google: {type(exc).__name__}", service=service, detail=exc.error) from exc
        except WSGITimeoutError as exc:
            raise AuthTimeoutError(
                "google: consent timed out", service=service, seconds=int(timeout), command="google"
            ) from exc
        except (OSError, requests.RequestException) as exc:
            raise NetworkError(f"google: {type(exc).__name__}", service=service, detail=type(exc).__name__) from exc
    refresh_token = getattr(credentials, "refresh_token", None)
    if not refresh_token:
        raise AuthDeniedError("google: no refresh token", service=service, detail=tr("google.detail.no_refresh_token"))
    log.info("google: connected")
    return str(refresh_token)


def credentials_from_refresh_token(refresh_token: str, client_config: dict[str, Any]) -> Credentials:
    """Credentials that obtain their access tokens on first use (nothing but the refresh token is stored)."""
    client = client_config["installed"]
    return Credentials(
        token=None,
        refresh_token=refresh_token,
        token_uri=client["token_uri"],
        client_id=client["client_id"],
        client_secret=client.get("client_secret"),
        scopes=[GOOGLE_SCOPE],
    )


def revoke_google_token(token: str, endpoints: Endpoints) -> bool:
    """Best effort: ask Google to revoke ``token``. False on any failure; never raises."""
    try:
        response = httpx.post(endpoints.google_revoke, data={"token": token}, timeout=10.0)
    except Exception as exc:
        log.info("google: revocation failed (%s)", type(exc).__name__)
        return False
    if response.status_code != 200:
        log.info("google: revocation answered HTTP %d", response.status_code)
        return False
    log.info("google: token revoked")
    return True
