"""The Doctolib contract (doctolib-api.md): every URL, parameter and field name, and strict parsers.

Nothing else in CalMedi knows a Doctolib path or field name, so a partner API can replace this module alone.
Parsers turn JSON into small frozen shapes and raise SourceDataError naming the field and the problem, never
its content. Patient contact fields (phone, e-mail, birth date, address) are never read: the shapes have no
place for them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal
from urllib.parse import urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from calmedi_desktop.endpoints import check_url
from calmedi_desktop.errors import SourceDataError

SERVICE = "Doctolib"
COMMAND = "doctolib"

# -- sign-in (OpenID Connect, authorisation code + PKCE S256) ---------------------------------------------------

DISCOVERY_PATH = "/.well-known/openid-configuration"
SCOPE = "openid offline_access"
CALLBACK_CODE = "code"
CALLBACK_STATE = "state"
CALLBACK_ERROR = "error"
INVALID_GRANT = "invalid_grant"

# -- agenda API ---------------------------------------------------------------------------------------------------

ACCOUNTS_PATH = "/api/accounts"
MOTIVES_PATH = "/configuration/visit_motives.json"
APPOINTMENTS_PATH = "/calendar_display/appointments"
QUERY_DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
MAX_RANGE = timedelta(days=31)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

# Sanity bounds: beyond them the answer is not an agenda, whatever it is.
MAX_ID_LENGTH = 200
MAX_TEXT_LENGTH = 500
MAX_PER_PAGE = 1000
MAX_PAGES = 100

CONFIRMED = frozenset({"confirmed", "waiting", "in_progress", "done", "no_show", "no_show_but_ok"})
TENTATIVE = frozenset({"awaiting_confirmation_by_practitioner", "temporary"})
ABSENT = frozenset({"deleted", "canceled", "cancelled", "rescheduled", "suspended"})
StatusClass = Literal["confirmed", "tentative", "absent", "unknown"]

_ZONE_RE = re.compile(r"[A-Za-z0-9_+\-]+(/[A-Za-z0-9_+\-]+)*")
_SAFE_NAME_RE = re.compile(r"[a-z][a-z0-9_]{0,39}")


def classify(status: str) -> StatusClass:
    if status in CONFIRMED:
        return "confirmed"
    if status in TENTATIVE:
        return "tentative"
    if status in ABSENT:
        return "absent"
    return "unknown"


def safe_name(value: object) -> str:
    """A server-chosen name (status, error code) fit for a log line or a message; anything else is masked."""
    return value if isinstance(value, str) and _SAFE_NAME_RE.fullmatch(value) else "<non-standard>"


def bad(where: str, problem: str) -> SourceDataError:
    return SourceDataError(f"doctolib: {where}: {problem}", service=SERVICE, detail=f"{where}: {problem}")


# -- typed field readers ------------------------------------------------------------------------------------------


def _obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise bad(where, "not an object")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise bad(where, "not a list")
    return value


def _field(obj: dict[str, Any], key: str, where: str) -> Any:
    if key not in obj:
        raise bad(f"{where}.{key}", "missing")
    return obj[key]


def _str(obj: dict[str, Any], key: str, where: str, *, nullable: bool = False, max_len: int = MAX_TEXT_LENGTH) -> Any:
    value = _field(obj, key, where)
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        raise bad(f"{where}.{key}", "not a string")
    if len(value) > max_len:
        raise bad(f"{where}.{key}", f"longer than {max_len} characters")
    return value


def _int(obj: dict[str, Any], key: str, where: str, *, nullable: bool = False) -> Any:
    value = _field(obj, key, where)
    if value is None and nullable:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise bad(f"{where}.{key}", "not an integer")
    return value


def _bool(obj: dict[str, Any], key: str, where: str) -> bool:
    value = _field(obj, key, where)
    if not isinstance(value, bool):
        raise bad(f"{where}.{key}", "not a boolean")
    return value


def _datetime(obj: dict[str, Any], key: str, where: str) -> datetime:
    text = _str(obj, key, where, max_len=40)
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise bad(f"{where}.{key}", "not an ISO 8601 date") from None
    if value.tzinfo is None:
        raise bad(f"{where}.{key}", "no UTC offset")
    return value


# -- sign-in shapes -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OidcConfig:
    authorization_endpoint: str
    token_endpoint: str
    revocation_endpoint: str


@dataclass(frozen=True)
class Tokens:
    access_token: str = field(repr=False)
    refresh_token: str | None = field(repr=False)
    expires_in: int


def discovery_url(issuer: str) -> str:
    return issuer.rstrip("/") + DISCOVERY_PATH


def parse_discovery(payload: Any) -> OidcConfig:
    obj = _obj(payload, "openid-configuration")
    urls = [
        _str(obj, key, "openid-configuration", max_len=2000)
        for key in ("authorization_endpoint", "token_endpoint", "revocation_endpoint")
    ]
    return OidcConfig(*(check_url(u) for u in urls))


def authorization_url(config: OidcConfig, client_id: str, redirect_uri: str, state: str, challenge: str) -> str:
    query = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "scope": SCOPE,
        "state": state,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    separator = "&" if "?" in config.authorization_endpoint else "?"
    return config.authorization_endpoint + separator + urlencode(query)


def code_form(code: str, redirect_uri: str, client_id: str, verifier: str) -> dict[str, str]:
    return {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "client_id": client_id,
        "code_verifier": verifier,
    }


def refresh_form(refresh_token: str, client_id: str) -> dict[str, str]:
    return {"grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": client_id}


def revoke_form(token: str, client_id: str) -> dict[str, str]:
    return {"token": token, "client_id": client_id}


def token_error(payload: Any) -> str | None:
    """The OAuth ``error`` code of an error answer, if it has one."""
    return payload.get("error") if isinstance(payload, dict) and isinstance(payload.get("error"), str) else None


def parse_tokens(payload: Any) -> Tokens:
    obj = _obj(payload, "token")
    token_type = _str(obj, "token_type", "token", max_len=20)
    if token_type.lower() != "bearer":
        raise bad("token.token_type", "not Bearer")
    expires_in = _int(obj, "expires_in", "token")
    if not 0 < expires_in <= 366 * 86400:
        raise bad("token.expires_in", "out of range")
    refresh = _str(obj, "refresh_token", "token", max_len=4096) if "refresh_token" in obj else None
    return Tokens(_str(obj, "access_token", "token", max_len=4096), refresh or None, expires_in)


# -- agenda shapes ------------------------------------------------------------------------------------------------


def auth_header(access_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {access_token}"}


@dataclass(frozen=True)
class Practice:
    name: str
    address: str
    zipcode: str
    city: str

    @property
    def location(self) -> str | None:
        """``Cabinet Voltaire, 12 rue Voltaire, 75011 Paris``; the practice's address, never a patient's."""
        town = " ".join(p for p in (self.zipcode.strip(), self.city.strip()) if p)
        parts = [p for p in (self.name.strip(), self.address.strip(), town) if p]
        return ", ".join(parts) or None


@dataclass(frozen=True)
class Agenda:
    id: int
    name: str
    timezone: str
    is_template: bool
    practice: Practice | None = None


@dataclass(frozen=True)
class Accounts:
    practitioner_name: str
    agendas: tuple[Agenda, ...]

    @property
    def syncable(self) -> tuple[Agenda, ...]:
        return tuple(a for a in self.agendas if not a.is_template)


def _zone(obj: dict[str, Any], where: str) -> str:
    zone = _str(obj, "timezone", where, max_len=64)
    if not _ZONE_RE.fullmatch(zone):
        raise bad(f"{where}.timezone", "not an IANA time zone")
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise bad(f"{where}.timezone", "unknown time zone") from None
    return zone


def _practice(item: dict[str, Any], where: str) -> Practice | None:
    raw = _field(item, "practice", where)
    if raw is None:
        return None
    practice, where = _obj(raw, f"{where}.practice"), f"{where}.practice"
    return Practice(*(_str(practice, key, where) for key in ("name", "address", "zipcode", "city")))


def parse_accounts(payload: Any) -> Accounts:
    obj = _obj(payload, "accounts")
    practitioner = _obj(_field(obj, "practitioner", "accounts"), "accounts.practitioner")
    agendas: dict[int, Agenda] = {}
    for index, raw in enumerate(_list(_field(obj, "agendas", "accounts"), "accounts.agendas")):
        where = f"agendas[{index}]"
        item = _obj(raw, where)
        agenda_id, name = _int(item, "id", where), _str(item, "name", where)
        zone, is_template = _zone(item, where), _bool(item, "is_template", where)
        agendas.setdefault(agenda_id, Agenda(agenda_id, name, zone, is_template, _practice(item, where)))
    return Accounts(_str(practitioner, "name", "accounts.practitioner"), tuple(agendas.values()))


def motives_query(agenda_id: int) -> dict[str, str]:
    return {"agenda_ids": str(agenda_id)}


def parse_motives(payload: Any) -> dict[int, str]:
    motives: dict[int, str] = {}
    for index, raw in enumerate(_list(payload, "visit_motives")):
        where = f"visit_motives[{index}]"
        item = _obj(raw, where)
        motives[_int(item, "id", where)] = _str(item, "name", where)
    return motives


def appointments_query(agenda_id: int, wall_start: datetime, wall_end: datetime, page: int) -> dict[str, str]:
    """Wall-clock times in the agenda's zone, as the contract wants them."""
    return {
        "agenda_ids": str(agenda_id),
        "start_date": wall_start.strftime(QUERY_DATE_FORMAT),
        "end_date": wall_end.strftime(QUERY_DATE_FORMAT),
        "include_patients": "true",
        "page": str(page),
    }


