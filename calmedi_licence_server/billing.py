"""What Stripe says about a customer, through the official SDK, with Stripe's failures made typed.

Stripe is the server's only state. Subscriptions are read with ``status=all`` so that a cancelled one is seen
as cancelled rather than as "no subscription". Field access goes through plain dicts because the SDK's
``StripeObject`` is no longer a dict, and because where a field lives depends on the API version (Stripe
moved ``current_period_end`` to subscription items; localstripe still reports it on the subscription; real
accounts use Prices where localstripe only knows Plans).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import stripe

from calmedi_licence_server.settings import ServerSettings

log = logging.getLogger(__name__)

# Lower is better: the subscription shown is the one that gives the customer the most.
_RANK = {
    "active": 0,
    "trialing": 1,
    "past_due": 2,
    "unpaid": 3,
    "paused": 4,
    "incomplete": 5,
    "canceled": 6,
    "incomplete_expired": 7,
}
CONSENT_METADATA_KEYS = (
    "marketing_consent",
    "marketing_consent_policy",
    "marketing_consent_at",
    "marketing_consent_received_at",
)


class StripeUnavailable(Exception):
    """Stripe could not be asked (network, outage, throttling, or our own key refused)."""


class UnknownCustomer(Exception):
    """The customer a genuine key names no longer exists in Stripe."""


@dataclass(frozen=True)
class SubscriptionFacts:
    status: str
    plan: str | None
    plan_name: str | None
    period_end: int | None


NO_SUBSCRIPTION = SubscriptionFacts(status="none", plan=None, plan_name=None, period_end=None)


def _first_item(sub: dict[str, Any]) -> dict[str, Any]:
    items = (sub.get("items") or {}).get("data") or []
    return items[0] if items and isinstance(items[0], dict) else {}


def subscription_facts(sub: dict[str, Any]) -> SubscriptionFacts:
    item = _first_item(sub)
    price = item.get("price") or item.get("plan") or sub.get("plan") or {}
    period_end = sub.get("current_period_end") or item.get("current_period_end")
    return SubscriptionFacts(
        status=str(sub.get("status") or "none"),
        plan=price.get("id") if isinstance(price, dict) else None,
        plan_name=price.get("nickname") if isinstance(price, dict) else None,
        period_end=int(period_end) if isinstance(period_end, int | float) else None,
    )


def best_subscription(subs: list[dict[str, Any]]) -> SubscriptionFacts:
    if not subs:
        return NO_SUBSCRIPTION
    facts = [subscription_facts(s) for s in subs]
    return min(facts, key=lambda f: (_RANK.get(f.status, len(_RANK)), -(f.period_end or 0)))


class Billing:
    """The few Stripe calls the server makes. Async for the request path, sync for the command line."""

    def __init__(self, settings: ServerSettings) -> None:
        self._client = stripe.StripeClient(
            settings.stripe_secret_key,
            base_addresses={"api": settings.stripe_api_base},
            http_client=stripe.HTTPXClient(timeout=settings.stripe_timeout_s, allow_sync_methods=True),
            max_network_retries=settings.stripe_retries,
        )

    @staticmethod
    def _convert(exc: stripe.StripeError, what: str) -> Exception:
        if isinstance(exc, stripe.InvalidRequestError) and exc.http_status == 404:
            return UnknownCustomer(what)
        if isinstance(exc, stripe.AuthenticationError | stripe.PermissionError):
            # Our own key is wrong: an operator problem, not the practitioner's.
            log.error("Stripe refused the server's API key (%s) during %s", type(exc).__name__, what)
        else:
            log.warning("Stripe unavailable during %s: %s", what, type(exc).__name__)
        return StripeUnavailable(f"{type(exc).__name__} during {what}")

    async def licence_facts(self, customer: str) -> SubscriptionFacts:
        try:
            cus = (await self._client.v1.customers.retrieve_async(customer)).to_dict()
            if cus.get("deleted"):
                raise UnknownCustomer("customer deleted")
            page = await self._client.v1.subscriptions.list_async(
                params={"customer": customer, "status": "all", "limit": 100}
            )
        except stripe.StripeError as exc:
            raise self._convert(exc, "licence lookup") from exc
        return best_subscription([s.to_dict() for s in page.data])

    async def record_consent(self, customer: str, metadata: dict[str, str]) -> None:
        try:
            cus = (await self._client.v1.customers.retrieve_async(customer)).to_dict()
            if cus.get("deleted"):
                raise UnknownCustomer("customer deleted")
            await self._client.v1.customers.update_async(customer, params={"metadata": metadata})
        except stripe.StripeError as exc:
            raise self._convert(exc, "consent update") from exc

    def customer_exists(self, customer: str) -> bool:
        try:
            return not self._client.v1.customers.retrieve(customer).to_dict().get("deleted")
        except stripe.StripeError as exc:
            converted = self._convert(exc, "customer check")
            if isinstance(converted, UnknownCustomer):
                return False
            raise converted from exc
