"""Typed errors that speak to the user.

Every error the facade raises is a CalmediError with a localised ``title`` and ``message`` (what happened and
what to do). Third-party exceptions are converted at the boundary that called the library, never later, so
that nothing above the core ever sees a raw library exception. ``technical`` is for the log: an error class
and a short fact, never appointment content.
"""

from __future__ import annotations

from calmedi_desktop.i18n import tr


class CalmediError(Exception):
    """Base of every error the user may see."""

    key = "error.generic"

    def __init__(self, technical: str = "", **params: object) -> None:
        self.params = params
        self.technical = technical
        super().__init__(self.message)

    @property
    def title(self) -> str:
        return tr(f"{self.key}.title", **self.params)

    @property
    def message(self) -> str:
        return tr(f"{self.key}.message", **self.params)

    def __str__(self) -> str:
        return f"{self.title}: {self.message}"


class ConfigError(CalmediError):
    key = "error.config"


class InvalidSettingError(ConfigError):
    key = "error.invalid_setting"


class InsecureURLError(ConfigError):
    key = "error.insecure_url"


class OAuthClientMissingError(ConfigError):
    key = "error.oauth_client_missing"


class KeyringError(CalmediError):
    key = "error.keyring"


class InsecureKeyringError(KeyringError):
    key = "error.keyring_insecure"


class KeyringLockedError(KeyringError):
    key = "error.keyring_locked"


class NotConnectedError(CalmediError):
    key = "error.not_connected"


class AuthExpiredError(CalmediError):
    """The stored refresh token was refused: the practitioner must sign in again."""

    key = "error.auth_expired"


class GoogleTestingExpiredError(AuthExpiredError):
    """Google refused a sign-in about 7 days old on the practitioner's own OAuth client: most likely a client in
    "Testing" publishing status, whose sign-ins Google ends after 7 days (see ``GoogleAccount.explain_refusal``)."""

    key = "error.auth_expired_testing"


class AuthDeniedError(CalmediError):
    key = "error.auth_denied"


class AuthTimeoutError(AuthDeniedError):
    """The sign-in page was not completed in time (or the wait was cancelled)."""

    key = "error.auth_timeout"


class NetworkError(CalmediError):
    key = "error.network"


class SourceError(CalmediError):
    """Reading a source failed: the run aborts before Google is touched."""

    key = "error.source"


class SourceDataError(SourceError):
    """The source answered something that is not what its contract says."""

    key = "error.source_data"


class TargetError(CalmediError):
    key = "error.target"


class QuotaError(TargetError):
    key = "error.quota"


class LicenceError(CalmediError):
    key = "error.licence"


class LicenceRequiredError(LicenceError):
    key = "error.licence_required"


class ProcessingPausedError(CalmediError):
    key = "error.processing_paused"


class DiskError(CalmediError):
    key = "error.disk"


class ExportExistsError(CalmediError):
    """The export destination exists and replacing it was not confirmed."""

    key = "error.export_exists"


class ExportRefusedError(CalmediError):
    """The export would have contained something that looks like a secret; nothing was written."""

    key = "error.export_refused"


# CalDAV (sync/targets/caldav*.py): parameters ``server`` (the host only) and, where said, ``detail``.


class CalDavError(TargetError):
    """A CalDAV server answered something CalMedi cannot use. Nothing was deleted because of it."""

    key = "error.caldav"


class CalDavAuthError(AuthExpiredError):
    """The server refused the user name or password (401)."""

    key = "error.caldav_auth"


class CalDavNotFoundError(CalDavError):
    """No CalDAV service answers at that address (no current-user-principal, even through the well-known URI)."""

    key = "error.caldav_not_found"


class CalDavNoHomeError(CalDavError):
    """The principal names no calendar-home-set: there is nowhere to create or find calendars."""

    key = "error.caldav_no_home"


class CalDavCreateRefusedError(CalDavError):
    """The server refused MKCALENDAR (403/405/501): the user may pick an existing calendar instead."""

    key = "error.caldav_create_refused"


class CalDavQuotaError(QuotaError):
    """The account is out of space (507, or 403 quota-not-exceeded)."""

    key = "error.caldav_quota"


class CalDavCalendarGoneError(CalDavError):
    """The calendar CalMedi writes to answered 404: it was deleted on the server."""

    key = "error.caldav_calendar_gone"
