"""The facade's public place: everything ``ui/`` and the command line may import from CalMedi's core.

The UI and the CLI import from here and from nowhere else in ``calmedi_desktop`` (a test holds the rule, see
docs/architecture.md), so that the core can be rearranged behind this list without touching them:

- the facade ``CalMedi`` (every user action is one of its methods) and ``__version__``;
- the typed errors it raises (``errors`` as a namespace, and each class by name);
- the plain data it hands out: a run's ``SyncResult`` and ``Progress`` (with its phases), the sync loop's
  states (``STOPPED`` … ``BACKOFF``) and its two kinds of run (``FULL``, ``NEAR``), the ``SETTINGS``
  declarations (ranges for the widgets; ``MAX_REMINDER_MINUTES``, the pop-ups' bound, which a check holds),
  the event colours a practitioner chooses from (``EVENT_COLORS``: Google's palette, id -> hex), the settings
  whose effect on the calendar can be counted before they are applied (``IMPACT_KEYS``, of which
  ``LOOK_KEYS`` are the Calendar view page's) and those that change what is read (``READ_KEYS``);
- the core's words for them: ``tr``/``trn`` (gettext catalogues), ``status_lines``, ``progress_line``;
- ``Autostart`` (start at login), and demo mode (``DemoEnvironment``, ``run_demo_headless``).

The errors, the words and the progress types are imported at once (the CLI needs them to start); the rest on
first use (PEP 562), so that ``calmedi --version`` or ``--help`` does not pay for platformdirs, APScheduler,
keyring and the Google client.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from calmedi_desktop import __version__, errors
from calmedi_desktop.errors import (
    AuthDeniedError,
    AuthExpiredError,
    AuthTimeoutError,
    CalmediError,
    ConfigError,
    DiskError,
    ExportExistsError,
    ExportRefusedError,
    InsecureKeyringError,
    InsecureURLError,
    InvalidSettingError,
    KeyringError,
    KeyringLockedError,
    LicenceError,
    LicenceRequiredError,
    NetworkError,
    NotConnectedError,
    OAuthClientMissingError,
    ProcessingPausedError,
    QuotaError,
    SourceDataError,
    SourceError,
    TargetError,
)
from calmedi_desktop.i18n import current_language, set_language, tr, trn
from calmedi_desktop.status_text import progress_line, status_lines
from calmedi_desktop.sync.progress import COMPARING, READING, WRITING, Progress, ProgressCallback

if TYPE_CHECKING:
    from calmedi_desktop.autostart import Autostart
    from calmedi_desktop.demo.session import DemoEnvironment
    from calmedi_desktop.demo.session import run_headless as run_demo_headless
    from calmedi_desktop.palette import EVENT_COLORS
    from calmedi_desktop.service import CalMedi
    from calmedi_desktop.settings_schema import MAX_REMINDER_MINUTES, SETTINGS
    from calmedi_desktop.sync.impact import IMPACT_KEYS, LOOK_KEYS, READ_KEYS
    from calmedi_desktop.sync.model import SyncResult
    from calmedi_desktop.sync.scheduler import (
        BACKOFF,
        IDLE,
        PAUSED,
        STOPPED,
        SYNCING,
        SchedulerListener,
        SchedulerState,
        SyncScheduler,
    )
    from calmedi_desktop.sync.tiers import FULL, NEAR

# Exported name -> (module, name there), imported on first use. Keep in step with the TYPE_CHECKING imports
# above (tests/test_architecture.py checks that both say the same).
LAZY: dict[str, tuple[str, str]] = {
    "Autostart": ("calmedi_desktop.autostart", "Autostart"),
    "SETTINGS": ("calmedi_desktop.settings_schema", "SETTINGS"),
    "MAX_REMINDER_MINUTES": ("calmedi_desktop.settings_schema", "MAX_REMINDER_MINUTES"),
    "SyncResult": ("calmedi_desktop.sync.model", "SyncResult"),
    "CalMedi": ("calmedi_desktop.service", "CalMedi"),
    "DemoEnvironment": ("calmedi_desktop.demo.session", "DemoEnvironment"),
    "run_demo_headless": ("calmedi_desktop.demo.session", "run_headless"),
    "EVENT_COLORS": ("calmedi_desktop.palette", "EVENT_COLORS"),
    **{name: ("calmedi_desktop.sync.impact", name) for name in ("IMPACT_KEYS", "LOOK_KEYS", "READ_KEYS")},
    "FULL": ("calmedi_desktop.sync.tiers", "FULL"),
    "NEAR": ("calmedi_desktop.sync.tiers", "NEAR"),
    **{
        name: ("calmedi_desktop.sync.scheduler", name)
        for name in (
            "BACKOFF",
            "IDLE",
            "PAUSED",
            "STOPPED",
            "SYNCING",
            "SchedulerListener",
            "SchedulerState",
            "SyncScheduler",
        )
    },
}

__all__ = [
    "BACKOFF",
    "COMPARING",
    "EVENT_COLORS",
    "FULL",
    "IDLE",
    "IMPACT_KEYS",
    "LOOK_KEYS",
    "MAX_REMINDER_MINUTES",
    "NEAR",
    "PAUSED",
    "READING",
    "READ_KEYS",
    "SETTINGS",
    "STOPPED",
    "SYNCING",
    "WRITING",
    "AuthDeniedError",
    "AuthExpiredError",
    "AuthTimeoutError",
    "Autostart",
    "CalMedi",
    "CalmediError",
    "ConfigError",
    "DemoEnvironment",
    "DiskError",
    "ExportExistsError",
    "ExportRefusedError",
    "InsecureKeyringError",
    "InsecureURLError",
    "InvalidSettingError",
    "KeyringError",
    "KeyringLockedError",
    "LicenceError",
    "LicenceRequiredError",
    "NetworkError",
    "NotConnectedError",
    "OAuthClientMissingError",
    "ProcessingPausedError",
    "Progress",
    "ProgressCallback",
    "QuotaError",
    "SchedulerListener",
    "SchedulerState",
    "SourceDataError",
    "SourceError",
    "SyncResult",
    "SyncScheduler",
    "TargetError",
    "__version__",
    "current_language",
    "errors",
    "progress_line",
    "run_demo_headless",
    "set_language",
    "status_lines",
    "tr",
    "trn",
]


def __getattr__(name: str) -> Any:
    try:
        module, attribute = LAZY[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value  # the next lookup is an ordinary attribute
    return value
