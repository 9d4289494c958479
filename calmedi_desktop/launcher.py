"""What the ``calmedi`` executable runs (console script, ``python -m calmedi_desktop``, the frozen bundle).

The command line never imports the UI and the UI never imports the command line: this module sits above both
and hands ``cli.main`` a way to load the tray app, which it calls for ``calmedi`` with no command and for demo
mode on a desktop. Loading it late keeps ``calmedi sync`` and friends free of Qt's start-up cost.
"""

from __future__ import annotations

from collections.abc import Sequence

from calmedi_desktop import cli


def load_tray() -> cli.TrayMain:
    """The tray app's ``main``; ImportError where Qt is not installed (demo mode then stays in the terminal)."""
    from calmedi_desktop.ui.app import main as tray_main

    return tray_main


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, load_tray=load_tray)
