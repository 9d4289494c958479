"""The ``calmedi`` command. Talks only to the facade, through ``calmedi_desktop.api``.

It never imports the UI: ``launcher.py`` (what the ``calmedi`` executable runs) hands it ``load_tray`` for the
two commands that open the tray app (no command, and ``demo`` on a desktop).

Exit codes: 0 success; 1 failure (one-line reason on stderr); 2 usage error; 3 deletions held back by the
mass-deletion guard (``sync --allow-mass-delete`` confirms them).
"""

from __future__ import annotations

import argparse
import logging
import os
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from calmedi_desktop.api import CalmediError, __version__, tr, trn
from calmedi_desktop.cli_output import EXIT_FAIL, EXIT_HELD, EXIT_OK, EXIT_USAGE
from calmedi_desktop.cli_output import err as _err
from calmedi_desktop.cli_output import out as _out
from calmedi_desktop.cli_progress import TerminalProgress

log = logging.getLogger("calmedi_desktop.cli")
TrayMain = Callable[..., int]  # ui.app.main(demo=False)
LoadTray = Callable[[], TrayMain]  # raises ImportError where Qt is not installed


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="calmedi", description=tr("cli.description"))
    p.add_argument("--version", action="version", version=f"calmedi {__version__}")
    p.add_argument("--demo", action="store_true", help=tr("cli.demo"))
    p.add_argument("--debug", action="store_true", help=tr("cli.debug"))
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("connect", help=tr("cli.connect"))
    c.add_argument("service", choices=["google", "doctolib", "caldav", "ics"])
    c.add_argument("url", nargs="?", help=tr("cli.connect_url"))
    c.add_argument("--name", default="feed", help=tr("cli.connect_name"))
    c.add_argument("--no-browser", action="store_true", help=tr("cli.no_browser"))
    c.add_argument("--user", help=tr("cli.caldav_user"))
    c.add_argument("--password-stdin", action="store_true", help=tr("cli.caldav_password_stdin"))
    c.add_argument("--calendar", help=tr("cli.caldav_calendar"))
    c.add_argument("--use", action="store_true", help=tr("cli.caldav_use"))
    c.add_argument("--json", action="store_true")

    d = sub.add_parser("disconnect", help=tr("cli.disconnect"))
    d.add_argument("service", choices=["google", "doctolib", "caldav", "ics"])
    d.add_argument("--name", default=None)
    d.add_argument("--json", action="store_true")

    s = sub.add_parser("sync", help=tr("cli.sync"))
    s.add_argument("--once", action="store_true", help=tr("cli.once"))
    s.add_argument("--dry-run", action="store_true", help=tr("cli.dry_run"))
    s.add_argument("--allow-mass-delete", action="store_true", help=tr("cli.allow_mass_delete"))
    s.add_argument("--json", action="store_true")

    st = sub.add_parser("status", help=tr("cli.status"))
    st.add_argument("--json", action="store_true")

    e = sub.add_parser("export", help=tr("cli.export"))
    e.add_argument("path", nargs="?", type=Path)
    e.add_argument("--overwrite", action="store_true")
    e.add_argument("--json", action="store_true")

    er = sub.add_parser("erase", help=tr("cli.erase"))
    er.add_argument("--keep-calendar", action="store_true", help=tr("cli.keep_calendar"))
    er.add_argument("--yes", action="store_true", help=tr("cli.yes"))
    er.add_argument("--json", action="store_true")

    li = sub.add_parser("licence", help=tr("cli.licence"))
    li.add_argument("action", choices=["activate", "status", "refresh"])
    li.add_argument("key", nargs="?")
    li.add_argument("--json", action="store_true")

    pl = sub.add_parser("privacy-level", help=tr("cli.privacy_level"))
    pl.add_argument("level", nargs="?", choices=["busy", "initials", "full"])

    cf = sub.add_parser("config", help=tr("cli.config"))
    cf.add_argument("action", choices=["get", "set", "list"])
    cf.add_argument("key", nargs="?")
    cf.add_argument("value", nargs="?")
    cf.add_argument("--dry-run", action="store_true", help=tr("cli.config_dry_run"))
    cf.add_argument("--json", action="store_true")

    mo = sub.add_parser("motives", help=tr("cli.motives"))
    mo.add_argument("--json", action="store_true")

    co = sub.add_parser("consent", help=tr("cli.consent"))
    co.add_argument("action", choices=["grant", "withdraw", "status"])
    co.add_argument("--json", action="store_true")

    sub.add_parser("pause", help=tr("cli.pause"))
    sub.add_parser("resume", help=tr("cli.resume"))

    dm = sub.add_parser("demo", help=tr("cli.demo"))
    dm.add_argument("--headless", action="store_true", help=tr("cli.headless"))
    dm.add_argument("--cycles", type=int, default=0, help=tr("cli.cycles"))
    dm.add_argument("--interval", type=float, default=30.0, help=tr("cli.interval"))
    return p


