"""Human-readable lines for ``calmedi status`` (the tray builds its own menu from the same dict), and a run's
progress in words for the terminal, the tray and the wizard alike."""

from __future__ import annotations

from typing import Any

from calmedi_desktop.i18n import tr
from calmedi_desktop.sync.progress import COMPARING, READING, Progress


def progress_line(progress: Progress) -> str:
    if progress.phase == READING:
        return tr("progress.reading")
    if progress.phase == COMPARING:
        return tr("progress.comparing")
    if progress.total <= 0:
        return tr("progress.up_to_date")
    return tr("progress.writing", done=progress.done, total=progress.total)


def _account(entry: dict[str, Any]) -> str:
    if not entry.get("connected"):
        return tr("cli.status_not_connected")
    text = tr("cli.status_connected", since=entry.get("connected_at", "?"))
    if entry.get("practitioner"):
        text += f" ({entry['practitioner']})"
    return text


def status_lines(status: dict[str, Any]) -> list[str]:
    accounts = status["accounts"]
    lines = [
        tr("cli.status_doctolib", state=_account(accounts["doctolib"])),
        tr("cli.status_google", state=_account(accounts["google"])),
    ]
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
