"""What a CalDAV failure means, and the one boundary where transport exceptions become CalmediErrors.

Messages name the server's host and an HTTP status or a precondition (RFC 4791, RFC 4918, RFC 6578), never a
URL path (it holds the account name) nor a body (it may hold an appointment).
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from contextlib import contextmanager

import requests

from calmedi_desktop.errors import CalDavError, CalDavQuotaError, CalmediError, NetworkError
from calmedi_desktop.i18n import tr

log = logging.getLogger(__name__)

#: Preconditions that mean the account is out of space (RFC 4331), not that one event is wrong.
QUOTA_PRECONDITIONS = frozenset({"quota-not-exceeded"})


class ProtocolError(Exception):
    """The server's answer cannot be read as what the protocol says it should be."""


class HttpStatusError(Exception):
    """An answer with a status its caller did not expect."""

    def __init__(self, method: str, status: int, precondition: str | None = None) -> None:
        super().__init__(f"{method}: HTTP {status}" + (f" {precondition}" if precondition else ""))
        self.method = method
        self.status = status
        self.precondition = precondition

    @property
    def quota(self) -> bool:
        return is_quota(self.status, self.precondition)


def is_quota(status: int, precondition: str | None) -> bool:
    return status == 507 or (status == 403 and precondition in QUOTA_PRECONDITIONS)


def failure_class(status: int, precondition: str | None) -> str:
    """What ApplyResult.failures records for an event that ended on this answer."""
    if is_quota(status, precondition):
        return "QuotaError"
    if precondition == "no-uid-conflict":
        return "Conflict"
    return f"HttpError{status}"


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and what it wraps: requests wraps urllib3, which wraps the socket error (depth-limited)."""
    current: object = exc
    for _ in range(8):
        if not isinstance(current, BaseException):
            return
        yield current
        reason = getattr(current, "reason", None)
        first = current.args[0] if current.args else None
        current = current.__cause__ or current.__context__ or (reason if isinstance(reason, BaseException) else first)


def network_detail(exc: BaseException) -> str:
    for cause in _causes(exc):
        if isinstance(cause, requests.Timeout | TimeoutError | socket.timeout) or "Timeout" in type(cause).__name__:
            return tr("net.timeout")
        if isinstance(cause, socket.gaierror) or "NameResolution" in type(cause).__name__:
            return tr("net.server_not_found")
    return tr("net.connection_lost")


def http_detail(status: int, precondition: str | None = None) -> str:
    if precondition:
        return tr("caldav.detail.precondition", status=status, condition=precondition)
    return tr("caldav.detail.http", status=status)


def convert(exc: BaseException, action: str, host: str) -> CalmediError:
    """The CalmediError the user should see for an exception raised while doing ``action`` with ``host``."""
    if isinstance(exc, CalmediError):
        return exc
    name = type(exc).__name__
    if isinstance(exc, HttpStatusError):
        technical = f"{action}: {exc}"
        if exc.quota:
            return CalDavQuotaError(technical, server=host, detail=http_detail(exc.status, exc.precondition))
        return CalDavError(technical, server=host, detail=http_detail(exc.status, exc.precondition))
    if isinstance(exc, ProtocolError):
        return CalDavError(f"{action}: {name} {exc}", server=host, detail=tr("caldav.detail.bad_answer"))
    if isinstance(exc, requests.RequestException | OSError):
        return NetworkError(f"{action}: {name}", service=host, detail=network_detail(exc))
    return CalDavError(f"{action}: {name}", server=host, detail=tr("caldav.detail.unexpected", kind=name))


@contextmanager
def caldav_errors(action: str, host: str) -> Iterator[None]:
    """The boundary: nothing but a CalmediError leaves a CalDAV call made inside this block, and each one
    leaves one technical log line."""
    try:
        yield
    except CalmediError as exc:
        log.warning("caldav: %s failed: %s %s", action, type(exc).__name__, exc.technical)
        raise
    except Exception as exc:
        error = convert(exc, action, host)
        log.warning("caldav: %s failed: %s %s", action, type(error).__name__, error.technical)
        raise error from exc