@dataclass(frozen=True)
class RawAppointment:
    id: str = field(repr=False)
    start: datetime
    end: datetime
    status: str
    telehealth: bool
    new_patient: bool = field(repr=False)
    visit_motive_id: int | None = field(repr=False)
    patient_name: str | None = field(repr=False)


@dataclass(frozen=True)
class Page:
    items: tuple[RawAppointment, ...]
    page: int
    per_page: int
    total: int
    next_page: int | None

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def _patient_name(item: dict[str, Any], where: str) -> str | None:
    raw = _field(item, "patient", where)
    if raw is None:
        return None
    patient = _obj(raw, f"{where}.patient")
    # Only the name is read; phone, e-mail, birth date and address stay in the discarded JSON.
    first = _str(patient, "first_name", f"{where}.patient", nullable=True)
    last = _str(patient, "last_name", f"{where}.patient", nullable=True)
    name = " ".join(p.strip() for p in (first, last) if p and p.strip())
    return name or None


def parse_appointment(raw: Any, where: str) -> RawAppointment:
    item = _obj(raw, where)
    appointment_id = _str(item, "id", where, max_len=MAX_ID_LENGTH)
    if not appointment_id:
        raise bad(f"{where}.id", "empty")
    _int(item, "agenda_id", where)
    start, end = _datetime(item, "start_date", where), _datetime(item, "end_date", where)
    if end < start:
        raise bad(where, "end_date before start_date")
    return RawAppointment(
        id=appointment_id,
        start=start,
        end=end,
        status=_str(item, "status", where, max_len=100),
        telehealth=_bool(item, "telehealth", where),
        new_patient=_bool(item, "new_patient", where),
        visit_motive_id=_int(item, "visit_motive_id", where, nullable=True),
        patient_name=_patient_name(item, where),
    )


def parse_page(payload: Any, requested_page: int) -> Page:
    obj = _obj(payload, "appointments")
    meta = _obj(_field(obj, "meta", "appointments"), "meta")
    page = Page(
        items=(),
        page=_int(meta, "page", "meta"),
        per_page=_int(meta, "per_page", "meta"),
        total=_int(meta, "total", "meta"),
        next_page=_int(meta, "next_page", "meta", nullable=True),
    )
    if page.page != requested_page:
        raise bad("meta.page", "not the page asked for")
    if not 1 <= page.per_page <= MAX_PER_PAGE:
        raise bad("meta.per_page", "out of range")
    if page.total < 0 or page.pages > MAX_PAGES:
        raise bad("meta.total", f"absurd page count (over {MAX_PAGES} pages)")
    expected_next = page.page + 1 if page.page < page.pages else None
    if page.next_page != expected_next:
        raise bad("meta.next_page", "inconsistent with meta.total")
    rows = _list(_field(obj, "data", "appointments"), "data")
    if len(rows) > page.per_page:
        raise bad("data", "more rows than meta.per_page")
    items = tuple(parse_appointment(row, f"data[{index}]") for index, row in enumerate(rows))
    return Page(items, page.page, page.per_page, page.total, page.next_page)
