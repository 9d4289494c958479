"""Remote endpoints, their environment overrides, and the https-only rule.

Plain ``http://`` is accepted only for loopback hosts (simulators, tests); every other URL must be https.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from urllib.parse import urlsplit

from calmedi_desktop.errors import InsecureURLError

GOOGLE_API_URL = "https://www.googleapis.com/"
GOOGLE_REVOKE_URL = "https://oauth2.googleapis.com/revoke"
DOCTOLIB_URL = "https://pro.doctolib.fr"
DOCTOLIB_ISSUER = "https://pro.doctolib.fr"
DOCTOLIB_CLIENT_ID = "calmedi-desktop"
LICENCE_URL = "https://licence.calmedi.io"
GOOGLE_SCOPE = "https://www.googleapis.com/auth/calendar.app.created"


def is_loopback_host(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_loopback_url(url: str) -> bool:
    return is_loopback_host(urlsplit(url).hostname)


def check_url(url: str) -> str:
    """Return ``url`` if it is https, or http on loopback; raise InsecureURLError otherwise."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return url
    if parts.scheme == "http" and is_loopback_host(parts.hostname):
        return url
    raise InsecureURLError(f"refused scheme {parts.scheme or '?'}", url=url)


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return check_url(value) if value else default


def _root(url: str) -> str:
    return url if url.endswith("/") else url + "/"


@dataclass(frozen=True)
class Endpoints:
    google_api: str
    google_revoke: str
    google_client_file: str | None
    doctolib_api: str
    doctolib_issuer: str
    doctolib_client_id: str
    licence: str

    @classmethod
    def from_env(cls) -> Endpoints:
        return cls(
            google_api=_root(_env("CALMEDI_GOOGLE_API_URL", GOOGLE_API_URL)),
            google_revoke=_env("CALMEDI_GOOGLE_REVOKE_URL", GOOGLE_REVOKE_URL),
            google_client_file=os.environ.get("CALMEDI_GOOGLE_CLIENT_FILE") or None,
            doctolib_api=_env("CALMEDI_DOCTOLIB_URL", DOCTOLIB_URL).rstrip("/"),
            doctolib_issuer=_env("CALMEDI_DOCTOLIB_ISSUER", DOCTOLIB_ISSUER).rstrip("/"),
            doctolib_client_id=os.environ.get("CALMEDI_DOCTOLIB_CLIENT_ID") or DOCTOLIB_CLIENT_ID,
            licence=_env("CALMEDI_LICENCE_URL", LICENCE_URL).rstrip("/"),
        )

    @property
    def calendar_api(self) -> str:
        return self.google_api + "calendar/v3/"

    @property
    def calendar_batch(self) -> str:
        return self.google_api + "batch/calendar/v3"
