"""The Doctolib source: every non-template agenda, read concurrently, into in-memory Appointments.

A read is all or nothing (fail closed): any error — network, auth, a malformed answer, a pagination that keeps
shifting — raises and no list is returned. The window is cut into ≤ 31-day chunks of wall-clock time in each
agenda's zone; page 1 of every chunk is read at once, then the remaining pages, at most ``max_workers``
requests in flight, so a read costs a few round trips rather than one per page. A 429 or 503 (or any
Retry-After) pauses every worker to the host (``host_gate``). With ``keep_directory`` the agendas and visit
motives are read once and reused by later reads until ``forget_directory()`` (a run of the coming days then
costs only its appointment pages). Contract details (paths, fields, statuses) live in ``doctolib_api``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from calmedi_desktop.endpoints import Endpoints, check_url
from calmedi_desktop.errors import AuthExpiredError, NetworkError, SourceError
from calmedi_desktop.sync.model import Appointment, Kind
from calmedi_desktop.sync.retry import Retryable, RetryPolicy, call_with_retry
from calmedi_desktop.sync.runlog import routine_level
from calmedi_desktop.sync.sources import doctolib_api as api
from calmedi_desktop.sync.sources.doctolib_api import Accounts, Agenda, Page, RawAppointment
from calmedi_desktop.sync.sources.doctolib_auth import Answer, DoctolibAuth, exchange, network_error, new_http_client
from calmedi_desktop.sync.sources.host_gate import HostGate, PausingSleep

log = logging.getLogger(__name__)

SOURCE_NAME = "doctolib"
DEFAULT_POLICY = RetryPolicy()
MAX_REREADS = 2  # a chunk whose pages disagree (the agenda changed while we read it) is read again, twice at most
ChunkKey = tuple[int, int]  # (agenda id, chunk index)
Directory = tuple[list[Agenda], dict[int, dict[int, str]]]  # the selected agendas and their visit motives


class _Aborted(Exception):
    """Another request of the same read failed: stop quietly, the read is already lost."""


def _utc(wall: datetime, zone: ZoneInfo) -> datetime:
    # fold=0 is how a server reads a wall-clock string: the earlier of two repeated times.
    return wall.replace(tzinfo=zone, fold=0).astimezone(UTC)


def wall_chunks(start: datetime, end: datetime, timezone: str) -> list[tuple[datetime, datetime]]:
    """Naive wall-clock ranges in ``timezone`` covering [start, end), each at most 31 days long both on the
    clock and in elapsed time (a range across the autumn change is an hour longer than it looks)."""
    zone = ZoneInfo(timezone)
    first = start.astimezone(zone).replace(tzinfo=None, microsecond=0, fold=0)
    while _utc(first, zone) > start:  # start fell in the repeated hour: widen rather than miss it
        first -= timedelta(hours=1)
    last = end.astimezone(zone).replace(tzinfo=None, fold=0)
    if last.microsecond:
        last = last.replace(microsecond=0) + timedelta(seconds=1)
    while _utc(last, zone) < end:
        last += timedelta(hours=1)
    chunks: list[tuple[datetime, datetime]] = []
    current = first
    while current < last:
        following = min(current + api.MAX_RANGE, last)
        excess = (_utc(following, zone) - _utc(current, zone)) - api.MAX_RANGE
        if excess > timedelta(0):
            following -= excess
        chunks.append((current, following))
        current = following
    return chunks


def _consistent(pages: Mapping[int, Page]) -> bool:
    """All pages of a chunk describe the same list: same total, and exactly ``total`` distinct ids."""
    total = pages[1].total
    ids = {item.id for page in pages.values() for item in page.items}
    rows = sum(len(page.items) for page in pages.values())
    return all(page.total == total for page in pages.values()) and rows == total == len(ids)


class DoctolibSource:
    name = SOURCE_NAME

    def __init__(
        self,
        auth: DoctolibAuth,
        endpoints: Endpoints,
        agenda_ids: list[int] | None = None,
        *,
        http: httpx.Client | None = None,
        max_workers: int = 4,
        policy: RetryPolicy = DEFAULT_POLICY,
        sleep: Callable[[float], None] = time.sleep,
        max_response_bytes: int = 10_000_000,
        keep_directory: bool = False,
    ) -> None:
        self._base = check_url(endpoints.doctolib_api).rstrip("/")
        self._auth = auth
        self.gate: HostGate = auth.gate or HostGate()
        auth.gate = self.gate  # token requests go to the same host: they pause with the rest
        self._keep_directory = keep_directory
        self._directory: Directory | None = None
        self._cancelled: set[str] = set()
        self._agenda_ids = list(agenda_ids or [])
        self._owns_http = http is None
        self._http = http or new_http_client()
        self._max_workers = max(1, max_workers)
        self._policy = policy
        self._sleep = sleep
        self._limit = max_response_bytes
        self.last_request_count = 0

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    @property
    def auth(self) -> DoctolibAuth:
        return self._auth

    def take_cancelled(self) -> set[str]:
        """Ids the last read saw cancelled (an absent status) in its window; forgotten once handed over."""
        found, self._cancelled = self._cancelled, set()
        return found

    def forget_directory(self) -> None:
        """The next read asks Doctolib for the agendas and visit motives again."""
        self._directory = None

    # -- one request -----------------------------------------------------------------------------------------

    def _send(self, url: str, params: Mapping[str, str] | None, token: str, what: str) -> Answer:
        try:
            return exchange(
                self._http, "GET", url, what=what, limit=self._limit, params=params, headers=api.auth_header(token)
            )
        except httpx.TransportError as exc:
            raise Retryable(network_error(exc)) from exc

    def _get(self, path: str, params: Mapping[str, str] | None, what: str, abort: threading.Event | None) -> Any:
        url = self._base + path

        def rest(seconds: float) -> None:
            if abort is None:
                self._sleep(seconds)
                return
            if self._sleep is time.sleep:
                abort.wait(seconds)  # a failed read must not leave a worker asleep for a long Retry-After
            else:
                self._sleep(seconds)
            if abort.is_set():
                raise _Aborted

        sleep = PausingSleep(self.gate, rest)

        def attempt() -> Any:
            if abort is not None and abort.is_set():
                raise _Aborted
            self.gate.wait(rest)  # another worker was told to pause: so are we
            token = self._auth.access_token()
            answer = self._send(url, params, token, what)
            if answer.status == 401:
                # Once: a fresh token, one more try. A second 401 means the grant itself is gone.
                token = self._auth.access_token(force_refresh=True, rejected=token)
                answer = self._send(url, params, token, what)
                if answer.status == 401:
                    raise AuthExpiredError("doctolib: 401 after refresh", service=api.SERVICE, command=api.COMMAND)
            if answer.status in api.RETRY_STATUSES:
                sleep.answered(answer.status, answer.retry_after)
                detail = f"{what}: HTTP {answer.status}"
                raise Retryable(
                    NetworkError(f"doctolib: {detail}", service=api.SERVICE, detail=detail), answer.retry_after
                )
            if answer.status != 200:
                detail = f"{what}: HTTP {answer.status}"
                raise SourceError(f"doctolib: {detail}", service=api.SERVICE, detail=detail)
            return answer.payload

        try:
            return call_with_retry(attempt, self._policy, sleep)
        except _Aborted:
            raise
        except BaseException:
            if abort is not None:
                abort.set()  # set by the failing worker itself, so no queued request starts after the failure
            raise

    # -- public API ------------------------------------------------------------------------------------------

    def accounts(self) -> Accounts:
        """The practitioner and every agenda (templates included, flagged), for the status page and the picker."""
        return api.parse_accounts(self._get(api.ACCOUNTS_PATH, None, "accounts", None))

    def visit_motives(self, accounts: Accounts | None = None) -> dict[int, dict[int, str]]:
        """Each chosen agenda's visit motives (id -> name), to choose the ones whose appointments are hidden.
        A motive describes what the practice offers, not a patient. ``accounts``: already read by the caller."""
        selected = self._selected(accounts if accounts is not None else self.accounts())
        return {agenda.id: self._motives(agenda, threading.Event()) for agenda in selected}

    def _selected(self, accounts: Accounts) -> list[Agenda]:
        syncable = list(accounts.syncable)
        if not self._agenda_ids:
            return syncable
        missing = set(self._agenda_ids) - {a.id for a in syncable}
        if missing:
            # Syncing the others alone would delete the missing agenda's events from Google: ask instead.
            raise SourceError(
                f"doctolib: {len(missing)} chosen agenda(s) not found",
                service=api.SERVICE,
                detail="a chosen agenda is no longer available; choose the agendas again in the settings",
            )
        return [a for a in syncable if a.id in self._agenda_ids]

    def fetch(self, start: datetime, end: datetime) -> list[Appointment]:
        self._cancelled = set()  # an earlier read's ids are never handed over after this one (ReportsCancellations)
        if start.tzinfo is None or end.tzinfo is None:
            raise ValueError("fetch needs aware datetimes")
        began = time.monotonic()
        directory = self._directory
        agendas = directory[0] if directory is not None else self._selected(self.accounts())
        if not agendas or end <= start:
            return []
        motives, rows = self._read(agendas, start, end, directory[1] if directory is not None else None)
        if self._keep_directory:
            self._directory = (agendas, motives)
        appointments: list[Appointment] = []
        seen: set[str] = set()
        cancelled: set[str] = set()
        unknown: Counter[str] = Counter()
        for agenda in agendas:
            for raw in rows[agenda.id]:
                if raw.id in seen:
                    continue  # one appointment shown in several agendas, or at a chunk edge
                seen.add(raw.id)
                status = api.classify(raw.status)
                if not start <= raw.start < end:
                    continue
                if status == "absent":
                    cancelled.add(raw.id)
                    continue
                if status == "unknown":
                    unknown[api.safe_name(raw.status)] += 1
                appointments.append(self._appointment(raw, agenda, motives[agenda.id], status))
        self._cancelled = cancelled
        for status_name, count in sorted(unknown.items()):
            log.warning("doctolib: unknown status %s on %d appointment(s), shown as tentative", status_name, count)
        log.log(
            routine_level(),
            "doctolib: %d appointment(s) from %d agenda(s), %d request(s) in %.2fs",
            len(appointments),
            len(agendas),
            self.last_request_count,
            time.monotonic() - began,
        )
        return appointments

    @staticmethod
    def _appointment(
        raw: RawAppointment, agenda: Agenda, motives: Mapping[int, str], status: api.StatusClass
    ) -> Appointment:
        zone = ZoneInfo(agenda.timezone)
        return Appointment(
            source=SOURCE_NAME,
            source_id=raw.id,
            start=raw.start.astimezone(zone),
            end=raw.end.astimezone(zone),
            timezone=agenda.timezone,
            tentative=status != "confirmed",
            kind=Kind.TELECONSULTATION if raw.telehealth else Kind.CONSULTATION,
            patient_name=raw.patient_name,
            visit_reason=motives.get(raw.visit_motive_id) if raw.visit_motive_id is not None else None,
            location=agenda.practice.location if agenda.practice is not None else None,
            # The agenda it was read through, the one whose practice gives the location (a shared appointment
            # is kept from the first agenda that lists it).
            agenda_id=agenda.id,
            visit_motive_id=raw.visit_motive_id,
            new_patient=raw.new_patient,
            awaiting_confirmation=status == "tentative",
        )

    # -- the concurrent read ---------------------------------------------------------------------------------

    def _page(self, agenda: Agenda, wall: tuple[datetime, datetime], number: int, abort: threading.Event) -> Page:
        params = api.appointments_query(agenda.id, wall[0], wall[1], number)
        return api.parse_page(self._get(api.APPOINTMENTS_PATH, params, "appointments", abort), number)

    def _motives(self, agenda: Agenda, abort: threading.Event) -> dict[int, str]:
        return api.parse_motives(self._get(api.MOTIVES_PATH, api.motives_query(agenda.id), "visit_motives", abort))

    def _read(
        self, agendas: list[Agenda], start: datetime, end: datetime, known: dict[int, dict[int, str]] | None
    ) -> tuple[dict[int, dict[int, str]], dict[int, list[RawAppointment]]]:
        chunks = {a.id: wall_chunks(start, end, a.timezone) for a in agendas}
        motives: dict[int, dict[int, str]] = dict(known or {})
        pages: dict[ChunkKey, dict[int, Page]] = {}
        rereads: Counter[ChunkKey] = Counter()
        abort = threading.Event()
        pool = ThreadPoolExecutor(max_workers=self._max_workers, thread_name_prefix="calmedi-doctolib")
        pending: dict[Future[Any], tuple[Agenda, int, int]] = {}  # -> (agenda, chunk index or -1, page)
        self.last_request_count = 0

        def submit(agenda: Agenda, index: int, number: int) -> None:
            self.last_request_count += 1
            if index < 0:
                pending[pool.submit(self._motives, agenda, abort)] = (agenda, index, number)
            else:
                future = pool.submit(self._page, agenda, chunks[agenda.id][index], number, abort)
                pending[future] = (agenda, index, number)

        try:
            for agenda in agendas:
                if agenda.id not in motives:
                    submit(agenda, -1, 0)
                for index in range(len(chunks[agenda.id])):
                    submit(agenda, index, 1)
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    agenda, index, number = pending.pop(future)
                    if isinstance(future.exception(), _Aborted):
                        continue  # the request that failed is still pending here and carries the real error
                    if index < 0:
                        motives[agenda.id] = future.result()
                        continue
                    page: Page = future.result()
                    got = pages.setdefault((agenda.id, index), {})
                    got[number] = page
                    if number == 1:
                        for later in range(2, page.pages + 1):
                            submit(agenda, index, later)
                    if len(got) == got[1].pages and not _consistent(got):
                        rereads[(agenda.id, index)] += 1
                        if rereads[(agenda.id, index)] > MAX_REREADS:
                            raise api.bad("meta.total", "pages disagree while the agenda is being read")
                        del pages[(agenda.id, index)]
                        submit(agenda, index, 1)
        except BaseException:
            abort.set()  # running workers stop at their next request or backoff
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
        rows: dict[int, list[RawAppointment]] = {a.id: [] for a in agendas}
        for agenda in agendas:
            for index in range(len(chunks[agenda.id])):
                got = pages[(agenda.id, index)]
                rows[agenda.id].extend(item for number in sorted(got) for item in got[number].items)
        return motives, rows
