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

from calmedi_desktop.i18n import current_language, tr
from calmedi_desktop.licence.tokens import LicenceToken, TokenError, verify_token
from calmedi_desktop.messages import MESSAGES

TRIAL_DAYS = 14
GRACE_DAYS = 14
CLOCK_TOLERANCE = timedelta(days=1)
SYNC_STATUSES = frozenset({"active", "trialing", "past_due"})
STATES = ("trial", "active", "grace", "expired", "invalid")

TEXT: dict[str, dict[str, str]] = {
    "trial": {"fr": "Essai gratuit : {days} jour(s) restant(s).", "en": "Free trial: {days} day(s) left."},
    "trial_over": {
        "fr": "Essai gratuit terminé : activez une licence pour reprendre la synchronisation. Rien n'a été supprimé.",
        "en": "Free trial over: activate a licence to resume syncing. Nothing was deleted.",
    },
    "active": {"fr": "Licence active ({plan}) jusqu'au {date}.", "en": "Licence active ({plan}) until {date}."},
    "past_due": {
        "fr": "Licence active ({plan}), mais le dernier paiement a échoué : mettez à jour votre moyen de paiement.",
        "en": "Licence active ({plan}), but the last payment failed: update your payment method.",
    },
    "grace": {
        "fr": "Serveur de licences injoignable : la synchronisation continue encore {days} jour(s).",
        "en": "Licence server unreachable: syncing continues for {days} more day(s).",
    },
    "grace_over": {
        "fr": "Licence non vérifiée depuis le {date} (serveur injoignable) : synchronisation en pause. Vérifiez "
        "la connexion Internet. Rien n'a été supprimé.",
        "en": "Licence not verified since {date} (server unreachable): syncing is paused. Check the Internet "
        "connection. Nothing was deleted.",
    },
    "ended": {
        "fr": "Abonnement {what} : synchronisation en pause. Rien n'a été supprimé ; « Gérer l'abonnement » "
        "permet de le reprendre.",
        "en": "Subscription {what}: syncing is paused. Nothing was deleted; use “Manage subscription” to resume it.",
    },
    "bad_token": {
        "fr": "Licence invalide (jeton modifié ou mal signé) : actualisez la licence ou activez à nouveau votre clé.",
        "en": "Invalid licence (token altered or wrongly signed): refresh the licence or activate your key again.",
    },
    "clock": {
        "fr": "L'horloge de cet ordinateur a reculé (elle indique le {now}, le {seen} a déjà été vu) : corrigez "
        "la date et l'heure, puis actualisez la licence.",
        "en": "This computer's clock went back (it says {now}, {seen} was already seen): correct the date and "
        "time, then refresh the licence.",
    },
    "refused": {
        "fr": "Clé de licence refusée par le serveur : vérifiez-la, ou contactez le support CalMedi.",
        "en": "Licence key refused by the server: check it, or contact CalMedi support.",
    },
    # Short forms, for "Syncing is paused (…)" in LicenceRequiredError.
    "short.trial_over": {"fr": "essai gratuit terminé", "en": "free trial over"},
    "short.ended": {"fr": "abonnement {what}", "en": "subscription {what}"},
    "short.grace_over": {"fr": "licence non vérifiée depuis le {date}", "en": "licence not verified since {date}"},
    "short.bad_token": {"fr": "jeton de licence invalide", "en": "invalid licence token"},
    "short.clock": {"fr": "l'horloge de l'ordinateur a reculé", "en": "the computer's clock went back"},
    "short.refused": {"fr": "clé de licence refusée", "en": "licence key refused"},
}
STATUS_WORDS: dict[str, dict[str, str]] = {
    "canceled": {"fr": "résilié", "en": "cancelled"},
    "unpaid": {"fr": "impayé", "en": "unpaid"},
    "paused": {"fr": "suspendu", "en": "paused"},
    "incomplete": {"fr": "non finalisé", "en": "incomplete"},
    "incomplete_expired": {"fr": "expiré", "en": "expired"},
    "none": {"fr": "absent", "en": "missing"},
}


# The licence's texts stay beside the rules that use them, and are looked up like every other core string.
MESSAGES.update({f"licence.{name}": entry for name, entry in TEXT.items()})
MESSAGES.update({f"licence.status.{name}": entry for name, entry in STATUS_WORDS.items()})


def text(name: str, **params: object) -> str:
    return tr(f"licence.{name}", **params)


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
        return LicenceStatus("trial", True, text("trial", days=days), "trial", days_left=days, valid_until=end)
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
            text("grace", days=days),
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
