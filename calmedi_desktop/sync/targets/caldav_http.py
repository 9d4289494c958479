"""Talking to a CalDAV server: one authenticated session, safe retries, a shared pause, hardened XML.

The ``caldav`` library gives the session (``requests``), the authentication scheme negotiated from the server's
``WWW-Authenticate`` (Basic or Digest), URL handling and the XML request bodies. Requests are sent on that
session here rather than through ``DAVClient.request``, because that method folds 401 and 403 into one
``AuthorizationError`` without the status (a wrong password and a refused MKCALENDAR must read differently),
cannot carry the status of a 412 to a caller that wants to re-read, and logs request and response bodies (which
hold appointments) at DEBUG — and, for a response that is not XML, the whole body at CRITICAL on the root
logger. Its communication dump and debug modes are switched off for the same reason.

Retries: 429, 5xx and transport errors, with backoff; a ``Retry-After`` pauses every worker of the session
until it has passed (the server asked the client, not one request, to slow down). Callers say whether a
request may be sent twice: a conditional PUT or DELETE may (its second copy meets a 412 or a 404, which the
target resolves by re-reading), a MKCALENDAR may not (it may have created a collection the answer never
reached).
"""

from __future__ import annotations

import dataclasses
import http.client
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import caldav
import caldav.lib.error
import requests
from lxml import etree

from calmedi_desktop import __version__
from calmedi_desktop.endpoints import check_url
from calmedi_desktop.errors import CalDavAuthError
from calmedi_desktop.sync.retry import Retryable, RetryPolicy, call_with_retry, parse_retry_after
from calmedi_desktop.sync.targets.caldav_errors import HttpStatusError, ProtocolError

log = logging.getLogger(__name__)

# The library must never write or print what it sends: appointments travel in these requests.
caldav.lib.error.debug_dump_communication = False
caldav.lib.error.debugmode = "PRODUCTION"
logging.getLogger("caldav").setLevel(logging.ERROR)

