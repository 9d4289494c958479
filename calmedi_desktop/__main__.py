from calmedi_desktop.launcher import main

raise SystemExit(main())
