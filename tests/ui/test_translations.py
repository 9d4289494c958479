"""The shipped translations are complete and up to date, and the UI really switches language."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import calmedi_desktop
from calmedi_desktop.ui.translation import I18N_DIR, Translations

PACKAGE = Path(calmedi_desktop.__file__).resolve().parent
TOOLS = Path(sys.executable).parent


def tool(name: str) -> str:
    found = TOOLS / name if (TOOLS / name).exists() else shutil.which(name)
    if not found:
        pytest.skip(f"{name} not installed")
    return str(found)


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name", ""), message.findtext("source", "")): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_ts_sources_match_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [tool("pyside6-lupdate"), "-extensions", "py", "-locations", "none", "-silent", "ui", "-ts", str(fresh)],
        cwd=PACKAGE,
        check=True,
        capture_output=True,
    )
    in_code = set(messages(fresh))
    for language in ("fr", "en"):
        shipped = set(messages(I18N_DIR / f"calmedi_{language}.ts"))
        assert in_code - shipped == set(), f"new UI text missing from calmedi_{language}.ts: see its README"
        assert shipped - in_code == set(), f"calmedi_{language}.ts holds text the UI no longer has"


def test_french_is_complete() -> None:
    for (context, source), message in messages(I18N_DIR / "calmedi_fr.ts").items():
        translation = message.find("translation")
        assert translation is not None and translation.get("type") not in ("unfinished", "vanished", "obsolete")
        texts = [form.text for form in translation.iter("numerusform")] or [translation.text]
        assert all(texts), f"{context}: {source!r} has no French"
        for placeholder in ("%1", "%2", "%3", "%n"):
            if placeholder in source:
                assert all(placeholder in (t or "") for t in texts), f"{context}: {source!r} lost {placeholder}"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_shipped_qm_are_compiled_from_the_ts(tmp_path: Path, language: str) -> None:
    compiled = tmp_path / f"calmedi_{language}.qm"
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(I18N_DIR / f"calmedi_{language}.ts"), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == (I18N_DIR / f"calmedi_{language}.qm").read_bytes(), "run pyside6-lrelease"


def test_translators_switch_at_run_time(qapp: Any) -> None:
    from PySide6.QtCore import QCoreApplication

    translations = Translations()
    try:
        assert translations.apply("fr") == "fr"
        assert QCoreApplication.translate("Tray", "Sync now") == "Synchroniser maintenant"
        assert QCoreApplication.translate("Tray", "%n deletion(s) held back", "", 3) == "3 suppressions retenues"
        translations.apply("en")
        assert QCoreApplication.translate("Tray", "Sync now") == "Sync now"
        assert QCoreApplication.translate("Tray", "%n deletion(s) held back", "", 1) == "1 deletion held back"
    finally:
        translations.apply("en")


def test_auto_follows_a_french_locale(qapp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    translations = Translations()
    try:
        assert translations.apply("auto") == "fr"
    finally:
        translations.apply("en")
