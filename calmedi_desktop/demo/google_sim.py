"""A loopback Google (OAuth + Calendar v3 + batch) for ``calmedi --demo`` and the tests.

Standard library only: a ThreadingHTTPServer on 127.0.0.1 in a daemon thread. The calendar semantics live in
``google_sim_store``, OAuth in ``google_sim_oauth``, the batch wire format in ``google_sim_batch``, fault
injection in ``google_sim_faults``, the per-user quota in ``google_sim_quota`` (off by default), the server
and handler in ``google_sim_http``, the routes and the answers' shapes in ``google_sim_routes``; this module
checks each call (faults, token, quota, body), holds the lock and keeps the counters tests assert on.

``python -m calmedi_desktop.demo.google_sim --port 0`` prints its port on one stdout line and serves until killed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from calmedi_desktop.demo.google_sim_batch import BatchFormatError, PartAnswer, format_batch, parse_batch
from calmedi_desktop.demo.google_sim_faults import API_PREFIXES, NETWORK_MODES, Faults, NetworkFault
from calmedi_desktop.demo.google_sim_http import Reply, SimHandler, SimServer
from calmedi_desktop.demo.google_sim_oauth import CLIENT_ID, CLIENT_SECRET, OAuthState
from calmedi_desktop.demo.google_sim_quota import QuotaWindow
from calmedi_desktop.demo.google_sim_routes import (
    EVENT_WRITES,
    QUOTA_UNITS,
    answer_reply,
    api_route,
    call_store,
    error_reply,
    json_reply,
    kind_of,
)
from calmedi_desktop.demo.google_sim_store import ApiError, CalendarStore, bad_request, not_found
from calmedi_desktop.loopback_server import LoopbackService

MAX_BATCH_PARTS = 50


class GoogleSim(LoopbackService):
    """Google's OAuth and Calendar endpoints on loopback, with fault injection and request counters."""

    thread_name = "google-sim"

    def __init__(
        self,
        latency: float = 0.0,
        seed: int = 0,
        page_size_cap: int = 2500,
        token_lifetime: int = 3600,
        *,
        port: int = 0,
        quota_per_minute: int | None = None,
        quota_window_s: float = 60.0,
    ) -> None:
        self.latency = latency
        self._port_wanted = port
        self._lock = threading.RLock()
        self._store = CalendarStore(random.Random(seed), page_size_cap)
        self._oauth = OAuthState(token_lifetime)
        self._faults = Faults(seed)
        self.counts: Counter[str] = Counter()
        self.http_requests = 0
        self.request_log: list[tuple[str, str]] = []  # (method, path) of every HTTP request, no query
        self.write_log: list[tuple[float, str, str]] = []  # (monotonic time, kind, event id) of each event write
        self._quota: QuotaWindow | None = None
        if quota_per_minute is not None:
            self.set_quota(quota_per_minute, quota_window_s)

    # -- lifecycle -------------------------------------------------------------------------------------

    def _make_server(self) -> SimServer:
        server = SimServer(("127.0.0.1", self._port_wanted), SimHandler)
        server.sim = self
        return server

    @property
    def url(self) -> str:
        """API root with a trailing slash (CALMEDI_GOOGLE_API_URL)."""
        return f"http://127.0.0.1:{self.port}/"

    @property
    def revoke_url(self) -> str:
        return self.url + "revoke"

    @property
    def token_url(self) -> str:
        return self.url + "token"

    # -- OAuth -----------------------------------------------------------------------------------------

    def client_config(self) -> dict[str, Any]:
        """An "installed" OAuth client whose endpoints are this simulator."""
        return {
            "installed": {
                "client_id": CLIENT_ID,
                "project_id": "calmedi-sim",
                "auth_uri": self.url + "o/oauth2/auth",
                "token_uri": self.token_url,
                "auth_provider_x509_cert_url": self.url + "oauth2/v1/certs",
                "client_secret": CLIENT_SECRET,
                "redirect_uris": ["http://localhost"],
            }
        }

    def issue_refresh_token(self) -> str:
        """A refresh token as if the user had consented (demo mode and tests skip the browser)."""
        with self._lock:
            return self._oauth.issue_refresh_token()

    def revoke(self, token: str) -> bool:
        with self._lock:
            return self._oauth.revoke(token)

    def expire_access_tokens(self) -> None:
        with self._lock:
            self._oauth.expire_access_tokens()

    @property
    def deny_next_consent(self) -> bool:
        return self._oauth.deny_next_consent

    @deny_next_consent.setter
    def deny_next_consent(self, value: bool) -> None:
        with self._lock:
            self._oauth.deny_next_consent = value

    def set_publishing_status(self, status: str, clock: Callable[[], float] | None = None) -> None:
        """The client's publishing status. While "testing", refresh tokens issued expire 7 days later on ``clock``
        (seconds since the epoch; tests move it); "production" issues tokens that do not expire, and tokens issued
        before keep their expiry."""
        if status not in ("testing", "production"):
            raise ValueError(status)
        with self._lock:
            self._oauth.publishing_status = status
            if clock is not None:
                self._oauth.clock = clock

    @property
    def pkce_verified(self) -> int:
        """How many authorisation codes were exchanged with a correct PKCE verifier."""
        return self._oauth.pkce_verified

    # -- faults ----------------------------------------------------------------------------------------

    def inject(
        self, status: int, reason: str = "", count: int = 1, kind: str | None = None, retry_after: float | None = None
    ) -> None:
        """The next ``count`` matching operations (batch parts included) answer a Google-shaped error."""
        self._faults.inject(status, reason, count, kind, retry_after)

    def inject_network(self, mode: str = "reset", count: int = 1, kind: str | None = None, stall: float = 2.0) -> None:
        """Drop the next ``count`` matching HTTP requests (kind None: any API call or batch). See NETWORK_MODES."""
        self._faults.inject_network(mode, count, kind, stall)

    def random_faults(
        self,
        rate: float,
        statuses: tuple[int, ...] = (429, 403, 500, 503),
        seed: int | None = None,
        *,
        network_rate: float = 0.0,
        network_modes: tuple[str, ...] = ("reset", "reset_after"),
        stall: float = 2.0,
    ) -> None:
        """Fail each API operation with probability ``rate``, and drop HTTP requests with ``network_rate``."""
        self._faults.set_random(rate, statuses, seed, network_rate, network_modes, stall)

    def clear_faults(self) -> None:
        self._faults.clear()

    def set_quota(self, per_window: int | None, window_s: float = 60.0) -> None:
        """Enforce Google's per-user quota (``per_window`` calls per ``window_s`` seconds); None turns it off."""
        with self._lock:
            self._quota = None if per_window is None else QuotaWindow(per_window, window_s)

    @property
    def quota_refused(self) -> int:
        """Calls refused for quota since the quota was set."""
        quota = self._quota
        return quota.refused if quota is not None else 0

    @property
    def api_calls(self) -> int:
        """Calendar API calls received (each batch part is one; the batch envelope and OAuth are not)."""
        with self._lock:
            return sum(n for kind, n in self.counts.items() if kind.startswith(API_PREFIXES))

    @property
    def faults_served(self) -> int:
        return self._faults.injected

    # -- state accessors -------------------------------------------------------------------------------

    @property
    def calendars(self) -> dict[str, dict[str, Any]]:
        with self._lock:
            return {cid: dict(resource) for cid, resource in self._store.calendars.items()}

    def create_calendar(self, summary: str = "CalMedi", time_zone: str = "Europe/Paris") -> str:
        with self._lock:
            return str(self._store.insert_calendar({"summary": summary, "timeZone": time_zone})["id"])

    def events(self, calendar_id: str) -> list[dict[str, Any]]:
        """Every event of the calendar, cancelled ones included (deep copies)."""
        with self._lock:
            return [self._store.get_event(calendar_id, eid) for eid in self._store.events.get(calendar_id, {})]

    def calendar_list_entry(self, calendar_id: str) -> dict[str, Any]:
        """The user's calendar-list entry of a calendar: its colour as the user sees it."""
        with self._lock:
            return self._store.get_list_entry(calendar_id)

    def rename_calendar_out_of_band(self, calendar_id: str, summary: str) -> None:
        """The practitioner renames the calendar in Google's own interface."""
        with self._lock:
            self._store.patch_calendar(calendar_id, {"summary": summary})

    def add_foreign_event(self, calendar_id: str, body: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            return self._store.add_foreign_event(calendar_id, body)

    def delete_calendar_out_of_band(self, calendar_id: str) -> None:
        with self._lock:
            if calendar_id in self._store.calendars:
                self._store.delete_calendar(calendar_id)

    def reset_counts(self) -> None:
        with self._lock:
            self.counts.clear()
            self.http_requests = 0
            self.request_log.clear()
            self.write_log.clear()

    # -- request handling (called from server threads) -------------------------------------------------

    def begin(self, method: str, path: str) -> tuple[str, NetworkFault | None]:
        if self.latency:
            time.sleep(self.latency)
        kind = kind_of(method, path)
        with self._lock:
            self.http_requests += 1
            self.counts[kind] += 1
            self.request_log.append((method, path))
        return kind, self._faults.network_fault(kind)

    def respond(self, kind: str, method: str, target: str, headers: dict[str, str], body: bytes) -> Reply:
        parts = urlsplit(target)
        if kind in ("auth", "token", "revoke"):
            return self._oauth_reply(kind, parts.query, headers, body)
        if kind == "batch":
            return self._batch(headers, body)
        return self._api(kind, method, parts.path, parts.query, headers, body)

    def _oauth_reply(self, kind: str, query: str, headers: dict[str, str], body: bytes) -> Reply:
        params = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
        form = {k: v[-1] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}
        if kind == "token":
            fault = self._faults.status_fault("token")
            if fault is not None:
                return error_reply(*fault)
        with self._lock:
            if kind == "auth":
                answer = self._oauth.authorize(params)
            elif kind == "token":
                answer = self._oauth.token(form, headers.get("authorization"))
            else:
                answer = self._oauth.revoke_answer(form.get("token") or params.get("token", ""))
        return answer_reply(answer)

    def _api(self, kind: str, method: str, path: str, query: str, headers: dict[str, str], body: bytes) -> Reply:
        if kind == "unknown":
            return error_reply(not_found())
        fault = self._faults.status_fault(kind)
        if fault is not None:
            return error_reply(*fault)
        if not self._oauth.bearer_valid(headers.get("authorization")):
            error = ApiError(401, "authError", "Invalid Credentials")
            return json_reply(401, error.body(), {"WWW-Authenticate": 'Bearer realm="https://accounts.google.com/"'})
        quota = self._quota
        refusal = quota.admit(QUOTA_UNITS.get(kind, 1)) if quota is not None else None
        if refusal is not None:
            with self._lock:
                self.counts["quota.refused"] += 1
            return error_reply(refusal)
        try:
            payload = json.loads(body) if body.strip() else {}
            if not isinstance(payload, dict):
                raise ValueError("not an object")
        except ValueError:
            return error_reply(bad_request("Parse Error", "parseError"))
        args = api_route(method, path)[1]
        params = parse_qs(query, keep_blank_values=True)
        try:
            with self._lock:
                result = call_store(self._store, kind, args, params, payload)
                if kind in EVENT_WRITES:
                    written = str(result["id"]) if kind == "events.insert" and result else args[-1]
                    self.write_log.append((time.monotonic(), kind, written))
        except ApiError as error:
            return error_reply(error)
        return Reply(204) if result is None else json_reply(200, result)

    def _batch(self, headers: dict[str, str], body: bytes) -> Reply:
        fault = self._faults.status_fault("batch")
        if fault is not None:
            return error_reply(*fault)
        try:
            parts = parse_batch(headers.get("content-type", ""), body)
        except BatchFormatError as exc:
            return error_reply(bad_request(str(exc), "badRequest"))
        if len(parts) > MAX_BATCH_PARTS:
            return error_reply(bad_request(f"Too many requests in batch (max {MAX_BATCH_PARTS}).", "badRequest"))
        answers = []
        for part in parts:
            target = urlsplit(part.target)
            kind = api_route(part.method, target.path)[0]
            with self._lock:
                self.counts["batch.parts"] += 1
                self.counts[kind] += 1
            part_headers = {"authorization": headers.get("authorization", ""), **part.headers}
            reply = self._api(kind, part.method, target.path, target.query, part_headers, part.body)
            answers.append(PartAnswer(part.content_id, reply.status, reply.body, reply.content_type, reply.headers))
        content_type, payload = format_batch(answers)
        return Reply(200, payload, content_type)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Loopback Google Calendar simulator for CalMedi.")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free port)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every request")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--page-size-cap", type=int, default=2500)
    parser.add_argument("--client-file", type=Path, help="write the matching OAuth client JSON there (0600)")
    parser.add_argument("--quota-per-minute", type=int, default=None, help="enforce the per-user quota (off: none)")
    parser.add_argument("--quota-window", type=float, default=60.0, help="seconds of the quota's sliding window")
    args = parser.parse_args(argv)
    sim = GoogleSim(
        latency=args.latency,
        seed=args.seed,
        page_size_cap=args.page_size_cap,
        port=args.port,
        quota_per_minute=args.quota_per_minute,
        quota_window_s=args.quota_window,
    ).start()
    if args.client_file:
        from calmedi_desktop.paths import write_private

        write_private(args.client_file, json.dumps(sim.client_config(), indent=2).encode())
    print(sim.port, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
    return 0


__all__ = ["NETWORK_MODES", "GoogleSim", "main"]

if __name__ == "__main__":
    sys.exit(main())
