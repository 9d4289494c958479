"""Whatever the server answers, a read either returns the whole truth or raises a typed error naming the problem.

Bad answers come from the simulator's injection or from a tiny loopback handler; error texts never carry the
offending content (checked with the patient markers).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from calmedi_desktop.demo.doctolib_sim import DoctolibSim
from calmedi_desktop.demo.patients import MARKER_RE
from calmedi_desktop.errors import CalmediError, InsecureURLError, NetworkError, SourceDataError
from calmedi_desktop.sync.sources.doctolib import DoctolibSource

from .conftest import NOW, endpoints_for, expected

Factory = Callable[..., DoctolibSource]
WINDOW = (NOW - timedelta(days=7), NOW + timedelta(days=90))
PAGES = "/calendar_display/appointments"

ITEM: dict[str, Any] = {
    "id": "a1b2c3-Mk1aaaaaa",
    "agenda_id": 4711,
    "start_date": "2026-10-16T09:00:00.000+02:00",
    "end_date": "2026-10-16T09:20:00.000+02:00",
    "status": "confirmed",
    "new_patient": False,
    "telehealth": False,
    "visit_motive_id": 12,
    "created_at": "2026-10-01T17:03:11.000+02:00",
    "updated_at": "2026-10-02T08:15:00.000+02:00",
    "patient": {
        "first_name": "Jean-Mk2bbbbbb",
        "last_name": "Dupont-Mk3cccccc",
        "phone_number": "+33612345678 Mk4dddddd",
        "birthdate": "1961-04-02 Mk5eeeeee",
        "email": "jean.Mk6ffffff@example.org",
        "address": "3 rue X Mk7gggggg",
        "zipcode": "75011",
        "city": "Paris",
    },
}


def page(items: list[Any], total: int | None = None, **meta: Any) -> bytes:
    total = len(items) if total is None else total
    body = {"data": items, "meta": {"page": 1, "per_page": 100, "total": total, "next_page": None, **meta}}
    return json.dumps(body).encode()


def with_item(**changes: Any) -> bytes:
    item = {**ITEM, **changes}
    return page([{k: v for k, v in item.items() if v is not DROP}])


DROP = object()


def assert_clean(exc: CalmediError) -> None:
    for text in (str(exc), exc.technical, exc.title, exc.message):
        assert not MARKER_RE.search(text), text


CASES = {
    "malformed JSON": (b'{"data": [}', "malformed"),
    "truncated JSON": (page([ITEM])[:150], "malformed"),
    "not an object": (b"[1, 2, 3]", "appointments: not an object"),
    "data missing": (
        json.dumps({"meta": {"page": 1, "per_page": 100, "total": 0, "next_page": None}}).encode(),
        "data",
    ),
    "meta missing": (json.dumps({"data": []}).encode(), "appointments.meta: missing"),
    "start missing": (with_item(start_date=DROP), "data[0].start_date: missing"),
    "patient missing": (with_item(patient=DROP), "data[0].patient: missing"),
    "id wrong type": (with_item(id=12345), "data[0].id: not a string"),
    "id empty": (with_item(id=""), "data[0].id: empty"),
    "id over 200": (with_item(id="Mk9zzzzzz" * 23), "data[0].id: longer than 200"),
    "agenda_id as text": (with_item(agenda_id="4711"), "data[0].agenda_id: not an integer"),
    "telehealth as text": (with_item(telehealth="no"), "data[0].telehealth: not a boolean"),
    "new_patient missing": (with_item(new_patient=DROP), "data[0].new_patient: missing"),
    "new_patient as number": (with_item(new_patient=1), "data[0].new_patient: not a boolean"),
    "visit_motive_id as text": (with_item(visit_motive_id="12"), "data[0].visit_motive_id: not an integer"),
    "status null": (with_item(status=None), "data[0].status: not a string"),
    "date without offset": (with_item(start_date="2026-10-16T09:00:00"), "data[0].start_date: no UTC offset"),
    "date garbage": (with_item(end_date="Mk8hhhhhh"), "data[0].end_date: not an ISO 8601 date"),
    "end before start": (with_item(end_date="2026-10-16T08:59:00.000+02:00"), "end_date before start_date"),
    "patient as text": (with_item(patient="Jean Dupont Mk2bbbbbb"), "data[0].patient: not an object"),
    "first name as number": (with_item(patient={**ITEM["patient"], "first_name": 7}), "first_name: not a string"),
    "absurd page count": (page([ITEM], total=10**9, next_page=2), "absurd page count"),
    "next_page inconsistent": (page([ITEM], next_page=2), "meta.next_page"),
    "more rows than per_page": (page([ITEM, ITEM], per_page=1, total=2, next_page=2), "more rows than"),
    "wrong page": (page([ITEM], page=2), "meta.page"),
}


@pytest.mark.parametrize("body,detail", CASES.values(), ids=list(CASES))
def test_bad_page_aborts_the_read(sim: DoctolibSim, make_source: Factory, body: bytes, detail: str) -> None:
    sim.inject(200, path=PAGES, body=body)  # only the first page read is bad: the others are fine
    with pytest.raises(SourceDataError) as info:
        make_source().fetch(*WINDOW)
    assert detail in info.value.params["detail"]
    assert info.value.params["service"] == "Doctolib"
    assert_clean(info.value)


def test_a_valid_injected_page_is_read(sim: DoctolibSim, make_source: Factory) -> None:
    """Control for the cases above: the template item itself is accepted."""
    sim.inject(200, count=100, path=PAGES, body=page([ITEM]))
    got = make_source(agenda_ids=[4711]).fetch(*WINDOW)
    assert [a.source_id for a in got] == [ITEM["id"]]
    assert got[0].patient_name == "Jean-Mk2bbbbbb Dupont-Mk3cccccc"


@pytest.mark.parametrize(
    "path,body,detail",
    [
        ("/api/accounts", b'{"practitioner": {"name": "Dr X"}, "agendas": [{"id": 1}]}', "agendas[0].name: missing"),
        ("/api/accounts", b'{"practitioner": {"name": "Dr X"}}', "accounts.agendas: missing"),
        ("/configuration/visit_motives.json", b'{"id": 12}', "visit_motives: not a list"),
        ("/configuration/visit_motives.json", b'[{"id": "12", "name": "x"}]', "visit_motives[0].id: not an integer"),
    ],
)
def test_bad_accounts_or_motives(sim: DoctolibSim, make_source: Factory, path: str, body: bytes, detail: str) -> None:
    sim.inject(200, path=path, body=body)
    with pytest.raises(SourceDataError) as info:
        make_source().fetch(*WINDOW)
    assert detail in info.value.params["detail"]


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "../../etc/passwd", "", "Europe/Paris\n"])
def test_bad_time_zone(sim: DoctolibSim, make_source: Factory, zone: str) -> None:
    sim.agendas[0]["timezone"] = zone
    with pytest.raises(SourceDataError, match="timezone"):
        make_source().accounts()


def test_truncated_body_is_a_network_error_after_retries(
    sim: DoctolibSim, make_source: Factory, sleeps: list[float]
) -> None:
    body = page([ITEM])
    sim.inject(200, count=10, path=PAGES, body=body[:40], content_length=len(body))
    with pytest.raises(NetworkError):
        make_source(max_workers=1).fetch(*WINDOW)
    assert len(sleeps) == 3


def test_response_over_the_limit_by_content_length(sim: DoctolibSim, make_source: Factory) -> None:
    with pytest.raises(SourceDataError, match="response over 3000 bytes"):
        make_source(max_response_bytes=3000).fetch(*WINDOW)


class _Streaming(BaseHTTPRequestHandler):
    """Valid accounts and motives; appointments answer an endless-looking chunked body with no Content-Length."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.startswith("/api/accounts"):
            self._json({"practitioner": {"name": "Dr X"}, "agendas": [_AGENDA]})
        elif self.path.startswith("/configuration/visit_motives.json"):
            self._json([])
        else:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                for _ in range(200):
                    chunk = b" " * 4096
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                pass  # the client hung up once it had read enough: that is the point

    def _json(self, payload: Any) -> None:
        body = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


