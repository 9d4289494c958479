"""Offline verification of licence tokens with the vendor's Ed25519 public key.

Token format (contract with ``calmedi_licence_server/tokens.py``; the app never imports the server)::

    CMT1.<base64url(payload JSON)>.<base64url(Ed25519 signature over "CMT1.<payload part>")>

The payload carries the customer, plan, Stripe subscription status, ``issued_at``/``expires_at`` (Unix
seconds) and a billing link. Nothing in it is trusted before the signature checks out, and a token that
verifies but does not have the expected shape is refused as well.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from calmedi_desktop.endpoints import check_url

TOKEN_PREFIX = "CMT1"
PAYLOAD_VERSION = 1
MAX_TOKEN_CHARS = 4096
PUBLIC_KEY_RESOURCE = "licence_public_key.pem"
PUBLIC_KEY_ENV = "CALMEDI_LICENCE_PUBLIC_KEY_FILE"


class TokenError(Exception):
    """The token cannot be trusted; ``reason`` is a short technical fact (``bad_signature``, ``malformed``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class LicenceToken:
    customer: str
    plan: str | None
    plan_name: str | None
    status: str
    period_end: datetime | None
    issued_at: datetime
    expires_at: datetime
    manage_url: str | None


def load_public_key(pem: bytes) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(f"not an Ed25519 public key: {type(key).__name__}")
    return key


def shipped_public_key() -> Ed25519PublicKey:
    """The vendor's key bundled with the app."""
    pem = resources.files("calmedi_desktop").joinpath("resources", PUBLIC_KEY_RESOURCE).read_bytes()
    return load_public_key(pem)


def override_public_key_file() -> Path | None:
    value = os.environ.get(PUBLIC_KEY_ENV, "").strip()
    return Path(value) if value else None


def _b64decode(part: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (binascii.Error, ValueError):
        raise TokenError("malformed") from None


def _time(value: object) -> datetime:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TokenError("malformed")
    try:
        return datetime.fromtimestamp(value, UTC)
    except (OverflowError, OSError, ValueError):
        raise TokenError("malformed") from None


def _optional_str(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise TokenError("malformed")


def _safe_link(value: str | None) -> str | None:
    # The link is opened in a browser from the tray: only https (or loopback http in tests) is offered.
    if value is None:
        return None
    try:
        return check_url(value)
    except Exception:
        return None


def verify_token(token: str, public_key: Ed25519PublicKey) -> LicenceToken:
    """Check the signature, then the shape; raise TokenError on any doubt."""
    if not isinstance(token, str) or len(token) > MAX_TOKEN_CHARS or token.count(".") != 2:
        raise TokenError("malformed")
    prefix, payload_part, signature_part = token.split(".")
    if prefix != TOKEN_PREFIX:
        raise TokenError("unknown_format")
    try:
        public_key.verify(_b64decode(signature_part), f"{prefix}.{payload_part}".encode("ascii"))
    except (InvalidSignature, UnicodeEncodeError):
        raise TokenError("bad_signature") from None
    try:
        claims = json.loads(_b64decode(payload_part))
    except (ValueError, UnicodeDecodeError):
        raise TokenError("malformed") from None
    if not isinstance(claims, dict) or claims.get("v") != PAYLOAD_VERSION:
        raise TokenError("unknown_format")
    customer, status = claims.get("customer"), claims.get("status")
    if not isinstance(customer, str) or not customer or not isinstance(status, str) or not status:
        raise TokenError("malformed")
    issued_at, expires_at = _time(claims.get("issued_at")), _time(claims.get("expires_at"))
    if expires_at <= issued_at:
        raise TokenError("malformed")
    period_end = claims.get("period_end")
    return LicenceToken(
        customer=customer,
        plan=_optional_str(claims.get("plan")),
        plan_name=_optional_str(claims.get("plan_name")),
        status=status,
        period_end=None if period_end is None else _time(period_end),
        issued_at=issued_at,
        expires_at=expires_at,
        manage_url=_safe_link(_optional_str(claims.get("manage_url"))),
    )
