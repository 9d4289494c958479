"""A real CalDAV server for the end-to-end tests: the run's Radicale, a fresh account per test and a counting proxy,
and the `calmedi connect caldav` command fed its password on stdin."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass

import pytest

from calmedi_desktop.service import CalMedi
from tests.caldav.dav_proxy import DavProxy
from tests.caldav.davkit import Someone
from tests.caldav.radicale_server import RadicaleServer
from tests.cli_run import run


@dataclass
class Dav:
    server: RadicaleServer
    proxy: DavProxy
    user: str
    password: str

    def connect(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *extra: str) -> tuple:
        return connect(capsys, monkeypatch, self.proxy.url, self.user, self.password, *extra)


def connect(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, url: str, user: str, password: str, *extra: str
) -> tuple:
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    return run(capsys, "connect", "caldav", url, "--user", user, "--password-stdin", *extra)


def someone(dav: Dav) -> Someone:
    return Someone(CalMedi().get_setting("caldav.calendar_url"), dav.user, dav.password)


def uids(dav: Dav) -> set[str]:
    return set(someone(dav).bodies())
