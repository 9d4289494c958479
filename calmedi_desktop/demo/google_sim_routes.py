"""Which Google endpoint a simulator request is for, how a Calendar v3 call maps onto the store, and the
shapes of the answers (JSON, a Google error with its optional Retry-After, an OAuth answer).

Pure functions, no lock and no counters: ``google_sim`` decides the order of the checks a real call goes
through (faults, bearer token, quota, body) and holds the lock around ``call_store``; batch parts are routed
here exactly like single calls, so that both count and answer alike.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

from calmedi_desktop.demo.google_sim_http import JSON_TYPE, Reply
from calmedi_desktop.demo.google_sim_oauth import Answer
from calmedi_desktop.demo.google_sim_store import ApiError, CalendarStore

API_PREFIX = "/calendar/v3/"
BATCH_PATH = "/batch/calendar/v3"
EVENT_WRITES = ("events.insert", "events.update", "events.patch", "events.delete")
# Google: "each patch request consumes three quota units" (calendars.patch, calendarList.patch reference pages).
QUOTA_UNITS = {"calendars.patch": 3, "calendarList.patch": 3}


def api_route(method: str, path: str) -> tuple[str, list[str]]:
    """(kind, path arguments) of a Calendar v3 request; kind "unknown" when no route matches."""
    segments = [unquote(s) for s in path[len(API_PREFIX) :].split("/")] if path.startswith(API_PREFIX) else []
    match segments, method:
        case ["calendars"], "POST":
            return "calendars.insert", []
        case ["calendars", cid], "GET" | "PATCH" | "DELETE":
            return f"calendars.{method.lower()}", [cid]
        case ["users", "me", "calendarList", cid], "GET" | "PATCH":
            return f"calendarList.{method.lower()}", [cid]
        case ["calendars", cid, "events"], "GET" | "POST":
            return f"events.{'list' if method == 'GET' else 'insert'}", [cid]
        case ["calendars", cid, "events", eid], "GET" | "PUT" | "PATCH" | "DELETE":
            verb = {"GET": "get", "PUT": "update", "PATCH": "patch", "DELETE": "delete"}[method]
            return f"events.{verb}", [cid, eid]
    return "unknown", []


def kind_of(method: str, path: str) -> str:
    """The name a request is counted and faulted under: an OAuth endpoint, "batch", or a Calendar call."""
    if path == "/o/oauth2/auth" and method == "GET":
        return "auth"
    if path == "/token" and method == "POST":
        return "token"
    if path == "/revoke" and method in ("POST", "GET"):
        return "revoke"
    if path == BATCH_PATH and method == "POST":
        return "batch"
    return api_route(method, path)[0]


def call_store(
    store: CalendarStore, kind: str, args: list[str], params: dict[str, list[str]], payload: dict[str, Any]
) -> dict[str, Any] | None:
    """Run one routed Calendar call on ``store`` (under the caller's lock); None for a 204. Raises ApiError."""
    match kind:
        case "calendars.insert":
            return store.insert_calendar(payload)
        case "calendars.get":
            return store.get_calendar(*args)
        case "calendars.patch":
            return store.patch_calendar(args[0], payload)
        case "calendars.delete":
            return store.delete_calendar(*args)
        case "calendarList.get":
            return store.get_list_entry(args[0])
        case "calendarList.patch":
            return store.patch_list_entry(args[0], params, payload)
        case "events.list":
            return store.list_events(args[0], params)
        case "events.insert":
            return store.insert_event(args[0], payload)
        case "events.get":
            return store.get_event(*args)
        case "events.update":
            return store.update_event(*args, payload)
        case "events.patch":
            return store.patch_event(*args, payload)
        case _:
            return store.delete_event(*args)


def json_reply(status: int, payload: Any, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, json.dumps(payload).encode(), JSON_TYPE, headers or {})


def error_reply(error: ApiError, retry_after: float | None = None) -> Reply:
    headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else {}
    return json_reply(error.status, error.body(), headers)


def answer_reply(answer: Answer) -> Reply:
    """An OAuth endpoint's answer on the wire: a redirect, an HTML page or JSON."""
    if answer.location is not None:
        return Reply(answer.status, b"", "text/html; charset=UTF-8", {"Location": answer.location})
    if answer.html is not None:
        return Reply(answer.status, answer.html.encode(), "text/html; charset=UTF-8")
    return json_reply(answer.status, answer.json or {})
