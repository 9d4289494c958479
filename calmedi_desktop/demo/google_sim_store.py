"""Google Calendar v3 state for the simulator: calendars and events with Google's semantics.

Pure logic, no HTTP. Faithful where CalMedi relies on Google: soft deletes (``status: cancelled``), 409 on
re-inserting any existing id, 410 on deleting a cancelled event, base32hex ids, the silent extended-property
limits, the overlap semantics of timeMin/timeMax, and opaque page tokens. Errors are ``ApiError`` carrying
Google's status, reason and message.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import random
import re
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from calmedi_desktop.demo import google_sim_calendar_list as calendar_list
from calmedi_desktop.demo.google_sim_looks import Refused, check_looks

EVENT_ID_RE = re.compile(r"^[a-v0-9]{5,1024}$")
MAX_PROPERTY_KEY = 44
MAX_PROPERTY_VALUE = 1024
DEFAULT_PAGE_SIZE = 250
MAX_PAGE_SIZE = 2500
READ_ONLY_FIELDS = ("kind", "etag", "created", "updated", "htmlLink", "iCalUID", "creator", "organizer", "sequence")
SCOPES = ("private", "shared")
RATE_LIMIT_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded", "dailyLimitExceeded", "quotaExceeded"})


class ApiError(Exception):
    """An error answer in Google's shape."""

    def __init__(self, status: int, reason: str, message: str, domain: str | None = None) -> None:
        super().__init__(f"{status} {reason}")
        self.status = status
        self.reason = reason
        self.message = message
        self.domain = domain or ("usageLimits" if reason in RATE_LIMIT_REASONS else "global")

    def body(self) -> dict[str, Any]:
        return {
            "error": {
                "code": self.status,
                "message": self.message,
                "errors": [{"domain": self.domain, "reason": self.reason, "message": self.message}],
            }
        }


def not_found() -> ApiError:
    return ApiError(404, "notFound", "Not Found")


