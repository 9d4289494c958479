"""A bring-your-own Google client in "Testing" publishing status: Google ends its sign-ins after 7 days.

The simulator models the rule (refresh tokens issued while the client is in Testing expire 7 days later, on a
clock the test moves). The practitioner signs in through the real loopback consent flow with CalMedi's clock
set in the past, and the refusal that follows a week later must say why and how to stop it (CLI and dialog,
French and English), delete nothing, and keep the generic "sign in again" for any other refusal.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from google.auth.exceptions import RefreshError

from calmedi_desktop import credentials
from calmedi_desktop.errors import AuthExpiredError, GoogleTestingExpiredError
from calmedi_desktop.i18n import set_language
from calmedi_desktop.service import CalMedi
from calmedi_desktop.sync.targets.google_errors import refresh_reason
from tests.cli_run import run
from tests.e2e.conftest import Sims, live_events

WEEK = timedelta(days=7)
# A sign-in some weeks ago: the simulated agenda lies around today, and the syncs in between must see it.
SIGNED_IN = datetime.now(UTC).replace(microsecond=0) - timedelta(days=21)


class Clock:
    """One time for CalMedi and for the simulator's token endpoint; the test moves it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def epoch(self) -> float:
        return self.now.timestamp()


def sign_in(app: CalMedi) -> str:
    """``connect google`` as the practitioner does it: the loopback flow, the simulator consenting."""
    urls: queue.Queue[str] = queue.Queue()
    outcome: dict[str, Any] = {}

    def connect() -> None:
        try:
            outcome["info"] = app.accounts.connect_google(open_browser=False, show_url=urls.put)
        except Exception as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=connect, daemon=True)
    worker.start()
    page = httpx.get(urls.get(timeout=10), follow_redirects=True, timeout=10)
    worker.join(timeout=20)
    assert page.status_code == 200 and "error" not in outcome, outcome.get("error")
    token = app.store.get(credentials.GOOGLE)
    assert token
    return token


@pytest.fixture
def testing_client(sims: Sims) -> Callable[[datetime], tuple[CalMedi, Clock]]:
    """A CalMedi whose own client (CALMEDI_GOOGLE_CLIENT_FILE, as the sims fixture sets it) is in Testing, signed
    in to Google at ``when`` and to Doctolib, after one good sync at sign-in time."""

    def make(when: datetime) -> tuple[CalMedi, Clock]:
        clock = Clock(when)
        sims.google.set_publishing_status("testing", clock=clock.epoch)
        app = CalMedi(clock=clock)
        app.store.set(credentials.DOCTOLIB, sims.doctolib.issue_refresh_token())
        sign_in(app)
        assert app.sync_once().created > 0  # the token works on the day of the sign-in
        return app, clock

    return make


def _kept_everything(app: CalMedi, sims: Sims, token: str, events_before: int) -> None:
    assert app.store.get(credentials.GOOGLE) == token  # deleting nothing: not even the refused token
    assert app.accounts.describe()["google"]["connected"] is True
    assert len(live_events(sims.google, app.config.get("google.calendar_id"))) == events_before


def test_the_simulator_expires_the_tokens_of_a_testing_client_after_7_days(sims: Sims) -> None:
    clock = Clock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    sims.google.set_publishing_status("testing", clock=clock.epoch)
    testing = sims.google.issue_refresh_token()
    sims.google.set_publishing_status("production")
    published = sims.google.issue_refresh_token()
    client = sims.google.client_config()["installed"]

    def refresh(token: str) -> httpx.Response:
        form = {"grant_type": "refresh_token", "refresh_token": token}
        return httpx.post(sims.google.token_url, data=form, auth=(client["client_id"], client["client_secret"]))

    clock.now += WEEK - timedelta(seconds=1)
    assert refresh(testing).status_code == 200
    clock.now += timedelta(seconds=1)
    answer = refresh(testing)
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_grant"
    assert refresh(published).status_code == 200  # publishing does not shorten, and only helps new sign-ins


def test_the_cli_says_a_refusal_a_week_after_sign_in_is_testing_mode_in_english_and_french(
    sims: Sims, testing_client: Callable[[datetime], tuple[CalMedi, Clock]], capsys: pytest.CaptureFixture[str]
) -> None:
    # The CLI runs on the real clock: the sign-in happened 7 days and 2 hours before it.
    app, clock = testing_client(datetime.now(UTC) - WEEK - timedelta(hours=2))
    token = app.store.get(credentials.GOOGLE)
    events_before = len(live_events(sims.google, app.config.get("google.calendar_id")))
    clock.now = datetime.now(UTC)  # the simulator's token endpoint catches up with the CLI

    code, _, err = run(capsys, "sync", "--once")
    assert code == 1
    assert "Google sign-in expired after 7 days" in err
    assert "refused the stored sign-in 7 days after you signed in" in err
    assert "“Testing” publishing status" in err and "“Publish app”" in err
    assert "calmedi connect google" in err and "Nothing was deleted" in err
    _kept_everything(app, sims, token, events_before)
    assert CalMedi().status()["last_run"]["error"] == "GoogleTestingExpiredError"

    assert run(capsys, "config", "set", "ui.language", "fr")[0] == 0
    code, _, err = run(capsys, "sync", "--once")
    assert code == 1
    assert "Connexion Google expirée au bout de 7 jours" in err
    assert "7 jours après votre connexion" in err and "« Testing »" in err
    assert "« Publier l'application »" in err and "Rien n'a été supprimé" in err
    _kept_everything(app, sims, token, events_before)

    # Signing in again is the way out: the next sync works.
    clock.now = datetime.now(UTC)
    sign_in(CalMedi(clock=clock))
    assert run(capsys, "sync", "--once")[0] == 0


