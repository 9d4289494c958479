"""Marketing consent (opt-in, history) and the bundled privacy policy."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from calmedi_desktop.i18n import set_language
from calmedi_desktop.paths import AppPaths
from calmedi_desktop.privacy.consent import ConsentLog
from calmedi_desktop.privacy.policy import POLICY_VERSION, policy_text
from tests.privacy.privacy_helpers import assert_owner_only

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
# The policy as published (a copy of the text the vendor publishes; the app must bundle exactly this).
PUBLISHED_POLICY = Path(__file__).resolve().parent / "published" / "privacy-policy.md"
# Every consent is recorded against a version, and a version names one text: change the text, bump the version.
POLICY_PIN = ("1.0", "e4c102e9a20ea013ff4ec75187016f96368e2665b09fe1bafa84c44a60fc1c93")


def test_consent_is_off_by_default(paths: AppPaths) -> None:
    consents = ConsentLog(paths.data / "consents.json")
    assert consents.current() is False
    assert consents.history() == []
    assert not paths.data.exists()


def test_grant_and_withdraw_are_recorded_with_time_and_policy_version(paths: AppPaths) -> None:
    consents = ConsentLog(paths.data / "consents.json")
    consents.grant("1.0", T0)
    assert consents.current() is True
    consents.withdraw("1.0", T0 + timedelta(days=2))
    assert consents.current() is False
    paris = timezone(timedelta(hours=1))
    consents.grant("1.1", datetime(2026, 4, 1, 10, 30, tzinfo=paris))

    again = ConsentLog(paths.data / "consents.json")  # persisted, not only in memory
    assert again.current() is True
    assert again.history() == [
        {"action": "grant", "at": "2026-03-01T09:00:00+00:00", "policy_version": "1.0", "purpose": "marketing"},
        {"action": "withdraw", "at": "2026-03-03T09:00:00+00:00", "policy_version": "1.0", "purpose": "marketing"},
        {"action": "grant", "at": "2026-04-01T09:30:00+00:00", "policy_version": "1.1", "purpose": "marketing"},
    ]
    assert_owner_only(paths.data)


def test_history_is_a_copy(paths: AppPaths) -> None:
    consents = ConsentLog(paths.data / "consents.json")
    consents.grant("1.0", T0)
    consents.history()[0]["action"] = "withdraw"
    assert consents.current() is True


def test_a_consent_needs_a_policy_version(paths: AppPaths) -> None:
    with pytest.raises(ValueError):
        ConsentLog(paths.data / "consents.json").grant("", T0)


def test_an_unreadable_file_means_no_consent_and_is_kept_aside(paths: AppPaths) -> None:
    path = paths.data / "consents.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"schema": 1, "events": [{"action": "grant"}]}))
    consents = ConsentLog(path)
    assert consents.current() is False
    assert [p.name.startswith("consents.json.unreadable-") for p in paths.data.iterdir()] == [True]
    consents.grant("1.0", T0)
    assert consents.current() is True


def test_policy_english_is_the_published_text_verbatim() -> None:
    assert policy_text("en") == PUBLISHED_POLICY.read_text(encoding="utf-8")


def test_policy_french_translation_covers_every_commitment() -> None:
    en, fr = policy_text("en"), policy_text("fr")
    assert fr != en
    assert [line.startswith("  •") for line in fr.splitlines() if line] == [
        line.startswith("  •") for line in en.splitlines() if line
    ]
    for fact in (
        "Politique de confidentialité",
        "RGPD",
        "support@calmedi.io",
        "IHTConsulting – ZAC LEONARD DE VINCI BAT D4 – 16 avenue Graham Bell 77600 Bussy-Saint-Georges",
        "12 mois après la clôture",
        "12 mois au maximum",
        "ni stockés ni archivés",
        "Stripe, certifié PCI-DSS",
        "portabilité",
        "CNIL (cnil.fr)",
        "30 jours ouvrés",
    ):
        assert fact in fr


def test_policy_follows_the_interface_language() -> None:
    set_language("fr")
    assert policy_text("auto") == policy_text("fr")
    set_language("en")
    assert policy_text(None) == policy_text("en")


def test_policy_version_is_pinned_to_the_text() -> None:
    digest = hashlib.sha256(policy_text("en").encode("utf-8")).hexdigest()
    assert (POLICY_VERSION, digest) == POLICY_PIN, "the policy text changed: bump POLICY_VERSION and this pin"
