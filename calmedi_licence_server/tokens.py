"""Licence tokens: what the server signs and the app verifies offline.

Format (contract shared with ``calmedi_desktop/licence/tokens.py``)::

    CMT1.<base64url(payload JSON)>.<base64url(Ed25519 signature over the ASCII text "CMT1.<payload part>")>

Payload: ``v`` (1), ``customer`` (Stripe customer id), ``plan`` (plan/price id or null), ``plan_name``
(nickname or null), ``status`` (the Stripe subscription status, or ``none`` without a subscription),
``period_end``, ``issued_at`` and ``expires_at`` (Unix seconds, UTC; ``period_end`` may be null) and
``manage_url`` (or null). base64url without padding. A token is not a secret: it only says what the server
saw in Stripe, and nobody without the signing key can change a byte of it.
"""

from __future__ import annotations

import base64
import json
from dataclasses import asdict, dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

TOKEN_PREFIX = "CMT1"
PAYLOAD_VERSION = 1


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


@dataclass(frozen=True)
class TokenClaims:
    customer: str
    plan: str | None
    plan_name: str | None
    status: str
    period_end: int | None
    issued_at: int
    expires_at: int
    manage_url: str | None
    v: int = PAYLOAD_VERSION


def sign_token(claims: TokenClaims, key: Ed25519PrivateKey) -> str:
    payload = json.dumps(asdict(claims), sort_keys=True, separators=(",", ":")).encode("utf-8")
    signing_input = f"{TOKEN_PREFIX}.{b64url(payload)}"
    return f"{signing_input}.{b64url(key.sign(signing_input.encode('ascii')))}"
