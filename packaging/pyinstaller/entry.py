"""Entry point of the frozen bundle: the `calmedi` command (no argument starts the tray app)."""

from calmedi_desktop.cli import main

raise SystemExit(main())
