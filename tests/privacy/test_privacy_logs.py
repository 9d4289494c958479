"""Technical logs (invariant 5): JSON lines, owner-only, scrubbed, no exception text, purged after 12 months."""

from __future__ import annotations

import io
import json
import logging
import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from calmedi_desktop.paths import AppPaths
from calmedi_desktop.privacy.logs import (
    JsonLinesHandler,
    configure_logging,
    log_records_since,
    purge_old_logs,
    recent_log_lines,
    scrub,
    stop_file_logging,
)
from tests.privacy.privacy_helpers import assert_owner_only

MARKER = "Zéphyrin Marqueurtest"
log = logging.getLogger("calmedi_desktop.tests.privacy")
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def _file_text(paths: AppPaths) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(paths.log.glob("*.jsonl")))


def _lines(paths: AppPaths) -> list[dict]:
    return [json.loads(line) for line in _file_text(paths).splitlines()]


def test_lines_are_json_in_a_monthly_owner_only_file(paths: AppPaths) -> None:
    configure_logging(paths, logging.DEBUG)
    log.info("sync: created=%d in %.2fs", 3, 0.5)
    log.debug("debug fact %s", "abc")
    files = list(paths.log.iterdir())
    assert [f.name for f in files] == [time.strftime("calmedi-%Y-%m.jsonl", time.gmtime())]
    lines = _lines(paths)
    assert [line["msg"] for line in lines] == ["sync: created=3 in 0.50s", "debug fact abc"]
    for line in lines:
        assert set(line) == {"ts", "level", "logger", "msg"}
        assert line["logger"] == "calmedi_desktop.tests.privacy"
        assert abs(datetime.fromisoformat(line["ts"]) - datetime.now(UTC)) < timedelta(minutes=1)
    assert [line["level"] for line in lines] == ["INFO", "DEBUG"]
    assert_owner_only(paths.log)


def test_info_level_drops_debug_and_configuring_twice_adds_no_duplicate(paths: AppPaths) -> None:
    configure_logging(paths)
    configure_logging(paths)
    log.debug("hidden")
    log.info("shown once")
    assert [line["msg"] for line in _lines(paths)] == ["shown once"]


@pytest.mark.parametrize(
    "planted",
    [
        "jean.dupont+rdv@example-sante.fr",
        "+33 6 12 34 56 78",
        "+33612345678",
        "0033 6 12 34 56 78",
        "06 12 34 56 78",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "0612345678",
        "185057800608436",  # a social security number
        "10003456789",  # an RPPS number
    ],
)
def test_scrubbing_masks_personal_data_in_file_and_console(paths: AppPaths, planted: str) -> None:
    console = io.StringIO()
    configure_logging(paths, stream=console)
    log.warning("could not match patient %s in agenda", planted)
    log.warning(f"inline: {planted}.")
    written = _file_text(paths) + console.getvalue()
    assert planted not in written
    if digits := re.sub(r"\D", "", planted):
        assert digits[-6:] not in written
    assert "could not match patient <" in written
    assert console.getvalue().count("\n") == 2


def test_scrubbing_keeps_technical_facts() -> None:
    text = "sync: source=12 existing=340 in 0.53s, id a1234567bcde, window 2026-05-09..2026-08-07 10:30, http 503"
    assert scrub(text) == text
    feed = "GET https://feed.example/cal.ics?key=s3cr3t&u=me done"
    assert scrub(feed) == "GET https://feed.example/cal.ics?<query> done"
    assert "s3cr3t" not in scrub("https://user:s3cr3t@host.example/x")
    token = "ya29.a0AfH6SMBx3kQ9zY" + "Ab1" * 20
    assert "Ab1Ab1" not in scrub(f"Bearer {token}")


def test_exception_text_and_traceback_values_never_written(paths: AppPaths) -> None:
    console = io.StringIO()
    configure_logging(paths, logging.DEBUG, stream=console)

    def parse(name: str) -> None:
        try:
            raise KeyError(f"no visit motive for {name}")
        except KeyError as inner:
            raise ValueError(f"cannot read appointment of {name}") from inner

    try:
        parse(MARKER)
    except ValueError:
        log.exception("sync failed")
        log.error("again", exc_info=True, stack_info=True)
    written = _file_text(paths) + console.getvalue()
    assert MARKER not in written
    assert "Marqueurtest" not in written
    assert "Traceback" not in written and "Stack" not in written
    first = _lines(paths)[0]
    assert first["msg"] == "sync failed"
    assert first["exc"] == "ValueError"
    assert first["causes"] == ["KeyError"]
    assert any(frame.startswith("test_privacy_logs.py:") for frame in first["frames"])
    assert all(re.fullmatch(r"[\w./<>-]+:\d+", frame) for frame in first["frames"])
    assert str(Path.home()) not in written
    assert "[ValueError at test_privacy_logs.py:" in console.getvalue()


def test_libraries_log_only_warnings(paths: AppPaths) -> None:
    configure_logging(paths, logging.DEBUG)
    library = logging.getLogger("urllib3.connectionpool")
    library.setLevel(logging.DEBUG)
    try:
        library.debug("GET /calendar/v3/calendars/x/events?q=secret")
        library.info("info line")
        library.warning("Retrying after connection broken")
    finally:
        library.setLevel(logging.NOTSET)
    assert [(line["logger"], line["msg"]) for line in _lines(paths)] == [
        ("urllib3.connectionpool", "Retrying after connection broken")
    ]


