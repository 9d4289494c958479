"""Doctolib rotates refresh tokens: every read of one CalMedi shares one sign-in, so that two reads at once (a
sync run and the settings window counting a change, or reading the agendas) never refresh with the same token."""

from __future__ import annotations

import threading

from calmedi_desktop.service import CalMedi
from tests.e2e.conftest import Sims


def test_two_reads_at_once_share_one_doctolib_sign_in(app: CalMedi, sims: Sims) -> None:
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def read() -> None:
        start.wait()
        try:
            app.doctolib_agendas()
        except BaseException as exc:  # collected, for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sims.doctolib.counts["token"] == 1
    assert len(sims.doctolib.oauth.live_refresh_tokens()) == 1
