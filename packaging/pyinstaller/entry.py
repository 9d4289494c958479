"""Entry point of the frozen bundle: the `calmedi` command (no argument starts the tray app)."""

from calmedi_desktop.launcher import main

raise SystemExit(main())
