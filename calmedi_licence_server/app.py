"""The licence server's HTTP API (Starlette, run by uvicorn).

``POST /v1/licence/refresh`` ``{"key": "CALMEDI-…"}`` → 200 ``{"token": "CMT1.…"}`` (see ``tokens.py``);
401 for a key that is not genuine or whose customer is gone; 429 past the per-key rate limit; 503 when Stripe
cannot be asked. ``POST /v1/consent`` ``{"key", "granted", "policy_version", "at"}`` records marketing consent
on the Stripe customer's metadata. ``GET /healthz`` never touches Stripe. Every error body is JSON:
``{"error": code, "message": text for an operator}``; the app shows its own localised words.

Nothing here logs a licence key; customer ids are logged masked.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from calmedi_licence_server import keys
from calmedi_licence_server.billing import Billing, StripeUnavailable, UnknownCustomer
from calmedi_licence_server.ratelimit import RateLimiter
from calmedi_licence_server.settings import ServerSettings
from calmedi_licence_server.tokens import TokenClaims, sign_token

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 4096
STRIPE_RETRY_AFTER_S = 60
_POLICY_VERSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")
# Consent timestamps come from the practitioner's clock: accept some skew, refuse the absurd.
_CONSENT_FUTURE_SKEW = timedelta(days=1)
_CONSENT_EARLIEST = datetime(2020, 1, 1, tzinfo=UTC)


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, retry_after: int | None = None) -> None:
        super().__init__(code)
        self.status, self.code, self.message, self.retry_after = status, code, message, retry_after

    def response(self) -> JSONResponse:
        body: dict[str, Any] = {"error": self.code, "message": self.message}
        headers = {}
        if self.retry_after is not None:
            body["retry_after"] = self.retry_after
            headers["Retry-After"] = str(self.retry_after)
        return JSONResponse(body, status_code=self.status, headers=headers)


INVALID_KEY = ApiError(401, "invalid_key", "This licence key is not valid. Check it, or contact CalMedi support.")
STRIPE_DOWN = ApiError(
    503,
    "stripe_unavailable",
    "The licence server cannot reach the billing service (Stripe) right now. The app keeps its current licence "
    "during its grace period; try again later.",
    retry_after=STRIPE_RETRY_AFTER_S,
)


def mask(customer: str) -> str:
    return f"cus_…{customer[-4:]}"


async def _json_body(request: Request) -> dict[str, Any]:
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        raise ApiError(413, "too_large", f"Request bodies are limited to {MAX_BODY_BYTES} bytes.")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "bad_request", "The body must be a JSON object.") from None
    if not isinstance(data, dict):
        raise ApiError(400, "bad_request", "The body must be a JSON object.")
    key = data.get("key")
    if not isinstance(key, str) or not key.strip() or len(key) > keys.MAX_KEY_CHARS:
        raise ApiError(400, "bad_request", 'The body needs a licence key in "key".')
    return data


def _parse_consent_time(raw: object, now: datetime) -> datetime:
    try:
        when = datetime.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        when = None
    if when is None or when.tzinfo is None or not _CONSENT_EARLIEST <= when <= now + _CONSENT_FUTURE_SKEW:
        raise ApiError(400, "bad_request", '"at" must be an ISO 8601 time with an offset, not in the future.')
    return when.astimezone(UTC)


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def create_app(settings: ServerSettings, *, clock: Callable[[], datetime] | None = None) -> Starlette:
    """Build the ASGI app. ``clock`` (aware UTC ``datetime``) exists for tests that move time."""
    now: Callable[[], datetime] = clock or (lambda: datetime.now(UTC))
    billing = Billing(settings)
    refresh_limiter = RateLimiter(settings.rate_limit, settings.rate_window_s)
    # A separate budget, so that recording consent never costs the practitioner a licence refresh.
    consent_limiter = RateLimiter(settings.rate_limit, settings.rate_window_s)

    def authorise(key: str, limiter: RateLimiter) -> str:
        # Limit before checking the MAC so that guessing keys is throttled exactly like using one.
        wait = limiter.hit(RateLimiter.bucket(keys.normalise(key)))
        if wait:
            raise ApiError(429, "rate_limited", f"Too many requests for this key; retry in {wait} s.", wait)
        customer = keys.customer_for_key(key, settings.key_secret)
        if customer is None:
            raise INVALID_KEY
        return customer

    async def refresh(request: Request) -> JSONResponse:
        try:
            data = await _json_body(request)
            customer = authorise(data["key"], refresh_limiter)
            facts = await billing.licence_facts(customer)
        except ApiError as exc:
            return exc.response()
        except UnknownCustomer:
            log.info("refresh refused: customer no longer in Stripe")
            return INVALID_KEY.response()
        except StripeUnavailable:
            return STRIPE_DOWN.response()
        issued = now()
        claims = TokenClaims(
            customer=customer,
            plan=facts.plan,
            plan_name=facts.plan_name,
            status=facts.status,
            period_end=facts.period_end,
            issued_at=int(issued.timestamp()),
            expires_at=int((issued + settings.token_lifetime).timestamp()),
            manage_url=settings.manage_url,
        )
        log.info("token issued for %s: %s", mask(customer), facts.status)
        return JSONResponse({"token": sign_token(claims, settings.signing_key)})

    async def consent(request: Request) -> JSONResponse:
        try:
            data = await _json_body(request)
            granted, policy = data.get("granted"), data.get("policy_version")
            if not isinstance(granted, bool):
                raise ApiError(400, "bad_request", '"granted" must be true or false.')
            if not isinstance(policy, str) or not _POLICY_VERSION.fullmatch(policy):
                raise ApiError(400, "bad_request", "\"policy_version\" must be 1-40 letters, digits, '.', '_' or '-'.")
            received = now()
            when = _parse_consent_time(data.get("at"), received)
            customer = authorise(data["key"], consent_limiter)
            await billing.record_consent(
                customer,
                {
                    "marketing_consent": "granted" if granted else "withdrawn",
                    "marketing_consent_policy": policy,
                    "marketing_consent_at": _iso(when),
                    "marketing_consent_received_at": _iso(received),
                },
            )
        except ApiError as exc:
            return exc.response()
        except UnknownCustomer:
            return INVALID_KEY.response()
        except StripeUnavailable:
            return STRIPE_DOWN.response()
        log.info("consent recorded for %s", mask(customer))
        return JSONResponse({"recorded": True})

    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"ok": True})

    return Starlette(
        routes=[
            Route("/v1/licence/refresh", refresh, methods=["POST"]),
            Route("/v1/consent", consent, methods=["POST"]),
            Route("/healthz", health, methods=["GET"]),
        ]
    )
