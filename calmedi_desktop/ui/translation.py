"""Qt translations for the UI (the core has its own gettext catalogues, resources/locale), switchable at run time.

The ``.ts`` sources and their compiled ``.qm`` live side by side in ``resources/i18n``; a test checks that
the ``.qm`` are up to date, so nothing is ever compiled on the practitioner's machine.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from calmedi_desktop.api import current_language

I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"


class Translations:
    """Installs CalMedi's and Qt's own translators for one language; English needs none of ours."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, language: str | None = None) -> str:
        app = QCoreApplication.instance()
        assert app is not None, "a QApplication must exist"
        language = language if language in ("fr", "en") else current_language()
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed.clear()
        QLocale.setDefault(QLocale(QLocale.Language.French if language == "fr" else QLocale.Language.English))
        candidates = [(I18N_DIR, f"calmedi_{language}")]
        if language != "en":
            candidates.append(
                (Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), f"qtbase_{language}")
            )
        for folder, name in candidates:
            translator = QTranslator(app)
            if translator.load(name, str(folder)):
                app.installTranslator(translator)
                self._installed.append(translator)
        self.language = language
        return language
