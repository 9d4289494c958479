"""The PySide6 tray application. Talks only to the facade, through ``calmedi_desktop.api`` (docs/architecture.md)."""
