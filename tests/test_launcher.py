"""``calmedi`` starts the tray app only through what launcher.py hands the command line (cli.py never imports
the UI), and demo mode falls back to the terminal where the tray cannot be loaded."""

from __future__ import annotations

import pytest

from calmedi_desktop import cli, launcher


class FakeTray:
    def __init__(self) -> None:
        self.calls: list[dict[str, object]] = []

    def __call__(self, **kwargs: object) -> int:
        self.calls.append(kwargs)
        return 7


def test_no_command_starts_the_tray_that_the_launcher_hands_over() -> None:
    tray = FakeTray()
    assert cli.main([], load_tray=lambda: tray) == 7
    assert tray.calls == [{}]


def test_no_command_without_a_tray_prints_the_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == cli.EXIT_USAGE
    assert "usage: calmedi" in capsys.readouterr().err


def test_demo_on_a_desktop_opens_the_tray_in_demo_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    tray = FakeTray()
    assert cli.main(["--demo"], load_tray=lambda: tray) == 7
    assert tray.calls == [{"demo": True}]


def test_demo_without_qt_syncs_in_the_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")

    def no_qt() -> cli.TrayMain:
        raise ImportError("No module named 'PySide6'")

    assert cli.main(["demo", "--cycles", "1", "--interval", "0"], load_tray=no_qt) == 0
    out, err = capsys.readouterr()
    assert "demo" in err.lower()
    assert " created, " in out and " failed, in " in out  # one run's summary line


def test_the_launcher_hands_the_real_tray_main() -> None:
    from calmedi_desktop.ui.app import main as tray_main

    assert launcher.load_tray() is tray_main
