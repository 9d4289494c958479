"""Settings, declared once: key, type, default and validation drive the CLI, the UI and the file.

Each ``Setting`` says how a value typed at the command line, picked in a window or read from the settings file
(config.py) becomes a valid value, or why it is refused (a localised reason). Old names of settings are kept
as ``ALIASES``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from calmedi_desktop.errors import InvalidSettingError
from calmedi_desktop.i18n import tr
from calmedi_desktop.palette import color_id

log = logging.getLogger(__name__)

PRIVACY_LEVELS = ("busy", "initials", "full")
LANGUAGES = ("auto", "fr", "en")
NOTIFY_LEVELS = ("important", "all", "none")
TARGETS = ("google", "caldav")  # where the appointments go: one destination at a time
REMINDER_MODES = ("none", "default", "popup")  # no reminder, the calendar's default, events.reminder_minutes
MAX_REMINDER_MINUTES = 40320  # Google's limit: four weeks
EMPTY_WORDS = ("none", "null")


@dataclass(frozen=True)
class Setting:
    """One setting. ``list`` settings hold whole numbers (``minimum``/``maximum`` bound each of them), ``dict``
    settings string keys and values; both take ``max_items``. ``convert`` normalises a value (a colour name to its
    id) or raises ValueError with the reason; ``check`` returns a reason or None."""

    key: str
    kind: type
    default: Any
    choices: tuple[Any, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    nullable: bool = False
    user_settable: bool = True
    check: Callable[[Any], str | None] | None = None
    convert: Callable[[Any], Any] | None = None
    max_items: int | None = None

    @property
    def container(self) -> bool:
        return self.kind in (list, dict)

    def parse(self, raw: Any) -> Any:
        """Turn a CLI string (or a JSON value) into a valid value, or raise InvalidSettingError."""
        # "none" is a real choice for some settings (ui.notifications): it means null only where null is allowed,
        # and an empty list or map where the setting is one.
        text = raw.strip().lower() if isinstance(raw, str) else None
        blank = text is not None and (text == "" or ((self.nullable or self.container) and text in EMPTY_WORDS))
        if raw is None or blank:
            if self.nullable:
                return None
            if raw is None or not self.container:
                raise InvalidSettingError(key=self.key, reason=_reason("required"))
            value = self.kind()
        else:
            value = self._coerce(raw)
        if self.choices is not None and value not in self.choices:
            raise InvalidSettingError(key=self.key, reason=_reason("choices", choices=", ".join(self.choices)))
        numbers = value if self.kind is list else [value] if self.kind is int else []
        if any(
            (self.minimum is not None and n < self.minimum) or (self.maximum is not None and n > self.maximum)
            for n in numbers
        ):
            bounds = "range" if self.maximum is not None else "at_least"
            raise InvalidSettingError(key=self.key, reason=_reason(bounds, minimum=self.minimum, maximum=self.maximum))
        if self.max_items is not None and len(value) > self.max_items:
            raise InvalidSettingError(key=self.key, reason=_reason("too_many", maximum=self.max_items))
        if self.convert is not None:
            try:
                value = self.convert(value)
            except ValueError as exc:
                raise InvalidSettingError(key=self.key, reason=str(exc)) from None
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
            items = raw if isinstance(raw, list) else [x for x in str(raw).split(",") if x.strip()]
            try:
                return [_whole_number(x) for x in items]
            except ValueError:
                raise InvalidSettingError(key=self.key, reason=_reason("int_list")) from None
        if self.kind is dict:
            return self._coerce_map(raw)
        text = str(raw).strip()
        if len(text) > 200:
            raise InvalidSettingError(key=self.key, reason=_reason("too_long"))
        return text

    def _coerce_map(self, raw: Any) -> dict[str, str]:
        """A JSON object, or ``key=value`` pairs separated by commas (what a terminal makes easy to type)."""
        refused = InvalidSettingError(key=self.key, reason=_reason("map"))
        if isinstance(raw, str) and raw.strip().startswith("{"):
            try:
                raw = json.loads(raw)
            except ValueError:
                raise refused from None
        if isinstance(raw, dict):
            if not all(isinstance(v, str | int) and not isinstance(v, bool) for v in raw.values()):
                raise refused
            return {str(k).strip(): str(v).strip() for k, v in raw.items()}
        if not isinstance(raw, str):
            raise refused
        pairs: dict[str, str] = {}
        for part in raw.split(","):
            if not part.strip():
                continue
            key, sep, value = part.partition("=")
            if not sep or not key.strip() or not value.strip():
                raise refused
            pairs[key.strip()] = value.strip()
        return pairs


def _whole_number(item: Any) -> int:
    if isinstance(item, bool) or not isinstance(item, int | str):
        raise ValueError("not a whole number")
    return int(item.strip()) if isinstance(item, str) else item


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


def _color(value: str) -> str:
    found = color_id(value)
    if found is None:
        raise ValueError(_reason("color"))
    return found


def _calendar_colour(value: str) -> str:
    """A calendar's colour as Google's calendar list and CalDAV's calendar-color take it: "#rrggbb"."""
    text = value.strip().lower()
    if len(text) != 7 or text[0] != "#" or any(c not in "0123456789abcdef" for c in text[1:]):
        raise ValueError(_reason("hex_color"))
    return text