def bad_request(message: str, reason: str = "invalid") -> ApiError:
    return ApiError(400, reason, message)


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_instant(value: str, what: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise bad_request(f"Bad Request: invalid {what}", "badRequest") from None
    if moment.tzinfo is None:
        raise bad_request(f"Bad Request: {what} needs a time zone offset", "badRequest")
    return moment


def _zone(name: str | None, fallback: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or fallback)
    except (ZoneInfoNotFoundError, ValueError):
        raise bad_request(f"Invalid time zone definition: {name}") from None


def event_instant(when: dict[str, Any], calendar_tz: str, what: str) -> datetime:
    """The instant a start/end object denotes; all-day dates are midnight in the calendar's zone."""
    if "dateTime" in when:
        moment = datetime.fromisoformat(str(when["dateTime"]).replace("Z", "+00:00"))
        if moment.tzinfo is None:
            if not when.get("timeZone"):
                raise bad_request(f"Missing time zone definition for {what} time.", "required")
            moment = moment.replace(tzinfo=_zone(when["timeZone"], calendar_tz))
        return moment
    if "date" in when:
        day = datetime.fromisoformat(str(when["date"]))
        return day.replace(tzinfo=_zone(None, calendar_tz))
    raise bad_request(f"Missing {what} time.", "required")


def clamp_extended_properties(body: dict[str, Any]) -> None:
    """Google silently drops keys over 44 characters and truncates values over 1024."""
    props = body.get("extendedProperties")
    if not isinstance(props, dict):
        return
    for scope in ("private", "shared"):
        values = props.get(scope)
        if isinstance(values, dict):
            props[scope] = {
                str(k): str(v)[:MAX_PROPERTY_VALUE] for k, v in values.items() if len(str(k)) <= MAX_PROPERTY_KEY
            }


def _merge(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


class CalendarStore:
    def __init__(self, rng: random.Random, page_size_cap: int = MAX_PAGE_SIZE) -> None:
        self._rng = rng
        self.page_size_cap = page_size_cap
        self.calendars: dict[str, dict[str, Any]] = {}
        self.events: dict[str, dict[str, dict[str, Any]]] = {}
        self.list_entries: dict[str, dict[str, Any]] = {}  # the user's calendar list: per-user colour
        self._etag = 0

    # -- helpers ---------------------------------------------------------------------------------------

    def _now(self) -> datetime:
        return datetime.now(UTC)

    def _next_etag(self) -> str:
        self._etag += 1
        return f'"{self._etag}"'

    def _random_id(self, length: int = 26) -> str:
        return "".join(self._rng.choice("abcdefghijklmnopqrstuv0123456789") for _ in range(length))

    def _calendar(self, calendar_id: str) -> dict[str, dict[str, Any]]:
        if calendar_id not in self.calendars:
            raise not_found()
        return self.events[calendar_id]

    def _event(self, calendar_id: str, event_id: str) -> dict[str, Any]:
        event = self._calendar(calendar_id).get(event_id)
        if event is None:
            raise not_found()
        return event

    def _validated(self, calendar_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """Copy of ``body`` without read-only fields, with Google's defaults and checks applied."""
        event = {k: copy.deepcopy(v) for k, v in body.items() if k not in READ_ONLY_FIELDS}
        tz = self.calendars[calendar_id].get("timeZone", "UTC")
        start = event_instant(event.get("start") or {}, tz, "start")
        end = event_instant(event.get("end") or {}, tz, "end")
        if end < start:
            raise bad_request("The specified time range is empty.", "timeRangeEmpty")
        status = event.setdefault("status", "confirmed")
        if status not in ("confirmed", "tentative", "cancelled"):
            raise bad_request("Invalid value for: status", "invalid")
        try:
            check_looks(event)
        except Refused as refused:
            raise bad_request(refused.message, refused.reason) from None
        clamp_extended_properties(event)
        return event

    def _stamp(self, event: dict[str, Any], created: str | None = None, sequence: int = 0) -> dict[str, Any]:
        now = rfc3339(self._now())
        event["kind"] = "calendar#event"
        event["etag"] = self._next_etag()
        event["created"] = created or now
        event["updated"] = now
        event["iCalUID"] = f"{event['id']}@google.com"
        event["sequence"] = sequence
        return event

    # -- calendars -------------------------------------------------------------------------------------

    def insert_calendar(self, body: dict[str, Any]) -> dict[str, Any]:
        if not str(body.get("summary") or "").strip():
            raise bad_request("Missing title.", "required")
        tz = str(body.get("timeZone") or "UTC")
        _zone(tz, "UTC")
        calendar_id = f"{self._random_id()}@group.calendar.google.com"
        resource = {
            "kind": "calendar#calendar",
            "etag": self._next_etag(),
            "id": calendar_id,
            "summary": str(body["summary"]),
            "timeZone": tz,
        }
        if body.get("description"):
            resource["description"] = str(body["description"])
        self.calendars[calendar_id] = resource
        self.events[calendar_id] = {}
        self.list_entries[calendar_id] = calendar_list.new_entry()
        return copy.deepcopy(resource)

    def get_calendar(self, calendar_id: str) -> dict[str, Any]:
        self._calendar(calendar_id)
        return copy.deepcopy(self.calendars[calendar_id])

    def patch_calendar(self, calendar_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """calendars.patch: the fields sent replace the calendar's; the rest stay."""
        self._calendar(calendar_id)
        resource = self.calendars[calendar_id]
        if "summary" in body and not str(body["summary"] or "").strip():
            raise bad_request("Missing title.", "required")
        if "timeZone" in body:
            _zone(str(body["timeZone"]), "UTC")
        for name in ("summary", "description", "location", "timeZone"):
            if body.get(name) is not None:
                resource[name] = str(body[name])
        resource["etag"] = self._next_etag()
        return copy.deepcopy(resource)

    def delete_calendar(self, calendar_id: str) -> None:
        self._calendar(calendar_id)
        del self.calendars[calendar_id]
        del self.events[calendar_id]
        self.list_entries.pop(calendar_id, None)

    # -- the user's calendar list ----------------------------------------------------------------------

    def get_list_entry(self, calendar_id: str) -> dict[str, Any]:
        if calendar_id not in self.list_entries:
            raise not_found()
        calendar = self.calendars[calendar_id]
        entry = {
            "kind": "calendar#calendarListEntry",
            "etag": calendar["etag"],
            "id": calendar_id,
            "summary": calendar["summary"],
            "timeZone": calendar["timeZone"],
            **copy.deepcopy(self.list_entries[calendar_id]),
        }
        if calendar.get("description"):
            entry["description"] = calendar["description"]
        return entry

    def patch_list_entry(self, calendar_id: str, params: dict[str, list[str]], body: dict[str, Any]) -> dict[str, Any]:
        """calendarList.patch: the colour (RGB only with ``colorRgbFormat=true``) and the user's own name."""
        if calendar_id not in self.list_entries:
            raise not_found()
        rgb_format = (params.get("colorRgbFormat") or ["false"])[-1].lower() == "true"
        try:
            self.list_entries[calendar_id] = calendar_list.patched_entry(
                self.list_entries[calendar_id], rgb_format, body
            )
        except calendar_list.Refused as refused:
            raise bad_request(refused.message, refused.reason) from None
        return self.get_list_entry(calendar_id)

    # -- events ----------------------------------------------------------------------------------------

    def insert_event(self, calendar_id: str, body: dict[str, Any]) -> dict[str, Any]:
        events = self._calendar(calendar_id)
        event_id = body.get("id")
        if event_id is None:
            event_id = self._random_id()
        elif not isinstance(event_id, str) or not EVENT_ID_RE.match(event_id):
            raise bad_request("Invalid resource id value.")
        if event_id in events:
            # Cancelled events count: Google never frees an id.
            raise ApiError(409, "duplicate", "The requested identifier already exists.")
        event = self._validated(calendar_id, {**body, "id": event_id})
        events[event_id] = self._stamp(event)
        return copy.deepcopy(events[event_id])

    def get_event(self, calendar_id: str, event_id: str) -> dict[str, Any]:
        return copy.deepcopy(self._event(calendar_id, event_id))

    def update_event(self, calendar_id: str, event_id: str, body: dict[str, Any]) -> dict[str, Any]:
        old = self._event(calendar_id, event_id)
        # A PUT without status keeps the current one; with confirmed/tentative it restores a cancelled event.
        event = self._validated(calendar_id, {"status": old["status"], **body, "id": event_id})
        self._calendar(calendar_id)[event_id] = self._stamp(event, old["created"], old["sequence"] + 1)
        return copy.deepcopy(self._calendar(calendar_id)[event_id])

    def patch_event(self, calendar_id: str, event_id: str, body: dict[str, Any]) -> dict[str, Any]:
        old = self._event(calendar_id, event_id)
        merged = _merge({k: v for k, v in old.items() if k not in READ_ONLY_FIELDS}, body)
        event = self._validated(calendar_id, {**merged, "id": event_id})
        self._calendar(calendar_id)[event_id] = self._stamp(event, old["created"], old["sequence"] + 1)
        return copy.deepcopy(self._calendar(calendar_id)[event_id])

    def delete_event(self, calendar_id: str, event_id: str) -> None:
        event = self._event(calendar_id, event_id)
        if event["status"] == "cancelled":
            raise ApiError(410, "deleted", "Resource has been deleted")
        event["status"] = "cancelled"
        event["etag"] = self._next_etag()
        event["updated"] = rfc3339(self._now())

    def add_foreign_event(self, calendar_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """Store ``body`` as if another client wrote it (any status, no id checks beyond the alphabet)."""
        events = self._calendar(calendar_id)
        event = self._validated(calendar_id, {**body, "id": body.get("id") or self._random_id()})
        events[event["id"]] = self._stamp(event)
        return copy.deepcopy(events[event["id"]])

    def list_events(self, calendar_id: str, params: dict[str, list[str]]) -> dict[str, Any]:
        events = self._calendar(calendar_id)
        calendar = self.calendars[calendar_id]
        tz = calendar.get("timeZone", "UTC")

        def one(name: str) -> str | None:
            values = params.get(name)
            return values[-1] if values else None

        time_min = parse_instant(v, "timeMin") if (v := one("timeMin")) else None
        time_max = parse_instant(v, "timeMax") if (v := one("timeMax")) else None
        if time_min and time_max and time_max <= time_min:
            raise bad_request("The specified time range is empty.", "timeRangeEmpty")
        show_deleted = (one("showDeleted") or "false").lower() == "true"
        try:
            max_results = int(one("maxResults") or DEFAULT_PAGE_SIZE)
        except ValueError:
            raise bad_request("Invalid value for: maxResults") from None
        if max_results < 1:
            raise bad_request("Invalid value for: maxResults")
        page_size = min(max_results, MAX_PAGE_SIZE, self.page_size_cap)
        wanted = {scope: self._property_filters(params.get(f"{scope}ExtendedProperty", [])) for scope in SCOPES}

        selected = []
        for event in events.values():
            if event["status"] == "cancelled" and not show_deleted:
                continue
            start = event_instant(event["start"], tz, "start")
            end = event_instant(event["end"], tz, "end")
            # Google: timeMin bounds the event's end, timeMax bounds its start, both exclusive.
            if time_min is not None and not end > time_min:
                continue
            if time_max is not None and not start < time_max:
                continue
            props = event.get("extendedProperties") or {}
            if any(
                (props.get(scope) or {}).get(k) != v for scope, filters in wanted.items() for k, v in filters.items()
            ):
                continue
            selected.append((start, event["id"], event))
        selected.sort(key=lambda item: (item[0], item[1]))

        fingerprint = self._fingerprint(calendar_id, params)
        offset = self._decode_page_token(one("pageToken"), fingerprint)
        page = selected[offset : offset + page_size]
        result: dict[str, Any] = {
            "kind": "calendar#events",
            "etag": self._next_etag(),
            "summary": calendar["summary"],
            "updated": rfc3339(self._now()),
            "timeZone": tz,
            "accessRole": "owner",
            "defaultReminders": [],
            "items": [copy.deepcopy(item[2]) for item in page],
        }
        if offset + page_size < len(selected):
            result["nextPageToken"] = self._encode_page_token(offset + page_size, fingerprint)
        return result

    @staticmethod
    def _property_filters(values: list[str]) -> dict[str, str]:
        filters: dict[str, str] = {}
        for value in values:
            key, sep, expected = value.partition("=")
            if not sep or not key:
                raise bad_request("Invalid value for: extended property filter")
            filters[key] = expected
        return filters

    @staticmethod
    def _fingerprint(calendar_id: str, params: dict[str, list[str]]) -> str:
        stable = {k: sorted(v) for k, v in params.items() if k not in ("pageToken", "maxResults", "alt")}
        raw = json.dumps([calendar_id, stable], sort_keys=True).encode()
        return hashlib.sha256(raw).hexdigest()[:16]

    @staticmethod
    def _encode_page_token(offset: int, fingerprint: str) -> str:
        return base64.urlsafe_b64encode(f"{offset}:{fingerprint}".encode()).decode().rstrip("=")

    @staticmethod
    def _decode_page_token(token: str | None, fingerprint: str) -> int:
        if not token:
            return 0
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
            offset_text, _, token_fingerprint = raw.partition(":")
            offset = int(offset_text)
        except ValueError:
            raise bad_request("Invalid page token value.") from None
        if token_fingerprint != fingerprint or offset < 0:
            raise bad_request("Invalid page token value.")
        return offset
