"""The settings file and the state file; what each setting may hold is declared in settings_schema.py.

Settings live in one JSON file with a schema version, written atomically and owner-only. Runtime state (last
run, connected accounts) lives in a separate state file (``StateFile``). Neither ever holds a secret or an
appointment.
"""

from __future__ import annotations

import copy
import json
import logging
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from calmedi_desktop.errors import InvalidSettingError
from calmedi_desktop.paths import write_private
from calmedi_desktop.settings_schema import SETTINGS, canonical, migrated, parse_user_value, setting

SCHEMA_VERSION = 1
log = logging.getLogger(__name__)


class Config:
    """The settings file. Thread-safe; every ``set`` is validated and saved at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._values: dict[str, Any] = {}
        self._seen: tuple[int, int, int] | None = None
        self.reload()

    def _signature(self) -> tuple[int, int, int] | None:
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    def reload(self) -> None:
        with self._lock:
            self._values = self._read()
            self._seen = self._signature()

    def _fresh(self) -> None:
        """Pick up changes made by another CalMedi process (the CLI while the tray runs)."""
        if self._signature() != self._seen:
            self.reload()

    def _read(self) -> dict[str, Any]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(raw, dict) or not isinstance(raw.get("values"), dict):
                raise ValueError("not a settings object")
        except FileNotFoundError:
            return {}
        except (ValueError, UnicodeDecodeError) as exc:
            # Keep the unreadable file for the practitioner (nothing lost), start from defaults.
            backup = self.path.with_name(f"{self.path.name}.unreadable-{int(time.time())}")
            self.path.replace(backup)
            log.warning("settings file unreadable (%s); kept as %s", type(exc).__name__, backup.name)
            return {}
        values: dict[str, Any] = {}
        stored = raw["values"]
        for key, value in stored.items():
            name = canonical(key)
            if name not in SETTINGS or (name != key and name in stored):
                continue  # unknown, or an old name next to its new one: the new one wins
            if name != key:
                value = migrated(key, value)
            try:
                values[name] = SETTINGS[name].parse(value)
            except InvalidSettingError:
                log.warning("settings: invalid stored value for %s ignored", key)
        return values

    def get(self, key: str) -> Any:
        spec = setting(key)
        with self._lock:
            self._fresh()
            # A copy: a caller changing a list or a map must not change the default or the stored value.
            return copy.deepcopy(self._values.get(canonical(key), spec.default))

    def set(self, key: str, value: Any, *, internal: bool = False) -> Any:
        return self.set_many({key: value}, internal=internal)[key]

    def set_many(self, changes: Mapping[str, Any], *, internal: bool = False) -> dict[str, Any]:
        """Validate every value, then save them all in one write: one refused value saves none, and another
        CalMedi process (the tray while the CLI sets) reads all of the change or none of it. ``internal``: the
        settings only CalMedi sets (a calendar's address) are accepted too."""
        parse = (lambda key, value: setting(key).parse(value)) if internal else parse_user_value
        parsed = {key: parse(key, value) for key, value in changes.items()}
        with self._lock:
            self._fresh()
            self._values.update({canonical(key): value for key, value in parsed.items()})
            self._save()
            self._seen = self._signature()
        return parsed

    def as_dict(self) -> dict[str, Any]:
        with self._lock:
            self._fresh()
            return {key: copy.deepcopy(self._values.get(key, spec.default)) for key, spec in SETTINGS.items()}

    def _save(self) -> None:
        body = {"schema": SCHEMA_VERSION, "values": self._values}
        write_private(self.path, json.dumps(body, indent=2, sort_keys=True).encode("utf-8"))


class StateFile:
    """Runtime facts (last run, connected accounts, licence token): a small JSON dict, owner-only."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()

    def load(self) -> dict[str, Any]:
        with self._lock:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                return data if isinstance(data, dict) else {}
            except FileNotFoundError:
                return {}
            except (ValueError, UnicodeDecodeError):
                log.warning("state file unreadable; starting from an empty state")
                return {}

    def update(self, **changes: Any) -> dict[str, Any]:
        """Set top-level keys (a value of None removes the key) and save."""
        with self._lock:
            data = self.load()
            for key, value in changes.items():
                if value is None:
                    data.pop(key, None)
                else:
                    data[key] = value
            write_private(self.path, json.dumps(data, indent=2, sort_keys=True).encode("utf-8"))
            return data
