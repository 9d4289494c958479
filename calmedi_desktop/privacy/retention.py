"""Retention: how long each kind of data may stay, and what is due now (privacy policy, "Retention periods").

Technical logs are kept at most 12 months; account data is erased 12 months after the licence was closed,
with a notification 30 days before. Every function takes ``now`` so that the rules are testable and so that
the scheduler, the start-up and the tests share one clock. Naive datetimes are read as UTC.

Rules only: applying the log rule to the files is ``logs.run_retention`` (logs.py reads its calendar here).
"""

from __future__ import annotations

import calendar
from datetime import UTC, datetime, timedelta
from typing import Literal

LOG_RETENTION_MONTHS = 12
ACCOUNT_RETENTION_MONTHS = 12
CLOSURE_NOTICE_DAYS = 30
PURGE_EVERY = timedelta(days=1)

ClosureAction = Literal["none", "notify", "erase"]


def as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def shift_months(moment: datetime, months: int) -> datetime:
    """Same day and time ``months`` calendar months later (earlier if negative), clamped to the month's end.

    Calendar months rather than 365 days, so that "12 months" in the policy means what a reader expects,
    and so that 29 February never raises (it becomes 28 February).
    """
    index = moment.year * 12 + (moment.month - 1) + months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def log_cutoff(now: datetime, months: int = LOG_RETENTION_MONTHS) -> datetime:
    """The oldest moment a technical log line may carry at ``now``."""
    return shift_months(as_utc(now), -months)


def closure_erase_at(licence_closed_at: datetime) -> datetime:
    """When local account data must be erased after the licence was closed (cancelled or lapsed)."""
    return shift_months(as_utc(licence_closed_at), ACCOUNT_RETENTION_MONTHS)


def closure_due(licence_closed_at: datetime | None, now: datetime) -> ClosureAction:
    """``notify`` from 30 days before the 12-month mark after closure, ``erase`` from that mark on."""
    if licence_closed_at is None:
        return "none"
    erase_at = closure_erase_at(licence_closed_at)
    moment = as_utc(now)
    if moment >= erase_at:
        return "erase"
    if moment >= erase_at - timedelta(days=CLOSURE_NOTICE_DAYS):
        return "notify"
    return "none"


def purge_due(last_purge: datetime | None, now: datetime, every: timedelta = PURGE_EVERY) -> bool:
    """Whether the log purge should run: never ran, ran ``every`` ago or more, or the clock went backwards."""
    if last_purge is None:
        return True
    elapsed = as_utc(now) - as_utc(last_purge)
    return elapsed >= every or elapsed < timedelta(0)
