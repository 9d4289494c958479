"""Run facade calls off the GUI thread (maestral-qt's BackgroundTask habit).

A task runs one callable on a daemon thread and reports through Qt signals, which Qt delivers on the GUI
thread. A task that fails emits ``failed`` with the exception; it never prints a traceback. The class keeps
every running task alive until it has reported, so callers need not hold a reference.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, ClassVar

import shiboken6
from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class BackgroundTask(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    done = Signal()

    _running: ClassVar[set[BackgroundTask]] = set()

    def __init__(self, work: Callable[[], Any], name: str = "calmedi-task") -> None:
        super().__init__()
        self._work = work
        self._name = name
        self.done.connect(self._forget)

    def start(
        self,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[Any], None] | None = None,
        owner: QObject | None = None,
    ) -> BackgroundTask:
        """``owner``: the widget the callbacks update; if it is gone when the task reports, they are skipped."""
        if on_success is not None:
            self.succeeded.connect(_guarded(on_success, owner))
        if on_error is not None:
            self.failed.connect(_guarded(on_error, owner))
        BackgroundTask._running.add(self)
        threading.Thread(target=self._run, name=self._name, daemon=True).start()
        return self

    def _run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:
            log.info("%s failed with %s", self._name, type(exc).__name__)
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
        finally:
            self.done.emit()

    def _forget(self) -> None:
        BackgroundTask._running.discard(self)

    @classmethod
    def running_count(cls) -> int:
        return len(cls._running)


def _guarded(callback: Callable[[Any], None], owner: QObject | None) -> Callable[[Any], None]:
    if owner is None:
        return callback

    def call(value: Any) -> None:
        if shiboken6.isValid(owner):
            callback(value)

    return call
