"""Retry with exponential backoff and full jitter, honouring a server's Retry-After.

Only what the caller marks retryable is retried (429, quota 403, 5xx, network errors); everything else is
raised at once. ``sleep`` and ``rand`` are injectable so tests run instantly and deterministically.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    base: float = 0.5
    cap: float = 30.0
    max_retry_after: float = 120.0

    def delay(self, attempt: int, retry_after: float | None = None, rand: Callable[[], float] = random.random) -> float:
        """Seconds to wait before retry number ``attempt`` (1-based)."""
        if retry_after is not None and retry_after >= 0:
            return min(retry_after, self.max_retry_after)
        return min(self.cap, self.base * 2 ** (attempt - 1)) * (0.5 + rand() / 2)


class Retryable(Exception):
    """Raised by an attempt to ask for another try; ``retry_after`` in seconds if the server said so."""

    def __init__(self, cause: BaseException, retry_after: float | None = None) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.retry_after = retry_after


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value.strip()))
    except ValueError:
        return None  # HTTP-date form: fall back to our own backoff


def call_with_retry(
    attempt: Callable[[], T],
    policy: RetryPolicy = RetryPolicy(),
    sleep: Callable[[float], None] = time.sleep,
    rand: Callable[[], float] = random.random,
) -> T:
    """Call ``attempt`` until it returns; it raises Retryable to ask for another try."""
    for number in range(1, policy.attempts + 1):
        try:
            return attempt()
        except Retryable as exc:
            if number == policy.attempts:
                raise exc.cause from exc
            sleep(policy.delay(number, exc.retry_after, rand))
    raise AssertionError("unreachable")
