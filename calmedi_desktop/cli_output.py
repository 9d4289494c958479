"""What every ``calmedi`` command shares: its exit codes (cli.py's docstring says what each means) and how it
prints a result or a one-line reason. A module of its own so that cli.py and the commands it loads lazily
(cli_caldav.py) use the same ones without importing each other.
"""

from __future__ import annotations

import json
import sys
from typing import Any

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_HELD = 0, 1, 2, 3


def out(data: Any, as_json: bool, text: str | None = None) -> None:
    if as_json:
        print(json.dumps(data, ensure_ascii=False, sort_keys=True))
    elif text is not None:
        print(text)
    else:
        for key, value in data.items() if isinstance(data, dict) else enumerate(data):
            print(f"{key}: {value}")


def err(message: str) -> None:
    print(f"calmedi: {message}", file=sys.stderr)
