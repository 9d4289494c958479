"""When to interrupt the practitioner: only when they must act, unless they asked for more (``ui.notifications``).

``important`` (default): sign-in expired, keyring locked or missing, licence lapsed, deletions held back by the
guard, repeated failures. ``all``: also every failure and every run that changed something. ``none``: never.
One notice per problem: it is not repeated until a run has succeeded in between. The closure notice (account data
erased in 30 days, ``upkeep.py``) is not a sync matter and is shown whatever the level: the policy promises it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from calmedi_desktop.api import errors

REPEATED_FAILURES = 3
MUST_ACT = (errors.AuthExpiredError, errors.NotConnectedError, errors.KeyringError, errors.LicenceRequiredError)


@dataclass(frozen=True)
class Notice:
    kind: str
    title: str
    message: str
    warning: bool = True


class NotificationPolicy:
    def __init__(self, level: Callable[[], str], destination: Callable[[], str] = lambda: "Google Calendar") -> None:
        """``destination``: the name of where the appointments go, for the notices that mention it."""
        self._level = level
        self._destination = destination
        self._shown: set[str] = set()

    def after_failure(self, error: errors.CalmediError, failures: int) -> Notice | None:
        level = self._level()
        if level == "none":
            return None
        if isinstance(error, MUST_ACT):
            return self._once(Notice(f"act:{type(error).__name__}", error.title, error.message))
        if failures >= REPEATED_FAILURES:
            message = QCoreApplication.translate(
                "Notifications",
                "Syncing has failed %n time(s) in a row. CalMedi keeps retrying; last problem: %1",
                None,
                failures,
            )
            return self._once(
                Notice(
                    "repeated",
                    QCoreApplication.translate("Notifications", "Sync keeps failing"),
                    message.replace("%1", error.title),
                )
            )
        if level == "all":
            return Notice(f"failed:{type(error).__name__}", error.title, error.message)
        return None

    def after_success(self, result: Any) -> Notice | None:
        self._shown.clear()
        level = self._level()
        if level == "none":
            return None
        held = int(getattr(result, "held_deletes", 0) or 0)
        if held:
            message = QCoreApplication.translate(
                "Notifications",
                "%n deletion(s) held back for safety: the agenda suddenly looks much emptier than %1. "
                "Open the CalMedi menu to review and confirm them.",
                None,
                held,
            ).replace("%1", self._destination())
            self._shown.add("held")
            return Notice("held", QCoreApplication.translate("Notifications", "Deletions held back"), message)
        if level == "all":
            changed = sum(int(getattr(result, name, 0) or 0) for name in ("created", "updated", "deleted"))
            if changed:
                message = QCoreApplication.translate("Notifications", "%1 created, %2 updated, %3 deleted").replace(
                    "%1", str(result.created)
                )
                message = message.replace("%2", str(result.updated)).replace("%3", str(result.deleted))
                title = QCoreApplication.translate("Notifications", "%1 updated").replace("%1", self._destination())
                return Notice("synced", title, message, warning=False)
        return None

    def _once(self, notice: Notice) -> Notice | None:
        if notice.kind in self._shown:
            return None
        self._shown.add(notice.kind)
        return notice