def _agenda_colors(value: dict[str, str]) -> dict[str, str]:
    """Doctolib agenda id -> colour id, both as strings (JSON object keys are strings)."""
    colors: dict[str, str] = {}
    for key, name in value.items():
        entry = f"{key}={name}"[:60]
        if not (key.isascii() and key.isdigit()):
            raise ValueError(_reason("agenda_key", entry=entry))
        found = color_id(name)
        if found is None:
            raise ValueError(_reason("agenda_color", entry=entry))
        colors[str(int(key))] = found
    return colors


def _check_reminder_minutes(value: list[int]) -> str | None:
    ok = 1 <= len(value) <= 2 and len(set(value)) == len(value) and all(0 <= m <= MAX_REMINDER_MINUTES for m in value)
    return None if ok else _reason("reminder_minutes")


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
        Setting("sync.target", str, "google", choices=TARGETS),
        # CalMedi's own calendar, whichever the destination (google.calendar_name/_color are their old names).
        Setting("calendar.name", str, "CalMedi"),
        Setting("calendar.color", str, None, nullable=True, convert=_calendar_colour),
        Setting("google.client_file", str, None, nullable=True),
        Setting("google.calendar_id", str, None, nullable=True, user_settable=False),
        # The CalDAV account (calmedi connect caldav): where and who, never the password (keyring only).
        Setting("caldav.url", str, None, nullable=True, user_settable=False),
        Setting("caldav.user", str, None, nullable=True, user_settable=False),
        Setting("caldav.principal_url", str, None, nullable=True, user_settable=False),
        Setting("caldav.home_url", str, None, nullable=True, user_settable=False),
        Setting("caldav.calendar_url", str, None, nullable=True, user_settable=False),
        # False: a calendar the practitioner picked (the server refused to create one): never deleted or recreated.
        Setting("caldav.calendar_owned", bool, True, user_settable=False),
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
        # What the events look like and which appointments are shown (sync/presentation.py).
        Setting("events.reminders", str, "default", choices=REMINDER_MODES),
        Setting("events.reminder_minutes", list, [10], check=_check_reminder_minutes),
        Setting("events.first_of_day_minutes", int, None, nullable=True, minimum=0, maximum=1440),
        Setting("events.colors.agendas", dict, {}, max_items=100, convert=_agenda_colors),
        Setting("events.color_teleconsultation", str, None, nullable=True, convert=_color),
        Setting("events.color_new_patient", str, None, nullable=True, convert=_color),
        Setting("events.locations", bool, True),
        Setting("filters.excluded_motives", list, [], minimum=0, max_items=200),
        Setting("filters.show_unconfirmed", bool, True),
    )
}


# Old names still understood, in settings files and in ``calmedi config get/set`` (key -> the key it became).
# ``sync.interval_minutes`` was how often the whole window was read: that is now ``sync.full_interval_minutes``;
# CalMedi's calendar is named and coloured the same way whichever the destination.
ALIASES: dict[str, str] = {
    "sync.interval_minutes": "sync.full_interval_minutes",
    "google.calendar_name": "calendar.name",
    "google.calendar_color": "calendar.color",
}


def canonical(key: str) -> str:
    return ALIASES.get(key, key)


def setting(key: str) -> Setting:
    """The declaration of ``key``; an old name gets its new setting, with errors naming the key as typed."""
    try:
        spec = SETTINGS[canonical(key)]
    except KeyError:
        raise InvalidSettingError(key=key, reason=_reason("unknown")) from None
    return spec if spec.key == key else replace(spec, key=key)


def migrated(key: str, value: Any) -> Any:
    """A stored value under an old name, fitted to its new setting (the old 1-4 minutes become the new floor)."""
    spec = SETTINGS[canonical(key)]
    old_range = isinstance(value, int) and not isinstance(value, bool) and value >= 1
    if old_range and spec.minimum is not None and value < spec.minimum:
        log.info("settings: %s=%d is now %s=%d", key, value, spec.key, spec.minimum)
        return spec.minimum
    return value


def parse_user_value(key: str, value: Any) -> Any:
    """``value`` as the practitioner may set ``key`` (internal settings, such as the calendar id, refused)."""
    spec = setting(key)
    if not spec.user_settable:
        raise InvalidSettingError(key=key, reason=_reason("unknown"))
    return spec.parse(value)
