"""User-facing text of the Qt-free core, in French and English, from gettext catalogues.

The catalogues are ``resources/locale/{en,fr}/LC_MESSAGES/calmedi.mo``, compiled from the ``.po`` beside them
(``scripts/i18n``; the UI's widgets have their own Qt translation files). Each msgid is a stable key such as
``error.keyring.message``, so call sites never change when a wording does; placeholders are ``str.format``
names. French is the default for French locales, English otherwise; a key missing in French reads the English
text, and a key missing everywhere reads as itself.
"""

from __future__ import annotations

import functools
import gettext
import locale
import os
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "resources" / "locale"
DOMAIN = "calmedi"
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


def _load(language: str) -> gettext.NullTranslations:
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    except FileNotFoundError:  # a broken install: keys instead of text, never a crash (tests guard the files)
        return gettext.NullTranslations()


@functools.cache
def catalogue(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language``, falling back to English for what it lacks (read once)."""
    english = _load("en")
    if language == "en":
        return english
    translations = _load(language)
    translations.add_fallback(english)
    return translations


def _pick(language: str | None) -> str:
    return language if language in SUPPORTED else current_language()  # type: ignore[return-value]


def tr(message_key: str, language: str | None = None, /, **params: object) -> str:
    text = catalogue(_pick(language)).gettext(message_key)
    return text.format(**params) if params else text


def trn(message_key: str, count: int, language: str | None = None, /, **params: object) -> str:
    """A message that shows a count, in the plural form the language uses for it (``{count}`` is filled in
    unless ``params`` name it otherwise)."""
    text = catalogue(_pick(language)).ngettext(message_key, message_key, count)
    return text.format(**{"count": count, **params})
