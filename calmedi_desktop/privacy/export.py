"""Right of access and portability: one ZIP of everything CalMedi holds about the practitioner.

The ZIP holds JSON documents described by the JSON Schemas in ``docs/export-schema/``, the technical logs of
the last 12 months and a bilingual README. It never holds a token, a licence key or an appointment: the caller
passes only descriptive data, and ``build_export`` refuses (before writing anything) a document with a key
named like a secret or a value shaped like one. The file is created 0600 under a temporary name and published
in one step, without ever replacing an existing file unless asked to.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import stat
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from calmedi_desktop.errors import DiskError, ExportExistsError, ExportRefusedError
from calmedi_desktop.paths import FILE_MODE
from calmedi_desktop.privacy.logs import LINE_KEYS, SECRET_PATTERNS, scrub
from calmedi_desktop.privacy.retention import as_utc, log_cutoff

EXPORT_SCHEMA_VERSION = 1
DOCUMENTS = ("profile.json", "accounts.json", "settings.json", "consents.json", "licence.json")
LOGS = "logs.jsonl"
README = "README.txt"
MANIFEST = "manifest.json"

_SECRET_WORDS = frozenset(
    {"token", "tokens", "secret", "secrets", "key", "keys", "apikey", "password", "passwords", "passwd", "refresh"}
)
_KEY_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
# A lone run of 40+ key characters mixing upper case, lower case and digits: random, hence a secret. Hashes and
# Google ids are lower case, and calendar ids carry an '@', so they pass.
_OPAQUE = re.compile(r"^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)[A-Za-z0-9_\-+/=.~]{40,}$")

README_TEXT = """\
CalMedi Desktop — export de vos données / export of your data
==============================================================

FRANÇAIS

