"""The core's gettext catalogues: every message in French and English, the same placeholders in both, compiled
.mo files that say what their .po say, no key used in code missing, real plural forms, and the run-time
fallbacks (French -> English -> the key itself). ``scripts/i18n check`` runs the same ``problems()``."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from calmedi_desktop import i18n
from calmedi_desktop.errors import CalmediError
from calmedi_desktop.i18n import tr, trn
from calmedi_desktop.licence import manager as _licence_manager  # noqa: F401 (defines an error class)
from calmedi_desktop.licence.status import STATUS_WORDS
from calmedi_desktop.privacy.erase import FILES_STEP, KEYRING_STEP, KNOWN_STEPS
from calmedi_desktop.sync.model import Kind

ROOT = Path(__file__).resolve().parent.parent


def load_tool() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader("calmedi_i18n_tool", str(ROOT / "scripts" / "i18n"))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool()


@pytest.fixture
def fresh_catalogues() -> Iterator[None]:
    i18n.catalogue.cache_clear()
    yield
    i18n.catalogue.cache_clear()


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_the_shipped_catalogues_have_no_problem(tool: ModuleType) -> None:
    assert tool.problems() == []


def test_keys_that_code_builds_at_run_time_are_in_both_catalogues(tool: ModuleType) -> None:
    """What extraction cannot see (keys built from a name): every error class, erase step, title, status word."""
    keys = set()
    for cls in [CalmediError, *_subclasses(CalmediError)]:
        keys |= {f"{cls.key}.title", f"{cls.key}.message"}
    keys |= {f"erase.step.{name}" for name in (*KNOWN_STEPS, KEYRING_STEP, FILES_STEP)}
    keys |= {f"erase.step.{name}.manual" for name in (*KNOWN_STEPS, KEYRING_STEP, FILES_STEP)}
    keys |= {f"title.{kind.value}" for kind in Kind}
    keys |= {f"licence.status.{word}" for word in STATUS_WORDS}
    for language in tool.LANGUAGES:
        known = set(tool.messages(tool.load(language)))
        missing = keys - known
        assert not missing, f"{language}.po lacks {sorted(missing)}"
        # The reverse: scripts/i18n counts these families as read, so a key nothing builds any more is found here.
        families = ("error.", "erase.step.", "title.", "licence.status.")
        assert set(families) <= set(tool.DYNAMIC_FAMILIES)
        orphans = {key for key in known if key.startswith(families)} - keys
        assert not orphans, f"{language}.po has keys no code builds: {sorted(orphans)}"


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("en", 0, "0 appointments could not be written; they will be retried."),
        ("en", 1, "1 appointment could not be written; it will be retried."),
        ("en", 3, "3 appointments could not be written; they will be retried."),
        ("fr", 0, "0 rendez-vous n'a pas pu être écrit ; il sera réessayé."),  # 0 is singular in French
        ("fr", 1, "1 rendez-vous n'a pas pu être écrit ; il sera réessayé."),
        ("fr", 2, "2 rendez-vous n'ont pas pu être écrits ; ils seront réessayés."),
    ],
)
def test_counts_take_each_language_plural_form(language: str, count: int, expected: str) -> None:
    assert trn("cli.sync_failed", count, language, failed=count) == expected


def test_trn_fills_in_count_by_default() -> None:
    assert trn("licence.trial", 1, "en", days=1) == "Free trial: 1 day left."
    assert trn("sync.held_deletes", 12, "fr", desired=0, existing=40, destination="Google Agenda").startswith(
        "12 suppressions retenues"
    )


def test_language_follows_the_setting_then_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    i18n.set_language(None)
    assert tr("service.google") == "Google Agenda"
    i18n.set_language("en")
    assert tr("service.google") == "Google Calendar"
    assert tr("service.google", "fr") == "Google Agenda"  # an explicit language wins
    assert tr("no.such.key") == "no.such.key"


def _write_catalogues(tool: ModuleType, folder: Path, texts: dict[str, dict[str, str]]) -> None:
    from babel.messages.mofile import write_mo

    for language in tool.LANGUAGES:
        catalog = tool.new_catalog(language)
        for key, by_language in texts.items():
            if language in by_language:
                catalog.add(key, by_language[language])
        path = folder / language / "LC_MESSAGES" / "calmedi.mo"
        path.parent.mkdir(parents=True)
        with path.open("wb") as fh:
            write_mo(fh, catalog)


def test_french_falls_back_to_english_then_to_the_key(
    tool: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_catalogues: None
) -> None:
    _write_catalogues(
        tool, tmp_path, {"demo.both": {"en": "Both {n}", "fr": "Les deux {n}"}, "demo.english": {"en": "Only English"}}
    )
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert tr("demo.both", "fr", n=2) == "Les deux 2"
    assert tr("demo.english", "fr") == "Only English"
    assert tr("demo.nowhere", "fr") == "demo.nowhere"


def test_a_missing_catalogue_reads_keys_rather_than_crashing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_catalogues: None
) -> None:
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "nowhere")
    assert tr("service.google", "fr") == "service.google"


@pytest.fixture
def scratch_tool(tool: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The tool pointed at a copy of the catalogues and of the package, to break them on purpose."""
    locale = tmp_path / "locale"
    shutil.copytree(tool.LOCALE_DIR, locale)
    package = tmp_path / "calmedi_desktop"
    package.mkdir()
    (package / "settings_schema.py").write_text("", encoding="utf-8")
    (package / "licence").mkdir()
    for name in ("status.py", "manager.py"):
        (package / "licence" / name).write_text("", encoding="utf-8")
    monkeypatch.setattr(tool, "LOCALE_DIR", locale)
    monkeypatch.setattr(tool, "PACKAGE", package)
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    return tool


