"""Download an iCalendar feed: conditional GET, checked redirects, size and time limits, gzip.

The limits hold while streaming: a 100 MB answer is cut off once the limit is passed, and a server that
trickles bytes is cut off at the deadline, not at the next read timeout. Compressed bodies are inflated here,
in bounded steps, so a small gzip bomb cannot expand past the limit in memory either.

The feed URL is a secret (whoever has it reads the agenda) and the body is health data: neither is ever
logged or put in an error message.
"""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from calmedi_desktop import __version__
from calmedi_desktop.endpoints import check_url, is_loopback_host
from calmedi_desktop.errors import InsecureURLError, NetworkError, SourceError
from calmedi_desktop.i18n import tr
from calmedi_desktop.sync.sources.ics_text import data_error

_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class Validators:
    etag: str | None
    last_modified: str | None

    @classmethod
    def from_headers(cls, headers: httpx.Headers) -> Validators | None:
        etag, modified = headers.get("etag"), headers.get("last-modified")
        return cls(etag, modified) if etag or modified else None

    def headers(self) -> dict[str, str]:
        result = {}
        if self.etag:
            result["If-None-Match"] = self.etag
        if self.last_modified:
            result["If-Modified-Since"] = self.last_modified
        return result


@dataclass
class Meter:
    """What a download cost so far, kept up to date while it runs (also when it is cut off)."""

    requests: int = 0
    raw_bytes: int = 0  # as received, compressed or not
    body_bytes: int = 0  # after Content-Encoding decoding


@dataclass(frozen=True)
class Download:
    body: bytes | None  # None: 304, the previous body is still current
    validators: Validators | None
    status: int
    raw_bytes: int
    requests: int


def source_error(key: str, technical: str, **params: object) -> SourceError:
    return SourceError(technical, service=tr("service.ics"), detail=tr(key, **params))


def _status_error(status: int) -> SourceError:
    if status in (401, 403):
        return source_error("ics.detail.forbidden", f"ics: HTTP {status}", status=status)
    if status in (404, 410):
        return source_error("ics.detail.not_found", f"ics: HTTP {status}", status=status)
    if status == 429 or status >= 500:
        return source_error("ics.detail.unavailable", f"ics: HTTP {status}", status=status)
    return source_error("ics.detail.http_status", f"ics: HTTP {status}", status=status)


def check_redirect(current: str, target: str) -> None:
    """A hop may not leave https, nor point a remote feed at this machine's own services."""
    try:
        check_url(target)
    except InsecureURLError:
        raise source_error("ics.detail.insecure_redirect", "ics: redirect to a refused address") from None
    here, there = urlsplit(current), urlsplit(target)
    if here.scheme == "https" and there.scheme != "https":
        raise source_error("ics.detail.insecure_redirect", "ics: https to http redirect")
    if not is_loopback_host(here.hostname) and is_loopback_host(there.hostname):
        raise source_error("ics.detail.insecure_redirect", "ics: remote to loopback redirect")


class _Inflater:
    """Content-Encoding decoding in bounded steps (at most ``budget`` + 1 bytes are ever produced)."""

    def __init__(self, encoding: str) -> None:
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self._inflate = None
        elif encoding in ("gzip", "x-gzip"):
            self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._inflate = zlib.decompressobj()
        else:
            raise source_error("ics.detail.http_status", f"ics: unsupported encoding {encoding[:20]!r}", status=415)

    def feed(self, data: bytes, budget: int) -> list[bytes]:
        if self._inflate is None:
            return [data]
        out: list[bytes] = []
        produced = 0
        try:
            while data and produced <= budget:
                piece = self._inflate.decompress(data, budget + 1 - produced)
                out.append(piece)
                produced += len(piece)
                data = self._inflate.unconsumed_tail
        except zlib.error:
            raise data_error("ics.data.encoding", "ics: bad compressed body") from None
        return out


def download(
    client: httpx.Client,
    url: str,
    validators: Validators | None,
    *,
    max_bytes: int,
    timeout: float,
    max_redirects: int,
    meter: Meter | None = None,
) -> Download:
    meter = meter if meter is not None else Meter()
    deadline = time.monotonic() + timeout
    current = url
    for hop in range(max_redirects + 1):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise source_error("ics.detail.too_slow", "ics: time limit", seconds=round(timeout))
        headers = {
            "User-Agent": f"CalMedi-Desktop/{__version__}",
            "Accept": "text/calendar, text/plain;q=0.5, */*;q=0.1",
            "Accept-Encoding": "gzip, deflate",
            **(validators.headers() if validators else {}),
        }
        try:
            with client.stream(
                "GET", current, headers=headers, timeout=httpx.Timeout(remaining), follow_redirects=False
            ) as response:
                meter.requests += 1
                if response.status_code in _REDIRECTS:
                    location = response.headers.get("location", "").strip()
                    if not location:
                        raise source_error("ics.detail.bad_redirect", "ics: redirect without location")
                    target = urljoin(current, location)
                    check_redirect(current, target)
                    current = target
                    continue
                if response.status_code == 304:
                    if validators is None:
                        raise source_error("ics.detail.unexpected_304", "ics: 304 without validators")
                    return Download(None, validators, 304, response.num_bytes_downloaded, hop + 1)
                if not 200 <= response.status_code < 300 or response.status_code == 206:
                    raise _status_error(response.status_code)
                body = _read(response, max_bytes, deadline, timeout, meter)
                fresh = Validators.from_headers(response.headers)
                return Download(body, fresh, response.status_code, response.num_bytes_downloaded, hop + 1)
        except httpx.TimeoutException:
            raise source_error("ics.detail.too_slow", "ics: time limit", seconds=round(timeout)) from None
        except httpx.ConnectError:
            raise NetworkError(
                "ics: ConnectError", service=tr("service.ics"), detail=tr("net.server_not_found")
            ) from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            detail = tr("net.connection_lost")
            raise NetworkError(f"ics: {type(exc).__name__}", service=tr("service.ics"), detail=detail) from None
    raise source_error("ics.detail.too_many_redirects", "ics: too many redirects", count=max_redirects)


def _read(response: httpx.Response, max_bytes: int, deadline: float, timeout: float, meter: Meter) -> bytes:
    too_large = source_error("ics.detail.too_large", "ics: size limit", limit_mb=round(max_bytes / 1_000_000, 1))
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise too_large  # refused before reading a byte of it
    inflater = _Inflater(response.headers.get("content-encoding", ""))
    chunks: list[bytes] = []
    total = 0
    for raw in response.iter_raw():  # as the network delivers (a chunk size would wait to fill it)
        meter.raw_bytes += len(raw)
        for piece in inflater.feed(raw, max_bytes - total):
            total += len(piece)
            chunks.append(piece)
        meter.body_bytes = total
        if total > max_bytes:
            raise too_large
        if time.monotonic() > deadline:
            raise source_error("ics.detail.too_slow", "ics: time limit", seconds=round(timeout))
    return b"".join(chunks)
