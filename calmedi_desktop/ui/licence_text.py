"""The licence state in plain words, shared by the Licence page and the tray menu.

Both read the facade's ``licence_status()`` dict. The core's own ``message`` explains *why* (trial over, payment
failed, clock moved back); these lines say *where things stand* in the fewest words, in the UI language.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale

# Which coloured box the page shows for each state (common.Notice kinds).
STATE_KIND = {"trial": "info", "active": "info", "grace": "warning", "expired": "error", "invalid": "error"}


def local_date(iso: Any) -> str | None:
    """``12 March 2026`` / ``12 mars 2026``: a date nobody can read the wrong way round."""
    if not isinstance(iso, str) or not iso:
        return None
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return QLocale().toString(QDate(moment.year, moment.month, moment.day), "d MMMM yyyy")


def headline(status: dict[str, Any]) -> str:
    """One line for the page: "Free trial — 9 days left", "Active — Pro plan, valid until 12 March 2026"…"""
    state = status.get("state")
    days = int(status.get("days_left") or 0)
    if state == "trial":
        return QCoreApplication.translate("Licence", "Free trial — %n day(s) left", None, days)
    if state == "active":
        until = local_date(status.get("valid_until"))
        plan = status.get("plan")
        if plan and until:
            return (
                QCoreApplication.translate("Licence", "Active — %1 plan, valid until %2")
                .replace("%1", str(plan))
                .replace("%2", until)
            )
        if until:
            return QCoreApplication.translate("Licence", "Active — valid until %1").replace("%1", until)
        return QCoreApplication.translate("Licence", "Active")
    if state == "grace":
        return QCoreApplication.translate(
            "Licence", "Grace period — the licence server could not be reached; %n day(s) left", None, days
        )
    if state == "expired":
        return QCoreApplication.translate("Licence", "Expired")
    if state == "invalid":
        return QCoreApplication.translate("Licence", "Invalid")
    return QCoreApplication.translate("Licence", "Licence state unknown")


def needs_explaining(status: dict[str, Any]) -> bool:
    """The core's message adds something only when the licence is not plainly fine (or a payment failed)."""
    return status.get("state") in ("expired", "invalid") or status.get("subscription_status") == "past_due"


def tray_line(status: dict[str, Any]) -> str | None:
    """The tray's licence line; None while the licence is active (nothing to say)."""
    state = status.get("state")
    days = int(status.get("days_left") or 0)
    if state == "trial":
        return QCoreApplication.translate("Licence", "Free trial: %n day(s) left", None, days)
    if state == "grace":
        return QCoreApplication.translate("Licence", "Licence server unreachable: %n day(s) of grace left", None, days)
    if state == "expired":
        return QCoreApplication.translate("Licence", "Sync paused: licence expired")
    if state == "invalid":
        return QCoreApplication.translate("Licence", "Sync paused: licence invalid")
    return None


def blocks_sync(status: dict[str, Any]) -> bool:
    return status.get("state") in ("expired", "invalid")
