"""Settings, declared once: key, type, default and validation drive the CLI, the UI and the file.

Settings live in one JSON file with a schema version, written atomically and owner-only. Runtime state (last
run, connected accounts) lives in a separate state file (``StateFile``). Neither ever holds a secret or an
appointment.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from calmedi_desktop.errors import InvalidSettingError
from calmedi_desktop.i18n import tr
from calmedi_desktop.paths import write_private

SCHEMA_VERSION = 1
log = logging.getLogger(__name__)

PRIVACY_LEVELS = ("busy", "initials", "full")
LANGUAGES = ("auto", "fr", "en")
NOTIFY_LEVELS = ("important", "all", "none")


@dataclass(frozen=True)
class Setting:
    key: str
    kind: type
    default: Any
    choices: tuple[Any, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    nullable: bool = False
    user_settable: bool = True
    check: Callable[[Any], str | None] | None = None

    def parse(self, raw: Any) -> Any:
        """Turn a CLI string (or a JSON value) into a valid value, or raise InvalidSettingError."""
        # "none" is a real choice for some settings (ui.notifications): it means null only where null is allowed.
        blank = isinstance(raw, str) and (
            raw.strip() == "" or (self.nullable and raw.strip().lower() in ("none", "null"))
        )
        if raw is None or blank:
            if self.nullable:
                return None
            raise InvalidSettingError(key=self.key, reason=_reason("required"))
        value = self._coerce(raw)
        if self.choices is not None and value not in self.choices:
            raise InvalidSettingError(key=self.key, reason=_reason("choices", choices=", ".join(self.choices)))
        if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            raise InvalidSettingError(key=self.key, reason=_reason("range", minimum=self.minimum, maximum=self.maximum))
        if self.check is not None and (problem := self.check(value)):
            raise InvalidSettingError(key=self.key, reason=problem)
        return value

    def _coerce(self, raw: Any) -> Any:
        if self.kind is bool:
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in ("1", "true", "yes", "on", "oui", "vrai"):
                return True
            if text in ("0", "false", "no", "off", "non", "faux"):
                return False
            raise InvalidSettingError(key=self.key, reason=_reason("bool"))
        if self.kind is int:
            if isinstance(raw, bool):
                raise InvalidSettingError(key=self.key, reason=_reason("int"))
            try:
                return int(str(raw).strip())
            except ValueError:
                raise InvalidSettingError(key=self.key, reason=_reason("int")) from None
        if self.kind is list:
            if isinstance(raw, list):
                return raw
            try:
                return [int(x) for x in str(raw).split(",") if x.strip()]
            except ValueError:
                raise InvalidSettingError(key=self.key, reason=_reason("int_list")) from None
        text = str(raw).strip()
        if len(text) > 200:
            raise InvalidSettingError(key=self.key, reason=_reason("too_long"))
        return text


def _reason(name: str, **params: object) -> str:
    return tr(f"setting.reason.{name}", **params)


def _check_timezone(value: str) -> str | None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return _reason("timezone")
    return None


def _check_email(value: str) -> str | None:
    local, _, domain = value.partition("@")
    ok = bool(local) and "." in domain and " " not in value and not domain.startswith(".")
    return None if ok else _reason("email")


def _check_phone(value: str) -> str | None:
    digits = [c for c in value if c.isdigit()]
    ok = 6 <= len(digits) <= 15 and all(c.isdigit() or c in "+ .-()" for c in value)
    return None if ok else _reason("phone")


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("sync.past_days", int, 7, minimum=0, maximum=365),
        Setting("sync.future_days", int, 90, minimum=1, maximum=730),
        # Tiered sync (sync/tiers.py): the coming days often, the whole window at least every full interval.
        # 30 s is the floor that keeps a practitioner at two Google calls a minute when nothing changes.
        Setting("sync.near_interval_seconds", int, 40, minimum=30, maximum=900),
        Setting("sync.near_days", int, 7, minimum=1, maximum=31),
        Setting("sync.full_interval_minutes", int, 15, minimum=5, maximum=60),
        Setting("sync.timezone", str, "Europe/Paris", check=_check_timezone),
        Setting("privacy.level", str, "busy", choices=PRIVACY_LEVELS),
        Setting("privacy.show_reason", bool, False),
        Setting("privacy.processing_paused", bool, False),
        Setting("google.calendar_name", str, "CalMedi"),
        Setting("google.calendar_color", str, None, nullable=True),
        Setting("google.client_file", str, None, nullable=True),
        Setting("google.calendar_id", str, None, nullable=True, user_settable=False),
        # The per-user quota of the Cloud project (Google's default is 600; a project can have it raised).
        Setting("google.quota_per_minute", int, 600, minimum=1, maximum=10_000),
        Setting("doctolib.enabled", bool, True),
        Setting("doctolib.agenda_ids", list, None, nullable=True),
        Setting("ui.language", str, "auto", choices=LANGUAGES),
        Setting("ui.notifications", str, "important", choices=NOTIFY_LEVELS),
        Setting("ui.autostart", bool, False),
        Setting("profile.first_name", str, None, nullable=True),
        Setting("profile.last_name", str, None, nullable=True),
        Setting("profile.email", str, None, nullable=True, check=_check_email),
        Setting("profile.phone", str, None, nullable=True, check=_check_phone),
    )
}


# Old names still understood (settings files and scripts from before tiered sync). ``sync.interval_minutes``
# was how often the whole window was read: that is now ``sync.full_interval_minutes``.
ALIASES = {"sync.interval_minutes": "sync.full_interval_minutes"}


def canonical(key: str) -> str:
    return ALIASES.get(key, key)


def setting(key: str) -> Setting:
    """The declaration of ``key``; an old name gets its new setting, with errors naming the key as typed."""
    try:
        spec = SETTINGS[canonical(key)]
    except KeyError:
        raise InvalidSettingError(key=key, reason=_reason("unknown")) from None
    return spec if spec.key == key else replace(spec, key=key)


def _migrated(key: str, value: Any) -> Any:
    """A stored value under an old name, fitted to its new setting (the old 1-4 minutes become the new floor)."""
    spec = SETTINGS[canonical(key)]
    old_range = isinstance(value, int) and not isinstance(value, bool) and value >= 1
    if old_range and spec.minimum is not None and value < spec.minimum:
        log.info("settings: %s=%d is now %s=%d", key, value, spec.key, spec.minimum)
        return spec.minimum
    return value


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
                value = _migrated(key, value)
            try:
                values[name] = SETTINGS[name].parse(value)
            except InvalidSettingError:
                log.warning("settings: invalid stored value for %s ignored", key)
        return values

    def get(self, key: str) -> Any:
        spec = setting(key)
        with self._lock:
            self._fresh()
            return self._values.get(canonical(key), spec.default)

    def set(self, key: str, value: Any, *, internal: bool = False) -> Any:
        spec = setting(key)
        if not spec.user_settable and not internal:
            raise InvalidSettingError(key=key, reason=_reason("unknown"))
        parsed = spec.parse(value)
        with self._lock:
            self._fresh()
            self._values[canonical(key)] = parsed
            self._save()
            self._seen = self._signature()
        return parsed

    def as_dict(self) -> dict[str, Any]:
        with self._lock:
            self._fresh()
            return {key: self._values.get(key, spec.default) for key, spec in SETTINGS.items()}

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
