"""Google's per-user quota: the simulator enforces it, the target paces within it and adapts when refused.

Windows are scaled down to a second or two (the simulator and the governor are told the same length), so a
test covers several windows in a few seconds; the benchmark measures the real 60-second window.
"""

from __future__ import annotations

import time
from datetime import timedelta

import httpx
import pytest

from calmedi_desktop.demo.google_sim import GoogleSim
from calmedi_desktop.demo.google_sim_quota import QuotaWindow
from calmedi_desktop.errors import QuotaError
from calmedi_desktop.sync.model import Plan
from calmedi_desktop.sync.quota import MAX_REFUSALS_IN_A_ROW, QuotaGovernor
from calmedi_desktop.sync.targets.google import GoogleTarget
from calmedi_desktop.sync.tiers import nearest_first, nearness
from tests.google.simkit import BASE, WINDOW, desired, sim_target
from tests.test_quota import Clock

CLIENT = httpx.Client()  # keep-alive: a call costs a millisecond, so the test's calls fit a short window


def api_get(sim: GoogleSim, token: str, calendar_id: str) -> httpx.Response:
    return CLIENT.get(f"{sim.url}calendar/v3/calendars/{calendar_id}", headers={"Authorization": f"Bearer {token}"})


def access_token(sim: GoogleSim) -> str:
    config = sim.client_config()["installed"]
    answer = httpx.post(
        sim.token_url,
        data={
            "grant_type": "refresh_token",
            "refresh_token": sim.issue_refresh_token(),
            "client_id": config["client_id"],
            "client_secret": config["client_secret"],
        },
    )
    return str(answer.json()["access_token"])


def test_the_simulator_refuses_beyond_the_quota_in_googles_forms() -> None:
    with GoogleSim(quota_per_minute=5) as sim:
        calendar_id = sim.create_calendar()
        token = access_token(sim)
        answers = [api_get(sim, token, calendar_id) for _ in range(8)]
        assert [a.status_code for a in answers] == [200] * 5 + [403, 403, 429]
        errors = [a.json()["error"]["errors"][0] for a in answers[5:]]
        assert [e["reason"] for e in errors] == ["userRateLimitExceeded", "rateLimitExceeded", "rateLimitExceeded"]
        assert {e["domain"] for e in errors} == {"usageLimits"}
        assert not any("retry-after" in a.headers for a in answers[5:]), "Google rarely says when to come back"
        assert sim.quota_refused == 3 and sim.counts["quota.refused"] == 3


def test_the_quota_window_slides_and_a_refused_burst_counts_in_it() -> None:
    now = [0.0]
    window = QuotaWindow(5, 60.0, clock=lambda: now[0])
    assert [window.admit() is None for _ in range(5)] == [True] * 5
    now[0] = 20.0
    refused = [window.admit() for _ in range(6)]
    assert all(error is not None for error in refused)
    assert [(e.status, e.reason) for e in refused[:3] if e] == [
        (403, "userRateLimitExceeded"),
        (403, "rateLimitExceeded"),
        (429, "rateLimitExceeded"),
    ]
    now[0] = 61.0  # the five accepted calls have left the window, the refused burst has not: still refused
    assert window.admit() is not None
    now[0] = 81.5  # a window after the burst (and the call at 61 s, refused too, is the only one left)
    assert window.admit() is None
    assert (window.accepted, window.refused) == (6, 7)


def test_quota_is_off_unless_asked_for(sim: GoogleSim, calendar_id: str) -> None:
    token = access_token(sim)
    assert all(api_get(sim, token, calendar_id).status_code == 200 for _ in range(30))
    assert sim.quota_refused == 0


def paced_target(sim: GoogleSim, calendar_id: str, per_window: int, window_s: float) -> GoogleTarget:
    governor = QuotaGovernor(per_window, window_s=window_s)
    return sim_target(sim, calendar_id, sleep=time.sleep, governor=governor)  # type: ignore[arg-type]


def test_a_large_plan_is_paced_within_the_quota_and_shares_it_with_lists() -> None:
    window = 1.0
    with GoogleSim(quota_per_minute=100, quota_window_s=window) as sim:
        calendar_id = sim.create_calendar()
        target = paced_target(sim, calendar_id, 100, window)
        assert target.list_events(*WINDOW) == []
        wanted = [desired(n) for n in range(250)]
        result = target.apply(Plan(inserts=wanted))
        assert (result.created, result.failures) == (250, {})
        assert [e.id for e in target.list_events(*WINDOW)] != []
        assert sim.quota_refused == 0, "paced within the quota: Google never had to refuse"
        stats = target.governor.stats
        assert stats.calls == sim.api_calls == 252, "every list page and every batch part went through it"
        # 90 calls per window (10 % headroom): 252 calls need three windows, so at least two waits.
        assert stats.waits >= 2


