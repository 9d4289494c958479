"""``calmedi-licence-server``: run the server, issue licence keys, create the signing key.

    calmedi-licence-server [serve]                      serve the API (settings from the environment)
    calmedi-licence-server issue-key --customer cus_…   print a licence key for a Stripe customer
    calmedi-licence-server generate-signing-key --out PATH
                                                        write a new Ed25519 private key (0600) and print
                                                        the public key to ship in the app

Exit status: 0 on success, 2 for a configuration problem (one line on stderr), 1 otherwise.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from calmedi_licence_server import keys
from calmedi_licence_server.settings import ServerSettings, SettingsError, key_secret_from_env


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="calmedi-licence-server", description="CalMedi licence server.")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("serve", help="serve the licence API (the default)")
    issue = sub.add_parser("issue-key", help="print a licence key bound to a Stripe customer")
    issue.add_argument("--customer", required=True, help="Stripe customer id (cus_…)")
    issue.add_argument(
        "--verify", action="store_true", help="first check in Stripe that the customer exists (needs the Stripe key)"
    )
    gen = sub.add_parser("generate-signing-key", help="create the Ed25519 key that signs licence tokens")
    gen.add_argument("--out", required=True, type=Path, help="where to write the PRIVATE key (never in the repo)")
    return parser


def _serve() -> int:
    import uvicorn

    from calmedi_licence_server.app import create_app

    settings = ServerSettings.from_env()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # The SDK logs every request URL, customer ids included, at INFO; our own lines mask them.
    logging.getLogger("stripe").setLevel(logging.WARNING)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, server_header=False)
    return 0


def _issue_key(customer: str, verify: bool) -> int:
    secret = key_secret_from_env()
    if verify:
        from calmedi_licence_server.billing import Billing

        if not Billing(ServerSettings.from_env()).customer_exists(customer):
            print(f"calmedi-licence-server: no customer {customer} in Stripe", file=sys.stderr)
            return 1
    try:
        print(keys.issue_key(customer, secret))
    except ValueError as exc:
        print(f"calmedi-licence-server: {exc}", file=sys.stderr)
        return 2
    return 0


def _generate_signing_key(out: Path) -> int:
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    try:
        # O_EXCL: never overwrite a signing key, which would invalidate every shipped app.
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        print(f"calmedi-licence-server: {out} already exists; refusing to overwrite a signing key", file=sys.stderr)
        return 1
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    sys.stdout.write(public.decode("ascii"))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "issue-key":
            return _issue_key(args.customer, args.verify)
        if args.command == "generate-signing-key":
            return _generate_signing_key(args.out)
        return _serve()
    except SettingsError as exc:
        print(f"calmedi-licence-server: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
