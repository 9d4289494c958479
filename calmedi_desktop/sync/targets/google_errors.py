"""What a Google failure means, and the one boundary where library exceptions become CalmediErrors.

Classification follows Google's guidance for Calendar: retry 429, 403 rate limits (``rateLimitExceeded``,
``userRateLimitExceeded``, other ``usageLimits`` reasons but the daily limit), 5xx and network errors; never
any other 4xx. Error details shown to the user hold a status and a reason code, never an event or a URL (which
would carry calendar and event ids).
"""

from __future__ import annotations

import http.client
import json
import logging
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NoReturn

import httplib2
from google.auth import exceptions as auth_exceptions
from googleapiclient.errors import HttpError

from calmedi_desktop.errors import (
    AuthExpiredError,
    CalmediError,
    NetworkError,
    QuotaError,
    TargetError,
)
from calmedi_desktop.i18n import tr
from calmedi_desktop.sync.retry import Retryable, parse_retry_after

log = logging.getLogger(__name__)

#: Transport failures: the request may or may not have reached Google.
NETWORK_ERRORS: tuple[type[BaseException], ...] = (
    OSError,  # socket errors, timeouts (TimeoutError), resets (ConnectionError), TLS errors
    http.client.HTTPException,
    httplib2.HttpLib2Error,
    auth_exceptions.TransportError,
)
RATE_LIMIT_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded"})
QUOTA_REASONS = RATE_LIMIT_REASONS | {"dailyLimitExceeded", "quotaExceeded"}
NOT_RETRIED_QUOTA_REASONS = frozenset({"dailyLimitExceeded"})


@dataclass(frozen=True)
class Failure:
    """The facts of an HTTP error answer from Google."""

    status: int
    reason: str = ""
    domain: str = ""
    retry_after: float | None = None

    @property
    def quota(self) -> bool:
        return self.status == 429 or (
            self.status == 403 and (self.reason in QUOTA_REASONS or self.domain == "usageLimits")
        )

    @property
    def retryable(self) -> bool:
        if self.status == 429 or self.status >= 500:
            return True
        return self.status == 403 and self.quota and self.reason not in NOT_RETRIED_QUOTA_REASONS

    @property
    def refused_for_quota(self) -> bool:
        """A quota refusal that may be waited out (not the daily limit, which is an error until tomorrow)."""
        return self.quota and self.retryable

    @property
    def error_class(self) -> str:
        """What ApplyResult.failures records for an event that ended on this answer."""
        return "QuotaError" if self.quota else f"HttpError{self.status}"


def describe(exc: HttpError) -> Failure:
    status = int(exc.resp.status)
    reason = domain = ""
    try:
        content = exc.content.decode("utf-8") if isinstance(exc.content, bytes) else str(exc.content)
        error = json.loads(content).get("error")
        if isinstance(error, dict):
            first = (error.get("errors") or [{}])[0]
            reason, domain = str(first.get("reason", "")), str(first.get("domain", ""))
        elif isinstance(error, str):
            reason = error
    except (ValueError, AttributeError, TypeError, IndexError):
        pass
    return Failure(status, reason, domain, parse_retry_after(exc.resp.get("retry-after")))


def as_retryable(exc: BaseException) -> BaseException:
    """Wrap ``exc`` in Retryable if another attempt may succeed; return it unchanged otherwise."""
    if isinstance(exc, HttpError):
        failure = describe(exc)
        return Retryable(exc, failure.retry_after) if failure.retryable else exc
    if isinstance(exc, auth_exceptions.RefreshError):
        return Retryable(exc) if getattr(exc, "retryable", False) else exc
    if isinstance(exc, NETWORK_ERRORS):
        return Retryable(exc)
    return exc


def raise_for_retry(exc: BaseException) -> NoReturn:
    """Raise ``exc`` wrapped in Retryable when another attempt may succeed, as it is otherwise."""
    wrapped = as_retryable(exc)
    if wrapped is exc:
        raise exc
    raise wrapped from exc


def network_detail(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError | socket.timeout):
        return tr("net.timeout")
    if isinstance(exc, socket.gaierror | httplib2.ServerNotFoundError):
        return tr("net.server_not_found")
    if isinstance(exc, ConnectionError | http.client.HTTPException):
        return tr("net.connection_lost")
    return type(exc).__name__


def http_detail(failure: Failure) -> str:
    return tr("google.detail.http", status=failure.status, reason=failure.reason or "-")


def refresh_reason(exc: auth_exceptions.RefreshError) -> str:
    """The ``error`` code of the token endpoint's answer to a refused refresh (google-auth passes the decoded
    answer as the second argument), or "" when there was none."""
    answer = exc.args[1] if len(exc.args) > 1 else None
    code = answer.get("error") if isinstance(answer, dict) else None
    return code if isinstance(code, str) and code.replace("_", "").isalnum() else ""


def convert(exc: BaseException, action: str) -> CalmediError:
    """The CalmediError the user should see for a library exception raised while doing ``action``."""
    service = tr("service.google")
    name = type(exc).__name__
    if isinstance(exc, CalmediError):
        return exc
    if isinstance(exc, auth_exceptions.RefreshError):
        if getattr(exc, "retryable", False):
            return NetworkError(f"{action}: {name} (retryable)", service=service, detail=name)
        reason = refresh_reason(exc)  # an OAuth error code such as invalid_grant: the caller may explain it
        return AuthExpiredError(f"{action}: {name} {reason}".rstrip(), service=service, command="google", reason=reason)
    if isinstance(exc, HttpError):
        failure = describe(exc)
        technical = f"{action}: HttpError {failure.status} {failure.reason}"
        if failure.status == 401:
            return AuthExpiredError(technical, service=service, command="google")
        if failure.quota:
            return QuotaError(technical, detail=http_detail(failure))
        return TargetError(technical, detail=http_detail(failure))
    if isinstance(exc, NETWORK_ERRORS):
        return NetworkError(f"{action}: {name}", service=service, detail=network_detail(exc))
    return TargetError(f"{action}: {name}", detail=tr("google.detail.unexpected", kind=name))


@contextmanager
def google_errors(action: str) -> Iterator[None]:
    """The boundary: nothing but a CalmediError leaves a Google call made inside this block."""
    try:
        yield
    except CalmediError:
        raise
    except Exception as exc:
        error = convert(exc, action)
        log.warning("google: %s failed: %s", action, error.technical)
        raise error from exc
