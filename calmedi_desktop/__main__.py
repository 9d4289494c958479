from calmedi_desktop.cli import main

raise SystemExit(main())
