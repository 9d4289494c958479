"""The app side of the licence: activation, offline verification, refresh, trial and grace.

Public API: ``LicenceManager`` (see ``manager.py``), ``LicenceStatus`` and the state names in ``STATES``
(``trial``, ``active``, ``grace``, ``expired``, ``invalid``), ``LicenceKeyRefusedError``.

The licence server answers a short-lived token signed with the vendor's Ed25519 key; the app verifies it
offline, every time, with the public key it ships (``calmedi_desktop/resources/licence_public_key.pem``).

Test-only override of that public key, deliberately narrow:
- the ``public_key=`` argument of ``LicenceManager`` (tests construct the manager themselves), and
- the environment variable ``CALMEDI_LICENCE_PUBLIC_KEY_FILE`` (a PEM file), honoured ONLY when the licence
  server URL (``CALMEDI_LICENCE_URL``) is a loopback address, i.e. a test or demo server on this machine. For
  any other server it is ignored with a warning, so the shipped key always decides against a real server.
Plain ``http://`` licence URLs are refused unless they are loopback.
"""

from calmedi_desktop.licence.manager import LicenceKeyRefusedError, LicenceManager
from calmedi_desktop.licence.status import GRACE_DAYS, STATES, TRIAL_DAYS, LicenceStatus

__all__ = ["GRACE_DAYS", "STATES", "TRIAL_DAYS", "LicenceKeyRefusedError", "LicenceManager", "LicenceStatus"]
