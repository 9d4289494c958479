"""DoctolibAuth against the simulator: browser sign-in over the loopback receiver, rotation, revocation."""

from __future__ import annotations

import threading
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from calmedi_desktop import credentials
from calmedi_desktop.credentials import CredentialStore
from calmedi_desktop.demo.doctolib_sim import DoctolibSim
from calmedi_desktop.errors import (
    AuthDeniedError,
    AuthExpiredError,
    AuthTimeoutError,
    InsecureURLError,
    KeyringLockedError,
    NetworkError,
    NotConnectedError,
)
from calmedi_desktop.sync.sources.doctolib_auth import DoctolibAuth

from .conftest import EventLog, RecordingStore, endpoints_for

Factory = Callable[..., DoctolibAuth]


def run_connect(auth: DoctolibAuth, timeout: float = 10, **kwargs: object) -> tuple[list[BaseException], list[str]]:
    """connect() in a thread; this thread plays the browser: GET the shown URL, follow the redirect."""
    shown: list[str] = []
    errors: list[BaseException] = []
    ready = threading.Event()

    def show(url: str) -> None:
        shown.append(url)
        ready.set()

    def target() -> None:
        try:
            auth.connect(open_browser=False, show_url=show, timeout=timeout, **kwargs)  # type: ignore[arg-type]
        except BaseException as exc:
            errors.append(exc)
        finally:
            ready.set()

    thread = threading.Thread(target=target)
    thread.start()
    assert ready.wait(10)
    if shown:
        page = httpx.get(shown[0], follow_redirects=True, timeout=10)
        assert page.url.host == "127.0.0.1" and "CalMedi" in page.text
    thread.join(15)
    assert not thread.is_alive()
    return errors, shown


def test_connect_stores_only_the_refresh_token(
    sim: DoctolibSim, make_auth: Factory, memory_store: CredentialStore
) -> None:
    auth = make_auth()
    assert not auth.connected
    errors, shown = run_connect(auth)
    assert errors == []
    query = parse_qs(urlsplit(shown[0]).query)
    assert query["scope"] == ["openid offline_access"]
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) == 43
    assert query["redirect_uri"][0].startswith("http://127.0.0.1:") and query["redirect_uri"][0].endswith("/")
    stored = memory_store.get(credentials.DOCTOLIB)
    assert stored in sim.oauth.live_refresh_tokens()
    from calmedi_desktop.demo.memory_keyring import MemoryKeyring

    assert list(MemoryKeyring.entries().values()) == [stored]  # no access token in the keyring
    assert auth.connected
    tokens_after_connect = sim.counts["token"]
    assert auth.access_token().startswith("at-")
    assert sim.counts["token"] == tokens_after_connect  # the access token of the exchange is kept in memory


def test_access_denied(sim: DoctolibSim, make_auth: Factory, memory_store: CredentialStore) -> None:
    sim.deny_next_consent = True
    errors, _ = run_connect(make_auth())
    assert len(errors) == 1 and isinstance(errors[0], AuthDeniedError)
    assert errors[0].params["detail"] == "access_denied"
    assert memory_store.get(credentials.DOCTOLIB) is None
    assert sim.counts["token"] == 0


def test_connect_times_out_with_a_typed_error(sim: DoctolibSim, make_auth: Factory) -> None:
    with pytest.raises(AuthTimeoutError) as info:
        make_auth().connect(open_browser=False, show_url=lambda url: None, timeout=0.3)
    assert info.value.params["seconds"] == 1
    assert "doctolib" in info.value.message


def test_connect_can_be_cancelled(make_auth: Factory) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(AuthDeniedError, match="cancelled"):
        make_auth().connect(open_browser=False, show_url=lambda url: None, timeout=30, cancel=cancel)


def test_redirect_with_a_foreign_state_is_ignored(make_auth: Factory) -> None:
    auth = make_auth()
    shown: list[str] = []
    done = threading.Event()
    errors: list[BaseException] = []

    def target() -> None:
        try:
            auth.connect(open_browser=False, show_url=shown.append, timeout=1.0)
        except BaseException as exc:
            errors.append(exc)
        done.set()

    threading.Thread(target=target, daemon=True).start()
    for _ in range(100):
        if shown:
            break
        done.wait(0.02)
    redirect_uri = parse_qs(urlsplit(shown[0]).query)["redirect_uri"][0]
    forged = httpx.get(redirect_uri, params={"code": "forged", "state": "not-the-state"})
    assert forged.status_code == 400
    assert done.wait(5)
    assert len(errors) == 1 and isinstance(errors[0], AuthTimeoutError)


def test_connect_opens_the_browser_when_asked(sim: DoctolibSim, make_auth: Factory) -> None:
    opened: list[str] = []

    def browser(url: str) -> bool:
        opened.append(url)
        threading.Thread(target=lambda: httpx.get(url, follow_redirects=True), daemon=True).start()
        return True

    shown: list[str] = []
    make_auth(open_url=browser).connect(open_browser=True, show_url=shown.append, timeout=10)
    assert opened == shown and len(opened) == 1


