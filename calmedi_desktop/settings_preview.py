"""What a settings change would look like before it is saved: the events it would insert, update and delete,
a made-up day as the next run would write it, an event's title at a privacy level.

The Settings pages and ``calmedi config KEY VALUE --dry-run`` ask these while the practitioner weighs a choice, so they
only read: nothing here saves a setting or writes to the calendar. They live apart from service.py, whose
methods delegate here, so that the facade stays a list of user actions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from calmedi_desktop.accounts import Accounts
from calmedi_desktop.config import Config
from calmedi_desktop.errors import InvalidSettingError, ProcessingPausedError
from calmedi_desktop.i18n import tr
from calmedi_desktop.settings_schema import PRIVACY_LEVELS, parse_user_value
from calmedi_desktop.sync.runner import window


class SettingsPreview:
    """Handed what it uses by the facade; ``licence`` is a getter because the facade builds it on first use."""

    def __init__(
        self, config: Config, accounts: Accounts, licence: Callable[[], Any], clock: Callable[[], datetime]
    ) -> None:
        self.config = config
        self.accounts = accounts
        self._licence = licence
        self.clock = clock

    def change_impact(self, changes: Mapping[str, Any]) -> dict[str, Any]:
        """See ``CalMedi.settings_change_impact``: counts from the real sources, refused like a run would be."""
        from calmedi_desktop.sync.impact import IMPACT_KEYS, change_impact

        parsed = {key: parse_user_value(key, value) for key, value in changes.items()}
        for key in parsed:
            if key not in IMPACT_KEYS:
                raise InvalidSettingError(f"{key}: not counted", key=key, reason=tr("setting.reason.not_counted"))
        if self.config.get("privacy.processing_paused"):
            raise ProcessingPausedError("processing paused by the user")
        self._licence().require_sync()
        # Read for whichever of the two levels shows more: a feed's names are needed to count a change of level.
        levels = {self.config.get("privacy.level"), parsed.get("privacy.level", "busy")}
        sources = self.accounts.sources(level=max(levels, key=PRIVACY_LEVELS.index))
        start, end = window(self.clock(), self.config.get("sync.past_days"), self.config.get("sync.future_days"))
        return {**change_impact(sources, start, end, self.config.get, parsed).as_dict(), "settings": parsed}

    def presentation(
        self,
        changes: Mapping[str, Any] | None = None,
        agendas: Sequence[Mapping[str, Any]] | None = None,
        language: str | None = None,
    ) -> list[dict[str, Any]]:
        """See ``CalMedi.presentation_preview``: a made-up day, nothing read."""
        from calmedi_desktop.sync.impact import options_from, overlay
        from calmedi_desktop.sync.sample_day import SampleAgenda, sample_day

        parsed = {key: parse_user_value(key, value) for key, value in (changes or {}).items()}
        get = overlay(self.config.get, parsed)
        sites = [SampleAgenda(int(a["id"]), str(a["name"]), a.get("place")) for a in agendas or ()]
        return sample_day(options_from(get), sites, get("sync.timezone"), language)

    @staticmethod
    def title(level: str, show_reason: bool, language: str | None = None) -> str:
        """See ``CalMedi.title_preview``: a made-up patient, never a real one."""
        from calmedi_desktop.privacy.redaction import example_title

        return example_title(level, show_reason, language)