def test_a_failing_log_write_prints_no_message_text(paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    paths.log.parent.mkdir(parents=True, exist_ok=True)
    paths.log.write_text("a file where the log folder should be")
    configure_logging(paths)
    log.warning("patient %s", MARKER)
    err = capsys.readouterr().err
    assert "could not write a log line" in err
    assert MARKER not in err


def test_stop_file_logging_leaves_no_file_behind(paths: AppPaths) -> None:
    configure_logging(paths)
    stop_file_logging()
    log.warning("after stop")
    assert not paths.log.exists()


def test_size_rotation_keeps_every_line_in_order(tmp_path: Path) -> None:
    handler = JsonLinesHandler(tmp_path / "logs", max_bytes=300)
    for i in range(12):
        handler.handle(logging.makeLogRecord({"name": "calmedi_desktop.t", "msg": f"line {i}", "levelno": 20}))
    handler.close()
    names = sorted(p.name for p in (tmp_path / "logs").iterdir())
    month = time.strftime("%Y-%m", time.gmtime())
    assert len(names) > 2
    assert f"calmedi-{month}.jsonl" in names and f"calmedi-{month}.1.jsonl" in names
    assert all((tmp_path / "logs" / n).stat().st_size <= 300 + 200 for n in names)
    paths = AppPaths(*(tmp_path / n for n in ("c", "d", "s", "k", "logs")))
    assert [e["msg"] for e in recent_log_lines(paths, 100)] == [f"line {i}" for i in range(12)]
    assert [e["msg"] for e in recent_log_lines(paths, 3)] == ["line 9", "line 10", "line 11"]
    assert recent_log_lines(paths, 0) == []


def test_the_handler_scrubs_and_filters_by_construction(tmp_path: Path) -> None:
    handler = JsonLinesHandler(tmp_path)
    handler.handle(logging.makeLogRecord({"name": "calmedi_desktop.x", "msg": "mail %s", "args": ("a.b@c.fr",)}))
    handler.handle(logging.makeLogRecord({"name": "httpx", "msg": "GET /", "levelno": logging.INFO}))
    handler.close()
    [line] = (tmp_path / time.strftime("calmedi-%Y-%m.jsonl", time.gmtime())).read_text().splitlines()
    assert json.loads(line)["msg"] == "mail <email>"


def test_records_go_to_the_file_of_their_month(tmp_path: Path) -> None:
    handler = JsonLinesHandler(tmp_path)
    for created in (datetime(2026, 1, 31, 23, 59, tzinfo=UTC), datetime(2026, 2, 1, 0, 1, tzinfo=UTC)):
        handler.handle(logging.makeLogRecord({"name": "calmedi_desktop", "msg": "x", "created": created.timestamp()}))
    handler.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["calmedi-2026-01.jsonl", "calmedi-2026-02.jsonl"]


def test_purge_removes_old_files_and_lines_and_keeps_newer(paths: AppPaths, write_log_file) -> None:
    cutoff = datetime(2025, 11, 27, 10, 0, tzinfo=UTC)  # 12 months before NOW
    old = write_log_file("2025-09", [datetime(2025, 9, 3, tzinfo=UTC)] * 3)
    straddling = write_log_file(
        "2025-11",
        [cutoff - timedelta(days=5), cutoff - timedelta(seconds=1), cutoff, cutoff + timedelta(days=1)],
        extra=('{"torn line',),
    )
    current = write_log_file("2026-11", [NOW - timedelta(days=1)])
    foreign = paths.log / "notes.txt"
    foreign.write_text("not a log file")

    assert purge_old_logs(paths, NOW) == 3 + 2 + 1
    assert not old.exists()
    assert [json.loads(line)["msg"] for line in straddling.read_text().splitlines()] == ["line 2", "line 3"]
    assert current.read_text().count("\n") == 1
    assert foreign.exists()
    assert straddling.stat().st_mode & 0o777 == 0o600
    assert purge_old_logs(paths, NOW) == 0


def test_purge_deletes_a_file_left_empty(paths: AppPaths, write_log_file) -> None:
    path = write_log_file("2025-11", [datetime(2025, 11, 2, tzinfo=UTC)])
    assert purge_old_logs(paths, NOW) == 1
    assert not path.exists()
    assert purge_old_logs(AppPaths(*(paths.log / "missing" for _ in range(5))), NOW) == 0


def test_log_records_since_filters_by_time(paths: AppPaths, write_log_file) -> None:
    write_log_file("2025-10", [datetime(2025, 10, 1, tzinfo=UTC)])
    write_log_file("2026-03", [datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 3, 20, tzinfo=UTC)], extra=("{}",))
    since = datetime(2026, 3, 10, tzinfo=UTC)
    assert [e["ts"][:10] for e in log_records_since(paths, since)] == ["2026-03-20"]
    assert len(list(log_records_since(paths, datetime(2000, 1, 1, tzinfo=UTC)))) == 3
