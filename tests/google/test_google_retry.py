"""Retry only what is safe; convert everything else to the right CalmediError; never leak event content."""

from __future__ import annotations

import logging

import pytest

from calmedi_desktop.demo.google_sim import GoogleSim
from calmedi_desktop.errors import AuthExpiredError, NetworkError, QuotaError, TargetError
from calmedi_desktop.sync.model import Plan
from calmedi_desktop.sync.quota import MAX_REFUSALS_IN_A_ROW
from calmedi_desktop.sync.retry import RetryPolicy
from calmedi_desktop.sync.targets.google import GoogleTarget, delete_calendar, ensure_calendar
from tests.google.simkit import (
    FAST,
    WINDOW,
    Sleeps,
    desired,
    fresh_governor,
    sim_credentials,
    sim_endpoints,
    sim_target,
)


@pytest.mark.parametrize(
    ("status", "reason"),
    [(429, "rateLimitExceeded"), (403, "rateLimitExceeded"), (403, "userRateLimitExceeded"), (500, ""), (503, "")],
)
def test_retryable_answers_are_retried_in_a_batch(
    sim: GoogleSim, target: GoogleTarget, sleeps: Sleeps, status: int, reason: str
) -> None:
    wanted = [desired(n) for n in range(4)]
    sim.inject(status, reason, count=2, kind="events.insert")
    result = target.apply(Plan(inserts=wanted))
    assert (result.created, result.failures) == (4, {})
    assert sim.counts["events.insert"] == 6  # the two failed parts, and only those, were sent again
    assert sim.counts["batch"] == 2 and len(sleeps) == 1


@pytest.mark.parametrize(("status", "reason"), [(429, "rateLimitExceeded"), (403, "rateLimitExceeded"), (500, "")])
def test_retryable_answers_are_retried_for_a_single_call(
    sim: GoogleSim, target: GoogleTarget, sleeps: Sleeps, status: int, reason: str
) -> None:
    target.apply(Plan(inserts=[desired(1)]))
    sim.inject(status, reason, count=2, kind="events.list")
    assert [e.id for e in target.list_events(*WINDOW)] == [desired(1).id]
    assert sim.counts["events.list"] == 3 and len(sleeps) == 2
    assert sleeps[1] > sleeps[0] * 0.9  # exponential backoff (with jitter)


@pytest.mark.parametrize(("status", "reason"), [(400, "invalid"), (404, "notFound"), (403, "forbidden")])
def test_other_client_errors_are_not_retried(
    sim: GoogleSim, target: GoogleTarget, sleeps: Sleeps, status: int, reason: str
) -> None:
    sim.inject(status, reason, kind="events.list")
    with pytest.raises(TargetError) as caught:
        target.list_events(*WINDOW)
    assert not isinstance(caught.value, QuotaError)
    assert str(status) in caught.value.message
    assert sim.counts["events.list"] == 1 and sleeps == []


def test_a_failed_part_is_recorded_not_retried_and_the_others_land(
    sim: GoogleSim, target: GoogleTarget, sleeps: Sleeps, calendar_id: str
) -> None:
    sim.inject(400, "invalid", kind="events.update")
    target.apply(Plan(inserts=[desired(1), desired(2)]))
    result = target.apply(Plan(updates=[desired(1, hours=1), desired(2, hours=1)]))
    assert result.updated == 1 and result.failures == {desired(1).id: "HttpError400"}
    assert sim.counts["events.update"] == 2 and sleeps == []


@pytest.mark.parametrize("mode", ["reset", "reset_after", "close"])
def test_dropped_connections_are_retried(
    sim: GoogleSim, target: GoogleTarget, sleeps: Sleeps, calendar_id: str, mode: str
) -> None:
    wanted = [desired(n) for n in range(3)]
    # Two drops: httplib2 silently re-sends once after a clean close, so the second one reaches CalMedi.
    sim.inject_network(mode, count=2, kind="batch")
    result = target.apply(Plan(inserts=wanted))
    assert (result.created, result.failures) == (3, {})
    assert sleeps, "CalMedi's own retry ran"
    live = [e for e in sim.events(calendar_id) if e["status"] == "confirmed"]
    assert len(live) == 3
    if mode == "reset_after":
        assert sim.counts["events.get"] == 3  # inserts that landed answered 409, then matched by hash


def test_a_timeout_is_retried(sim: GoogleSim, calendar_id: str, sleeps: Sleeps) -> None:
    # The timeout leaves the retried request ample time even on a loaded machine; the stall is far beyond it.
    target = sim_target(sim, calendar_id, sleeps, timeout=1.0)
    sim.inject_network("timeout", count=1, kind="events.list", stall=4.0)
    assert target.list_events(*WINDOW) == []
    assert sim.counts["events.list"] == 2 and len(sleeps) == 1


def test_network_down_becomes_network_error(calendar_id: str, sim: GoogleSim, sleeps: Sleeps) -> None:
    target = sim_target(sim, calendar_id, sleeps)
    sim.stop()
    with pytest.raises(NetworkError) as caught:
        target.list_events(*WINDOW)
    assert len(sleeps) == FAST.attempts - 1
    assert caught.value.params["service"] == "Google Calendar"


