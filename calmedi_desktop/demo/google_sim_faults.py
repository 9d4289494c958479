"""Fault injection for the Google simulator: scripted and random error answers, dropped connections.

Status faults apply to API operations, batch parts included (kind None matches any Calendar operation; the
batch envelope itself only matches ``kind="batch"``, the token endpoint only ``kind="token"``). Network faults
apply to whole HTTP requests: ``reset`` closes the connection with a RST before processing, ``reset_after``
processes the request and then resets (the client never learns that its writes landed), ``close`` closes
cleanly without an answer, ``timeout`` stalls past the client's timeout.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass

from calmedi_desktop.demo.google_sim_store import RATE_LIMIT_REASONS, ApiError

NETWORK_MODES = ("reset", "reset_after", "close", "timeout")
API_PREFIXES = ("calendars.", "calendarList.", "events.")
DEFAULT_REASONS = {
    400: ("badRequest", "Bad Request"),
    401: ("authError", "Invalid Credentials"),
    403: ("forbidden", "Forbidden"),
    404: ("notFound", "Not Found"),
    409: ("duplicate", "The requested identifier already exists."),
    410: ("deleted", "Resource has been deleted"),
    429: ("rateLimitExceeded", "Rate Limit Exceeded"),
    500: ("backendError", "Backend Error"),
    502: ("backendError", "Bad Gateway"),
    503: ("backendError", "Service Unavailable"),
}


@dataclass
class StatusFault:
    status: int
    reason: str
    count: int
    kind: str | None
    retry_after: float | None = None

    def error(self) -> ApiError:
        default_reason, message = DEFAULT_REASONS.get(self.status, ("backendError", "Error"))
        reason = self.reason or default_reason
        if reason in RATE_LIMIT_REASONS:
            message = "Rate Limit Exceeded"
        return ApiError(self.status, reason, message)


@dataclass
class NetworkFault:
    mode: str
    count: int
    kind: str | None
    stall: float = 2.0


def _matches(fault_kind: str | None, kind: str) -> bool:
    if fault_kind is None:
        return kind.startswith(API_PREFIXES)
    return fault_kind == kind


class Faults:
    def __init__(self, seed: int = 0) -> None:
        self._lock = threading.Lock()
        self._status: list[StatusFault] = []
        self._network: list[NetworkFault] = []
        self._rng = random.Random(seed)
        self.random_rate = 0.0
        self.random_statuses: tuple[int, ...] = ()
        self.network_rate = 0.0
        self.network_modes: tuple[str, ...] = ()
        self.stall = 2.0
        self.injected = 0  # faults actually served, scripted or random

    def inject(self, status: int, reason: str, count: int, kind: str | None, retry_after: float | None) -> None:
        with self._lock:
            self._status.append(StatusFault(status, reason, count, kind, retry_after))

    def inject_network(self, mode: str, count: int, kind: str | None, stall: float) -> None:
        if mode not in NETWORK_MODES:
            raise ValueError(f"mode must be one of {NETWORK_MODES}")
        with self._lock:
            self._network.append(NetworkFault(mode, count, kind, stall))

    def set_random(
        self,
        rate: float,
        statuses: tuple[int, ...],
        seed: int | None,
        network_rate: float,
        network_modes: tuple[str, ...],
        stall: float,
    ) -> None:
        if any(mode not in NETWORK_MODES for mode in network_modes):
            raise ValueError(f"network modes must be among {NETWORK_MODES}")
        with self._lock:
            self.random_rate, self.random_statuses = rate, tuple(statuses)
            self.network_rate, self.network_modes, self.stall = network_rate, tuple(network_modes), stall
            if seed is not None:
                self._rng = random.Random(seed)

    def clear(self) -> None:
        with self._lock:
            self._status.clear()
            self._network.clear()
            self.random_rate = self.network_rate = 0.0

    def status_fault(self, kind: str) -> tuple[ApiError, float | None] | None:
        """The error answer this operation must get, if any (consumes one scripted fault)."""
        with self._lock:
            for fault in self._status:
                if fault.count > 0 and _matches(fault.kind, kind):
                    fault.count -= 1
                    self._status = [f for f in self._status if f.count > 0]
                    self.injected += 1
                    return fault.error(), fault.retry_after
            if self.random_rate and kind.startswith(API_PREFIXES) and self._rng.random() < self.random_rate:
                status = self._rng.choice(self.random_statuses)
                # Random 403s model throttling, the only 403 a healthy client meets often.
                reason = "rateLimitExceeded" if status == 403 else ""
                self.injected += 1
                return StatusFault(status, reason, 1, kind).error(), None
        return None

    def network_fault(self, kind: str) -> NetworkFault | None:
        with self._lock:
            for fault in self._network:
                if fault.count > 0 and (_matches(fault.kind, kind) or (fault.kind is None and kind == "batch")):
                    fault.count -= 1
                    self._network = [f for f in self._network if f.count > 0]
                    self.injected += 1
                    return NetworkFault(fault.mode, 1, kind, fault.stall)
            api_call = kind.startswith(API_PREFIXES) or kind == "batch"
            if self.network_rate and api_call and self._rng.random() < self.network_rate:
                self.injected += 1
                return NetworkFault(self._rng.choice(self.network_modes), 1, kind, self.stall)
        return None
