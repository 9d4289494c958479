"""Technical logs (invariant 5): JSON lines of technical facts, owner-only, monthly files, purged after 12 months.

A line is ``{"ts", "level", "logger", "msg"}`` plus, for an exception, its class name, the class names of its
causes and its frames as ``file:line``. Never the exception's text nor a formatted traceback: both can quote
the data being processed (a patient's name in a parse error, a URL with a secret). A scrubbing filter on every
handler masks e-mail addresses, phone numbers, long digit runs, URL queries and token-like strings as a last
line of defence; the first line is that log calls only pass counts, durations, classes and hashed ids.

Files are ``calmedi-YYYY-MM.jsonl`` (UTC month), with ``calmedi-YYYY-MM.N.jsonl`` parts when a month grows past
``MAX_BYTES``, so that retention can drop whole months and a runaway loop cannot grow one file without bound.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from calmedi_desktop.paths import AppPaths, open_private_append, write_private
from calmedi_desktop.privacy.retention import LOG_RETENTION_MONTHS, as_utc, log_cutoff, shift_months

APP_LOGGER = "calmedi_desktop"
MAX_BYTES = 5 * 1024 * 1024
MAX_MSG_CHARS = 2000
MAX_FRAMES = 30
LINE_KEYS = ("ts", "level", "logger", "msg", "exc", "causes", "frames")
_FILE_NAME = re.compile(r"^calmedi-(\d{4})-(\d{2})(?:\.(\d+))?\.jsonl$")

# Strings shaped like credentials (also what the export refuses to hold).
SECRET_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\bya29\.[\w\-]{10,}"),  # Google access token
    re.compile(r"\b1//[\w\-]{20,}"),  # Google refresh token
    re.compile(r"\beyJ[\w\-]{8,}\.eyJ[\w\-]{8,}\.[\w\-]*"),  # JWT (Doctolib, licence tokens)
    re.compile(r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}|\bwhsec_[A-Za-z0-9]{10,}"),  # Stripe
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
)

# Order matters: URL parts first (they may contain an e-mail), then secrets, e-mails, phones, digit runs, tokens.
_SCRUBS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)\b(https?://)[^\s/@]+@"), r"\1<user>@"),
    (re.compile(r"(?i)\b(https?://[^\s?#]*)\?[^\s#]*"), r"\1?<query>"),
    *((pattern, "<redacted>") for pattern in SECRET_PATTERNS),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "<email>"),
    # International (+33 6 12 34 56 78, 0033612345678) then French national (06 12 34 56 78, 06.12.34.56.78).
    (re.compile(r"(?<![\w+])(?:\+|00)\d{1,3}[\s.\-]?(?:\(0\)[\s.\-]?)?\d(?:[\s.\-]?\d){5,13}(?![\w])"), "<phone>"),
    (re.compile(r"(?<![\w])0[1-9](?:[\s.\-]?\d{2}){4}(?![\w])"), "<phone>"),
    # Six digits or more (patient numbers, RPPS, NIR), but not inside a hex hashed id such as "a1234567bcde".
    (re.compile(r"(?<![0-9a-f])\d{6,}(?![0-9a-f])"), "<digits>"),
    # Other access/refresh tokens and licence keys: long runs of URL-safe characters.
    (re.compile(r"[A-Za-z0-9_\-]{40,}"), "<redacted>"),
)


def scrub(text: str) -> str:
    """Mask personal data and secrets that slipped into a log message."""
    for pattern, replacement in _SCRUBS:
        text = pattern.sub(replacement, text)
    return text


def _message(record: logging.LogRecord) -> str:
    try:
        return record.getMessage()
    except Exception as exc:  # a wrong format string must not lose the line nor print its arguments
        return f"<unformattable log message: {type(exc).__name__}>"


class ScrubFilter(logging.Filter):
    """Replace the record's message by its scrubbed, formatted text (once, for every handler after it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "calmedi_scrubbed", False):
            record.msg = scrub(_message(record))[:MAX_MSG_CHARS]
            record.args = None
            record.calmedi_scrubbed = True
        return True


class ThirdPartyFilter(logging.Filter):
    """Libraries' debug and info lines can carry request URLs and headers: keep only their warnings."""

    def filter(self, record: logging.LogRecord) -> bool:
        ours = record.name == APP_LOGGER or record.name.startswith(APP_LOGGER + ".")
        return ours or record.levelno >= logging.WARNING


def _frame_name(filename: str) -> str:
    # Relative to the package or site-packages, so that no home folder (hence no user name) is logged.
    parts = Path(filename).parts
    for anchor in ("site-packages", APP_LOGGER):
        if anchor in parts:
            index = len(parts) - 1 - parts[::-1].index(anchor)
            return "/".join(parts[index + (anchor == "site-packages") :])
    return Path(filename).name


