"""User-facing text of the Qt-free core, in French and English.

The UI has its own Qt translation files; the core (CLI, errors, event titles, receipts) reads its text from
``messages``. French is the default for French locales, English otherwise.
"""

from __future__ import annotations

import locale
import os

from calmedi_desktop.messages import MESSAGES

SUPPORTED = ("fr", "en")
_language: str | None = None


def system_language() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "fr" if loc.lower().startswith("fr") else "en"


def set_language(language: str | None) -> None:
    """``None`` or ``"auto"`` follows the system locale."""
    global _language
    _language = language if language in SUPPORTED else None


def current_language() -> str:
    return _language or system_language()


def tr(message_key: str, language: str | None = None, /, **params: object) -> str:
    lang = language if language in SUPPORTED else current_language()
    entry = MESSAGES.get(message_key)
    if entry is None:
        return message_key
    text = entry.get(lang) or entry["en"]
    return text.format(**params) if params else text
