"""CalMedi's licence server: the only holder of the vendor's Stripe key.

The desktop app sends its licence key; the server finds the customer's subscription in Stripe and answers a
short-lived Ed25519-signed token that the app verifies offline. Stripe is the only state (no database). The
server never receives patient data: the app sends a licence key, and optionally a marketing-consent record.

Installed with the ``licence-server`` extra; run with ``calmedi-licence-server`` (see ``__main__``). The
desktop package never imports this one: the token format is a small contract written down in
``tokens.py`` here and in ``calmedi_desktop/licence/tokens.py`` there, and end-to-end tests hold them together.
"""

from calmedi_licence_server.app import create_app
from calmedi_licence_server.settings import ServerSettings, SettingsError

__all__ = ["ServerSettings", "SettingsError", "create_app"]
