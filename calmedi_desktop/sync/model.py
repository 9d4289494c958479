"""The in-memory shapes a sync run works with.

An Appointment exists only in memory for the length of one run (invariant 1). Its patient fields are kept out
of ``repr`` so that a traceback or a debug log line can never print them. The model has no field for phone,
e-mail, birth date, address, notes or patient ids: a source drops those the moment it parses a response.
The presentation fields (agenda, visit motive, new patient) identify no one; they decide an event's colour and
whether it is shown, and are never sent as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    CONSULTATION = "consultation"
    TELECONSULTATION = "teleconsultation"
    APPOINTMENT = "appointment"


@dataclass(frozen=True, slots=True)
class Appointment:
    source: str
    source_id: str = field(repr=False)
    start: datetime | date
    end: datetime | date
    timezone: str
    tentative: bool = False
    kind: Kind = Kind.CONSULTATION
    patient_name: str | None = field(default=None, repr=False)
    visit_reason: str | None = field(default=None, repr=False)
    location: str | None = None  # the practice's address, never a patient's
    #: The Doctolib agenda it was read through; None for a source without agendas (an iCalendar feed).
    agenda_id: int | None = None
    #: Points at a visit reason (a health fact): kept out of repr like the reason itself.
    visit_motive_id: int | None = field(default=None, repr=False)
    new_patient: bool = field(default=False, repr=False)
    #: Booked but not yet confirmed (shown as tentative, or hidden by filters.show_unconfirmed). An unknown
    #: status is tentative too, but never hidden: it may well be a real appointment.
    awaiting_confirmation: bool = False

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)


@dataclass(frozen=True, slots=True)
class DesiredEvent:
    """What CalMedi wants a Google event to be. ``body`` is the exact body that will be sent."""

    id: str
    body: dict[str, Any] = field(repr=False)
    content_hash: str
    start: datetime


@dataclass(frozen=True, slots=True)
class ExistingEvent:
    """An event as the target lists it. ``tagged`` means CalMedi wrote it (extendedProperties calmedi=1)."""

    id: str
    status: str
    tagged: bool
    content_hash: str | None
    start: datetime | None
    body: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"


@dataclass
class Plan:
    inserts: list[DesiredEvent] = field(default_factory=list)
    updates: list[DesiredEvent] = field(default_factory=list)
    deletes: list[str] = field(default_factory=list)
    held_deletes: list[str] = field(default_factory=list)
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)
    #: Event ids in the order their writes should go out (nearest first); empty: inserts, updates, deletes.
    order: list[str] = field(default_factory=list)

    @property
    def writes(self) -> int:
        return len(self.inserts) + len(self.updates) + len(self.deletes)


@dataclass
class ApplyResult:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    failures: dict[str, str] = field(default_factory=dict)  # event id -> error class (never content)

    @property
    def failed(self) -> int:
        return len(self.failures)


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    failed: int = 0
    held_deletes: int = 0
    duration_s: float = 0.0
    dry_run: bool = False
    source_count: int = 0
    existing_count: int = 0
    tier: str = "full"  # the window this run read: "near" (the coming days) or "full"

    def summary(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "deleted": self.deleted,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "held_deletes": self.held_deletes,
            "duration_s": round(self.duration_s, 3),
        }