#: Transport failures: the request may or may not have reached the server.
NETWORK_ERRORS: tuple[type[BaseException], ...] = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
    http.client.HTTPException,
    OSError,
)
RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
REDIRECTED_METHODS = frozenset({"GET", "PROPFIND", "REPORT", "OPTIONS"})
MAX_REDIRECTS = 5
DEFAULT_POLICY = RetryPolicy()
MAX_XML_BYTES = 64 * 1024 * 1024
DAV = "DAV:"
CALDAV = "urn:ietf:params:xml:ns:caldav"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def tag(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def xml_body(element: Any) -> bytes:
    """A caldav.elements tree as the bytes of a request."""
    return bytes(etree.tostring(element.xmlelement(), encoding="utf-8", xml_declaration=True))


@dataclass(frozen=True)
class DavItem:
    """One ``<response>`` of a multistatus: the href as sent (still percent-encoded), its own status
    (sync-collection deletions) and the props that came with a 2xx propstat."""

    href: str
    status: int | None
    props: dict[str, Any] = field(default_factory=dict)

    def text(self, name: str) -> str | None:
        element = self.props.get(name)
        return None if element is None else (element.text or "")

    def hrefs(self, name: str) -> list[str]:
        element = self.props.get(name)
        return [] if element is None else [h.text.strip() for h in element.iter(tag(DAV, "href")) if h.text]


@dataclass(frozen=True)
class Multistatus:
    items: list[DavItem]
    sync_token: str | None = None
    url: str = ""  # where the answer came from, after redirects: hrefs are relative to it


def _status_code(text: str | None) -> int | None:
    parts = (text or "").split()
    return int(parts[1]) if len(parts) >= 2 and parts[1].isdigit() else None


def precondition(body: bytes) -> str | None:
    """The name of the precondition an error body reports (``no-uid-conflict``, ``valid-sync-token``…); None for
    any other body, an empty one included."""
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError:
        return None
    if root is None or root.tag != tag(DAV, "error") or not len(root):
        return None
    return etree.QName(root[0]).localname


def parse_multistatus(body: bytes) -> Multistatus:
    """Parse a 207 answer. No entity is resolved, no DTD or network fetched; a broken one is a ProtocolError
    that names nothing of its content."""
    if len(body) > MAX_XML_BYTES:
        raise ProtocolError("multistatus too large")
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ProtocolError(f"multistatus: {type(exc).__name__}") from None  # the text would quote the body
    if root is None or root.tag != tag(DAV, "multistatus"):
        raise ProtocolError("multistatus: unexpected root")
    items = []
    for response in root.iterfind(tag(DAV, "response")):
        href = response.findtext(tag(DAV, "href"))
        if not href:
            continue
        props: dict[str, Any] = {}
        for propstat in response.iterfind(tag(DAV, "propstat")):
            code = _status_code(propstat.findtext(tag(DAV, "status")))
            if code is not None and 200 <= code < 300:
                for prop in propstat.iterfind(tag(DAV, "prop")):
                    props.update({child.tag: child for child in prop})
        items.append(DavItem(href.strip(), _status_code(response.findtext(tag(DAV, "status"))), props))
    return Multistatus(items, root.findtext(tag(DAV, "sync-token")))


class DavSession:
    """One account's connection. Thread-safe for the target's workers once the first answer fixed the
    authentication scheme (the first request runs alone: discovery or the calendar check)."""

    def __init__(
        self,
        url: str,
        user: str,
        password: str,
        *,
        timeout: float = 30.0,
        policy: RetryPolicy = DEFAULT_POLICY,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.url = check_url(url)
        self.host = urlsplit(url).hostname or "?"
        self.client = caldav.DAVClient(
            url=self.url,
            username=user,
            password=password,
            timeout=timeout,  # type: ignore[arg-type]  # requests takes a float
            headers={"User-Agent": f"CalMedi-Desktop/{__version__}"},
        )
        self.policy = policy
        self._sleep = sleep
        self._lock = threading.Lock()
        self._pause_until = 0.0
        self.requests = 0  # sent on the wire, retries included: what the benchmark and the tests count

    def absolute(self, href: str) -> str:
        return urljoin(self.url, href)

    def close(self) -> None:
        self.client.close()

    # -- sending -----------------------------------------------------------------------------------------

    def _wait_for_pause(self) -> None:
        with self._lock:
            delay = self._pause_until - time.monotonic()
        if delay > 0:
            self._sleep(delay)

    def _pause(self, seconds: float) -> None:
        with self._lock:
            self._pause_until = max(self._pause_until, time.monotonic() + min(seconds, self.policy.max_retry_after))

    def _send_once(self, method: str, url: str, body: bytes, headers: dict[str, str]) -> requests.Response:
        """One exchange: the scheme-negotiating resend after a first 401, and redirects for reads (method kept,
        every hop https or loopback: a redirect must not downgrade the connection the password travels on)."""
        response = self._exchange(method, url, body, headers)
        for _ in range(MAX_REDIRECTS):
            location = response.headers.get("Location")
            if method not in REDIRECTED_METHODS or response.status_code not in REDIRECTS or not location:
                break
            url = check_url(urljoin(response.url or url, location))
            response = self._exchange(method, url, body, headers)
        return response

    def _exchange(self, method: str, url: str, body: bytes, headers: dict[str, str]) -> requests.Response:
        client = self.client
        combined = {**client.headers, **headers}
        if not body:
            combined.pop("Content-Type", None)
        for _ in range(2):  # a second time only when the first answer told which scheme to use
            self._wait_for_pause()
            with self._lock:
                self.requests += 1
            response = client.session.request(
                method,
                url,
                data=body or None,
                headers=combined,
                auth=client.auth,
                timeout=client.timeout,
                verify=client.ssl_verify_cert,
                allow_redirects=False,
            )
            challenge = response.headers.get("WWW-Authenticate")
            if response.status_code != 401 or client.auth is not None or not challenge:
                break
            with self._lock:
                if client.auth is None:
                    client.build_auth_object(list(client.extract_auth_types(challenge)))
            if client.auth is None:
                break
        return response

    def send(
        self,
        method: str,
        url: str,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        *,
        retry_transport: bool = True,
    ) -> requests.Response:
        """One request, retried while it may be; the final answer whatever its status, except a refused
        password (CalDavAuthError). Transport errors that outlast the retries propagate."""

        def attempt() -> requests.Response:
            try:
                response = self._send_once(method, url, body, headers or {})
            except NETWORK_ERRORS as exc:
                if not retry_transport:
                    raise
                raise Retryable(exc) from exc
            if response.status_code == 401:
                raise CalDavAuthError(f"{method}: HTTP 401", server=self.host, service=self.host, command="caldav")
            if response.status_code in RETRIED_STATUSES:
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                if retry_after is not None:
                    self._pause(retry_after)
                raise Retryable(_StatusError(response), retry_after)
            return response

        try:
            return call_with_retry(attempt, self.policy, self._sleep)
        except _StatusError as exc:
            return exc.response  # retries exhausted: the caller decides what the last answer means

    def report(self, url: str, body: bytes, depth: str = "1") -> Multistatus:
        return self.multistatus("REPORT", url, body, depth)

    def propfind(self, url: str, body: bytes, depth: str = "0") -> Multistatus:
        return self.multistatus("PROPFIND", url, body, depth)

    def multistatus(self, method: str, url: str, body: bytes, depth: str) -> Multistatus:
        response = self.send(method, url, body, {"Depth": depth, "Content-Type": "application/xml; charset=utf-8"})
        if response.status_code != 207:
            raise status_error(method, response)
        return dataclasses.replace(parse_multistatus(response.content), url=response.url or url)


class _StatusError(Exception):
    """A retryable answer, carried through call_with_retry."""

    def __init__(self, response: requests.Response) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.response = response


def status_error(method: str, response: requests.Response) -> HttpStatusError:
    return HttpStatusError(method, response.status_code, precondition(response.content))


def resource_name(href: str) -> str:
    """The last path segment of an href, decoded: how a collection's members are told apart (servers differ in
    how they encode and whether they send absolute URLs or paths)."""
    return unquote(urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1])


def iter_chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
