"""What one CalMedi process keeps between sync runs, so that a run of the coming days costs a request or two.

- One quota governor per Google account (keyed by a hash of its refresh token), for the life of the process:
  every run of the account shares it, so a run that starts while Google's window is still full waits rather
  than being refused.
- The Google target of the account: its credentials (the access token is refreshed hourly, not every run),
  its service, and the knowledge that its calendar exists (checked once; a 404 on a later list re-creates it).
- The Doctolib source: its sign-in (the access token; a rotation of the refresh token hourly, not every run),
  and the agendas and visit motives, which full runs read again.

Nothing here is written anywhere and nothing here is an appointment: appointments still live only inside a
run. An entry is rebuilt when what it was built from changes (another account, another calendar, other
agendas), and ``forget`` drops a service's entry (disconnect, erase).
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from calmedi_desktop.sync.quota import QuotaGovernor

log = logging.getLogger(__name__)
T = TypeVar("T")


def account_key(refresh_token: str) -> str:
    """A stable, non-secret name for a Google account's grant (the token itself never leaves the keyring)."""
    return hashlib.sha256(refresh_token.encode("utf-8")).hexdigest()[:16]


class LiveConnections:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._governors: dict[str, QuotaGovernor] = {}
        self._kept: dict[str, tuple[Hashable, Any, Callable[[], None]]] = {}

    def governor(self, account: str, per_minute: int, window_s: float) -> QuotaGovernor:
        """The account's governor, following the quota setting; a new one only if the window's length changed."""
        with self._lock:
            governor = self._governors.get(account)
            if governor is None or governor.window_s != window_s:
                governor = self._governors[account] = QuotaGovernor(per_minute, window_s=window_s)
            else:
                governor.set_quota(per_minute)
            return governor

    def kept(
        self,
        service: str,
        key: Hashable,
        build: Callable[[], T],
        *,
        still_valid: Callable[[T], bool] = lambda _value: True,
        close: Callable[[T], None] = lambda _value: None,
    ) -> T:
        """The value kept for ``service`` if it was built from ``key`` and is still valid; else a new one."""
        with self._lock:
            entry = self._kept.get(service)
        if entry is not None and entry[0] == key and still_valid(entry[1]):
            return entry[1]  # type: ignore[no-any-return]
        value = build()
        with self._lock:
            old = self._kept.pop(service, None)
            self._kept[service] = (key, value, lambda: close(value))
        if old is not None:
            old[2]()
        log.debug("%s: connection kept for the next runs", service)
        return value

    def forget(self, service: str) -> None:
        with self._lock:
            old = self._kept.pop(service, None)
        if old is not None:
            old[2]()
