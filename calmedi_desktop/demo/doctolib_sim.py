"""A loopback Doctolib that speaks doctolib-api.md exactly: sign-in, accounts, visit motives, appointments.

Used by ``calmedi --demo`` and by the tests. Standard library only; it binds 127.0.0.1 and nothing else.
Tests drive it through mutations (``book``, ``move``, ``cancel``, ``rename``, ``set_status``), fault injection
(``inject``, ``expire_access_tokens``, ``revoke_refresh_tokens``, ``deny_next_consent``) and read what it saw
(``counts``, ``request_log``, ``max_in_flight``, and when: ``arrivals``, ``faults_served``).

    python -m calmedi_desktop.demo.doctolib_sim --port 0     # prints the port, then serves
"""

from __future__ import annotations

import argparse
import json
import random
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import parse_qsl, urlsplit

from calmedi_desktop.demo.doctolib_sim_data import RANDOM, AgendaData, QueryError, SimAppointment
from calmedi_desktop.demo.doctolib_sim_http import API_KINDS, MAX_FORM, PATHS, Fault, Handler, Server
from calmedi_desktop.demo.doctolib_sim_oauth import OAuthAnswer, TokenRegistry
from calmedi_desktop.demo.patients import Patient
from calmedi_desktop.endpoints import DOCTOLIB_CLIENT_ID
from calmedi_desktop.loopback_server import LoopbackService


