"""The pure planner: what to insert, update, delete, given what is desired and what exists.

No I/O, no clock. Only events CalMedi tagged are ever touched. The mass-deletion guard lives here so that
every caller (CLI, scheduler, tests) gets the same fail-safe behaviour.
"""

from __future__ import annotations

from collections.abc import Iterable

from calmedi_desktop.sync.model import DesiredEvent, ExistingEvent, Plan

MASS_DELETE_MIN_EXISTING = 10


def mass_delete_suspected(desired_count: int, active_count: int, delete_count: int) -> bool:
    """True when deletes should be held back: an empty source, or more than half of ≥ 10 events going."""
    if delete_count == 0:
        return False
    if desired_count == 0:
        return True
    return active_count >= MASS_DELETE_MIN_EXISTING and delete_count * 2 > active_count


def plan(
    desired: Iterable[DesiredEvent],
    existing: Iterable[ExistingEvent],
    *,
    allow_mass_delete: bool = False,
) -> Plan:
    wanted = {event.id: event for event in desired}
    current = {event.id: event for event in existing}
    result = Plan()

    for event_id, want in wanted.items():
        have = current.get(event_id)
        if have is None:
            result.inserts.append(want)
        elif not have.tagged and not have.cancelled:
            # Someone else's live event with our id: never touch it. (A cancelled one may come back from
            # Google without its extended properties; ids are derived from our own namespace, so restore it.)
            result.conflicts.append(event_id)
        elif have.cancelled or have.content_hash != want.content_hash:
            result.updates.append(want)
        else:
            result.unchanged += 1

    active = [e for e in current.values() if e.tagged and not e.cancelled]
    deletes = sorted(e.id for e in active if e.id not in wanted)
    if not allow_mass_delete and mass_delete_suspected(len(wanted), len(active), len(deletes)):
        result.held_deletes = deletes
    else:
        result.deletes = deletes
    return result
