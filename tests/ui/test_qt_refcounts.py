"""PySide6 6.12.0 gives back a reference to None on every call returning nothing; on Python 3.11 the
interpreter then aborts once None's count reaches zero (within hours for a tray app). Pin the behaviour of
the Qt binding we install so that an upgrade reintroducing it fails here, not on a practitioner's desktop."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_qt_calls_do_not_consume_references_to_none_or_booleans(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(2000):
        label.setText("x")
        label.setVisible(False)
        label.isVisible()
    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    assert all(a - b > -50 for a, b in zip(after, before, strict=True)), (before, after)