def _connect(app: Any, args: argparse.Namespace) -> int:
    def show_url(url: str) -> None:
        print(tr("cli.open_url"), file=sys.stderr)
        print(url, flush=True)

    open_browser = not args.no_browser
    if args.service == "caldav":
        from calmedi_desktop.cli_caldav import connect_caldav

        return connect_caldav(app, args)
    if args.service == "google":
        info = app.connect_google(open_browser=open_browser, show_url=show_url)
        destination = app.destination()
        if destination["target"] != "google" and not args.json:
            print(tr("cli.destination_offer", name=destination["name"], target="google"), file=sys.stderr)
    elif args.service == "doctolib":
        info = app.connect_doctolib(open_browser=open_browser, show_url=show_url)
    else:
        if not args.url:
            _err(tr("cli.url_required"))
            return EXIT_USAGE
        info = app.connect_ics(args.url, args.name)
    _out(info, args.json, tr("cli.connected", service=args.service))
    return EXIT_OK


def _sync(app: Any, args: argparse.Namespace) -> int:
    if not args.once:
        from calmedi_desktop.headless import run_forever

        return run_forever(app)
    destination = app.destination()["name"]
    with TerminalProgress(sys.stderr, destination=destination) as progress:
        result = app.sync_once(dry_run=args.dry_run, allow_mass_delete=args.allow_mass_delete, progress=progress)
    summary = result.summary()
    _out(summary, args.json, tr("sync.summary", **summary))
    if result.held_deletes:
        _err(
            trn(
                "sync.held_deletes",
                result.held_deletes,
                desired=result.source_count,
                existing=result.existing_count,
                destination=destination,
            )
        )
        return EXIT_HELD
    if result.failed:
        _err(trn("cli.sync_failed", result.failed, failed=result.failed))
        return EXIT_FAIL
    return EXIT_OK


def _erase(app: Any, args: argparse.Namespace) -> int:
    if not args.yes:
        print(tr("cli.erase_plan"), file=sys.stderr)
        for line in app.erase_plan(keep_calendar=args.keep_calendar):
            print(f"  - {line}", file=sys.stderr)
        _err(tr("cli.erase_confirm"))
        return EXIT_USAGE
    receipt = app.erase(keep_calendar=args.keep_calendar)
    _out(receipt, args.json, "\n".join(receipt.get("lines", [])))
    return EXIT_OK


def _typed(value: Any) -> str:
    """A setting's value as it would be typed back: ``on``/``off`` for a switch, ``10,60`` for a list,
    ``4711=9,4712=11`` for a map, nothing for none."""
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, dict):
        return ",".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return "" if value is None else str(value)


def _config(app: Any, args: argparse.Namespace) -> int:
    if args.action == "list" or (args.action == "get" and not args.key):
        settings = app.settings()
        _out(settings, args.json, "\n".join(f"{key}: {_typed(value)}" for key, value in settings.items()))
    elif args.action == "get":
        value = app.get_setting(args.key)
        _out({args.key: value}, args.json, _typed(value))
    else:
        if args.key is None:
            _err(tr("cli.key_required"))
            return EXIT_USAGE
        if args.dry_run:
            return _config_dry_run(app, args)
        value = app.set_setting(args.key, args.value)
        _out({args.key: value}, args.json, f"{args.key} = {_typed(value)}")
    return EXIT_OK


def _config_dry_run(app: Any, args: argparse.Namespace) -> int:
    """Count what the change would touch in Google (the sources are read, nothing is written or saved)."""
    impact = app.settings_change_impact({args.key: args.value})
    value = impact.pop("settings")[args.key]
    data = {"key": args.key, "value": value, "dry_run": True, **impact}
    facts = {"key": args.key, "value": _typed(value), "destination": app.destination()["name"]}
    if impact["touched"]:
        counts = {name: impact[name] for name in ("inserts", "updates", "deletes")}
        lines = [trn("cli.impact_summary", impact["touched"], **facts, **counts)]
    else:
        lines = [tr("cli.impact_none", **facts)]
    if impact["held"]:
        lines.append(tr("cli.impact_held"))
    lines.append(tr("cli.impact_apply", command=shlex.join(["calmedi", "config", "set", args.key, args.value or ""])))
    _out(data, args.json, "\n".join(lines))
    return EXIT_OK


