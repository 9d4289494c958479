"""Marketing consent: opt-in, off by default, every grant and withdrawal kept with its time and policy version.

The history is the proof the policy promises ("Consent: sending marketing communications only when you have
opted in"), so it is append-only and shown whole in the export. Stored in the data folder, owner-only.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from calmedi_desktop.paths import write_private
from calmedi_desktop.privacy.retention import as_utc

SCHEMA_VERSION = 1
PURPOSE = "marketing"
FILE_NAME = "consents.json"
Action = Literal["grant", "withdraw"]

log = logging.getLogger(__name__)


class ConsentLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()

    def grant(self, policy_version: str, at: datetime) -> None:
        self._record("grant", policy_version, at)

    def withdraw(self, policy_version: str, at: datetime) -> None:
        self._record("withdraw", policy_version, at)

    def current(self) -> bool:
        """True only if the latest recorded action is a grant; no record (or an unreadable file) means no."""
        events = self.history()
        return bool(events) and events[-1]["action"] == "grant"

    def history(self) -> list[dict[str, Any]]:
        """Every grant and withdrawal, oldest first: ``{"action", "at", "policy_version", "purpose"}``."""
        with self._lock:
            return [dict(event) for event in self._load()]

    def _record(self, action: Action, policy_version: str, at: datetime) -> None:
        if not policy_version:
            raise ValueError("a consent is recorded against a policy version")
        event = {
            "action": action,
            "at": as_utc(at).isoformat(timespec="seconds"),
            "policy_version": policy_version,
            "purpose": PURPOSE,
        }
        with self._lock:
            events = self._load()
            events.append(event)
            body = {"schema": SCHEMA_VERSION, "events": events}
            write_private(self.path, json.dumps(body, indent=2, ensure_ascii=False).encode("utf-8"))
        log.info("consent: %s %s (policy %s)", PURPOSE, action, policy_version)

    def _load(self) -> list[dict[str, Any]]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            events = raw["events"]
            if not isinstance(events, list) or not all(_valid(e) for e in events):
                raise ValueError("not a consent history")
            return events
        except FileNotFoundError:
            return []
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            # Never guess a consent: set the unreadable file aside (kept, and erased with the rest) and
            # start from "no consent".
            backup = self.path.with_name(f"{self.path.name}.unreadable-{int(time.time())}")
            self.path.replace(backup)
            log.warning("consent file unreadable (%s); kept as %s, consent is off", type(exc).__name__, backup.name)
            return []


def _valid(event: Any) -> bool:
    return (
        isinstance(event, dict)
        and event.get("action") in ("grant", "withdraw")
        and isinstance(event.get("at"), str)
        and isinstance(event.get("policy_version"), str)
    )
