"""Human-readable lines for ``calmedi status`` (the tray builds its own menu from the same dict), and a run's
progress in words for the terminal, the tray and the wizard alike."""

from __future__ import annotations

from typing import Any

from calmedi_desktop.i18n import tr
from calmedi_desktop.sync.progress import COMPARING, READING, Progress


def progress_line(progress: Progress, destination: str | None = None) -> str:
    """``destination``: its name as ``CalMedi.destination()`` gives it ("Google Calendar", "Apple iCloud"…)."""
    if progress.phase == READING:
        return tr("progress.reading")
    where = destination or tr("destination.unknown")
    if progress.phase == COMPARING:
        return tr("progress.comparing", destination=where)
    if progress.total <= 0:
        return tr("progress.up_to_date", destination=where)
    return tr("progress.writing", destination=where, done=progress.done, total=progress.total)


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
    lines.append(tr("cli.status_licence", message=status["licence"].get("message", status["licence"].get("state"))))
    if status.get("processing_paused"):
        lines.append(tr("cli.status_paused"))
    return lines