def _exception_facts(
    exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
) -> dict[str, Any]:
    frames = []
    while tb is not None:
        frames.append(f"{_frame_name(tb.tb_frame.f_code.co_filename)}:{tb.tb_lineno}")
        tb = tb.tb_next
    causes = []
    seen = {id(exc)}
    link = (exc.__cause__ or exc.__context__) if exc is not None else None
    while link is not None and id(link) not in seen and len(causes) < 5:
        seen.add(id(link))
        causes.append(type(link).__name__)
        link = link.__cause__ or link.__context__
    facts: dict[str, Any] = {"exc": exc_type.__name__, "frames": frames[-MAX_FRAMES:]}
    if causes:
        facts["causes"] = causes
    return facts


def record_to_dict(record: logging.LogRecord) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
        "level": record.levelname,
        "logger": record.name,
        "msg": _message(record)[:MAX_MSG_CHARS],  # already scrubbed by the handler's ScrubFilter
    }
    if record.exc_info and record.exc_info[0] is not None:
        entry.update(_exception_facts(*record.exc_info))
    return entry


def _add_filters(handler: logging.Handler) -> None:
    handler.addFilter(ThirdPartyFilter())
    handler.addFilter(ScrubFilter())


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return json.dumps(record_to_dict(record), ensure_ascii=False, separators=(",", ":"))


class TextFormatter(logging.Formatter):
    """For a console: one human line, with the same limits as the file (no exception text)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = record_to_dict(record)
        line = f"{entry['ts']} {entry['level']} {entry['logger']}: {entry['msg']}"
        if "exc" in entry:
            where = entry["frames"][-1] if entry["frames"] else "?"
            line += f" [{entry['exc']} at {where}]"
        return line


def _quiet_handle_error(record: logging.LogRecord) -> None:
    # logging's default prints the record's message and arguments to stderr: exactly what scrubbing guards.
    exc = sys.exc_info()[1]
    if logging.raiseExceptions and sys.stderr is not None:
        sys.stderr.write(f"calmedi: could not write a log line ({type(exc).__name__})\n")


class JsonLinesHandler(logging.Handler):
    """Append JSON lines to the current month's file in ``folder``, created 0600 in a 0700 folder.

    Its filters come with it: every record is scrubbed, and libraries' records below WARNING are dropped."""

    calmedi_handler = True

    def __init__(self, folder: Path, *, max_bytes: int = MAX_BYTES, level: int = logging.NOTSET) -> None:
        super().__init__(level)
        self.folder = folder
        self.max_bytes = max_bytes
        self._stream: TextIO | None = None
        self._month = ""
        self._size = 0
        self.setFormatter(JsonFormatter())
        _add_filters(self)

    def _open_for(self, month: str) -> TextIO:
        parts = [part for _, part, path in _log_files(self.folder) if path.name.startswith(f"calmedi-{month}.")]
        path = _file_path(self.folder, month, max(parts, default=0))
        if path.exists() and path.stat().st_size >= self.max_bytes:
            path = _file_path(self.folder, month, max(parts, default=0) + 1)
        stream = open_private_append(path)
        self._size = os.fstat(stream.fileno()).st_size
        return stream

    def _target(self, created: float) -> TextIO:
        month = time.strftime("%Y-%m", time.gmtime(created))
        if self._stream is None or month != self._month or self._size >= self.max_bytes:
            if self._stream is not None:
                self._stream.close()
                self._stream = None
            self._stream = self._open_for(month)
            self._month = month
        return self._stream

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
            stream = self._target(record.created)
            stream.write(line + "\n")
            stream.flush()
            self._size += len(line.encode("utf-8")) + 1
        except Exception:
            self.handleError(record)

    def handleError(self, record: logging.LogRecord) -> None:
        _quiet_handle_error(record)

    def close(self) -> None:
        self.acquire()
        try:
            if self._stream is not None:
                self._stream.close()
                self._stream = None
        finally:
            self.release()
        super().close()


class _ConsoleHandler(logging.StreamHandler):  # type: ignore[type-arg]
    calmedi_handler = True

    def __init__(self, stream: TextIO, level: int) -> None:
        super().__init__(stream)
        self.setLevel(level)
        self.setFormatter(TextFormatter())
        _add_filters(self)

    def handleError(self, record: logging.LogRecord) -> None:
        _quiet_handle_error(record)