def test_retry_after_is_honoured(sim: GoogleSim, target: GoogleTarget, sleeps: Sleeps) -> None:
    sim.inject(429, count=1, kind="events.insert", retry_after=7)
    result = target.apply(Plan(inserts=[desired(1)]))
    assert result.created == 1 and sleeps == [pytest.approx(7.0, abs=0.1)]


def test_quota_exhausted_on_a_call_is_a_quota_error(sim: GoogleSim, target: GoogleTarget, sleeps: Sleeps) -> None:
    # Quota refusals do not spend the call's retry attempts: the governor waits them out, and gives up only
    # after MAX_REFUSALS_IN_A_ROW refusals with nothing accepted in between.
    sim.inject(403, "rateLimitExceeded", count=100, kind="events.list")
    with pytest.raises(QuotaError) as caught:
        target.list_events(*WINDOW)
    assert sim.counts["events.list"] == MAX_REFUSALS_IN_A_ROW > FAST.attempts
    assert len(sleeps) == MAX_REFUSALS_IN_A_ROW - 1
    # A short pause after the first refusal; then, refused again, every wait is a whole window.
    assert sleeps[0] <= 1 and all(59 <= pause <= 60 for pause in sleeps[1:])
    assert "403" in caught.value.message and "rateLimitExceeded" in caught.value.message


def test_daily_limit_is_a_quota_error_without_retries(sim: GoogleSim, target: GoogleTarget, sleeps: Sleeps) -> None:
    sim.inject(403, "dailyLimitExceeded", kind="events.list")
    with pytest.raises(QuotaError):
        target.list_events(*WINDOW)
    assert sim.counts["events.list"] == 1


def test_quota_exhausted_on_parts_is_recorded_per_event(sim: GoogleSim, target: GoogleTarget) -> None:
    sim.inject(429, count=100, kind="events.insert")
    result = target.apply(Plan(inserts=[desired(1), desired(2)]))
    assert result.failures == {desired(1).id: "QuotaError", desired(2).id: "QuotaError"}
    assert sim.counts["events.insert"] == 2 * MAX_REFUSALS_IN_A_ROW


def test_the_quota_give_up_warning_counts_the_writes_refused_for_quota_only(
    sim: GoogleSim, target: GoogleTarget, caplog: pytest.LogCaptureFixture
) -> None:
    sim.inject(400, "invalid", count=1, kind="events.update")
    sim.inject(429, count=100, kind="events.insert")
    result = target.apply(Plan(inserts=[desired(1), desired(2)], updates=[desired(3)]))
    assert result.failures == {desired(1).id: "QuotaError", desired(2).id: "QuotaError", desired(3).id: "HttpError400"}
    warnings = [
        r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and "again and again" in r.getMessage()
    ]
    assert warnings == ["google: quota refused again and again; 2 write(s) failed for quota, left for the next run"]


def test_a_failing_batch_envelope_is_retried_whole(sim: GoogleSim, target: GoogleTarget, sleeps: Sleeps) -> None:
    sim.inject(503, count=2, kind="batch")
    result = target.apply(Plan(inserts=[desired(1), desired(2)]))
    assert result.created == 2 and sim.counts["batch"] == 3 and len(sleeps) == 2


