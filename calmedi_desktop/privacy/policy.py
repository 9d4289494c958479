"""The published privacy policy, bundled with the app (English original, French translation).

``POLICY_VERSION`` is what every consent is recorded against: bump it whenever the text changes (a test pins
the text's digest to this version so that a change cannot go unnoticed).
"""

from __future__ import annotations

from importlib import resources

from calmedi_desktop.i18n import SUPPORTED, current_language

POLICY_VERSION = "1.0"


def policy_text(language: str | None = None) -> str:
    """The policy in ``language`` (``fr`` or ``en``); anything else, such as ``auto``, follows the UI language."""
    lang = language if language in SUPPORTED else current_language()
    resource = resources.files("calmedi_desktop").joinpath("resources", f"privacy-policy.{lang}.md")
    return resource.read_text(encoding="utf-8")
