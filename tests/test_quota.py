"""The Google quota governor under an injected clock: pacing, accounting, adaptation, give-up, estimates."""

from __future__ import annotations

import pytest

from calmedi_desktop.sync.quota import (
    MAX_REFUSALS_IN_A_ROW,
    WINDOW_ENV,
    QuotaExhausted,
    QuotaGovernor,
    window_from_env,
)


class Clock:
    """A monotonic clock whose sleep moves it forward: waits cost nothing and are exactly observable."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def governor(clock: Clock, per_minute: int = 100, **kwargs: object) -> QuotaGovernor:
    return QuotaGovernor(per_minute, clock=clock, sleep=clock.sleep, rand=lambda: 1.0, **kwargs)  # type: ignore[arg-type]


def test_budget_is_the_quota_less_its_headroom_and_follows_the_setting() -> None:
    clock = Clock()
    paced = governor(clock, 600)
    assert (paced.ceiling, paced.budget) == (540, 540)
    paced.set_quota(10_000)
    assert paced.budget == 9_000
    assert governor(clock, 1).budget == 1


def test_grants_what_fits_then_waits_for_the_window_to_free() -> None:
    clock = Clock()
    paced = governor(clock)  # 90 calls per 60 s
    heard: list[float] = []
    first = paced.acquire(50)
    paced.settle(first)
    second = paced.acquire(50)
    assert second.granted == 40, "a batch never exceeds what the window allows now"
    paced.settle(second)
    assert clock.sleeps == []
    clock.now += 10
    third = paced.acquire(50, waiting=heard.append)
    # The first 50 calls leave the window 60 s after their answer came back (t = 1000).
    assert clock.now == pytest.approx(1060) and heard == [pytest.approx(50)] and clock.sleeps == heard
    assert third.granted == 50
    assert paced.stats.calls == 140 and paced.stats.waits == 1 and paced.stats.waited_s == pytest.approx(50)


def test_a_call_counts_until_a_window_after_its_answer() -> None:
    clock = Clock()
    paced = governor(clock)
    ticket = paced.acquire(90)
    clock.now += 5  # a slow batch: Google may have counted its last part just before answering
    paced.settle(ticket)
    clock.now = 1060
    paced.acquire(1)
    assert clock.now == pytest.approx(1065)


def test_small_requests_share_the_same_window_as_batches() -> None:
    clock = Clock()
    paced = governor(clock)
    for _ in range(3):  # list pages, a calendar check: one call each
        paced.settle(paced.acquire(1))
    batch = paced.acquire(100)
    assert batch.granted == 87


def test_a_first_refusal_is_a_hiccup_a_second_in_a_row_waits_the_window_out_at_the_accepted_pace() -> None:
    clock = Clock()
    paced = governor(clock, 600)
    for _ in range(2):
        paced.settle(paced.acquire(50))  # 100 calls accepted
    paced.settle(paced.acquire(50), refused=50)
    assert paced.budget == 378 and paced.stats.refused == 50
    paced.acquire(1)
    assert clock.sleeps == [pytest.approx(1.0)], "a short pause: a sixtieth of the window"
    clock.now += 5
    paced.settle(paced.acquire(50), refused=50)  # refused again, nothing accepted in between: the window is full
    assert paced.budget == 90, "what Google accepted of ours in the window (100), less a tenth"
    sleeps_before = len(clock.sleeps)
    paced.acquire(10)
    waited = sum(clock.sleeps[sleeps_before:])
    assert waited >= 60, "every call waits a whole window: the refused calls Google counted have left it"
    grown = paced.budget
    assert grown <= 90 + 10
    clock.now += 61
    paced.acquire(1)
    assert paced.budget == grown + max(grown // 10, 10), "a window without refusal grows it by a tenth"


def test_a_second_refusal_with_nothing_accepted_paces_one_call_a_window() -> None:
    clock = Clock()
    paced = governor(clock, 600)
    paced.settle(paced.acquire(50), refused=50)
    paced.settle(paced.acquire(50), refused=50)
    assert paced.budget == 1


def test_retry_after_from_google_is_the_pause() -> None:
    clock = Clock()
    paced = governor(clock)
    paced.settle(paced.acquire(5), refused=5, retry_after=7)
    paced.acquire(5)
    assert clock.sleeps == [7.0]


def test_refusals_in_a_row_end_with_quota_exhausted_but_one_success_resets_the_count() -> None:
    clock = Clock()
    paced = governor(clock)
    for _ in range(MAX_REFUSALS_IN_A_ROW - 1):
        paced.settle(paced.acquire(1), refused=1)
    ticket = paced.acquire(2)
    paced.settle(ticket, refused=1)  # one of two got through: the count starts again from this refusal
    for _ in range(MAX_REFUSALS_IN_A_ROW - 2):
        paced.settle(paced.acquire(1), refused=1)
    with pytest.raises(QuotaExhausted):
        paced.settle(paced.acquire(1), refused=1)
    waited = sum(clock.sleeps)
    assert waited < 10 * 60, "a permanently refusing server is given up on within minutes"


def test_a_whole_request_waits_until_all_its_units_fit() -> None:
    clock = Clock()
    paced = governor(clock, 20)  # 18 per 60 s: a useful slice of a batch is a single call
    paced.settle(paced.acquire(16))
    ticket = paced.acquire(3, whole=True)  # a patch Google counts as three units: it cannot be split
    assert ticket.granted == 3
    assert clock.sleeps == [pytest.approx(60)], "waited for the window to make room for all three"
    small = governor(clock, 1)  # a budget of one call: three units never fit, so they go once it is empty
    assert small.acquire(3, whole=True).granted == 3


def test_estimate_counts_the_windows_still_needed() -> None:
    clock = Clock()
    paced = governor(clock)  # 90 per 60 s
    assert paced.estimate(90) == 0
    assert paced.estimate(91) == pytest.approx(60)
    assert paced.estimate(270) == pytest.approx(120)
    paced.settle(paced.acquire(60))
    clock.now += 20
    assert paced.estimate(30) == 0
    assert paced.estimate(31) == pytest.approx(40), "the first call of the log leaves the window in 40 s"


def test_scaled_window_for_tests() -> None:
    clock = Clock()
    paced = governor(clock, 10, window_s=2.0)
    paced.settle(paced.acquire(9))
    paced.acquire(1)
    assert clock.sleeps == [pytest.approx(2.0)]


def test_window_from_env_only_for_a_loopback_simulator(monkeypatch: pytest.MonkeyPatch) -> None:
    assert window_from_env("http://127.0.0.1:8080/") == 60.0
    monkeypatch.setenv(WINDOW_ENV, "3")
    assert window_from_env("http://127.0.0.1:8080/") == 3.0
    assert window_from_env("https://www.googleapis.com/") == 60.0
    monkeypatch.setenv(WINDOW_ENV, "zero")
    assert window_from_env("http://127.0.0.1:8080/") == 60.0