_AGENDA = {"id": 1, "name": "A", "is_template": False, "timezone": "Europe/Paris", "practice": None}


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the client hangs up mid-body on purpose


@pytest.fixture
def streaming() -> Iterator[str]:
    server = _QuietServer(("127.0.0.1", 0), _Streaming)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_response_over_the_limit_while_streaming(
    sim: DoctolibSim, make_source: Factory, make_auth: Callable[..., Any], streaming: str
) -> None:
    other = endpoints_for(streaming, issuer=sim.url)
    source = make_source(endpoints=other, auth=make_auth(endpoints=other), max_response_bytes=100_000)
    with pytest.raises(SourceDataError, match="response over 100000 bytes"):
        source.fetch(*WINDOW)


def test_plain_http_to_a_remote_host_is_refused(make_auth: Callable[..., Any]) -> None:
    with pytest.raises(InsecureURLError):
        DoctolibSource(make_auth(), endpoints_for("http://pro.doctolib.fr"))


def test_a_redirect_is_not_followed(sim: DoctolibSim, make_source: Factory) -> None:
    sim.inject(302, path="/api/accounts")
    with pytest.raises(CalmediError, match="HTTP 302"):
        make_source().accounts()


def _shift_on_second_pages(sim: DoctolibSim, times: int) -> Callable[[httpx.Request], None]:
    """Book an appointment at the start of the chunk each time a page 2 is asked for: page 1 goes stale."""
    state = {"left": times}

    def hook(request: httpx.Request) -> None:
        if request.url.params.get("page") == "2" and state["left"] > 0:
            state["left"] -= 1
            start = NOW + timedelta(hours=1)
            sim.book(start, start + timedelta(minutes=15), agenda_ids=[4711])

    return hook


@pytest.fixture
def busy(make_source: Factory) -> Iterator[DoctolibSim]:
    with DoctolibSim(seed=11, now=NOW, per_agenda=5) as server:
        for n in range(150):
            start = NOW + timedelta(days=2, minutes=10 * n)
            server.book(start, start + timedelta(minutes=10), agenda_ids=[4711])
        yield server


def test_pages_that_shift_during_the_read_are_read_again(busy: DoctolibSim, source_for: Factory) -> None:
    window = (NOW, NOW + timedelta(days=20))
    with httpx.Client(event_hooks={"request": [_shift_on_second_pages(busy, 1)]}) as http:
        got = source_for(busy, http=http, agenda_ids=[4711]).fetch(*window)
    assert sorted(a.source_id for a in got) == sorted(expected(busy, *window, agenda_ids=[4711]))
    first_pages = [q for _p, q in busy.request_log if q["page"] == "1"]
    assert len(first_pages) == 2


def test_pages_that_never_settle_abort_the_read(busy: DoctolibSim, source_for: Factory) -> None:
    with httpx.Client(event_hooks={"request": [_shift_on_second_pages(busy, 99)]}) as http:
        source = source_for(busy, http=http, agenda_ids=[4711])
        with pytest.raises(SourceDataError, match="pages disagree"):
            source.fetch(NOW, NOW + timedelta(days=20))
