"""Licence keys: a Stripe customer id plus a MAC under the vendor's secret, in a copy-friendly form.

A key reads ``CALMEDI-AEYXM-…``: base32 (case-insensitive, no padding) of a version byte, the customer id and a
120-bit HMAC-SHA256 tag, in groups of five. It is bound to the customer, not to a machine or an e-mail, and
cannot be forged or re-pointed at another customer without the secret. Parsing forgives what people do when
they copy a key: spaces, line breaks, lower case, missing dashes, and 0/1/8 typed for O/I/B.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re

PREFIX = "CALMEDI"
VERSION = 1
TAG_BYTES = 15
MAX_KEY_CHARS = 200
_DOMAIN = b"calmedi-licence-key/v1\x00"
_CUSTOMER = re.compile(r"cus_[A-Za-z0-9]{1,64}")
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


def _tag(secret: bytes, body: bytes) -> bytes:
    return hmac.new(secret, _DOMAIN + body, hashlib.sha256).digest()[:TAG_BYTES]


def issue_key(customer: str, secret: bytes) -> str:
    if not _CUSTOMER.fullmatch(customer):
        raise ValueError(f"not a Stripe customer id: {customer!r}")
    body = bytes([VERSION]) + customer.encode("ascii")
    text = base64.b32encode(body + _tag(secret, body)).decode("ascii").rstrip("=")
    return "-".join([PREFIX, *(text[i : i + 5] for i in range(0, len(text), 5))])


def normalise(key: str) -> str:
    """The canonical spelling of what the user typed, for comparison and rate-limit buckets."""
    text = re.sub(r"[\s\-_.]", "", key.upper()).translate(_LOOKALIKES)
    return text.removeprefix(PREFIX)


def customer_for_key(key: str, secret: bytes) -> str | None:
    """The customer a genuine key belongs to, or None for anything else (never raises on bad input)."""
    if not isinstance(key, str) or not key or len(key) > MAX_KEY_CHARS:
        return None
    text = normalise(key)
    try:
        raw = base64.b32decode(text + "=" * (-len(text) % 8))
    except (binascii.Error, ValueError):
        return None
    body, tag = raw[:-TAG_BYTES], raw[-TAG_BYTES:]
    if len(body) < 2 or body[0] != VERSION or not hmac.compare_digest(tag, _tag(secret, body)):
        return None
    customer = body[1:].decode("ascii", errors="replace")
    return customer if _CUSTOMER.fullmatch(customer) else None