def _motives(app: Any, args: argparse.Namespace) -> int:
    motives = app.visit_motives()
    hidden = set(app.get_setting("filters.excluded_motives"))
    for motive in motives:
        motive["hidden"] = motive["id"] in hidden
    lines = [
        f"{m['id']:>6}  {m['name']}  ({', '.join(m['agendas'])})"
        + (f"  — {tr('cli.motive_hidden')}" if m["hidden"] else "")
        for m in motives
    ]
    _out(motives, args.json, "\n".join(lines) if lines else tr("cli.motives_none"))
    return EXIT_OK


def _licence(app: Any, args: argparse.Namespace) -> int:
    if args.action == "activate":
        if not args.key:
            _err(tr("cli.key_required"))
            return EXIT_USAGE
        status = app.licence_activate(args.key)
    elif args.action == "refresh":
        status = app.licence_refresh()
    else:
        status = app.licence_status()
    _out(status, args.json, status.get("message"))
    return EXIT_OK


def _dispatch(app: Any, args: argparse.Namespace) -> int:
    command = args.command
    if command == "connect":
        return _connect(app, args)
    if command == "disconnect":
        info = app.disconnect(args.service, args.name)
        service = args.service
        text = (
            tr("cli.disconnected", service=service)
            if info["revoked"]
            else tr("cli.disconnected_local", service=service)
        )
        _out(info, args.json, text)
        return EXIT_OK
    if command == "sync":
        return _sync(app, args)
    if command == "status":
        from calmedi_desktop.api import status_lines

        status = app.status()
        _out(status, args.json, "\n".join(status_lines(status)))
        return EXIT_OK
    if command == "export":
        path = app.export(args.path, overwrite=args.overwrite)
        _out({"path": str(path)}, args.json, tr("cli.exported", path=path))
        return EXIT_OK
    if command == "erase":
        return _erase(app, args)
    if command == "licence":
        return _licence(app, args)
    if command == "privacy-level":
        level = app.set_privacy_level(args.level) if args.level else app.get_setting("privacy.level")
        print(level)
        return EXIT_OK
    if command == "config":
        return _config(app, args)
    if command == "motives":
        return _motives(app, args)
    if command == "consent":
        data = app.consent_status() if args.action == "status" else app.set_consent(args.action == "grant")
        _out(data, args.json, tr("cli.consent_on") if data["marketing"] else tr("cli.consent_off"))
        return EXIT_OK
    if command == "pause":
        app.pause_processing()
        print(tr("cli.paused"))
        return EXIT_OK
    if command == "resume":
        app.resume_processing()
        print(tr("cli.resumed"))
        return EXIT_OK
    raise AssertionError(command)


def _has_display() -> bool:
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _demo(args: argparse.Namespace, load_tray: LoadTray | None) -> int:
    """The tray app in demo mode where there is a desktop and Qt, otherwise syncs in the terminal."""
    if not getattr(args, "headless", False) and _has_display() and load_tray is not None:
        try:
            tray_main = load_tray()
        except ImportError:
            pass
        else:
            return tray_main(demo=True)
    from calmedi_desktop.api import run_demo_headless

    return run_demo_headless(getattr(args, "cycles", 0), getattr(args, "interval", 30.0))


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """``parse_args``, except that ``config set --dry-run KEY VALUE`` works as well as ``config set KEY VALUE
    --dry-run``: argparse gives its optional positionals their (empty) values before an option it meets."""
    args, extras = parser.parse_known_args(argv)
    if args.command == "config":
        for name in ("key", "value"):
            if getattr(args, name) is None and extras and not extras[0].startswith("-"):
                setattr(args, name, extras.pop(0))
    if extras:
        parser.error(f"unrecognized arguments: {' '.join(extras)}")
    return args


def main(argv: Sequence[str] | None = None, *, load_tray: LoadTray | None = None) -> int:
    """``load_tray`` returns the tray app's ``main``; without it (tests, a core-only caller) ``calmedi`` with no
    command prints the usage instead of starting the tray."""
    os.umask(0o077)  # belt and braces for invariant 4: anything created by a library is owner-only too
    parser = build_parser()
    args = _parse(parser, argv)
    if args.demo or args.command == "demo":
        return _demo(args, load_tray)
    if args.command is None:
        if load_tray is None:
            parser.print_usage(sys.stderr)
            return EXIT_USAGE
        return load_tray()()
    from calmedi_desktop.api import CalMedi

    try:
        app = CalMedi()
        app.configure_logging(logging.DEBUG if args.debug else logging.INFO)
        if args.command != "erase":
            app.startup()
        return _dispatch(app, args)
    except CalmediError as exc:
        log.warning("command %s failed: %s (%s)", args.command, type(exc).__name__, exc.technical)
        _err(f"{exc.title}: {exc.message}")
        return EXIT_FAIL
    except KeyboardInterrupt:
        _err(tr("cli.interrupted"))
        return 130