def test_check_finds_an_untranslated_key_and_a_stale_mo(scratch_tool: ModuleType) -> None:
    catalogs = {language: scratch_tool.load(language) for language in scratch_tool.LANGUAGES}
    scratch_tool.add_message(catalogs, "demo.new_key", {"en": "New {thing}", "fr": ""})
    for language, catalog in catalogs.items():
        scratch_tool.save(catalog, language)
    found = scratch_tool.problems()
    assert "demo.new_key: not translated in fr.po" in found
    assert any(line.startswith("locale/en/LC_MESSAGES/calmedi.mo does not match its .po") for line in found)


def test_check_finds_mismatched_placeholders_and_one_sided_plurals(scratch_tool: ModuleType) -> None:
    catalogs = {language: scratch_tool.load(language) for language in scratch_tool.LANGUAGES}
    scratch_tool.add_message(catalogs, "demo.typo", {"en": "{count} left", "fr": "{cuont} restants"})
    scratch_tool.add_message({"en": catalogs["en"]}, "demo.plural", {"en": ("{n} day", "{n} days")})
    scratch_tool.add_message({"fr": catalogs["fr"]}, "demo.plural", {"fr": "{n} jour(s)"})
    for language, catalog in catalogs.items():
        scratch_tool.save(catalog, language)
    scratch_tool.compile_all()
    found = scratch_tool.problems()
    assert "demo.typo: placeholders differ: en ['count']; fr ['cuont']" in found
    assert "demo.plural: plural in one catalogue, not in the other" in found


def test_check_finds_a_key_used_in_code_that_no_catalogue_has(scratch_tool: ModuleType) -> None:
    (scratch_tool.PACKAGE / "feature.py").write_text(
        'from calmedi_desktop.i18n import tr, trn\n\nprint(tr("feature.hello"), trn("feature.files", 3))\n',
        encoding="utf-8",
    )
    found = scratch_tool.problems()
    assert "feature.hello: used at feature.py:3 but in no catalogue (scripts/i18n extract, then translate)" in found
    added = scratch_tool.extract()
    assert added == ["feature.files", "feature.hello"]
    en = scratch_tool.messages(scratch_tool.load("en"))
    assert en["feature.files"].pluralizable and not en["feature.hello"].pluralizable
    assert "feature.hello: not translated in en.po" in scratch_tool.problems()


def test_check_finds_a_key_no_code_reads_and_remove_deletes_it(scratch_tool: ModuleType) -> None:
    catalogs = {language: scratch_tool.load(language) for language in scratch_tool.LANGUAGES}
    for key in ("demo.orphan", "demo.chosen"):
        scratch_tool.add_message(catalogs, key, {"en": "Text", "fr": "Texte"})
    for language, catalog in catalogs.items():
        scratch_tool.save(catalog, language)
    scratch_tool.compile_all()
    (scratch_tool.PACKAGE / "feature.py").write_text(
        'from calmedi_desktop.i18n import tr\n\nprint(tr("demo.chosen" if True else "x"))\n', encoding="utf-8"
    )
    found = scratch_tool.problems()
    assert "demo.orphan: in the catalogues but read by no code (scripts/i18n remove demo.orphan)" in found
    assert not any(line.startswith("demo.chosen:") for line in found), "a key quoted in code counts as read"
    assert scratch_tool.main(["remove", "demo.orphan"]) == 0
    for language in scratch_tool.LANGUAGES:
        assert "demo.orphan" not in scratch_tool.messages(scratch_tool.load(language))
        assert "demo.chosen" in scratch_tool.messages(scratch_tool.load(language))
    assert not any(line.startswith("demo.orphan:") for line in scratch_tool.problems())
    assert not any(".mo does not match" in line for line in scratch_tool.problems()), "remove compiles"
