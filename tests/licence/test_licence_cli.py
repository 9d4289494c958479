"""The licence through the `calmedi` command: app ↔ licence server ↔ localstripe, all on loopback."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from calmedi_desktop.credentials import LICENCE, CredentialStore
from calmedi_desktop.paths import write_private
from tests.cli_run import run
from tests.licence.licence_harness import QUIET_THIRD_PARTY, LicenceServer, StripeWorld, public_pem

pytestmark = QUIET_THIRD_PARTY


@pytest.fixture
def wired(
    licence_server: LicenceServer, signing_key: Ed25519PrivateKey, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> LicenceServer:
    pem = tmp_path / "vendor-public.pem"
    write_private(pem, public_pem(signing_key))
    monkeypatch.setenv("CALMEDI_LICENCE_URL", licence_server.url)
    monkeypatch.setenv("CALMEDI_LICENCE_PUBLIC_KEY_FILE", str(pem))  # honoured only for a loopback server
    return licence_server


def test_activate_status_refresh_and_a_lapse_that_pauses_sync_but_not_export(
    wired: LicenceServer, stripe_world: StripeWorld, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, status, _ = run(capsys, "licence", "status", "--json")
    assert code == 0 and status["state"] == "trial" and status["days_left"] == 14

    customer = stripe_world.customer()
    subscription = stripe_world.subscribe(customer)
    key = wired.issue_key(customer)
    code, status, _ = run(capsys, "licence", "activate", key, "--json")
    assert code == 0 and status["state"] == "active" and status["sync_allowed"] is True
    assert CredentialStore().get(LICENCE) == key
    code, text, _ = run(capsys, "licence", "status")
    assert code == 0 and "Mensuel" in text and key not in text

    stripe_world.cancel(subscription)
    code, status, _ = run(capsys, "licence", "refresh", "--json")
    assert code == 0 and status["state"] == "expired" and status["sync_allowed"] is False

    code, _, err = run(capsys, "sync", "--once")
    assert code == 1 and err.count("\n") == 1 and "nothing was deleted" in err
    code, out, _ = run(capsys, "export", str(tmp_path / "export.zip"), "--json")
    assert code == 0 and Path(out["path"]).exists()
    with zipfile.ZipFile(out["path"]) as archive:
        licence = json.loads(archive.read("licence.json"))
        everything = b"".join(archive.read(name) for name in archive.namelist()).decode()
    assert licence["state"] == "expired" and key not in everything


def test_an_unknown_key_is_refused_with_one_line_and_nothing_is_stored(
    wired: LicenceServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "licence", "activate", "CALMEDI-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF")
    assert code == 1 and err.startswith("calmedi: ") and err.count("\n") == 1
    assert CredentialStore().get(LICENCE) is None