class DoctolibSim(LoopbackService):
    thread_name = "doctolib-sim"

    def __init__(
        self,
        seed: int = 0,
        latency: float = 0.0,
        per_agenda: int = 30,
        now: datetime | None = None,
        access_token_lifetime: int = 3600,
        *,
        client_id: str = DOCTOLIB_CLIENT_ID,
        agendas: list[dict[str, Any]] | None = None,
        port: int = 0,
        marked_motives: bool = True,
    ) -> None:
        """``marked_motives=False``: visit motive names without their leak-test marker (demo mode shows them
        in the settings window)."""
        self.latency = latency
        self.now = now or datetime.now(UTC).replace(second=0, microsecond=0)
        self.data = AgendaData(seed, per_agenda, self.now, agendas, marked_motives)
        self.oauth = TokenRegistry(client_id, access_token_lifetime)
        self.counts: Counter[str] = Counter()
        self.request_log: list[tuple[str, dict[str, str]]] = []
        self.arrivals: list[tuple[float, str]] = []  # (monotonic time, path) of every request, as it arrived
        self.faults_served: list[tuple[float, int]] = []  # (monotonic time, status) of every injected answer
        self.max_in_flight = 0
        self._in_flight = 0
        self._faults: list[Fault] = []
        self._lock = threading.Lock()
        self._port = port

    # -- lifecycle -------------------------------------------------------------------------------------------

    def _make_server(self) -> Server:
        server = Server(("127.0.0.1", self._port), Handler)
        server.sim = self
        return server

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- data and mutations (tests, demo mode) --------------------------------------------------------------

    @property
    def agendas(self) -> list[dict[str, Any]]:
        return self.data.agendas

    @agendas.setter
    def agendas(self, value: list[dict[str, Any]]) -> None:
        with self.data.lock:
            self.data.agendas = value

    @property
    def motives(self) -> dict[int, list[dict[str, Any]]]:
        return self.data.motives

    @property
    def practitioner(self) -> dict[str, Any]:
        return self.data.practitioner

    @property
    def practitioner_name(self) -> str:
        return str(self.data.practitioner["name"])

    @property
    def appointments(self) -> dict[str, SimAppointment]:
        """A deep copy: reading it never races the server threads."""
        return self.data.snapshot()

    def book(
        self,
        start: datetime | None = None,
        end: datetime | None = None,
        *,
        agenda_ids: list[int] | None = None,
        status: str = "confirmed",
        patient: Patient | Literal["random"] | None = RANDOM,
        telehealth: bool = False,
        visit_motive_id: int | Literal["random"] | None = RANDOM,
        appointment_id: str | None = None,
        new_patient: bool | None = None,
    ) -> str:
        """A new appointment; ``new_patient`` None draws it like the generated ones (one in five)."""
        return self.data.book(
            start,
            end,
            agenda_ids=agenda_ids,
            status=status,
            patient=patient,
            telehealth=telehealth,
            visit_motive_id=visit_motive_id,
            appointment_id=appointment_id,
            new_patient=new_patient,
        )

    def move(self, appointment_id: str, start: datetime, end: datetime) -> None:
        self.data.move(appointment_id, start, end)

    def cancel(self, appointment_id: str) -> None:
        self.data.cancel(appointment_id)

    def rename(self, appointment_id: str, first: str, last: str) -> None:
        self.data.rename(appointment_id, first, last)

    def set_status(self, appointment_id: str, status: str) -> None:
        self.data.set_status(appointment_id, status)

    def random_mutation(self, rng: random.Random) -> str:
        return self.data.random_mutation(rng)

    def sensitive_strings(self) -> list[str]:
        return self.data.sensitive_strings()

    # -- faults and tokens -----------------------------------------------------------------------------------

    def inject(
        self,
        status: int,
        count: int = 1,
        retry_after: int | None = None,
        path: str | None = None,
        *,
        body: bytes | None = None,
        content_length: int | None = None,
    ) -> None:
        """The next ``count`` requests whose path starts with ``path`` (any request if None) answer ``status``.

        ``body`` replaces the JSON error body (malformed data is served with status 200); a ``content_length``
        larger than the body makes a truncated response.
        """
        with self._lock:
            self._faults.append(Fault(status, count, retry_after, path, body, content_length))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def expire_access_tokens(self) -> None:
        self.oauth.expire_access_tokens()

    def revoke_refresh_tokens(self) -> None:
        self.oauth.revoke_refresh_tokens()

    def issue_refresh_token(self) -> str:
        """A live refresh token without the browser step (tests, demo mode)."""
        return self.oauth.issue_refresh_token()

    @property
    def deny_next_consent(self) -> bool:
        return self.oauth.deny_next_consent

    @deny_next_consent.setter
    def deny_next_consent(self, value: bool) -> None:
        self.oauth.deny_next_consent = value

    # -- HTTP ------------------------------------------------------------------------------------------------

    def _take_fault(self, path: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.path is None or path.startswith(fault.path):
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def handle(self, handler: Handler, method: str) -> None:
        """Called by the server's handler threads for every request."""
        parts = urlsplit(handler.path)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(min(length, MAX_FORM)) if length else b""
        kind = PATHS.get(parts.path)
        with self._lock:
            self.arrivals.append((time.monotonic(), parts.path))
            self.counts[kind or "other"] += 1
            if kind == "appointments":
                self.request_log.append((parts.path, dict(query)))
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
        try:
            if self.latency:
                time.sleep(self.latency)
            fault = self._take_fault(parts.path)
            if fault is not None:
                with self._lock:
                    self.faults_served.append((time.monotonic(), fault.status))
                self._serve_fault(handler, fault)
            elif kind is None:
                handler.send_json(404, {"error": "not_found"})
            elif (method == "POST") != (kind in ("token", "revoke")):
                handler.send_json(405, {"error": "method_not_allowed"})
            elif kind in API_KINDS and not self._authorised(handler):
                with self._lock:
                    self.counts["unauthorised"] += 1
                handler.send_json(401, {"error": "invalid_token"}, {"WWW-Authenticate": 'Bearer error="invalid_token"'})
            else:
                form = dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
                self._route(handler, kind, query, form)
        finally:
            with self._lock:
                self._in_flight -= 1

    def _serve_fault(self, handler: Handler, fault: Fault) -> None:
        headers = {"Content-Type": "application/json; charset=utf-8"}
        if fault.retry_after is not None:
            headers["Retry-After"] = str(fault.retry_after)
        if fault.status == 401:
            headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        body = fault.body if fault.body is not None else json.dumps({"error": "injected"}).encode()
        handler.send(fault.status, body, headers, fault.content_length)

    def _authorised(self, handler: Handler) -> bool:
        scheme, _, token = (handler.headers.get("Authorization") or "").partition(" ")
        return scheme.lower() == "bearer" and self.oauth.access_ok(token.strip())

    def _route(self, handler: Handler, kind: str, query: dict[str, str], form: dict[str, str]) -> None:
        if kind == "discovery":
            base = self.url
            handler.send_json(
                200,
                {
                    "issuer": base,
                    "authorization_endpoint": f"{base}/oauth/authorize",
                    "token_endpoint": f"{base}/oauth/token",
                    "revocation_endpoint": f"{base}/oauth/revoke",
                    "response_types_supported": ["code"],
                    "grant_types_supported": ["authorization_code", "refresh_token"],
                    "code_challenge_methods_supported": ["S256"],
                    "scopes_supported": ["openid", "offline_access"],
                },
            )
        elif kind == "authorize":
            self._send_oauth(handler, self.oauth.authorize(query))
        elif kind == "token":
            self._send_oauth(handler, self.oauth.token(form), {"Cache-Control": "no-store"})
        elif kind == "revoke":
            self._send_oauth(handler, self.oauth.revoke(form))
        elif kind == "accounts":
            with self.data.lock:
                handler.send_json(200, {"practitioner": self.data.practitioner, "agendas": self.data.agendas})
        elif kind == "visit_motives":
            ids = [int(i) for i in query.get("agenda_ids", "").split(",") if i.strip().isdigit()]
            with self.data.lock:
                handler.send_json(200, [m for i in ids for m in self.data.motives.get(i, [])])
        else:
            self._appointments(handler, query)

    def _appointments(self, handler: Handler, query: dict[str, str]) -> None:
        agenda = query.get("agenda_ids", "")
        page = query.get("page", "1")
        if not agenda.isdigit():
            handler.send_json(400, {"error": "agenda_ids must name exactly one agenda"})
        elif not page.isdigit() or int(page) < 1:
            handler.send_json(400, {"error": "page must be a positive integer"})
        else:
            try:
                payload = self.data.page(
                    int(agenda),
                    query.get("start_date", ""),
                    query.get("end_date", ""),
                    int(page),
                    query.get("include_patients") == "true",
                )
            except QueryError as exc:
                handler.send_json(exc.status, {"error": exc.error})
            else:
                handler.send_json(200, payload)

    @staticmethod
    def _send_oauth(handler: Handler, answer: OAuthAnswer, headers: dict[str, str] | None = None) -> None:
        if answer.location is not None:
            handler.send(answer.status, b"", {"Location": answer.location})
        elif answer.text is not None:
            handler.send(answer.status, answer.text.encode(), {"Content-Type": "text/plain; charset=utf-8"})
        else:
            handler.send_json(answer.status, answer.body or {}, headers)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Loopback Doctolib simulator (demo mode, tests).")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free port)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-agenda", type=int, default=30)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every answer")
    parser.add_argument("--mutate-every", type=float, default=0.0, help="seconds between random changes (0: none)")
    parser.add_argument("--print-refresh-token", action="store_true", help="also print a ready refresh token")
    args = parser.parse_args(argv)
    sim = DoctolibSim(seed=args.seed, latency=args.latency, per_agenda=args.per_agenda, port=args.port).start()
    print(sim.port, flush=True)
    if args.print_refresh_token:
        print(sim.issue_refresh_token(), flush=True)
    rng = random.Random(args.seed)
    stop = threading.Event()
    try:
        while not stop.wait(args.mutate_every or 3600):
            if args.mutate_every:
                sim.random_mutation(rng)
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
