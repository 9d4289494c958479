"""The PySide6 tray application. Talks only to ``calmedi_desktop.service.CalMedi``."""
