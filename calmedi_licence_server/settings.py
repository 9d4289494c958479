"""Licence server settings, read once from the environment.

| variable | meaning | default |
|---|---|---|
| ``CALMEDI_LS_STRIPE_SECRET_KEY`` | Stripe secret (``sk_…``) or restricted (``rk_…``) key | required |
| ``CALMEDI_LS_STRIPE_API_BASE`` | Stripe API base (tests point it at localstripe) | ``https://api.stripe.com`` |
| ``CALMEDI_LS_SIGNING_KEY_FILE`` | Ed25519 private key (PEM, PKCS#8) that signs tokens | required |
| ``CALMEDI_LS_KEY_SECRET`` or ``CALMEDI_LS_KEY_SECRET_FILE`` | secret that makes licence keys unforgeable | required |
| ``CALMEDI_LS_TOKEN_DAYS`` | token lifetime in days | ``7`` |
| ``CALMEDI_LS_HOST`` / ``CALMEDI_LS_PORT`` | listen address | ``127.0.0.1`` / ``8750`` |
| ``CALMEDI_LS_MANAGE_URL`` | where a practitioner manages billing (e.g. the Stripe customer-portal login link) | none |
| ``CALMEDI_LS_RATE_LIMIT`` | requests allowed per licence key, as ``count/seconds`` | ``10/60`` |
| ``CALMEDI_LS_STRIPE_TIMEOUT`` / ``_RETRIES`` | Stripe call timeout (s) and network retries | ``10`` / ``1`` |

Plain ``http://`` is accepted for the Stripe API base and the manage URL only on loopback, as in the app.
The default host is loopback: put the server behind a TLS-terminating reverse proxy to expose it.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from calmedi_desktop.endpoints import is_loopback_host

log = logging.getLogger(__name__)

STRIPE_API_BASE = "https://api.stripe.com"
MIN_KEY_SECRET_BYTES = 32


class SettingsError(ValueError):
    """A setting is missing or wrong; the message names the variable and what to do."""


def check_url(name: str, url: str) -> str:
    parts = urlsplit(url)
    if parts.hostname and (parts.scheme == "https" or (parts.scheme == "http" and is_loopback_host(parts.hostname))):
        return url.rstrip("/")
    raise SettingsError(f"{name} must be an https:// URL (http:// only for loopback), got {url!r}")


def load_signing_key(path: Path) -> Ed25519PrivateKey:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SettingsError(f"cannot read the signing key file {path}: {exc.strerror}") from exc
    if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        log.warning("signing key file %s is readable by other users; chmod 600 it", path)
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except ValueError as exc:
        raise SettingsError(f"{path} is not an unencrypted PEM private key") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise SettingsError(f"{path} holds a {type(key).__name__}, not an Ed25519 private key")
    return key


def _int(env: Mapping[str, str], name: str, default: int, minimum: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}, got {value}")
    return value


def _rate_limit(raw: str) -> tuple[int, float]:
    count, sep, window = raw.partition("/")
    try:
        parsed = (int(count), float(window)) if sep else (0, 0.0)
    except ValueError:
        parsed = (0, 0.0)
    if parsed[0] < 1 or parsed[1] <= 0:
        raise SettingsError(f"CALMEDI_LS_RATE_LIMIT must look like 10/60 (requests/seconds), got {raw!r}")
    return parsed


def _key_secret(env: Mapping[str, str]) -> bytes:
    if path := env.get("CALMEDI_LS_KEY_SECRET_FILE", "").strip():
        try:
            secret = Path(path).read_bytes().strip()
        except OSError as exc:
            raise SettingsError(f"cannot read CALMEDI_LS_KEY_SECRET_FILE {path}: {exc.strerror}") from exc
    else:
        secret = env.get("CALMEDI_LS_KEY_SECRET", "").strip().encode("utf-8")
    if len(secret) < MIN_KEY_SECRET_BYTES:
        raise SettingsError(
            f"the licence-key secret (CALMEDI_LS_KEY_SECRET or CALMEDI_LS_KEY_SECRET_FILE) must be at least "
            f"{MIN_KEY_SECRET_BYTES} bytes; generate one with: python -c 'import secrets; print(secrets.token_hex(32))'"
        )
    return secret


def key_secret_from_env(env: Mapping[str, str] | None = None) -> bytes:
    """Only the licence-key secret: what ``issue-key`` needs, without Stripe or the signing key."""
    return _key_secret(os.environ if env is None else env)


@dataclass(frozen=True)
class ServerSettings:
    stripe_secret_key: str = field(repr=False)
    signing_key: Ed25519PrivateKey = field(repr=False)
    key_secret: bytes = field(repr=False)
    stripe_api_base: str = STRIPE_API_BASE
    token_lifetime: timedelta = timedelta(days=7)
    host: str = "127.0.0.1"
    port: int = 8750
    manage_url: str | None = None
    rate_limit: int = 10
    rate_window_s: float = 60.0
    stripe_timeout_s: float = 10.0
    stripe_retries: int = 1

    def __post_init__(self) -> None:
        if not self.stripe_secret_key.startswith(("sk_", "rk_")):
            raise SettingsError("the Stripe key must be a secret (sk_…) or restricted (rk_…) key")
        if len(self.key_secret) < MIN_KEY_SECRET_BYTES:
            raise SettingsError(f"the licence-key secret must be at least {MIN_KEY_SECRET_BYTES} bytes")
        check_url("stripe_api_base", self.stripe_api_base)
        if self.manage_url is not None:
            check_url("manage_url", self.manage_url)
        if self.token_lifetime <= timedelta(0):
            raise SettingsError("the token lifetime must be positive")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ServerSettings:
        env = os.environ if env is None else env
        stripe_key = env.get("CALMEDI_LS_STRIPE_SECRET_KEY", "").strip()
        if not stripe_key:
            raise SettingsError("CALMEDI_LS_STRIPE_SECRET_KEY is not set (the Stripe secret or restricted key)")
        key_file = env.get("CALMEDI_LS_SIGNING_KEY_FILE", "").strip()
        if not key_file:
            raise SettingsError(
                "CALMEDI_LS_SIGNING_KEY_FILE is not set; create a key with "
                "`calmedi-licence-server generate-signing-key --out PATH`"
            )
        count, window = _rate_limit(env.get("CALMEDI_LS_RATE_LIMIT", "").strip() or "10/60")
        manage = env.get("CALMEDI_LS_MANAGE_URL", "").strip() or None
        return cls(
            stripe_secret_key=stripe_key,
            signing_key=load_signing_key(Path(key_file)),
            key_secret=_key_secret(env),
            stripe_api_base=check_url(
                "CALMEDI_LS_STRIPE_API_BASE", env.get("CALMEDI_LS_STRIPE_API_BASE", "").strip() or STRIPE_API_BASE
            ),
            token_lifetime=timedelta(days=_int(env, "CALMEDI_LS_TOKEN_DAYS", 7, 1)),
            host=env.get("CALMEDI_LS_HOST", "").strip() or "127.0.0.1",
            port=_int(env, "CALMEDI_LS_PORT", 8750, 0),
            manage_url=check_url("CALMEDI_LS_MANAGE_URL", manage) if manage else None,
            rate_limit=count,
            rate_window_s=window,
            stripe_timeout_s=float(_int(env, "CALMEDI_LS_STRIPE_TIMEOUT", 10, 1)),
            stripe_retries=_int(env, "CALMEDI_LS_STRIPE_RETRIES", 1, 0),
        )