def test_a_refusal_one_day_after_sign_in_gets_the_generic_message(
    sims: Sims, testing_client: Callable[[datetime], tuple[CalMedi, Clock]], capsys: pytest.CaptureFixture[str]
) -> None:
    app, _ = testing_client(datetime.now(UTC) - timedelta(days=1))
    token = app.store.get(credentials.GOOGLE)
    assert sims.google.revoke(token)  # e.g. access removed in the Google account: invalid_grant too
    events_before = len(live_events(sims.google, app.config.get("google.calendar_id")))

    code, _, err = run(capsys, "sync", "--once")
    assert code == 1
    assert "Sign-in expired: Google Calendar refused the stored sign-in. Sign in to Google Calendar again" in err
    assert "7 days" not in err and "Testing" not in err
    _kept_everything(app, sims, token, events_before)
    assert CalMedi().status()["last_run"]["error"] == "AuthExpiredError"


@pytest.mark.parametrize(
    ("age", "testing"),
    [
        (timedelta(days=6, hours=11), False),  # before the half-day margin
        (timedelta(days=6, hours=13), True),  # a local clock a few hours off
        (timedelta(days=13), True),  # the computer stayed off: the first sync after the expiry comes late
    ],
)
def test_the_explanation_starts_half_a_day_before_7_days_and_has_no_upper_bound(
    sims: Sims, testing_client: Callable[[datetime], tuple[CalMedi, Clock]], age: timedelta, testing: bool
) -> None:
    signed_in = SIGNED_IN
    app, clock = testing_client(signed_in)
    assert sims.google.revoke(app.store.get(credentials.GOOGLE))
    clock.now = signed_in + age
    with pytest.raises(AuthExpiredError) as caught:
        app.sync_once()
    assert isinstance(caught.value, GoogleTestingExpiredError) is testing
    if testing:
        assert caught.value.params["days"] == age.days


def test_a_sign_in_that_already_outlived_7_days_gets_the_generic_message(
    sims: Sims, testing_client: Callable[[datetime], tuple[CalMedi, Clock]]
) -> None:
    signed_in = SIGNED_IN
    app, clock = testing_client(signed_in)
    sims.google.set_publishing_status("production")  # published since, and signed in again: no expiry
    clock.now = signed_in + timedelta(minutes=5)
    sign_in(app)
    clock.now = signed_in + timedelta(days=8)
    assert app.sync_once().failed == 0  # eight days on, the sign-in still works: not a Testing one
    assert sims.google.revoke(app.store.get(credentials.GOOGLE))
    clock.now = signed_in + timedelta(days=9)
    with pytest.raises(AuthExpiredError) as caught:
        app.sync_once()
    assert type(caught.value) is AuthExpiredError


def test_the_client_calmedi_ships_gets_the_generic_message(
    sims: Sims, testing_client: Callable[[datetime], tuple[CalMedi, Clock]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same expiry a week after sign-in, with the client given by the program (the vendor's, published)
    instead of a file the practitioner chose: CalMedi does not claim Testing mode."""
    signed_in = SIGNED_IN
    _, clock = testing_client(signed_in)
    client = json.loads(Path(sims.env["CALMEDI_GOOGLE_CLIENT_FILE"]).read_text())
    monkeypatch.delenv("CALMEDI_GOOGLE_CLIENT_FILE")
    shipped = CalMedi(clock=clock, google_client_config=client)
    clock.now = signed_in + WEEK + timedelta(hours=3)
    with pytest.raises(AuthExpiredError) as caught:
        shipped.sync_once()
    assert type(caught.value) is AuthExpiredError and caught.value.params["reason"] == "invalid_grant"


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (
            RefreshError("invalid_grant: Token has been expired or revoked.", {"error": "invalid_grant"}),
            "invalid_grant",
        ),
        (RefreshError("unauthorized_client: ...", {"error": "unauthorized_client"}), "unauthorized_client"),
        (RefreshError("No access token in response.", {"id_token": "x"}), ""),
        (RefreshError("<html>Bad gateway</html>"), ""),  # a string answer carries no code
        (RefreshError("odd", {"error": "Jean Dupont, 12 rue"}), ""),  # not a code: never logged
    ],
)
def test_the_refusal_reason_is_the_token_endpoints_error_code(exc: RefreshError, reason: str) -> None:
    assert refresh_reason(exc) == reason


@pytest.mark.gui
def test_the_dialog_and_the_notice_explain_testing_mode_in_english_and_french(
    qtbot: Any, sims: Sims, testing_client: Callable[[datetime], tuple[CalMedi, Clock]]
) -> None:
    from calmedi_desktop.ui import dialogs
    from calmedi_desktop.ui.notify import NotificationPolicy

    signed_in = SIGNED_IN
    app, clock = testing_client(signed_in)
    clock.now = signed_in + WEEK + timedelta(hours=3)  # the simulator lets the token expire on its own
    with pytest.raises(GoogleTestingExpiredError) as caught:
        app.sync_once()
    error = caught.value

    for language, title, words in (
        ("en", "Google sign-in expired after 7 days", ("7 days after you signed in", "“Publish app”")),
        ("fr", "Connexion Google expirée au bout de 7 jours", ("7 jours après", "« Publier l'application »")),
    ):
        set_language(language)
        box = dialogs.error_dialog(error)
        qtbot.addWidget(box)
        assert box.objectName() == "errorBox-sign-in" and box.property("action") == "accounts"
        assert box.windowTitle() == f"CalMedi – {title}"
        assert all(word in box.informativeText() for word in words)
        notice = NotificationPolicy(lambda: "important").after_failure(error, 1)
        assert notice is not None and notice.title == title and all(word in notice.message for word in words)