def test_errors_never_carry_event_content(
    sim: GoogleSim, target: GoogleTarget, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secret = desired(1, name="Hortense Vérole-Secrète")
    assert "Hortense" in secret.body["summary"]
    sim.inject(400, "invalid", kind="batch")
    with pytest.raises(TargetError) as caught:
        target.apply(Plan(inserts=[secret]))
    sim.inject(400, "invalid", kind="events.insert")
    result = target.apply(Plan(inserts=[secret]))
    assert result.failures == {secret.id: "HttpError400"}
    texts = [str(caught.value), caught.value.technical, *(r.getMessage() for r in caplog.records)]
    assert texts and not any("Hortense" in t or secret.id in t for t in texts)


def test_revoked_refresh_token_is_auth_expired(sim: GoogleSim, calendar_id: str, sleeps: Sleeps) -> None:
    refresh = sim.issue_refresh_token()
    target = GoogleTarget(sim_credentials(sim, refresh), sim_endpoints(sim), calendar_id, policy=FAST, sleep=sleeps)
    assert sim.revoke(refresh)
    with pytest.raises(AuthExpiredError) as caught:
        target.list_events(*WINDOW)
    with pytest.raises(AuthExpiredError):
        target.apply(Plan(inserts=[desired(1)]))
    # The token endpoint's error code, so the facade can explain it (Testing clients), and nothing else.
    assert caught.value.params == {"service": "Google Calendar", "command": "google", "reason": "invalid_grant"}
    assert sim.counts["token"] == 2 and sim.counts["events.list"] == 0 and sleeps == []


def test_expired_access_token_is_refreshed_transparently(sim: GoogleSim, target: GoogleTarget) -> None:
    target.list_events(*WINDOW)
    sim.expire_access_tokens()
    assert target.apply(Plan(inserts=[desired(1)])).created == 1
    assert [e.id for e in target.list_events(*WINDOW)] == [desired(1).id]
    assert sim.counts["token"] == 2


def test_revoked_while_running_is_auth_expired(sim: GoogleSim, calendar_id: str) -> None:
    refresh = sim.issue_refresh_token()
    target = GoogleTarget(sim_credentials(sim, refresh), sim_endpoints(sim), calendar_id, policy=FAST, sleep=Sleeps())
    target.list_events(*WINDOW)
    sim.revoke(refresh)  # also kills its access tokens: the next call gets 401, the refresh invalid_grant
    with pytest.raises(AuthExpiredError):
        target.apply(Plan(inserts=[desired(1)]))


def test_ensure_calendar_creates_then_keeps_then_recreates(sim: GoogleSim) -> None:
    creds, endpoints, governor = sim_credentials(sim), sim_endpoints(sim), fresh_governor()

    def ensure(calendar_id: str | None) -> str:
        return ensure_calendar(
            creds, endpoints, calendar_id, "CalMedi", "Europe/Paris", sleep=Sleeps(), governor=governor
        )

    first = ensure(None)
    assert sim.calendars[first]["summary"] == "CalMedi" and sim.calendars[first]["timeZone"] == "Europe/Paris"
    assert ensure(first) == first
    assert len(sim.calendars) == 1
    sim.delete_calendar_out_of_band(first)
    second = ensure(first)
    assert second != first and set(sim.calendars) == {second}


def test_ensure_calendar_does_not_hide_other_errors(sim: GoogleSim, calendar_id: str) -> None:
    sim.inject(403, "forbidden", kind="calendars.get")
    with pytest.raises(TargetError):
        ensure_calendar(
            sim_credentials(sim), sim_endpoints(sim), calendar_id, "CalMedi", "Europe/Paris", governor=fresh_governor()
        )
    assert sim.counts["calendars.insert"] == 0


def test_calendar_insert_is_not_retried_after_a_network_error(sim: GoogleSim) -> None:
    sim.inject_network("reset_after", count=1, kind="calendars.insert")
    with pytest.raises(NetworkError):
        ensure_calendar(
            sim_credentials(sim), sim_endpoints(sim), None, "CalMedi", "UTC", sleep=Sleeps(), governor=fresh_governor()
        )
    assert sim.counts["calendars.insert"] == 1  # a retry could leave a second, orphan calendar


def test_delete_calendar_reports_whether_it_was_there(sim: GoogleSim, calendar_id: str) -> None:
    creds, endpoints = sim_credentials(sim), sim_endpoints(sim)
    policy = RetryPolicy(attempts=2, base=0.0)
    assert delete_calendar(creds, endpoints, calendar_id, policy=policy, governor=fresh_governor()) is True
    assert calendar_id not in sim.calendars
    assert delete_calendar(creds, endpoints, calendar_id, policy=policy, governor=fresh_governor()) is False


def test_listing_a_deleted_calendar_is_a_target_error(sim: GoogleSim, target: GoogleTarget, calendar_id: str) -> None:
    sim.delete_calendar_out_of_band(calendar_id)
    with pytest.raises(TargetError) as caught:
        target.list_events(*WINDOW)
    assert "404" in caught.value.message


def test_progress_follows_the_batches_and_counts_a_retried_write_once(
    sim: GoogleSim, target: GoogleTarget, sleeps: Sleeps
) -> None:
    wanted = [desired(n) for n in range(120)]
    sim.inject(500, count=5, kind="events.insert")
    heard: list[tuple[int, int]] = []
    result = target.apply(Plan(inserts=wanted), progress=lambda done, total, **_: heard.append((done, total)))
    assert (result.created, result.failures) == (120, {})
    # Three batches of at most 50, then, once their backoff is over, one more for the five parts that answered 500.
    assert sim.counts["batch"] == 4 and sim.counts["events.insert"] == 125
    assert heard == [(45, 120), (95, 120), (115, 120), (120, 120)]


def test_parts_refused_for_quota_keep_their_place_at_the_front(
    sim: GoogleSim, target: GoogleTarget, sleeps: Sleeps
) -> None:
    wanted = [desired(n) for n in range(120)]
    sim.inject(429, "rateLimitExceeded", count=5, kind="events.insert")
    heard: list[tuple[int, int, float]] = []
    result = target.apply(
        Plan(inserts=wanted),
        progress=lambda done, total, waiting_s=0.0, eta_s=None: heard.append((done, total, waiting_s)),
    )
    assert (result.created, result.failures) == (120, {})
    # The five refused parts go first in the next batch, after the governor's pause: still three batches.
    assert sim.counts["batch"] == 3 and sim.counts["events.insert"] == 125 and len(sleeps) == 1
    assert [(done, total) for done, total, _ in heard] == [(45, 120), (45, 120), (95, 120), (120, 120)]
    assert heard[1][2] == sleeps[0] > 0, "the listener heard the wait before it happened"