Cette archive contient toutes les données que CalMedi Desktop conserve à votre sujet sur cet ordinateur
(droit d'accès et droit à la portabilité, RGPD articles 15 et 20). Elle ne contient aucun rendez-vous :
CalMedi n'en enregistre jamais. Elle ne contient ni jeton d'accès ni clé de licence : ils restent dans le
trousseau du système et ne sont jamais exportés.

  manifest.json   Description de l'archive : version du format, version de CalMedi, date de création, et
                  pour chaque fichier sa taille et son empreinte SHA-256 (pour vérifier qu'il est intact).
  profile.json    Votre profil : prénom, nom, adresse e-mail professionnelle, téléphone (tels que saisis
                  dans les réglages ; modifiables à tout moment).
  accounts.json   Les comptes connectés (Google, Doctolib, flux iCalendar, agenda CalDAV) : s'ils sont
                  connectés, depuis quand, et l'identité affichée ; pour CalDAV, le serveur, l'utilisateur et
                  l'agenda utilisé. Aucun jeton, aucun mot de passe.
  settings.json   Vos réglages (fenêtre de synchronisation, niveau de confidentialité, rappels, couleurs,
                  filtres des rendez-vous affichés, langue…).
  consents.json   Votre consentement aux communications commerciales : état actuel et historique complet
                  de chaque acceptation et retrait, avec la date et la version de la politique.
  licence.json    L'état de votre licence (statut, formule, dates). Jamais la clé.
  logs.jsonl      Les journaux techniques des 12 derniers mois, une ligne JSON par événement : date,
                  niveau, composant, message technique (nombres, durées, types d'erreur, identifiants
                  hachés). Les journaux plus anciens sont supprimés automatiquement.
  README.txt      Ce fichier.

Les fichiers JSON sont décrits par des schémas JSON (docs/export-schema/ dans le code source de CalMedi).
Questions : support@calmedi.io.

ENGLISH

This archive holds all the data CalMedi Desktop keeps about you on this computer (right of access and right
to data portability, GDPR articles 15 and 20). It holds no appointment: CalMedi never stores any. It holds no
access token and no licence key: they stay in the system keyring and are never exported.

  manifest.json   About the archive: format version, CalMedi version, creation date, and for each file its
                  size and SHA-256 digest (to check that it is intact).
  profile.json    Your profile: first name, last name, professional e-mail address, phone (as entered in the
                  settings; you can change them at any time).
  accounts.json   The connected accounts (Google, Doctolib, iCalendar feeds, CalDAV calendar): whether they
                  are connected, since when, and the identity shown; for CalDAV, the server, the user and the
                  calendar used. No token, no password.
  settings.json   Your settings (sync window, privacy level, reminders, colours, filters of what is shown,
                  language…).
  consents.json   Your consent to marketing communications: current state and the full history of every
                  grant and withdrawal, with its date and the policy version.
  licence.json    Your licence's state (status, plan, dates). Never the key.
  logs.jsonl      The technical logs of the last 12 months, one JSON line per event: time, level, component,
                  technical message (counts, durations, error types, hashed ids). Older logs are deleted
                  automatically.
  README.txt      This file.

The JSON files are described by JSON Schemas (docs/export-schema/ in CalMedi's source code).
Questions: support@calmedi.io.
"""


def default_name(now: datetime) -> str:
    return f"calmedi-export-{now:%Y%m%d-%H%M%S}.zip"


def build_export(
    dest: Path,
    *,
    profile: dict[str, Any],
    accounts: dict[str, Any],
    settings: dict[str, Any],
    consents: list[dict[str, Any]],
    licence: dict[str, Any],
    log_lines: Iterable[dict[str, Any]],
    app_version: str,
    now: datetime,
    overwrite: bool = False,
) -> Path:
    """Write the export ZIP and return its path. ``dest`` may be a folder (a dated name is chosen inside).

    Raises ExportExistsError (the file exists and ``overwrite`` is False), ExportRefusedError (something
    looks like a secret; nothing written) or DiskError.
    """
    target = Path(dest) / default_name(now) if Path(dest).is_dir() else Path(dest)
    if target.exists() and not overwrite:
        raise ExportExistsError("export destination exists", path=str(target))
    documents: dict[str, Any] = {
        "profile.json": profile,
        "accounts.json": accounts,
        "settings.json": settings,
        "consents.json": consents_document(consents),
        "licence.json": licence,
    }
    cutoff = log_cutoff(now)
    lines = [line for entry in log_lines if (line := _log_line(entry, cutoff)) is not None]
    for name, document in documents.items():
        refuse_secrets(document, name)
    refuse_secrets(lines, LOGS)

    payloads = {name: _json_bytes(document) for name, document in documents.items()}
    payloads[LOGS] = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode("utf-8")
    payloads[README] = README_TEXT.encode("utf-8")
    manifest = {
        "schema_version": EXPORT_SCHEMA_VERSION,
        "app": "CalMedi Desktop",
        "app_version": app_version,
        "created_at": as_utc(now).isoformat(timespec="seconds"),
        "files": [
            {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in payloads.items()
        ],
    }
    _write_zip(target, {MANIFEST: _json_bytes(manifest), **payloads}, now, overwrite)
    return target


def consents_document(history: list[dict[str, Any]]) -> dict[str, Any]:
    events = [dict(event) for event in history]
    return {"purpose": "marketing", "current": bool(events) and events[-1].get("action") == "grant", "history": events}


def _named_like_a_secret(key: str) -> bool:
    words = [word.lower() for word in _KEY_WORDS.findall(key)]
    # "token_expires_at" names a time, not a secret: its value still goes through the shape checks.
    return bool(_SECRET_WORDS.intersection(words)) and words[-1] != "at"


def refuse_secrets(value: Any, where: str) -> None:
    """Raise ExportRefusedError if a key named like a secret holds more than a yes/no (``key_stored: true`` is
    a fact, ``licence_key: "..."`` is not), or if a string is shaped like a secret."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            path = f"{where}:{key}"
            if _named_like_a_secret(str(key)) and not (item is None or isinstance(item, bool)):
                raise ExportRefusedError(f"secret-like key in {where}", field=path)
            refuse_secrets(item, path)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            refuse_secrets(item, f"{where}[{index}]")
    elif isinstance(value, str) and (_OPAQUE.match(value) or any(p.search(value) for p in SECRET_PATTERNS)):
        raise ExportRefusedError(f"secret-like value in {where}", field=where)


def _log_line(entry: Any, cutoff: datetime) -> dict[str, Any] | None:
    """A log line reduced to the documented keys, if it is within the retention window."""
    if not isinstance(entry, Mapping) or not all(isinstance(entry.get(k), str) for k in ("ts", "level", "logger")):
        return None
    try:
        if as_utc(datetime.fromisoformat(entry["ts"].replace("Z", "+00:00"))) < cutoff:
            return None
    except ValueError:
        return None
    line = {key: entry[key] for key in LINE_KEYS if key in entry}
    # Lines were scrubbed when written; scrub again with today's rules rather than refuse the whole export.
    line["msg"] = scrub(str(line.get("msg", "")))
    return line


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return as_utc(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not exportable: {type(value).__name__}")


def _json_bytes(document: Any) -> bytes:
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False, default=_json_default)
    return (text + "\n").encode("utf-8")


def _write_zip(target: Path, files: dict[str, bytes], now: datetime, overwrite: bool) -> None:
    stamp = as_utc(now)
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".calmedi-export-", suffix=".tmp", dir=target.parent)
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for name, data in files.items():
                    info = zipfile.ZipInfo(name, date_time=date_time)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = (stat.S_IFREG | FILE_MODE) << 16  # unzip restores owner-only
                    archive.writestr(info, data)
            fh.flush()
            os.fsync(fh.fileno())
        _publish(Path(tmp), target, overwrite)
        tmp = None
    except OSError as exc:
        detail = "disk full" if exc.errno == errno.ENOSPC else (exc.strerror or type(exc).__name__)
        raise DiskError(type(exc).__name__, path=str(target), detail=detail) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _publish(tmp: Path, target: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(tmp, target)
        return
    try:
        # A hard link creates the name only if it is free: no window in which another file could be replaced.
        os.link(tmp, target)
    except FileExistsError:
        raise ExportExistsError("export destination appeared", path=str(target)) from None
    except OSError:
        # Some file systems (FAT/exFAT USB sticks) have no hard links: check, then rename.
        if target.exists():
            raise ExportExistsError("export destination exists", path=str(target)) from None
        os.replace(tmp, target)
        return
    os.unlink(tmp)