def test_rotation_stores_the_new_token_before_using_it(sim: DoctolibSim) -> None:
    log = EventLog()
    store = RecordingStore(log)
    old = sim.issue_refresh_token()
    store.set(credentials.DOCTOLIB, old)
    with httpx.Client(event_hooks={"request": [log.hook]}) as http:
        auth = DoctolibAuth(endpoints_for(sim.url), store, http)
        token = auth.access_token()
        http.get(sim.url + "/api/accounts", headers={"Authorization": f"Bearer {token}"}).raise_for_status()
    new = store.get(credentials.DOCTOLIB)
    assert new != old and new in sim.oauth.live_refresh_tokens()
    stored_at = log.events.index(("store", new))
    used_at = log.events.index(("request", f"Bearer {token}"))
    assert stored_at < used_at
    # The old refresh token is dead now.
    answer = httpx.post(
        sim.url + "/oauth/token",
        data={"grant_type": "refresh_token", "refresh_token": old, "client_id": "calmedi-desktop"},
    )
    assert answer.status_code == 400 and answer.json() == {"error": "invalid_grant"}


def test_each_refresh_rotates_and_keeps_working(sim: DoctolibSim, make_auth: Factory, connected: str) -> None:
    auth = make_auth()
    seen = {connected}
    for _ in range(3):
        auth.access_token(force_refresh=True)
        assert auth._store.get(credentials.DOCTOLIB) not in seen
        seen.add(auth._store.get(credentials.DOCTOLIB) or "")
    assert sim.oauth.live_refresh_tokens() == {auth._store.get(credentials.DOCTOLIB)}


def test_a_keyring_failure_after_rotation_does_not_lose_the_grant(sim: DoctolibSim) -> None:
    store = RecordingStore(EventLog(), fail_sets=0)
    store.set(credentials.DOCTOLIB, sim.issue_refresh_token())
    store.fail_sets = 1
    auth = DoctolibAuth(endpoints_for(sim.url), store)
    with pytest.raises(KeyringLockedError):
        auth.access_token()
    # The keyring is back: the rotated token, kept in memory, is stored and used.
    assert auth.access_token().startswith("at-")
    assert store.get(credentials.DOCTOLIB) in sim.oauth.live_refresh_tokens()
    auth.close()


def test_concurrent_forced_refreshes_after_one_401_refresh_once(
    sim: DoctolibSim, make_auth: Factory, connected: str
) -> None:
    auth = make_auth()
    stale = auth.access_token()
    before = sim.counts["token"]
    barrier = threading.Barrier(6)
    results: list[str] = []

    def worker() -> None:
        barrier.wait()
        results.append(auth.access_token(force_refresh=True, rejected=stale))

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert sim.counts["token"] == before + 1
    assert len(set(results)) == 1 and results[0] != stale


def test_invalid_grant_is_auth_expired(sim: DoctolibSim, make_auth: Factory, connected: str) -> None:
    sim.revoke_refresh_tokens()
    with pytest.raises(AuthExpiredError) as info:
        make_auth().access_token()
    assert info.value.params == {"service": "Doctolib", "command": "doctolib"}


def test_no_token_is_not_connected(make_auth: Factory) -> None:
    with pytest.raises(NotConnectedError):
        make_auth().access_token()


def test_network_failure_is_network_error(make_auth: Factory, connected: str, sleeps: list[float]) -> None:
    with DoctolibSim() as gone:
        dead = endpoints_for(gone.url)
    with pytest.raises(NetworkError):
        make_auth(endpoints=dead).access_token()
    assert len(sleeps) == 3


def test_token_endpoint_busy_is_retried(
    sim: DoctolibSim, make_auth: Factory, connected: str, sleeps: list[float]
) -> None:
    sim.inject(503, count=1, retry_after=2, path="/oauth/token")
    assert make_auth().access_token().startswith("at-")
    assert sleeps == [2.0]


def test_revoke_ends_the_grant(
    sim: DoctolibSim, make_auth: Factory, memory_store: CredentialStore, connected: str
) -> None:
    auth = make_auth()
    token = auth.access_token()
    assert auth.revoke() is True
    assert sim.oauth.live_refresh_tokens() == set()
    assert not sim.oauth.access_ok(token)
    assert memory_store.get(credentials.DOCTOLIB) is not None  # the caller deletes it
    assert auth.disconnect() is True
    assert memory_store.get(credentials.DOCTOLIB) is None and not auth.connected


def test_revoke_never_raises(make_auth: Factory, connected: str) -> None:
    with DoctolibSim() as gone:
        dead = endpoints_for(gone.url)
    assert make_auth(endpoints=dead).revoke() is False


def test_http_issuer_off_loopback_is_refused(memory_store: CredentialStore) -> None:
    with pytest.raises(InsecureURLError):
        DoctolibAuth(endpoints_for("https://pro.doctolib.fr", issuer="http://issuer.example.org"), memory_store)


def test_discovered_http_endpoint_off_loopback_is_refused(sim: DoctolibSim, make_auth: Factory, connected: str) -> None:
    body = b'{"authorization_endpoint": "http://evil.example/a", "token_endpoint": "http://evil.example/t",'
    body += b' "revocation_endpoint": "https://x.example/r"}'
    sim.inject(200, path="/.well-known/openid-configuration", body=body)
    with pytest.raises(InsecureURLError):
        make_auth().access_token()
