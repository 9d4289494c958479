"""Deterministic Google event ids and content hashes.

The id is base32hex (Google's allowed alphabet ``[a-v0-9]``) of SHA-256 over a versioned prefix, the source
name and the source's appointment id, so the raw source id never reaches Google and re-running a sync
addresses the same event.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

ID_PREFIX = b"calmedi/event/v1\x00"
SCHEMA_VERSION = "1"
TAG_KEY = "calmedi"
HASH_KEY = "calmedi_hash"
SCHEMA_KEY = "calmedi_schema"


def event_id(source: str, source_id: str) -> str:
    digest = hashlib.sha256(ID_PREFIX + source.encode() + b"\x00" + source_id.encode()).digest()
    return base64.b32hexencode(digest).decode("ascii").rstrip("=").lower()


def content_hash(body: dict[str, Any]) -> str:
    """Hash of what is sent, ignoring the id and CalMedi's own tags."""
    payload = {k: v for k, v in body.items() if k not in ("id", "extendedProperties")}
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


def private_tags(digest: str) -> dict[str, str]:
    return {TAG_KEY: "1", HASH_KEY: digest, SCHEMA_KEY: SCHEMA_VERSION}


def hashed_id(value: str) -> str:
    """A short, non-reversible id for log lines (technical facts only)."""
    return hashlib.sha256(b"calmedi/log\x00" + value.encode()).hexdigest()[:12]