def test_refusals_from_a_smaller_quota_than_configured_are_waited_out_not_failed() -> None:
    # The account also syncs from another computer: Google lets this one have 30 calls a window, not 100.
    window = 0.5
    with GoogleSim(quota_per_minute=30, quota_window_s=window) as sim:
        calendar_id = sim.create_calendar()
        target = paced_target(sim, calendar_id, 100, window)
        wanted = [desired(n) for n in range(300)]
        result = target.apply(Plan(inserts=wanted))
        assert (result.created, result.failures) == (300, {}), "no event lost to a quota refusal"
        assert 0 < sim.quota_refused <= 300 // 5
        assert target.governor.budget <= 33, "the governor found the pace Google allows"


def test_writes_go_out_nearest_first_as_the_simulator_saw_them() -> None:
    window = 1.0
    with GoogleSim(quota_per_minute=60, quota_window_s=window) as sim:
        calendar_id = sim.create_calendar()
        target = paced_target(sim, calendar_id, 60, window)
        today = BASE.replace(hour=0)
        # Far future, past, today and next days, mixed; plus a cancellation for today among them.
        starts = [BASE + timedelta(days=d, hours=h) for d in (40, -3, 0, 2, 60, -1, 5, 1) for h in range(10)]
        old = desired(999, at=BASE + timedelta(hours=3))
        target.apply(Plan(inserts=[old]))
        sim.reset_counts()
        wanted = [desired(n, at=start) for n, start in enumerate(starts)]
        plan = Plan(inserts=wanted, deletes=[old.id])
        existing = target.list_events(*WINDOW)
        plan.order = nearest_first(plan, existing, today)
        result = target.apply(plan)
        assert (result.created, result.deleted, result.failures) == (80, 1, {})
        start_of = {w.id: w.start for w in wanted} | {old.id: old.start}
        written = [event_id for _, _, event_id in sorted(sim.write_log)]
        keys = [nearness(start_of[event_id], today) for event_id in written]
        assert keys == sorted(keys), "today, then the coming days in order, then the past (latest first)"
        assert written.index(old.id) < 20, "the cancellation for today went out with today's writes"
        assert sim.write_log[-1][0] - sim.write_log[0][0] > window * 0.5, "the writes spanned several windows"


@pytest.mark.parametrize("per_window", [1, 10_000])
def test_configured_quota_bounds_the_batch(per_window: int) -> None:
    governor = QuotaGovernor(per_window, sleep=lambda s: None)
    ticket = governor.acquire(50)
    assert ticket.granted == min(50, max(1, int(per_window * 0.9)))


def test_a_calendar_patch_is_paced_as_the_three_units_google_counts() -> None:
    with GoogleSim() as sim:
        target = sim_target(sim, sim.create_calendar(), governor=QuotaGovernor(per_minute=600))
        target.rename("Cabinet")
        assert target.governor.stats.calls == 3
        target.recolour("#0b8043")
        assert target.governor.stats.calls == 6
        assert sim.calendar_list_entry(target.calendar_id)["backgroundColor"] == "#0b8043"


def test_a_calendar_patch_waits_for_room_for_all_its_three_units() -> None:
    clock = Clock()
    with GoogleSim() as sim:
        governor = QuotaGovernor(20, clock=clock, sleep=clock.sleep)  # 18 per 60 s
        target = sim_target(sim, sim.create_calendar(), governor=governor)
        governor.settle(governor.acquire(16))
        target.rename("Cabinet")
        assert governor.stats.calls == 16 + 3, "the patch was paced as the three units Google counts"
        assert clock.sleeps == [pytest.approx(60)] and sim.counts["calendars.patch"] == 1


def test_a_calendar_patch_refused_for_good_gives_up_after_as_many_tries_as_one_call() -> None:
    clock = Clock()
    with GoogleSim() as sim:
        governor = QuotaGovernor(clock=clock, sleep=clock.sleep)
        target = sim_target(sim, sim.create_calendar(), governor=governor)
        sim.inject(403, "rateLimitExceeded", count=100, kind="calendars.patch")
        with pytest.raises(QuotaError):
            target.rename("Cabinet")
        assert sim.counts["calendars.patch"] == MAX_REFUSALS_IN_A_ROW
        assert governor.stats.refused == 3 * MAX_REFUSALS_IN_A_ROW, "every unit of a refused patch was refused"
        sim.inject(403, "rateLimitExceeded", count=100, kind="events.list")
        with pytest.raises(QuotaError):
            target.list_events(*WINDOW)
        assert sim.counts["events.list"] == MAX_REFUSALS_IN_A_ROW
