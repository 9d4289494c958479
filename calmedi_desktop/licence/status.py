"""What the licence allows right now, decided offline from stored facts and the clock (pure functions).

Rules: without a token, a 14-day free trial counted from first use. With a token, the signature is checked
every time; the Stripe status it carries decides (``active``/``trialing``/``past_due`` allow syncing, anything
else expires the licence at once); once it is past ``expires_at`` (the server could not be reached to renew
it) syncing continues for a 14-day grace period. A clock earlier than a time already seen (by more than
``CLOCK_TOLERANCE``) makes the licence invalid until the clock is corrected, so that turning the clock back
cannot stretch a trial, a token or a grace period. Because the floor only ever rises, the tolerance bounds
what an adjustment can gain to one day in total, and absorbs any time-zone misconfiguration.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from calmedi_desktop.i18n import current_language, tr, trn
from calmedi_desktop.licence.tokens import LicenceToken, TokenError, verify_token

TRIAL_DAYS = 14
GRACE_DAYS = 14
CLOCK_TOLERANCE = timedelta(days=1)
SYNC_STATUSES = frozenset({"active", "trialing", "past_due"})
STATES = ("trial", "active", "grace", "expired", "invalid")

# Stripe statuses that have a word of their own in the catalogues (licence.status.*); others are shown as is.
STATUS_WORDS = frozenset({"canceled", "unpaid", "paused", "incomplete", "incomplete_expired", "none"})


def text(name: str, **params: object) -> str:
    return tr(f"licence.{name}", **params)


def days_text(name: str, days: int) -> str:
    return trn(f"licence.{name}", days, days=days)


def _status_word(status: str) -> str:
    return tr(f"licence.status.{status}") if status in STATUS_WORDS else status


def _date(when: datetime) -> str:
    local = when.astimezone()
    return local.strftime("%d/%m/%Y") if current_language() == "fr" else local.strftime("%Y-%m-%d")


def _days_until(end: datetime, now: datetime) -> int:
    return max(0, math.ceil((end - now) / timedelta(days=1)))


def mask_customer(customer: str) -> str:
    return f"{customer[:4]}…{customer[-4:]}" if len(customer) > 8 else "…"


@dataclass(frozen=True)
class LicenceStatus:
    state: str
    sync_allowed: bool
    message: str
    reason: str
    days_left: int | None = None
    plan: str | None = None
    customer: str | None = None
    valid_until: datetime | None = None
    manage_url: str | None = None
    subscription_status: str | None = None
    checked_at: datetime | None = None
    short: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (for ``--json`` and the export)."""
        data = asdict(self)
        for name in ("valid_until", "checked_at"):
            if data[name] is not None:
                data[name] = data[name].isoformat()
        return data


@dataclass(frozen=True)
class StoredLicence:
    """The facts kept in the state file (never the key: it lives in the keyring)."""

    token: str | None = None
    trial_started_at: datetime | None = None
    last_seen_at: datetime | None = None
    last_refresh_at: datetime | None = None
    refused: bool = False


def evaluate(facts: StoredLicence, now: datetime, public_key: Ed25519PublicKey) -> LicenceStatus:
    if facts.refused:
        return LicenceStatus("invalid", False, text("refused"), "key refused by server", short=text("short.refused"))
    token: LicenceToken | None = None
    if facts.token:
        try:
            token = verify_token(facts.token, public_key)
        except TokenError as exc:
            return LicenceStatus(
                "invalid", False, text("bad_token"), f"token {exc.reason}", short=text("short.bad_token")
            )
    seen = [t for t in (facts.last_seen_at, token.issued_at if token else facts.trial_started_at) if t is not None]
    floor = max(seen, default=None)
    if floor is not None and now < floor - CLOCK_TOLERANCE:
        hours = int((floor - now) / timedelta(hours=1))
        return LicenceStatus(
            "invalid",
            False,
            text("clock", now=_date(now), seen=_date(floor)),
            f"clock moved back {hours} h",
            short=text("short.clock"),
        )
    if token is None:
        return _trial(facts.trial_started_at or now, now)
    return _with_token(token, now, facts.last_refresh_at)


def _trial(started: datetime, now: datetime) -> LicenceStatus:
    end = started + timedelta(days=TRIAL_DAYS)
    if now < end:
        days = _days_until(end, now)
        return LicenceStatus("trial", True, days_text("trial", days), "trial", days_left=days, valid_until=end)
    return LicenceStatus(
        "expired",
        False,
        text("trial_over"),
        "trial ended",
        days_left=0,
        valid_until=end,
        short=text("short.trial_over"),
    )


def _with_token(token: LicenceToken, now: datetime, checked: datetime | None) -> LicenceStatus:
    common: dict[str, Any] = {
        "plan": token.plan_name or token.plan,
        "customer": mask_customer(token.customer),
        "manage_url": token.manage_url,
        "subscription_status": token.status,
        "checked_at": checked,
    }
    if token.status not in SYNC_STATUSES:
        what = _status_word(token.status)
        return LicenceStatus(
            "expired",
            False,
            text("ended", what=what),
            f"subscription {token.status}",
            days_left=0,
            valid_until=token.period_end,
            short=text("short.ended", what=what),
            **common,
        )
    if now <= token.expires_at:
        until = token.period_end or token.expires_at
        message = (
            text("past_due", plan=common["plan"] or "CalMedi")
            if token.status == "past_due"
            else text("active", plan=common["plan"] or "CalMedi", date=_date(until))
        )
        return LicenceStatus("active", True, message, f"subscription {token.status}", valid_until=until, **common)
    grace_end = token.expires_at + timedelta(days=GRACE_DAYS)
    if now <= grace_end:
        days = _days_until(grace_end, now)
        return LicenceStatus(
            "grace",
            True,
            days_text("grace", days),
            f"token expired {token.expires_at:%Y-%m-%d}; server unreachable",
            days_left=days,
            valid_until=grace_end,
            **common,
        )
    return LicenceStatus(
        "expired",
        False,
        text("grace_over", date=_date(token.issued_at)),
        "grace period over",
        days_left=0,
        valid_until=grace_end,
        short=text("short.grace_over", date=_date(token.issued_at)),
        **common,
    )
