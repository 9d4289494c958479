"""``calmedi connect caldav URL --user NAME [--password-stdin] [--calendar NAME] [--use]``.

The password is read from stdin (one line) with ``--password-stdin``, else asked on the terminal without echo;
it goes to the keyring only and is never printed. A server that refuses to create CalMedi's calendar gets the
account's calendars listed, with the command that picks one.
"""

from __future__ import annotations

import argparse
import getpass
import shlex
import sys
from typing import Any

from calmedi_desktop.api import errors, tr
from calmedi_desktop.cli_output import EXIT_FAIL, EXIT_OK, EXIT_USAGE, err, out


def _password(args: argparse.Namespace) -> str | None:
    """From stdin (one line) with --password-stdin; else asked on the terminal, without echo; else None."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if sys.stdin.isatty():
        return getpass.getpass(tr("cli.caldav_password_prompt", user=args.user))
    return None


def connect_caldav(app: Any, args: argparse.Namespace) -> int:
    if not args.url or not args.user:
        err(tr("cli.caldav_usage"))
        return EXIT_USAGE
    password = _password(args)
    if password is None:
        err(tr("cli.caldav_no_terminal"))
        return EXIT_USAGE
    use = True if args.use else None  # without --use: only when the current destination is not connected
    try:
        info = app.connect_caldav(args.url, args.user, password, calendar=args.calendar, use=use)
    except errors.CalDavCreateRefusedError as exc:
        err(f"{exc.title}: {exc.message}")
        calendars = app.caldav_calendars()
        for calendar in calendars:
            print(f"  {calendar['name']}  {calendar['url']}", file=sys.stderr)
        if calendars:
            again = ["calmedi", "connect", "caldav", args.url, "--user", args.user, "--calendar", calendars[0]["name"]]
            err(tr("cli.caldav_pick", command=shlex.join(again)))
        return EXIT_FAIL
    del password
    destination = app.destination()
    lines = [tr("cli.caldav_connected", calendar=info.get("calendar_url") or "?", server=info.get("server", "?"))]
    if info["switched"]:
        lines.append(tr("cli.destination_now", name=destination["name"]))
    elif destination["target"] != "caldav":
        lines.append(tr("cli.destination_offer", name=destination["name"], target="caldav"))
    out(info, args.json, "\n".join(lines))
    return EXIT_OK
