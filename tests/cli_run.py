"""Run the `calmedi` command in-process, as the tests read it: exit code, stdout (parsed if JSON), stderr."""

from __future__ import annotations

import json
from typing import Any

import pytest

from calmedi_desktop.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    try:
        data = json.loads(out) if out.strip() else None
    except json.JSONDecodeError:
        data = out
    return code, data, err