def configure_logging(paths: AppPaths, level: int = logging.INFO, *, stream: TextIO | None = None) -> None:
    """Install the JSON-lines file handler (and a console one if ``stream``) on the root logger.

    Calling it again replaces CalMedi's handlers instead of adding more. The log folder is created at the
    first line, not here, so that ``calmedi erase`` does not create what it is about to delete.
    """
    root = logging.getLogger()
    _remove_handlers(lambda h: getattr(h, "calmedi_handler", False))
    root.addHandler(JsonLinesHandler(paths.log, level=level))
    if stream is not None:
        root.addHandler(_ConsoleHandler(stream, level))
    # Only CalMedi's own loggers go below WARNING; records propagate to the root handlers whatever the root
    # level, and libraries stay at their default (WARNING), so their debug lines are never even built.
    logging.getLogger(APP_LOGGER).setLevel(level)


def stop_file_logging() -> None:
    """Close and remove CalMedi's file handlers (before an erasure, so that no line recreates the folder)."""
    _remove_handlers(lambda h: isinstance(h, JsonLinesHandler))


def _remove_handlers(condition: Callable[[logging.Handler], bool]) -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if condition(handler):
            root.removeHandler(handler)
            handler.close()


# -- reading and purging ---------------------------------------------------------------------------------------


def _file_path(folder: Path, month: str, part: int) -> Path:
    return folder / (f"calmedi-{month}.jsonl" if part == 0 else f"calmedi-{month}.{part}.jsonl")


def _log_files(folder: Path) -> list[tuple[datetime, int, Path]]:
    """CalMedi's log files as (month start, part, path), oldest first."""
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    found = []
    for name in names:
        match = _FILE_NAME.match(name)
        if match and 1 <= int(match[2]) <= 12:
            start = datetime(int(match[1]), int(match[2]), 1, tzinfo=UTC)
            found.append((start, int(match[3] or 0), folder / name))
    return sorted(found)


def _parse_ts(entry: dict[str, Any]) -> datetime | None:
    try:
        return as_utc(datetime.fromisoformat(str(entry["ts"]).replace("Z", "+00:00")))
    except (KeyError, ValueError):
        return None


def _is_since(entry: dict[str, Any], moment: datetime) -> bool:
    ts = _parse_ts(entry)
    return ts is not None and ts >= moment


def _read_entries(path: Path) -> Iterator[tuple[str, dict[str, Any] | None]]:
    """Each raw line with its parsed object (None for a torn or foreign line)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if not line.strip():
                    continue
                try:
                    entry = json.loads(line)
                except ValueError:
                    entry = None
                yield line, entry if isinstance(entry, dict) else None
    except FileNotFoundError:
        return


def recent_log_lines(paths: AppPaths, limit: int = 200) -> list[dict[str, Any]]:
    """The last ``limit`` log lines, oldest first (for the Journal page)."""
    if limit <= 0:
        return []
    result: list[dict[str, Any]] = []
    for _, _, path in reversed(_log_files(paths.log)):
        entries = [entry for _, entry in _read_entries(path) if entry is not None]
        result = entries + result
        if len(result) >= limit:
            break
    return result[-limit:]


def log_records_since(paths: AppPaths, since: datetime) -> Iterator[dict[str, Any]]:
    """Every readable log line at or after ``since``, oldest first (for the export)."""
    since = as_utc(since)
    for start, _, path in _log_files(paths.log):
        if shift_months(start, 1) <= since:
            continue
        for _, entry in _read_entries(path):
            if entry is not None and _is_since(entry, since):
                yield entry


def purge_old_logs(paths: AppPaths, now: datetime, months: int = LOG_RETENTION_MONTHS) -> int:
    """Delete log lines older than ``months`` months (whole files when they are entirely older).

    Returns how many lines were removed. A line whose date cannot be read is removed from a file being
    rewritten: it cannot be shown to be recent.
    """
    cutoff = log_cutoff(now, months)
    removed = 0
    for start, _, path in _log_files(paths.log):
        if start >= cutoff:
            continue
        lines = list(_read_entries(path))
        if shift_months(start, 1) <= cutoff:
            path.unlink(missing_ok=True)
            removed += len(lines)
            continue
        kept = [line for line, entry in lines if entry is not None and _is_since(entry, cutoff)]
        if len(kept) == len(lines):
            continue
        removed += len(lines) - len(kept)
        if kept:
            write_private(path, "".join(line if line.endswith("\n") else line + "\n" for line in kept).encode())
        else:
            path.unlink(missing_ok=True)
    return removed


def run_retention(paths: AppPaths, now: datetime) -> dict[str, Any]:
    """Apply the log retention now (at start-up and daily). Closure erasure is the caller's: it needs the
    licence state and a notification, and goes through ``erase.Eraser``."""
    removed = purge_old_logs(paths, now, LOG_RETENTION_MONTHS)
    return {
        "ran_at": as_utc(now).isoformat(timespec="seconds"),
        "log_records_removed": removed,
        "logs_kept_since": log_cutoff(now).isoformat(timespec="seconds"),
    }
