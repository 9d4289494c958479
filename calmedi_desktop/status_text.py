"""Human-readable lines for ``calmedi status`` (the tray builds its own menu from the same dict), and a run's
progress in words for the terminal, the tray and the wizard alike."""

from __future__ import annotations

import math
from typing import Any

from calmedi_desktop.i18n import tr
from calmedi_desktop.sync.progress import COMPARING, READING, Progress


def duration(seconds: float) -> str:
    """About how long, as a person would say it: seconds under a minute, whole minutes (rounded up) above."""
    if seconds < 60:
        return tr("progress.seconds", n=max(1, math.ceil(seconds)))
    return tr("progress.minutes", n=math.ceil(seconds / 60))


def progress_line(progress: Progress, destination: str | None = None) -> str:
    """``destination``: its name as ``CalMedi.destination()`` gives it ("Google Calendar", "Apple iCloud"…)."""
    if progress.phase == READING:
        return tr("progress.reading")
    where = destination or tr("destination.unknown")
    if progress.phase == COMPARING:
        return tr("progress.comparing", destination=where)
    if progress.total <= 0:
        return tr("progress.up_to_date", destination=where)
    counts = {"done": progress.done, "total": progress.total}
    if progress.waiting_s > 0:  # Google's quota holds the writes back right now: say so, and for how long
        return tr("progress.quota_wait", **counts, left=duration(max(progress.eta_s or 0.0, progress.waiting_s)))
    if progress.eta_s is not None and progress.eta_s >= 1:
        return tr("progress.writing_eta", **counts, destination=where, left=duration(progress.eta_s))
    return tr("progress.writing", **counts, destination=where)


def _account(entry: dict[str, Any]) -> str:
    if not entry.get("connected"):
        return tr("cli.status_not_connected")
    text = tr("cli.status_connected", since=entry.get("connected_at", "?"))
    if entry.get("practitioner"):
        text += f" ({entry['practitioner']})"
    return text


def _caldav(entry: dict[str, Any]) -> str:
    text = _account(entry)
    if entry.get("user") and entry.get("server"):
        text += f" ({entry['user']} @ {entry['server']})"
    if entry.get("connected") and not entry.get("calendar_url"):
        text += " — " + tr("cli.status_caldav_no_calendar")
    elif entry.get("calendar_created_by_calmedi") is False:
        text += " — " + tr("cli.status_caldav_picked")
    return text


def status_lines(status: dict[str, Any]) -> list[str]:
    accounts = status["accounts"]
    lines = [
        tr("cli.status_doctolib", state=_account(accounts["doctolib"])),
        tr("cli.status_google", state=_account(accounts["google"])),
    ]
    caldav = accounts.get("caldav") or {}
    if caldav.get("connected") or caldav.get("url"):
        lines.append(tr("cli.status_caldav", state=_caldav(caldav)))
    destination = status.get("destination")
    if destination:
        key = "cli.status_destination" if destination.get("connected") else "cli.status_destination_unconnected"
        lines.append(tr(key, name=destination["name"], target=destination["target"]))
    if accounts.get("ics"):
        lines.append(tr("cli.status_ics", names=", ".join(feed["name"] for feed in accounts["ics"])))
    lines.append(tr("cli.status_privacy", level=status["privacy_level"]))
    if "near_interval_seconds" in status:
        past, future = status.get("window_days") or ("?", "?")
        lines.append(
            tr(
                "cli.status_cadence",
                near_days=status["near_days"],
                near_seconds=status["near_interval_seconds"],
                past_days=past,
                future_days=future,
                full_minutes=status["full_interval_minutes"],
                quota=status["quota_per_minute"],
            )
        )
    last = status.get("last_run")
    if last:
        if last.get("error"):
            outcome = tr("cli.status_failed", error=last["error"])
        elif last.get("summary"):
            outcome = tr("sync.summary", **last["summary"])
        else:
            outcome = tr("cli.status_ok")
        lines.append(tr("cli.status_last_run", at=last["at"], outcome=outcome))
    else:
        lines.append(tr("cli.status_never"))
    if status.get("last_full_success") and (last or {}).get("tier") == "near":
        lines.append(tr("cli.status_last_full", at=status["last_full_success"]))
    lines.append(tr("cli.status_licence", message=status["licence"].get("message", status["licence"].get("state"))))
    if status.get("processing_paused"):
        lines.append(tr("cli.status_paused"))
    return lines
